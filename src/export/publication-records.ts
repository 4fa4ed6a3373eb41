import type { Kysely } from 'kysely';
import type { PublicationStatus } from '../domain/publication.ts';
import type { ImportRecordInput } from '../import/records.ts';
import type { Tables } from '../storage/tables.ts';
import { inDependencyOrder, type OrderedBatch } from './dependency-order.ts';
import type { ExportSink } from './export-sink.ts';
import { linkRecordsOf, previousSlugsOf } from './item-links.ts';
import { imageOf } from './media-records.ts';
import { loadPublicationLinks, type PublicationLinks } from './publication-links.ts';

type Db = Kysely<Tables>;

function selectPublications(db: Db) {
  return db
    .selectFrom('publications as p')
    .innerJoin('publication_types as type', 'type.id', 'p.type_id')
    .innerJoin('centers as primary', 'primary.id', 'p.primary_center_id')
    .leftJoin('media as m', 'm.id', 'p.lead_media_id')
    .leftJoin('partners as partner', 'partner.id', 'p.partner_id')
    .leftJoin('publications as original', 'original.id', 'p.translation_of_id')
    .selectAll('p')
    .select([
      'type.slug as typeSlug',
      'primary.slug as primarySlug',
      'partner.slug as partnerSlug',
      'original.slug as originalSlug',
      'm.path as leadPath',
      'm.alt as leadAlt',
      'm.credit as leadCredit',
      'm.width as leadWidth',
      'm.height as leadHeight',
    ]);
}

type PublicationRow = Awaited<ReturnType<ReturnType<typeof selectPublications>['execute']>>[number];

/**
 * Every publication with every field, each after the piece it translates, a page at a
 * time; its origins and old URLs follow it.
 */
export async function writePublications(db: Db, sink: ExportSink): Promise<void> {
  const references = await db
    .selectFrom('publications')
    .select(['id', 'translation_of_id as ref'])
    .where('translation_of_id', 'is not', null)
    .$narrowType<{ ref: number }>()
    .execute();
  for await (const batch of inDependencyOrder(
    references,
    (after, limit) =>
      selectPublications(db).where('p.id', '>', after).orderBy('p.id').limit(limit).execute(),
    (ids) => selectPublications(db).where('p.id', 'in', ids).execute(),
  )) {
    await writeBatch(db, sink, batch);
  }
}

/**
 * One publication as the import format's record (what the admin edits and keeps in its
 * revisions), or undefined when there is no such piece.
 */
export async function publicationRecordOf(
  db: Db,
  id: number,
): Promise<PublicationRecordInput | undefined> {
  const row = await selectPublications(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const links = await loadPublicationLinks(db, [id]);
  return toRecord(row, links, [], false) as PublicationRecordInput;
}

type PublicationRecordInput = Extract<ImportRecordInput, { kind: 'publication' }>;

async function writeBatch(db: Db, sink: ExportSink, batch: OrderedBatch<PublicationRow>) {
  const { rows } = batch;
  const ids = rows.map((row) => row.id);
  const links = await loadPublicationLinks(db, ids);
  const previous = await previousSlugsOf(db, 'publication', rows, sink);
  const origins = batch.isRepeat
    ? new Map<number, ImportRecordInput[]>()
    : await linkRecordsOf(
        db,
        'publication',
        new Map(rows.map((row) => [row.id, { item: 'publication' as const, slug: row.slug }])),
        sink,
      );
  for (const row of rows) {
    // A PDF named by a path lives in uploads (one named by a URL stays where it is).
    if (row.pdf_path !== null && !/^https?:/.test(row.pdf_path) && !batch.isRepeat)
      await sink.copyUpload(row.pdf_path, `publication ${row.slug}`, 'pdf');
    const omitOriginal = batch.withoutRef.has(row.id);
    await sink.write(toRecord(row, links, previous.get(row.id) ?? [], omitOriginal));
    for (const link of origins.get(row.id) ?? []) await sink.write(link);
  }
}

function toRecord(
  row: PublicationRow,
  links: PublicationLinks,
  previousSlugs: string[],
  omitOriginal: boolean,
): ImportRecordInput {
  const terms = links.terms.get(row.id);
  const termsOf = (taxonomy: 'program' | 'project' | 'region' | 'topic' | 'collection') =>
    terms?.get(taxonomy) ?? [];
  return {
    kind: 'publication',
    slug: row.slug,
    previousSlugs,
    type: row.typeSlug,
    title: row.title,
    summary: row.summary,
    body: row.body_markdown,
    leadImage: imageOf({
      path: row.leadPath,
      alt: row.leadAlt,
      credit: row.leadCredit,
      width: row.leadWidth,
      height: row.leadHeight,
    }),
    authors: links.authors.get(row.id) ?? [],
    status: row.status as PublicationStatus,
    publishedAt: row.published_at ?? undefined,
    revisedAt: row.revised_at ?? undefined,
    embargoUntil: row.embargo_until ?? undefined,
    primaryCenter: row.primarySlug,
    centers: links.centers.get(row.id) ?? [],
    programs: termsOf('program'),
    projects: termsOf('project'),
    regions: termsOf('region'),
    topics: termsOf('topic'),
    collections: termsOf('collection'),
    partner: row.partnerSlug ?? undefined,
    externalUrl: row.external_url ?? undefined,
    canonicalUrl: row.canonical_url ?? undefined,
    language: row.language,
    // A piece in a translation loop names its original only when written the second time.
    translationOf: omitOriginal ? undefined : (row.originalSlug ?? undefined),
    doi: row.doi ?? undefined,
    licence: row.licence ?? undefined,
    series: row.series ?? undefined,
    reportNumber: row.report_number ?? undefined,
    pdf: row.pdf_path ?? undefined,
    newsletters: links.newsletters.get(row.id) ?? [],
    featuredIn: links.featuredIn.get(row.id) ?? [],
  };
}
