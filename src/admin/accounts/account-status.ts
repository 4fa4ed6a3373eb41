import type { Kysely } from 'kysely';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import type { AuditLog } from './audit-log.ts';
import type { User, UserStore } from './user-store.ts';

/*
 * Disabling an account and enabling it again (administrators, from the Users page).
 * A disabled account keeps its history and its byline but cannot sign in: every session
 * ends at once and unspent password-reset links stop working. Sign-in answers it exactly
 * as a wrong password, so the form never tells a stranger that an address has an account.
 */

interface AccountStatusDeps {
  db: Kysely<Tables>;
  clock: Clock;
  users: UserStore;
  audit: AuditLog;
}

export function createAccountStatus({ db, clock, users, audit }: AccountStatusDeps) {
  async function target(id: number): Promise<User> {
    const user = await users.byId(id);
    if (!user) throw new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such account.' });
    return user;
  }

  return {
    /**
     * Disables an account and ends its sessions; returns how many sessions ended. Refuses
     * the actor's own account and the last enabled administrator, so the site always
     * keeps someone who can manage accounts. Disabling a disabled account changes nothing.
     */
    async disable(id: number, actor: User, client: { ip: string }): Promise<number> {
      administratorsOnly(actor);
      if (id === actor.id)
        throw new ForbiddenError({
          code: 'FORBIDDEN',
          message: 'You cannot disable your own account; ask another administrator.',
        });
      const user = await target(id);
      if (user.disabled) return 0;
      const at = clock.now().toISOString();
      const ended = await db.transaction().execute(async (trx) => {
        // Touching every enabled administrator's row locks them (PostgreSQL), so two
        // administrators disabling each other at once cannot both win and leave none.
        const admins = await trx
          .updateTable('users')
          .set({ disabled: 0 })
          .where('role', '=', 'administrator')
          .where('disabled', '=', 0)
          .returning('id')
          .execute();
        if (admins.some((a) => a.id === id) && admins.length <= 1)
          throw new ForbiddenError({
            code: 'FORBIDDEN',
            message: `${user.email} is the last enabled administrator: enable or add another first.`,
          });
        await trx
          .updateTable('users')
          .set({ disabled: 1, updated_at: at })
          .where('id', '=', id)
          .execute();
        await trx
          .updateTable('password_resets')
          .set({ used_at: at })
          .where('user_id', '=', id)
          .where('used_at', 'is', null)
          .execute();
        const deleted = await trx
          .deleteFrom('sessions')
          .where('user_id', '=', id)
          .executeTakeFirst();
        return Number(deleted.numDeletedRows);
      });
      await audit.record({
        at,
        userId: actor.id,
        userEmail: actor.email,
        action: 'user.disable',
        entity: 'user',
        entityId: String(id),
        detail: { email: user.email, sessionsEnded: ended },
        ip: client.ip,
      });
      return ended;
    },

    /** Lets a disabled account sign in again (with its old password; no session returns). */
    async enable(id: number, actor: User, client: { ip: string }): Promise<void> {
      administratorsOnly(actor);
      const user = await target(id);
      if (!user.disabled) return;
      const at = clock.now().toISOString();
      await db
        .updateTable('users')
        .set({ disabled: 0, updated_at: at })
        .where('id', '=', id)
        .execute();
      await audit.record({
        at,
        userId: actor.id,
        userEmail: actor.email,
        action: 'user.enable',
        entity: 'user',
        entityId: String(id),
        detail: { email: user.email },
        ip: client.ip,
      });
    },
  };
}

function administratorsOnly(actor: User): void {
  if (actor.role !== 'administrator' || actor.disabled)
    throw new ForbiddenError({
      code: 'FORBIDDEN',
      message: `Your role (${actor.role}) does not allow managing accounts.`,
    });
}
