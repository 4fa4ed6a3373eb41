import type { Kysely } from 'kysely';
import type { Taxonomy } from '../domain/publication.ts';
import type { Tables } from '../storage/tables.ts';
import { inDependencyOrder } from './dependency-order.ts';
import type { ExportSink } from './export-sink.ts';
import { linkRecordsOf, previousSlugsOf } from './item-links.ts';
import { groupBy } from './keyset.ts';

type Db = Kysely<Tables>;

/** Taxonomy terms, each after its parent, with their previous slugs, origins and old URLs. */
export async function writeTerms(db: Db, sink: ExportSink): Promise<void> {
  const select = () =>
    db
      .selectFrom('terms as t')
      .leftJoin('terms as parent', 'parent.id', 't.parent_id')
      .select([
        't.id',
        't.taxonomy',
        't.slug',
        't.name',
        't.description',
        'parent.slug as parent',
        'parent.taxonomy as parentTaxonomy',
      ]);
  const references = await db
    .selectFrom('terms')
    .select(['id', 'parent_id as ref'])
    .where('parent_id', 'is not', null)
    .$narrowType<{ ref: number }>()
    .execute();
  for await (const batch of inDependencyOrder(
    references,
    (after, limit) => select().where('t.id', '>', after).orderBy('t.id').limit(limit).execute(),
    (ids) => select().where('t.id', 'in', ids).execute(),
  )) {
    const { rows } = batch;
    const previous = new Map<number, string[]>();
    for (const [taxonomy, group] of groupBy(rows, (row) => row.taxonomy)) {
      for (const [id, slugs] of await previousSlugsOf(db, `term:${taxonomy}`, group, sink))
        previous.set(id, slugs);
    }
    const links = await linkRecordsOf(
      db,
      'term',
      new Map(
        rows.map((row) => [
          row.id,
          { item: 'term' as const, taxonomy: row.taxonomy as Taxonomy, slug: row.slug },
        ]),
      ),
      sink,
    );
    for (const row of rows) {
      if (row.parent !== null && row.parentTaxonomy !== row.taxonomy) {
        sink.problem({
          record: `term ${row.slug}`,
          field: 'parent',
          message: `names a ${row.parentTaxonomy} as parent of a ${row.taxonomy}, which the format cannot say; left out`,
        });
      }
      const parent =
        row.parent !== null && row.parentTaxonomy === row.taxonomy && !batch.withoutRef.has(row.id)
          ? row.parent
          : undefined;
      await sink.write({
        kind: 'term',
        taxonomy: row.taxonomy as Taxonomy,
        slug: row.slug,
        previousSlugs: previous.get(row.id) ?? [],
        name: row.name,
        parent,
        description: row.description,
      });
      if (!batch.isRepeat) for (const link of links.get(row.id) ?? []) await sink.write(link);
    }
  }
}
