import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import {
  type AuthorRef,
  type CenterRef,
  type Publication,
  type PublicationStatus,
  type PublicationSummary,
  TAXONOMIES,
  type Taxonomy,
  type TermRef,
} from '../../domain/publication.ts';
import type { Audience } from '../../domain/visibility.ts';
import type { Tables } from '../tables.ts';
import { publiclyVisible } from '../visibility-sql.ts';
import {
  groupBy,
  type SummaryRow,
  toAuthorRef,
  toMediaRef,
  toSummary,
  toTermRef,
} from './row-mappers.ts';

/** Which publications a list shows. One driving filter at a time keeps each list on an index. */
export type PublicationFilter =
  | { by: 'all' }
  | { by: 'author'; personId: number }
  | { by: 'center'; centerId: number }
  | { by: 'terms'; termIds: number[] }
  | { by: 'type'; typeId: number };

export interface ListOptions {
  now: Date;
  limit: number;
  offset?: number;
  excludeIds?: number[];
  /** Related-work lists need no total; skipping the count saves a scan of the match set. */
  withTotal?: boolean;
}

export interface PublicationPage {
  items: PublicationSummary[];
  total: number;
}

export interface ReadOptions {
  now: Date;
  /** Defaults to the public: only live pieces. */
  audience?: Audience;
}

export interface PublicationRepository {
  /** A publication by slug, or undefined when unknown or (for the public) not live. */
  findBySlug(slug: string, options: ReadOptions): Promise<Publication | undefined>;
  /** Live pieces for a filter, newest first, with their authors, and the total count. */
  listSummaries(filter: PublicationFilter, options: ListOptions): Promise<PublicationPage>;
  /**
   * Several short lists at once (a page's related-work blocks): one query per list for
   * its ids, then one round of card loading for all of them.
   */
  listSummaryGroups(
    groups: { filter: PublicationFilter; options: ListOptions }[],
  ): Promise<PublicationSummary[][]>;
  /** Live pieces a center features on its home page, in the editor's order. */
  listFeatured(
    centerId: number,
    options: { now: Date; limit: number },
  ): Promise<PublicationSummary[]>;
}

