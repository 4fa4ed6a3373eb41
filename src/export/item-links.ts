import type { Kysely } from 'kysely';
import type { ImportRecordInput, ItemRef } from '../import/records.ts';
import type { OriginKind } from '../storage/repositories/origin-writer.ts';
import type { Tables } from '../storage/tables.ts';
import type { ExportSink } from './export-sink.ts';
import { byCodeUnits, groupBy } from './keyset.ts';
import { spellOldUrl } from './old-url-spelling.ts';

/*
 * What hangs off an item besides its own fields: the slugs it had before (301s), where it
 * came from (external ids) and the old site's URLs that lead to it. Loaded for a page of
 * items at once, so a page costs a few queries, not a few per item.
 */

type Db = Kysely<Tables>;

/** How many previous slugs a record may carry (records.ts). */
const MAX_PREVIOUS_SLUGS = 20;

/**
 * `origin` and `oldUrl` records for a page of items of one kind, by item id, each list
 * in a fixed order (external id, path) so that equal sites give equal files.
 */
export async function linkRecordsOf(
  db: Db,
  kind: OriginKind,
  targets: ReadonlyMap<number, ItemRef>,
  sink: ExportSink,
): Promise<Map<number, ImportRecordInput[]>> {
  const ids = [...targets.keys()];
  const result = new Map<number, ImportRecordInput[]>();
  if (ids.length === 0) return result;
  const origins = await db
    .selectFrom('external_ids')
    .select(['target_id', 'external_id', 'digest'])
    .where('kind', '=', kind)
    .where('target_id', 'in', ids)
    .execute();
  const oldUrls = await db
    .selectFrom('old_urls')
    .select(['target_id', 'path'])
    .where('kind', '=', kind)
    .where('target_id', 'in', ids)
    .execute();
  const add = (id: number, record: ImportRecordInput) => {
    const list = result.get(id);
    if (list) list.push(record);
    else result.set(id, [record]);
  };
  for (const row of origins.sort((a, b) => byCodeUnits(a.external_id, b.external_id))) {
    const target = targets.get(row.target_id);
    if (!target) continue;
    add(row.target_id, {
      kind: 'origin',
      externalId: row.external_id,
      digest: row.digest,
      target,
    });
  }
  for (const row of oldUrls.sort((a, b) => byCodeUnits(a.path, b.path))) {
    const target = targets.get(row.target_id);
    if (!target) continue;
    const path = spellOldUrl(row.path);
    if (path === undefined) {
      sink.problem({
        record: `oldUrl ${row.path}`,
        field: 'path',
        message: 'is stored in a form no import can write back; left out',
      });
      continue;
    }
    add(row.target_id, { kind: 'oldUrl', path, target });
  }
  return result;
}

/**
 * The slugs each item answered to before (each a 301 to it), by item id, sorted. A slug
 * that another item of the same kind holds now is left out: its 301 can never be reached
 * (the live item answers first), and written back it would rename that item on import.
 */
export async function previousSlugsOf(
  db: Db,
  kind: 'publication' | 'person' | `term:${string}`,
  items: readonly { id: number; slug: string }[],
  sink: ExportSink,
): Promise<Map<number, string[]>> {
  const ids = items.map((item) => item.id);
  if (ids.length === 0) return new Map();
  const base = db
    .selectFrom('slug_redirects as r')
    .select(['r.target_id', 'r.old_slug'])
    .where('r.kind', '=', kind)
    .where('r.target_id', 'in', ids);
  const rows = await (kind === 'publication'
    ? base.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('publications as t').select('t.id').whereRef('t.slug', '=', 'r.old_slug'),
          ),
        ),
      )
    : kind === 'person'
      ? base.where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('people as t').select('t.id').whereRef('t.slug', '=', 'r.old_slug')),
          ),
        )
      : base.where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('terms as t')
                .select('t.id')
                .whereRef('t.slug', '=', 'r.old_slug')
                .where('t.taxonomy', '=', kind.slice('term:'.length)),
            ),
          ),
        )
  ).execute();
  const slugOf = new Map(items.map((item) => [item.id, item.slug]));
  const result = new Map<number, string[]>();
  for (const [id, group] of groupBy(rows, (row) => row.target_id)) {
    const slugs = group.map((row) => row.old_slug).sort(byCodeUnits);
    if (slugs.length > MAX_PREVIOUS_SLUGS) {
      sink.problem({
        record: `${kind.startsWith('term:') ? 'term' : kind} ${slugOf.get(id) ?? id}`,
        field: 'previousSlugs',
        message: `has ${slugs.length} previous slugs; the format carries ${MAX_PREVIOUS_SLUGS}: the rest are left out`,
      });
    }
    result.set(id, slugs.slice(0, MAX_PREVIOUS_SLUGS));
  }
  return result;
}
