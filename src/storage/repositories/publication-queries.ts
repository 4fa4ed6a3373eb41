import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { type PreparedArg, preparedQuery } from '../prepared-query.ts';
import type { Tables } from '../tables.ts';
import { visibleAt } from '../visibility-sql.ts';

/** The link tables whose (key, date, id, visible_from) index answers a list by itself. */
export type LinkTable = 'publication_authors' | 'publication_centers' | 'publication_terms';
export const LINK_KEYS = {
  publication_authors: 'person_id',
  publication_centers: 'center_id',
  publication_terms: 'term_id',
} as const;

/**
 * The reads a public page makes of publications, each compiled once and then only
 * re-bound (see prepared-query.ts). Arguments are plain values: instants as ISO
 * strings, lists as arrays; nothing here interprets them.
 */
export function createPublicationQueries(db: Kysely<Tables>) {
  const piece = (slug: string) =>
    db
      .selectFrom('publications')
      .innerJoin('publication_types as t', 't.id', 'publications.type_id')
      .innerJoin('centers as c', 'c.id', 'publications.primary_center_id')
      .leftJoin('media as m', 'm.id', 'publications.lead_media_id')
      .leftJoin('partners as pa', 'pa.id', 'publications.partner_id')
      // Every column a page shows, and not the Markdown source: pages render the stored
      // HTML, and reading a second copy of the body cost as much as the rest of the row.
      .select([
        'publications.id',
        'publications.slug',
        'publications.type_id',
        'publications.title',
        'publications.summary',
        'publications.published_at',
        'publications.body_html',
        'publications.status',
        'publications.revised_at',
        'publications.embargo_until',
        'publications.primary_center_id',
        'publications.partner_id',
        'publications.external_url',
        'publications.canonical_url',
        'publications.language',
        'publications.doi',
        'publications.licence',
        'publications.series',
        'publications.report_number',
        'publications.pdf_path',
        'publications.created_at',
        'publications.updated_at',
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
        'm.variants as media_variants',
        'pa.slug as partner_slug',
        'pa.name as partner_name',
        'pa.url as partner_url',
      ])
      .where('publications.slug', '=', slug);

  /**
   * Pages of ids and their count for lists that read the publications table itself.
   * `total` counts the live ones and names the moment the next one goes live, in the same
   * pass: how long that count holds, for a process that keeps it (read-cache/).
   */
  const listOf = <K extends PreparedArg>(
    base: (key: K) => SelectQueryBuilder<Tables, 'publications', object>,
  ) => {
    const live = (key: K, at: string, excludeIds: readonly number[]) => {
      const query = base(key).where(visibleAt(at));
      return excludeIds.length > 0 ? query.where('publications.id', 'not in', excludeIds) : query;
    };
    return {
      ids: preparedQuery(
        db,
        (key: K, at: string, excludeIds: readonly number[], limit: number, offset: number) =>
          live(key, at, excludeIds)
            .select('publications.id')
            .orderBy('publications.published_at', 'desc')
            .orderBy('publications.id', 'desc')
            .limit(limit)
            .offset(offset),
      ),
      count: preparedQuery(db, (key: K, at: string, excludeIds: readonly number[]) =>
        live(key, at, excludeIds).select((eb) => eb.fn.countAll<number>().as('n')),
      ),
      total: preparedQuery(db, (key: K, at: string) =>
        base(key)
          .where('publications.visible_from', 'is not', null)
          .select([
            sql<number>`count(*) filter (where publications.visible_from <= ${at})`.as('n'),
            sql<
              string | null
            >`min(publications.visible_from) filter (where publications.visible_from > ${at})`.as(
              'next',
            ),
          ]),
      ),
    };
  };

  /** The same from a link table alone: its covering index yields, filters and counts. */
  const linkedListOf = (table: LinkTable) => {
    const key = LINK_KEYS[table];
    // One table name chosen at run time: Kysely cannot type that, so refer through sql.ref.
    const live = (value: number, at: string, excludeIds: readonly number[]) => {
      const query = db
        .selectFrom(sql.table(table).as('l'))
        .where(sql.ref(`l.${key}`), '=', value)
        .where(sql.ref('l.visible_from'), '<=', at);
      return excludeIds.length > 0
        ? query.where(sql.ref('l.publication_id'), 'not in', excludeIds)
        : query;
    };
    return {
      ids: preparedQuery(
        db,
        (value: number, at: string, excludeIds: readonly number[], limit: number, offset: number) =>
          live(value, at, excludeIds)
            .select(sql<number>`l.publication_id`.as('id'))
            .orderBy(sql.ref('l.published_at'), 'desc')
            .orderBy(sql.ref('l.publication_id'), 'desc')
            .limit(limit)
            .offset(offset),
      ),
      count: preparedQuery(db, (value: number, at: string, excludeIds: readonly number[]) =>
        live(value, at, excludeIds).select((eb) => eb.fn.countAll<number>().as('n')),
      ),
      total: preparedQuery(db, (value: number, at: string) =>
        db
          .selectFrom(sql.table(table).as('l'))
          .where(sql.ref(`l.${key}`), '=', value)
          .where(sql.ref('l.visible_from'), 'is not', null)
          .select([
            sql<number>`count(*) filter (where l.visible_from <= ${at})`.as('n'),
            sql<string | null>`min(l.visible_from) filter (where l.visible_from > ${at})`.as(
              'next',
            ),
          ]),
      ),
    };
  };

  return {
    liveBySlug: preparedQuery(db, (slug: string, at: string) => piece(slug).where(visibleAt(at))),
    anyBySlug: preparedQuery(db, (slug: string) => piece(slug)),

    /** Authors of several pieces, in byline order. */
    authors: preparedQuery(db, (ids: readonly number[]) =>
      db
        .selectFrom('publication_authors as pa')
        .innerJoin('people', 'people.id', 'pa.person_id')
        .select([
          'pa.publication_id',
          'people.id',
          'people.slug',
          'people.name',
          'people.sort_name',
          'people.role',
          'people.orcid',
          'people.center_id',
          'people.affiliation',
          'people.is_external',
        ])
        .where('pa.publication_id', 'in', ids)
        .orderBy('pa.publication_id')
        .orderBy('pa.position'),
    ),

    /** What a card shows, for several pieces (in no particular order). */
    cards: preparedQuery(db, (ids: readonly number[]) =>
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
        .where('p.id', 'in', ids),
    ),

    /**
     * A piece's terms, centers and newsletter lists in one round trip: each row says which
     * it is (`kind`), with the one extra field each needs (taxonomy, short name, language).
     */
    relations: preparedQuery(db, (termsOf: number, centersOf: number, listsOf: number) =>
      db
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
        .where('pt.publication_id', '=', termsOf)
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
            .where('pc.publication_id', '=', centersOf),
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
            .where('pn.publication_id', '=', listsOf),
        ),
    ),

    featuredIds: preparedQuery(db, (centerId: number, at: string, limit: number) =>
      db
        .selectFrom('featured_publications as f')
        .innerJoin('publications', 'publications.id', 'f.publication_id')
        .select('publications.id')
        .where('f.center_id', '=', centerId)
        .where(visibleAt(at))
        .orderBy('f.position')
        .limit(limit),
    ),

    linked: {
      publication_authors: linkedListOf('publication_authors'),
      publication_centers: linkedListOf('publication_centers'),
      publication_terms: linkedListOf('publication_terms'),
    },
    // Several terms (a region and its countries): a piece tagged with two of them must
    // count once, so test membership rather than join.
    byAnyTerm: listOf((termIds: readonly number[]) =>
      db
        .selectFrom('publications')
        .where('publications.id', 'in', (eb) =>
          eb
            .selectFrom('publication_terms')
            .select('publication_id')
            .where('term_id', 'in', termIds),
        ),
    ),
    byType: listOf((typeId: number) =>
      db.selectFrom('publications').where('publications.type_id', '=', typeId),
    ),
    // No key: an empty list argument keeps the shared shape without a parameter.
    all: listOf((_: readonly []) => db.selectFrom('publications')),
  };
}

export type PublicationQueries = ReturnType<typeof createPublicationQueries>;
