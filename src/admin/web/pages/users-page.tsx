import { PASSWORD_MIN_LENGTH } from '../../accounts/passwords.ts';
import { ROLES, type User } from '../../accounts/user-store.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export interface UserDraft {
  email: string;
  name: string;
  role: string;
}

export function UsersPage({
  view,
  users,
  draft = { email: '', name: '', role: 'author' },
  error,
  errorField,
  notice,
  statusError,
}: {
  view: AdminView;
  users: User[];
  draft?: UserDraft;
  error?: string;
  errorField?: string;
  notice?: string;
  /** Why disabling or enabling an account was refused. */
  statusError?: string | undefined;
}) {
  const describedBy = (field: string) => (errorField === field ? 'form-error' : undefined);
  return (
    <AdminLayout view={view} title="Users">
      <Notice message={notice} />
      <FormError message={statusError} />
      <table class="admin-table">
        <caption class="visually-hidden">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email address</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>{user.role}</td>
              <td>{user.createdAt.slice(0, 10)}</td>
              <td>
                <AccountStatus view={view} user={user} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="admin-help">
        Disabling an account signs it out everywhere at once and keeps it from signing in; its
        pieces, byline and history stay. Enable it again at any time.
      </p>
      <h2>Add an account</h2>
      <FormError message={error} />
      <form method="post" action="/admin/users" class="admin-form">
        <CsrfField view={view} />
        <label for="name">Name</label>
        <input
          id="name"
          name="name"
          required
          maxLength={200}
          value={draft.name}
          aria-describedby={describedBy('name')}
        />
        <label for="email">Email address</label>
        <input
          id="email"
          name="email"
          type="email"
          required
          maxLength={254}
          value={draft.email}
          aria-describedby={describedBy('email')}
        />
        <label for="role">Role</label>
        <select id="role" name="role" aria-describedby={describedBy('role')}>
          {ROLES.map((role) => (
            <option key={role} value={role} selected={role === draft.role}>
              {role}
            </option>
          ))}
        </select>
        <label for="password">First password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={1024}
          aria-describedby={
            errorField === 'password' ? 'form-error password-help' : 'password-help'
          }
        />
        <p id="password-help" class="admin-help">
          At least {PASSWORD_MIN_LENGTH} characters. Give it to them in person; they can change it
          with a reset link.
        </p>
        <button type="submit">Add the account</button>
      </form>
    </AdminLayout>
  );
}

/**
 * Whether an account may sign in, with the button that changes it. Your own account has
 * none: an administrator cannot lock themselves out.
 */
function AccountStatus({ view, user }: { view: AdminView; user: User }) {
  const change = user.disabled ? 'enable' : 'disable';
  return (
    <>
      {user.disabled ? 'Disabled' : 'Active'}
      {user.id !== view.user?.id && (
        <form method="post" action={`/admin/users/${user.id}/${change}`} class="admin-inline-form">
          <CsrfField view={view} />{' '}
          <button type="submit">
            {user.disabled ? 'Enable' : 'Disable'}
            <span class="visually-hidden"> {user.email}</span>
          </button>
        </form>
      )}
    </>
  );
}
