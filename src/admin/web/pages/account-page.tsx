import { AdminLayout, CsrfField, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export function AccountPage({
  view,
  sessions,
  notice,
}: {
  view: AdminView;
  sessions: number;
  notice?: string;
}) {
  const user = view.user;
  if (!user) return null;
  return (
    <AdminLayout view={view} title="Your account">
      <Notice message={notice} />
      <dl class="admin-facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email address</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>Signed in on</dt>
        <dd>
          {sessions} {sessions === 1 ? 'browser or device' : 'browsers or devices'}
        </dd>
      </dl>
      <form method="post" action="/admin/logout-everywhere" class="admin-form">
        <CsrfField view={view} />
        <p class="admin-help">
          Lost a laptop, or signed in on a shared computer? This ends every session of your account,
          this one included.
        </p>
        <button type="submit">Sign out everywhere</button>
      </form>
    </AdminLayout>
  );
}
