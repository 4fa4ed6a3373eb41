import type { AuditEntry } from '../../accounts/audit-log.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { type AdminView, can } from '../admin-view.ts';

export interface Dashboard {
  /** Publications by status, for everyone's overview. */
  byStatus: { status: string; count: number }[];
  /** Recent entries of the audit log (editors and administrators only). */
  recent: AuditEntry[];
}

export function DashboardPage({ view, dashboard }: { view: AdminView; dashboard: Dashboard }) {
  return (
    <AdminLayout view={view} title="Dashboard">
      <p>Welcome, {view.user?.name}.</p>
      <h2>Publications</h2>
      <table class="admin-table">
        <caption class="visually-hidden">Publications by status</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Publications</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.byStatus.map((row) => (
            <tr key={row.status}>
              <td>{row.status}</td>
              <td>{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can.readAuditLog(view.user) && <AuditTable entries={dashboard.recent} />}
    </AdminLayout>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <>
      <h2>Recent activity</h2>
      <table class="admin-table">
        <caption class="visually-hidden">The latest entries of the audit log</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Item</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => (
            <tr key={`${entry.at}-${i}`}>
              <td>
                <time dateTime={entry.at}>{entry.at.replace('T', ' ').slice(0, 19)}</time>
              </td>
              <td>{entry.userEmail}</td>
              <td>{entry.action}</td>
              <td>{entry.entity ? `${entry.entity} ${entry.entityId}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
