import type { Kysely } from 'kysely';
import type { OldUrlKind } from '../../domain/old-url.ts';
import type { Tables } from '../tables.ts';

/*
 * The import's bookkeeping of where items came from: external ids (an item's id in the
 * system it was imported from → its row here) and old URLs (paths of the old site → the
 * item). Called by the importer inside each record's transaction.
 */

type Db = Kysely<Tables>;

/** Kinds of items that can carry an external id and old URLs (the kinds old URLs lead to). */
export type OriginKind = OldUrlKind;

const TABLES = {
  publication: 'publications',
  page: 'pages',
  person: 'people',
  term: 'terms',
  media: 'media',
} as const;

export interface Origin {
  targetId: number;
  digest: string;
  /** The item's current slug (a media file's path). */
  slug: string;
}

/** The row an external id became, while that row still exists. */
export async function findOrigin(
  db: Db,
  kind: OriginKind,
  externalId: string,
): Promise<Origin | undefined> {
  const row = await db
    .selectFrom('external_ids')
    .select(['target_id', 'digest'])
    .where('kind', '=', kind)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (!row) return undefined;
  const target =
    kind === 'media'
      ? await db
          .selectFrom('media')
          .select('path as slug')
          .where('id', '=', row.target_id)
          .executeTakeFirst()
      : await db
          .selectFrom(TABLES[kind])
          .select('slug')
          .where('id', '=', row.target_id)
          .executeTakeFirst();
  return target ? { targetId: row.target_id, digest: row.digest, slug: target.slug } : undefined;
}

export async function saveOrigin(
  db: Db,
  kind: OriginKind,
  externalId: string,
  targetId: number,
  digest: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('external_ids')
    .values({
      kind,
      external_id: externalId,
      target_id: targetId,
      digest,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'external_id'])
        .doUpdateSet({ target_id: targetId, digest, updated_at: at }),
    )
    .execute();
}

/** Points each old path at the item; a path claimed before by another item moves here. */
export async function saveOldUrls(
  db: Db,
  kind: OriginKind,
  targetId: number,
  paths: string[],
  at: string,
): Promise<void> {
  const unique = [...new Set(paths)];
  if (unique.length === 0) return;
  await db
    .insertInto('old_urls')
    .values(unique.map((path) => ({ path, kind, target_id: targetId, created_at: at })))
    .onConflict((oc) => oc.column('path').doUpdateSet({ kind, target_id: targetId }))
    .execute();
}

/** The id of the item an old path leads to, if the path is known. */
export async function findOldUrlTarget(db: Db, path: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('old_urls')
    .select('target_id')
    .where('path', '=', path)
    .executeTakeFirst();
  return row?.target_id;
}

/** The item that holds a slug now (a page's within its center), if any. */
export async function findSlugHolder(
  db: Db,
  kind: 'publication' | 'person' | 'page',
  slug: string,
  centerId?: number,
): Promise<number | undefined> {
  if (kind === 'page') {
    if (centerId === undefined) return undefined;
    const page = await db
      .selectFrom('pages')
      .select('id')
      .where('center_id', '=', centerId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return page?.id;
  }
  const row = await db
    .selectFrom(TABLES[kind])
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.id;
}

/** Gives a page a new slug in place (its source renamed it). */
export async function renamePage(db: Db, id: number, slug: string, at: string): Promise<void> {
  await db.updateTable('pages').set({ slug, updated_at: at }).where('id', '=', id).execute();
}