export function createPublicationRepository(db: Kysely<Tables>): PublicationRepository {
  return {
    async findBySlug(slug, { now, audience = 'public' }) {
      let query = db
        .selectFrom('publications')
        .innerJoin('publication_types as t', 't.id', 'publications.type_id')
        .innerJoin('centers as c', 'c.id', 'publications.primary_center_id')
        .leftJoin('media as m', 'm.id', 'publications.lead_media_id')
        .leftJoin('partners as pa', 'pa.id', 'publications.partner_id')
        .selectAll('publications')
        .select([
          't.slug as type_slug',
          't.name as type_name',
          't.plural_name as type_plural_name',
          'c.slug as center_slug',
          'c.name as center_name',
          'c.short_name as center_short_name',
          'm.path as media_path',
          'm.mime_type as media_mime_type',
          'm.width as media_width',
          'm.height as media_height',
          'm.alt as media_alt',
          'm.credit as media_credit',
          'pa.slug as partner_slug',
          'pa.name as partner_name',
          'pa.url as partner_url',
        ])
        .where('publications.slug', '=', slug);
      if (audience === 'public') query = query.where(publiclyVisible(now));
      const row = await query.executeTakeFirst();
      if (!row) return undefined;

      const [authors, related] = await Promise.all([
        loadAuthors(db, [row.id]),
        loadRelations(db, row.id),
      ]);
      const terms = related.filter((r) => r.kind === 'term');
      const centers = related
        .filter((r) => r.kind === 'center')
        .sort((a, b) => a.position - b.position);
      const newsletters = related
        .filter((r) => r.kind === 'list')
        .sort((a, b) => (a.slug < b.slug ? -1 : 1));

      const byTaxonomy = Object.fromEntries(TAXONOMIES.map((t) => [t, [] as TermRef[]])) as Record<
        Taxonomy,
        TermRef[]
      >;
      for (const term of terms.sort((a, b) => a.position - b.position)) {
        byTaxonomy[term.extra as Taxonomy]?.push(toTermRef({ ...term, taxonomy: term.extra }));
      }
      const primaryCenter: CenterRef = {
        id: row.primary_center_id,
        slug: row.center_slug,
        name: row.center_name,
        shortName: row.center_short_name,
      };

      return {
        ...toSummary({ ...row, type_id: row.type_id }, authors.get(row.id) ?? []),
        bodyMarkdown: row.body_markdown,
        bodyHtml: row.body_html,
        status: row.status as PublicationStatus,
        revisedAt: row.revised_at,
        embargoUntil: row.embargo_until,
        leadImage: toMediaRef(row),
        primaryCenter,
        centers: centers.map((c) => ({ id: c.id, slug: c.slug, name: c.name, shortName: c.extra })),
        terms: byTaxonomy,
        partner:
          row.partner_id === null || row.partner_slug === null
            ? null
            : {
                id: row.partner_id,
                slug: row.partner_slug,
                name: row.partner_name ?? '',
                url: row.partner_url,
              },
        externalUrl: row.external_url,
        canonicalUrl: row.canonical_url,
        language: row.language,
        doi: row.doi,
        licence: row.licence,
        series: row.series,
        reportNumber: row.report_number,
        pdfPath: row.pdf_path,
        newsletterSlugs: newsletters.map((n) => n.slug),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    },

    async listSummaries(filter, options) {
      const { ids, total } = await listIds(db, filter, options);
      return { items: await loadSummaries(db, ids), total };
    },

    async listSummaryGroups(groups) {
      const lists = await Promise.all(
        groups.map((g) => listIds(db, g.filter, { ...g.options, withTotal: false })),
      );
      const cards = await loadSummaries(db, [...new Set(lists.flatMap((l) => l.ids))]);
      const byId = new Map(cards.map((c) => [c.id, c]));
      return lists.map((l) => l.ids.flatMap((id) => byId.get(id) ?? []));
    },

    async listFeatured(centerId, { now, limit }) {
      const rows = await db
        .selectFrom('featured_publications as f')
        .innerJoin('publications', 'publications.id', 'f.publication_id')
        .select('publications.id')
        .where('f.center_id', '=', centerId)
        .where(publiclyVisible(now))
        .orderBy('f.position')
        .limit(limit)
        .execute();
      return loadSummaries(
        db,
        rows.map((r) => r.id),
      );
    },
  };
}

/**
 * One page of ids plus the total. Each filter drives from the link table whose
 * (key, published_at) index already holds the order, so a page never sorts the world.
 */
async function listIds(
  db: Kysely<Tables>,
  filter: PublicationFilter,
  options: ListOptions,
): Promise<{ ids: number[]; total: number }> {
  switch (filter.by) {
    case 'author':
      return listLinked(db, 'publication_authors', 'person_id', filter.personId, options);
    case 'center':
      return listLinked(db, 'publication_centers', 'center_id', filter.centerId, options);
    case 'terms':
      if (filter.termIds.length === 1) {
        return listLinked(db, 'publication_terms', 'term_id', filter.termIds[0] ?? -1, options);
      }
      // Several terms (a region and its countries): a piece tagged with two of them
      // must count once, so test membership rather than join.
      return listPublications(
        db
          .selectFrom('publications')
          .where('publications.id', 'in', (eb) =>
            eb
              .selectFrom('publication_terms')
              .select('publication_id')
              .where('term_id', 'in', nonEmpty(filter.termIds)),
          ),
        options,
      );
    case 'type':
      return listPublications(
        db.selectFrom('publications').where('publications.type_id', '=', filter.typeId),
        options,
      );
    case 'all':
      return listPublications(db.selectFrom('publications'), options);
  }
}

/**
 * A page of a person's, center's or term's live work, from the link table alone: its
 * (key, date, id, visible_from) index yields the rows in order, already filtered, and
 * counts them without reading a single publication row.
 */
async function listLinked<
  T extends 'publication_authors' | 'publication_centers' | 'publication_terms',
>(
  db: Kysely<Tables>,
  table: T,
  key: 'person_id' | 'center_id' | 'term_id',
  value: number,
  { now, limit, offset = 0, excludeIds = [], withTotal = true }: ListOptions,
): Promise<{ ids: number[]; total: number }> {
  // One table name chosen at run time: Kysely cannot type that, so refer through sql.ref.
  let query = db
    .selectFrom(sql.table(table).as('l'))
    .where(sql.ref(`l.${key}`), '=', value)
    .where(sql.ref('l.visible_from'), '<=', now.toISOString());
  if (excludeIds.length > 0) query = query.where(sql.ref('l.publication_id'), 'not in', excludeIds);
  const [rows, count] = await Promise.all([
    query
      .select(sql<number>`l.publication_id`.as('id'))
      .orderBy(sql.ref('l.published_at'), 'desc')
      .orderBy(sql.ref('l.publication_id'), 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    withTotal
      ? query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      : undefined,
  ]);
  const ids = rows.map((r) => Number(r.id));
  return { ids, total: count === undefined ? offset + ids.length : Number(count.n) };
}

async function listPublications(
  base: SelectQueryBuilder<Tables, 'publications', object>,
  { now, limit, offset = 0, excludeIds = [], withTotal = true }: ListOptions,
): Promise<{ ids: number[]; total: number }> {
  let query = base.where(publiclyVisible(now));
  if (excludeIds.length > 0) query = query.where('publications.id', 'not in', excludeIds);
  const [rows, count] = await Promise.all([
    query
      .select('publications.id')
      .orderBy('publications.published_at', 'desc')
      .orderBy('publications.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    withTotal
      ? query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      : undefined,
  ]);
  const ids = rows.map((r) => r.id);
  return { ids, total: count === undefined ? offset + ids.length : Number(count.n) };
}

/**
 * A piece's terms, centers and newsletter lists in one round trip: each row says which
 * it is (`kind`), with the one extra field each needs (taxonomy, short name, language).
 */
async function loadRelations(db: Kysely<Tables>, publicationId: number) {
  const rows = await db
    .selectFrom('publication_terms as pt')
    .innerJoin('terms as x', 'x.id', 'pt.term_id')
    .select([
      sql<string>`'term'`.as('kind'),
      'x.id',
      'x.slug',
      'x.name',
      'x.taxonomy as extra',
      'pt.position as position',
    ])
    .where('pt.publication_id', '=', publicationId)
    .unionAll(
      db
        .selectFrom('publication_centers as pc')
        .innerJoin('centers as x', 'x.id', 'pc.center_id')
        .select([
          sql<string>`'center'`.as('kind'),
          'x.id',
          'x.slug',
          'x.name',
          'x.short_name as extra',
          // The primary center first, then the network's own order.
          sql<number>`(1 - pc.is_primary) * 100000 + x.position`.as('position'),
        ])
        .where('pc.publication_id', '=', publicationId),
    )
    .unionAll(
      db
        .selectFrom('publication_newsletters as pn')
        .innerJoin('newsletter_lists as x', 'x.id', 'pn.list_id')
        .select([
          sql<string>`'list'`.as('kind'),
          'x.id',
          'x.slug',
          'x.name',
          'x.language as extra',
          sql<number>`0`.as('position'),
        ])
        .where('pn.publication_id', '=', publicationId),
    )
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

/** Cards for the given ids, in the given order, with their authors: two queries in all. */
async function loadSummaries(db: Kysely<Tables>, ids: number[]): Promise<PublicationSummary[]> {
  if (ids.length === 0) return [];
  const [rows, authors] = await Promise.all([
    db
      .selectFrom('publications as p')
      .innerJoin('publication_types as t', 't.id', 'p.type_id')
      .select([
        'p.id',
        'p.slug',
        'p.title',
        'p.summary',
        'p.published_at',
        'p.type_id',
        't.slug as type_slug',
        't.name as type_name',
        't.plural_name as type_plural_name',
      ])
      .where('p.id', 'in', ids)
      .execute(),
    loadAuthors(db, ids),
  ]);
  const byId = new Map<number, SummaryRow>(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toSummary(row, authors.get(id) ?? [])] : [];
  });
}

async function loadAuthors(db: Kysely<Tables>, ids: number[]): Promise<Map<number, AuthorRef[]>> {
  const rows = await db
    .selectFrom('publication_authors as pa')
    .innerJoin('people', 'people.id', 'pa.person_id')
    .select([
      'pa.publication_id',
      'people.id',
      'people.slug',
      'people.name',
      'people.role',
      'people.is_external',
    ])
    .where('pa.publication_id', 'in', ids)
    .orderBy('pa.publication_id')
    .orderBy('pa.position')
    .execute();
  const grouped = groupBy(rows, (r) => r.publication_id);
  return new Map([...grouped].map(([id, list]) => [id, list.map(toAuthorRef)]));
}

/** `in ()` is a syntax error in SQL; an impossible id keeps the query valid and empty. */
function nonEmpty(ids: number[]): number[] {
  return ids.length > 0 ? ids : [-1];
}
