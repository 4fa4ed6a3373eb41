import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createElement as h } from 'preact';
import { DossierError } from '../../errors.ts';
import type { Tables } from '../../storage/tables.ts';
import { type AdminKit, requireThat } from './admin-plugin.ts';
import { can } from './admin-view.ts';
import { AccountPage } from './pages/account-page.tsx';
import { DashboardPage } from './pages/dashboard-page.tsx';
import { UsersPage } from './pages/users-page.tsx';

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

export function registerAccountRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  db: Kysely<Tables>,
): void {
  admin.get('/admin', async (request, reply) => {
    const user = request.adminSession?.user;
    const [byStatus, recent] = await Promise.all([
      db
        .selectFrom('publications')
        .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('status')
        .orderBy('status')
        .execute(),
      can.readAuditLog(user) ? kit.accounts.audit.latest(20) : [],
    ]);
    return kit.send(
      reply,
      h(DashboardPage, {
        view: kit.view(request),
        dashboard: {
          byStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.count) })),
          recent,
        },
      }),
    );
  });

  admin.get('/admin/account', async (request, reply) => {
    const user = request.adminSession?.user;
    const sessions = user
      ? Number(
          (
            await db
              .selectFrom('sessions')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('user_id', '=', user.id)
              .executeTakeFirstOrThrow()
          ).n,
        )
      : 0;
    return kit.send(reply, h(AccountPage, { view: kit.view(request), sessions }));
  });

  admin.get('/admin/users', async (request, reply) => {
    requireThat(request, can.manageUsers(request.adminSession?.user), 'managing accounts');
    const users = await kit.accounts.users.list();
    return kit.send(reply, h(UsersPage, { view: kit.view(request), users }));
  });

  admin.post('/admin/users', async (request, reply) => {
    const actor = request.adminSession?.user;
    requireThat(request, can.manageUsers(actor), 'managing accounts');
    const draft = {
      email: field(request.body, 'email').slice(0, 254),
      name: field(request.body, 'name').slice(0, 200),
      role: field(request.body, 'role'),
    };
    try {
      const created = await kit.accounts.createUser(
        { ...draft, password: field(request.body, 'password') },
        actor,
        kit.client(request),
      );
      const users = await kit.accounts.users.list();
      return kit.send(
        reply,
        h(UsersPage, {
          view: kit.view(request),
          users,
          notice: `The account for ${created.email} is ready.`,
        }),
        201,
      );
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      const users = await kit.accounts.users.list();
      return kit.send(
        reply,
        h(UsersPage, {
          view: kit.view(request),
          users,
          draft,
          error: error.message,
          errorField: error.field,
        }),
        error.status,
      );
    }
  });
}
