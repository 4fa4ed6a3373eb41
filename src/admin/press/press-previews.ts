import type { Kysely } from 'kysely';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import { newToken, tokenHash } from '../accounts/tokens.ts';
import type { User } from '../accounts/user-store.ts';

/*
 * Press previews: a link that shows one unpublished piece to whoever holds it, until it
 * expires or is revoked. The link is a random token (only its hash is stored); every use
 * is recorded with its time, address and browser, so an editor can see who read early.
 */

export const MAX_PREVIEW_HOURS = 14 * 24;

export interface PressPreview {
  id: number;
  note: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  uses: number;
  lastUsedAt: string | null;
}

export function createPressPreviews(deps: { db: Kysely<Tables>; clock: Clock }) {
  const { db, clock } = deps;
  const editorsOnly = (user: User) => {
    if (user.role === 'author')
      throw new ForbiddenError({
        code: 'FORBIDDEN',
        message: 'Only editors make and revoke press previews.',
      });
  };

  return {
    /** Makes a link valid for `hours`; returns the token, shown once. */
    async create(publicationId: number, user: User, note: string, hours: number) {
      editorsOnly(user);
      if (!Number.isInteger(hours) || hours < 1 || hours > MAX_PREVIEW_HOURS)
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'hours',
          message: `A preview link lasts from 1 hour to ${MAX_PREVIEW_HOURS} hours (two weeks).`,
        });
      const token = newToken();
      const now = clock.now();
      await db
        .insertInto('press_previews')
        .values({
          token_hash: tokenHash(token),
          publication_id: publicationId,
          note: note.trim().slice(0, 200),
          created_by: user.email,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + hours * 3600_000).toISOString(),
          revoked_at: null,
        })
        .execute();
      return token;
    },

    async list(publicationId: number): Promise<PressPreview[]> {
      const rows = await db
        .selectFrom('press_previews as p')
        .leftJoin('press_preview_uses as u', 'u.preview_id', 'p.id')
        .select((eb) => [
          'p.id',
          'p.note',
          'p.created_by',
          'p.created_at',
          'p.expires_at',
          'p.revoked_at',
          eb.fn.count<number>('u.id').as('uses'),
          eb.fn.max('u.at').as('last_used_at'),
        ])
        .where('p.publication_id', '=', publicationId)
        .groupBy(['p.id', 'p.note', 'p.created_by', 'p.created_at', 'p.expires_at', 'p.revoked_at'])
        .orderBy('p.id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        note: r.note,
        createdBy: r.created_by,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        uses: Number(r.uses),
        lastUsedAt: (r.last_used_at as string | null) ?? null,
      }));
    },

    async revoke(publicationId: number, previewId: number, user: User): Promise<void> {
      editorsOnly(user);
      await db
        .updateTable('press_previews')
        .set({ revoked_at: clock.now().toISOString() })
        .where('id', '=', previewId)
        .where('publication_id', '=', publicationId)
        .where('revoked_at', 'is', null)
        .execute();
    },

    /**
     * The piece a token opens now, after recording the use; undefined when the token is
     * unknown, expired or revoked (and then nothing is recorded).
     */
    async open(
      token: string,
      client: { ip: string; userAgent: string },
    ): Promise<{ slug: string; expiresAt: string } | undefined> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const now = clock.now().toISOString();
      const row = await db
        .selectFrom('press_previews as p')
        .innerJoin('publications as pub', 'pub.id', 'p.publication_id')
        .select(['p.id', 'p.expires_at', 'p.revoked_at', 'pub.slug'])
        .where('p.token_hash', '=', tokenHash(token))
        .executeTakeFirst();
      if (!row || row.revoked_at !== null || row.expires_at <= now) return undefined;
      await db
        .insertInto('press_preview_uses')
        .values({
          preview_id: row.id,
          at: now,
          ip: client.ip.slice(0, 64),
          user_agent: client.userAgent.slice(0, 300),
        })
        .execute();
      return { slug: row.slug, expiresAt: row.expires_at };
    },
  };
}

export type PressPreviews = ReturnType<typeof createPressPreviews>;
