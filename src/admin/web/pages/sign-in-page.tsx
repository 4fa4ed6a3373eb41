import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export function SignInPage({
  view,
  email = '',
  next = '',
  error,
  notice,
}: {
  view: AdminView;
  email?: string;
  next?: string;
  error?: string;
  notice?: string;
}) {
  return (
    <AdminLayout view={view} title="Sign in">
      <Notice message={notice} />
      <FormError message={error} />
      <form method="post" action="/admin/login" class="admin-form admin-form--narrow">
        <CsrfField view={view} />
        {next && <input type="hidden" name="next" value={next} />}
        <label for="email">Email address</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          maxLength={254}
          value={email}
          aria-describedby={error ? 'form-error' : undefined}
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxLength={1024}
        />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/admin/password-reset">Forgot your password?</a>
      </p>
    </AdminLayout>
  );
}
