import { PASSWORD_MIN_LENGTH } from '../../accounts/passwords.ts';
import { AdminLayout, CsrfField, FormError } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export function ResetRequestPage({ view, sent = false }: { view: AdminView; sent?: boolean }) {
  return (
    <AdminLayout view={view} title="Reset your password">
      {sent ? (
        <p role="status">
          If that address has an account, a message with a link to choose a new password is on its
          way. The link works once, within an hour.
        </p>
      ) : (
        <form method="post" action="/admin/password-reset" class="admin-form admin-form--narrow">
          <CsrfField view={view} />
          <label for="email">Your account's email address</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            maxLength={254}
          />
          <button type="submit">Email me a link</button>
        </form>
      )}
      <p>
        <a href="/admin/login">Back to sign in</a>
      </p>
    </AdminLayout>
  );
}

export function NewPasswordPage({
  view,
  token,
  error,
}: {
  view: AdminView;
  token: string;
  error?: string;
}) {
  return (
    <AdminLayout view={view} title="Choose a new password">
      <FormError message={error} />
      <form method="post" action={`/admin/reset/${token}`} class="admin-form admin-form--narrow">
        <CsrfField view={view} />
        <label for="password">New password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={1024}
          aria-describedby="password-help"
        />
        <p id="password-help" class="admin-help">
          At least {PASSWORD_MIN_LENGTH} characters. A few words you will remember work well.
          Signing in everywhere else ends when you save it.
        </p>
        <button type="submit">Save the new password</button>
      </form>
    </AdminLayout>
  );
}

export function MessagePage({
  view,
  title,
  message,
  link,
}: {
  view: AdminView;
  title: string;
  message: string;
  link?: { href: string; label: string };
}) {
  return (
    <AdminLayout view={view} title={title}>
      <p>{message}</p>
      {link && (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      )}
    </AdminLayout>
  );
}
