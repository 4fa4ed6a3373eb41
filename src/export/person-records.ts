import type { Kysely } from 'kysely';
import type { ImportRecordInput } from '../import/records.ts';
import type { Tables } from '../storage/tables.ts';
import type { ExportSink } from './export-sink.ts';
import { linkRecordsOf, previousSlugsOf } from './item-links.ts';
import { groupBy, keysetPages } from './keyset.ts';
import { imageOf } from './media-records.ts';

type Db = Kysely<Tables>;

/** People with their program, center, photo, expertise in order and previous slugs. */
export async function writePeople(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('people as p')
      .leftJoin('terms as program', 'program.id', 'p.program_id')
      .leftJoin('centers as c', 'c.id', 'p.center_id')
      .leftJoin('media as m', 'm.id', 'p.photo_media_id')
      .selectAll('p')
      .select([
        'program.slug as programSlug',
        'program.taxonomy as programTaxonomy',
        'c.slug as centerSlug',
        'm.path as photoPath',
        'm.alt as photoAlt',
        'm.credit as photoCredit',
        'm.width as photoWidth',
        'm.height as photoHeight',
      ])
      .where('p.id', '>', after)
      .orderBy('p.id')
      .limit(limit)
      .execute(),
  )) {
    const ids = rows.map((row) => row.id);
    const expertise = groupBy(
      await db
        .selectFrom('person_expertise as e')
        .innerJoin('terms as t', 't.id', 'e.term_id')
        .select(['e.person_id', 't.taxonomy', 't.slug'])
        .where('e.person_id', 'in', ids)
        .orderBy('e.person_id')
        .orderBy('e.position')
        .execute(),
      (row) => row.person_id,
    );
    const previous = await previousSlugsOf(db, 'person', rows, sink);
    const links = await linkRecordsOf(
      db,
      'person',
      new Map(rows.map((row) => [row.id, { item: 'person' as const, slug: row.slug }])),
      sink,
    );
    for (const row of rows) {
      const name = `person ${row.slug}`;
      if (row.programSlug !== null && row.programTaxonomy !== 'program') {
        sink.problem({
          record: name,
          field: 'program',
          message: `names a ${row.programTaxonomy}, not a program; left out`,
        });
      }
      const record: ImportRecordInput = {
        kind: 'person',
        slug: row.slug,
        previousSlugs: previous.get(row.id) ?? [],
        name: row.name,
        sortName: row.sort_name,
        role: row.role,
        program: row.programTaxonomy === 'program' ? (row.programSlug ?? undefined) : undefined,
        center: row.centerSlug ?? undefined,
        affiliation: row.affiliation,
        bio: row.bio,
        photo: imageOf({
          path: row.photoPath,
          alt: row.photoAlt,
          credit: row.photoCredit,
          width: row.photoWidth,
          height: row.photoHeight,
        }),
        orcid: row.orcid ?? undefined,
        email: row.email ?? undefined,
        languages: jsonList(row.languages, name, 'languages', sink),
        links: jsonList(row.links, name, 'links', sink),
        expertise: (expertise.get(row.id) ?? []).map((term) => `${term.taxonomy}:${term.slug}`),
        expert: row.is_expert === 1,
        external: row.is_external === 1,
      };
      await sink.write(record);
      for (const link of links.get(row.id) ?? []) await sink.write(link);
    }
  }
}

/** A list stored as JSON text (languages, links); a damaged one is reported and emptied. */
function jsonList<T>(text: string, record: string, field: string, sink: ExportSink): T[] {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) return value as T[];
  } catch {
    // Reported below.
  }
  sink.problem({ record, field, message: 'is not a stored JSON list; left out' });
  return [];
}
