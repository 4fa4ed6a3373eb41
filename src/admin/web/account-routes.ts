import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createElement as h } from 'preact';
import { DossierError } from '../../errors.ts';
import type { Tables } from '../../storage/tables.ts';
import type { User } from '../accounts/user-store.ts';
import { type AdminKit, pathId, requireThat } from './admin-plugin.ts';
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

  // Disabling ends the account's sessions at once; enabling lets it sign in again.
  for (const change of ['disable', 'enable'] as const)
    admin.post(`/admin/users/:id/${change}`, async (request, reply) => {
      const actor = request.adminSession?.user;
      requireThat(request, can.manageUsers(actor), 'managing accounts');
      const id = pathId(request, 'account');
      const client = kit.client(request);
      let notice: string | undefined;
      let failure: DossierError | undefined;
      try {
        const { status } = kit.accounts;
        if (change === 'disable') notice = ended(await status.disable(id, actor as User, client));
        else {
          await status.enable(id, actor as User, client);
          notice = 'enabled: it can sign in again with its password.';
        }
      } catch (error) {
        if (!(error instanceof DossierError) || error.status >= 500 || error.status === 404)
          throw error;
        failure = error;
      }
      const changed = await kit.accounts.users.byId(id);
      return kit.send(
        reply,
        h(UsersPage, {
          view: kit.view(request),
          users: await kit.accounts.users.list(),
          notice: notice && `The account ${changed?.email ?? ''} is ${notice}`,
          statusError: failure?.message,
        }),
        failure?.status ?? 200,
      );
    });
}

const ended = (sessions: number) =>
  `disabled; ${sessions} session${sessions === 1 ? '' : 's'} ended.`;
