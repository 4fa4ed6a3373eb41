import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';

/*
 * Slows down password guessing, counted in the database so that every app process and a
 * restart see the same count: after 5 failed sign-ins for one account within 15 minutes
 * the account cannot sign in until 15 minutes after the fifth; one address (IP) gets 30
 * failures over all the accounts it tries. A success clears the account's count.
 */

const WINDOW_MS = 15 * 60_000;
const LIMITS = { account: 5, ip: 30 } as const;

export type ThrottleKey = { kind: keyof typeof LIMITS; value: string };

const keyText = (key: ThrottleKey) => `${key.kind}:${key.value}`;

export function createLoginThrottle(db: Kysely<Tables>) {
  return {
    /** Seconds until these keys may try again; 0 when they may now. */
    async waitSeconds(keys: ThrottleKey[], now: Date): Promise<number> {
      let wait = 0;
      const since = new Date(now.getTime() - WINDOW_MS).toISOString();
      for (const key of keys) {
        const limit = LIMITS[key.kind];
        const rows = await db
          .selectFrom('login_failures')
          .select('at')
          .where('key', '=', keyText(key))
          .where('at', '>', since)
          .orderBy('at', 'desc')
          .limit(limit)
          .execute();
        if (rows.length < limit) continue;
        // Locked until the oldest of the last `limit` failures leaves the window.
        const oldest = Date.parse((rows[rows.length - 1] as { at: string }).at);
        wait = Math.max(wait, Math.ceil((oldest + WINDOW_MS - now.getTime()) / 1000));
      }
      return wait;
    },

    async recordFailure(keys: ThrottleKey[], now: Date): Promise<void> {
      const at = now.toISOString();
      await db
        .insertInto('login_failures')
        .values(keys.map((key) => ({ key: keyText(key), at })))
        .execute();
      // Old evidence has no use: keep the table small.
      await db
        .deleteFrom('login_failures')
        .where('at', '<', new Date(now.getTime() - 24 * 3600_000).toISOString())
        .execute();
    },

    async clear(key: ThrottleKey): Promise<void> {
      await db.deleteFrom('login_failures').where('key', '=', keyText(key)).execute();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
