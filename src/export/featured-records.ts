import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';
import type { ExportSink } from './export-sink.ts';
import { keysetPages } from './keyset.ts';

/** How many pieces a `featured` record may list (records.ts). */
const MAX_FEATURED = 10_000;

/**
 * Each center's featured pieces in home-page order, after the publications: the
 * publications' `featuredIn` says which, this says in what order.
 */
export async function writeFeatured(db: Kysely<Tables>, sink: ExportSink): Promise<void> {
  for await (const centers of keysetPages((after, limit) =>
    db
      .selectFrom('centers')
      .select(['id', 'slug'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  )) {
    for (const center of centers) {
      const rows = await db
        .selectFrom('featured_publications as f')
        .innerJoin('publications as p', 'p.id', 'f.publication_id')
        .select('p.slug')
        .where('f.center_id', '=', center.id)
        .orderBy('f.position')
        .orderBy('p.id')
        .limit(MAX_FEATURED + 1)
        .execute();
      if (rows.length === 0) continue;
      if (rows.length > MAX_FEATURED) {
        sink.problem({
          record: `featured ${center.slug}`,
          field: 'publications',
          message: `lists more than ${MAX_FEATURED} pieces; the rest are left out`,
        });
      }
      await sink.write({
        kind: 'featured',
        center: center.slug,
        publications: rows.slice(0, MAX_FEATURED).map((row) => row.slug),
      });
    }
  }
}
