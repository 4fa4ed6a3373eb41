import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';
import { newToken, tokenHash } from './tokens.ts';
import type { User, UserStore } from './user-store.ts';

/*
 * Admin sessions live in the database, so every app process knows them and signing out
 * everywhere is one delete. The cookie holds a random token; the table holds its hash.
 * A session ends after a week without use or a month in all, when its account is
 * disabled, or when the password changes (every older session is then void).
 */

const IDLE_MS = 7 * 24 * 3600_000;
const LIFETIME_MS = 30 * 24 * 3600_000;
/** last_seen_at is written at most this often: not one write per page view. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionInfo {
  user: User;
  /** The session's id (the token's hash): what CSRF tokens are bound to. */
  id: string;
}

export function createSessionStore(db: Kysely<Tables>, users: UserStore) {
  return {
    async open(userId: number, now: Date, client: { ip: string; userAgent: string }) {
      const token = newToken();
      const at = now.toISOString();
      await db
        .insertInto('sessions')
        .values({
          id: tokenHash(token),
          user_id: userId,
          created_at: at,
          last_seen_at: at,
          expires_at: new Date(now.getTime() + LIFETIME_MS).toISOString(),
          ip: client.ip.slice(0, 64),
          user_agent: client.userAgent.slice(0, 300),
        })
        .execute();
      return { token, maxAgeSeconds: LIFETIME_MS / 1000 };
    },

    /** The signed-in account for a cookie's token, or undefined when it opens nothing. */
    async find(token: string, now: Date): Promise<SessionInfo | undefined> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const id = tokenHash(token);
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const at = now.getTime();
      const user = await users.byId(row.user_id);
      const expired =
        at >= Date.parse(row.expires_at) ||
        at - Date.parse(row.last_seen_at) >= IDLE_MS ||
        !user ||
        user.disabled ||
        Date.parse(row.created_at) < Date.parse(user.passwordChangedAt);
      if (expired || !user) {
        await db.deleteFrom('sessions').where('id', '=', id).execute();
        return undefined;
      }
      if (at - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS)
        await db
          .updateTable('sessions')
          .set({ last_seen_at: now.toISOString() })
          .where('id', '=', id)
          .execute();
      return { user, id };
    },

    async close(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', tokenHash(token)).execute();
    },

    /** Ends every session of the account; returns how many there were. */
    async closeAll(userId: number): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
