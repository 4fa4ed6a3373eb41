import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';
import { visibleAt } from '../../storage/visibility-sql.ts';

/** A digest lists at most this many pieces (the newest); an editor trims or adds by hand. */
export const DIGEST_MAX_PIECES = 20;

/**
 * Live pieces published into a list (publication_newsletters) that went live after
 * `after` and up to `until`, newest first. "Went live" is `visible_from`, the moment the
 * visibility rule let the public see the piece, so an embargoed paper joins the digest
 * of the week its embargo lifts, not the week of its nominal date. Only pieces visible
 * at `now` are ever returned (the site's one visibility rule, storage/visibility-sql.ts).
 */
export async function listPiecesPublishedInto(
  db: Kysely<Tables>,
  listId: number,
  window: { after: string | null; until: string; now: Date },
): Promise<number[]> {
  let query = db
    .selectFrom('publications')
    .innerJoin(
      'publication_newsletters',
      'publication_newsletters.publication_id',
      'publications.id',
    )
    .select('publications.id')
    .where('publication_newsletters.list_id', '=', listId)
    .where(visibleAt(window.now.toISOString()))
    .where(visibleAt(window.until));
  if (window.after !== null) query = query.where('publications.visible_from', '>', window.after);
  const rows = await query
    .orderBy('publications.visible_from', 'desc')
    .orderBy('publications.id', 'desc')
    .limit(DIGEST_MAX_PIECES)
    .execute();
  return rows.map((r) => Number(r.id));
}

/** The ids among `ids` that are live at `now`, with their slugs. */
export async function findLivePieces(
  db: Kysely<Tables>,
  ids: number[],
  now: Date,
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'slug'])
    .where('id', 'in', ids)
    .where(visibleAt(now.toISOString()))
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.slug]));
}

/** A live piece by slug (an editor adding one by hand); undefined when not live. */
export async function findLivePieceBySlug(
  db: Kysely<Tables>,
  slug: string,
  now: Date,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('publications')
    .select('id')
    .where('slug', '=', slug)
    .where(visibleAt(now.toISOString()))
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}
