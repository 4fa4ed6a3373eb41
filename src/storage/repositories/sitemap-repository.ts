import { type AliasedSelectQueryBuilder, type Kysely, sql } from 'kysely';
import type { Tables } from '../tables.ts';
import { publiclyVisible } from '../visibility-sql.ts';

/** The kinds of page a sitemap lists from a table, each chunked by id. */
export type SitemapSection = 'publications' | 'people' | 'terms' | 'pages';

/** Whose sitemap: a center's site, and whether it is the network's home site. */
export interface SitemapScope {
  centerId: number;
  /** The home site also lists what belongs to no one center: terms, people of no center. */
  isNetworkHome: boolean;
}

export interface SitemapRow {
  id: number;
  slug: string;
  /** A term's taxonomy; null for the other sections. */
  taxonomy: string | null;
  /** The later of the row's own last save and its newest live piece's arrival. */
  lastmod: string | null;
}

/** One chunk of a section: the rows whose ids fall in one block of `chunkSize` ids. */
export interface SitemapChunk {
  /** 1 for ids 1…chunkSize, 2 for the next block, and so on. */
  number: number;
  count: number;
  lastmod: string | null;
  /** Changes whenever the chunk's rows would (count, id sum, newest times): for its ETag. */
  fingerprint: string;
}

export interface ChunkOptions {
  now: Date;
  chunkSize: number;
}

export interface SiteActivity {
  /** When the center's newest live piece went live (its home page's "Latest Work"). */
  center: string | null;
  /** When the network's newest live piece went live (/research). */
  network: string | null;
  types: { slug: string; lastmod: string | null }[];
}

/**
 * The queries behind sitemaps. Sections are chunked by id rather than by position, so a
 * chunk's URL keeps meaning the same rows as pieces come and go, and reading a chunk is
 * a range scan: `listRows` pages through it by keyset, a bounded batch at a time.
 * Everything is public-only: a piece is listed once `visible_from` has passed.
 */
export interface SitemapRepository {
  /** The non-empty chunks of a section for a site, in order (`only`: just that one). */
  listChunks(
    section: SitemapSection,
    scope: SitemapScope,
    options: ChunkOptions & { only?: number },
  ): Promise<SitemapChunk[]>;
  /** Rows of one chunk after `afterId`, by id, at most `limit`. */
  listRows(
    section: SitemapSection,
    scope: SitemapScope,
    options: ChunkOptions & { chunk: number; afterId: number; limit: number },
  ): Promise<SitemapRow[]>;
  findSiteActivity(centerId: number, now: Date): Promise<SiteActivity>;
}

/** Ids are 32-bit on PostgreSQL: a bound past this would be an error there, not "none". */
const MAX_ID = 2_147_483_647;
const idBound = (value: number) => Math.min(Math.max(value, 0), MAX_ID);

// A typed null: PostgreSQL must know a derived table's column types.
const NULL_TEXT = sql<string | null>`cast(null as text)`;

/** What every section reads, as a derived table `r`. */
type SectionRows = AliasedSelectQueryBuilder<
  {
    id: number;
    slug: string;
    taxonomy: string | null;
    updated_at: string;
    activity_at: string | null;
  },
  'r'
>;

export function createSitemapRepository(db: Kysely<Tables>): SitemapRepository {
  /** Each section as one derived table of (id, slug, taxonomy, updated_at, activity_at). */
  function rowsOf(section: SitemapSection, scope: SitemapScope, now: Date): SectionRows {
    const at = now.toISOString();
    switch (section) {
      case 'publications':
        // A piece whose canonical URL is elsewhere (a republished piece) is not ours to
        // list: sitemaps name canonical URLs only. Served from the publications_sitemap index.
        return db
          .selectFrom('publications')
          .select([
            'publications.id as id',
            'publications.slug as slug',
            NULL_TEXT.as('taxonomy'),
            'publications.updated_at as updated_at',
            'publications.visible_from as activity_at',
          ])
          .where('publications.primary_center_id', '=', scope.centerId)
          .where(publiclyVisible(now))
          .where('publications.canonical_url', 'is', null)
          .as('r');
      case 'people': {
        const newestWork = newestLinked('publication_authors', 'person_id', 'people.id', at);
        return (
          db
            .selectFrom('people')
            .select([
              'people.id as id',
              'people.slug as slug',
              NULL_TEXT.as('taxonomy'),
              'people.updated_at as updated_at',
              newestWork.as('activity_at'),
            ])
            .where((eb) =>
              scope.isNetworkHome
                ? eb.or([
                    eb('people.center_id', '=', scope.centerId),
                    eb('people.center_id', 'is', null),
                  ])
                : eb('people.center_id', '=', scope.centerId),
            )
            // An external co-author's page exists only while they have live work.
            .where((eb) =>
              eb.or([eb('people.is_external', '=', 0), eb(newestWork, 'is not', null)]),
            )
            .as('r')
        );
      }
      case 'terms': {
        const newestWork = newestLinked('publication_terms', 'term_id', 'terms.id', at);
        return (
          db
            .selectFrom('terms')
            .select([
              'terms.id as id',
              'terms.slug as slug',
              'terms.taxonomy as taxonomy',
              'terms.updated_at as updated_at',
              newestWork.as('activity_at'),
            ])
            // Terms belong to the network, not to a center: only its home site lists them.
            .where(sql.lit(scope.isNetworkHome ? 1 : 0), '=', 1)
            .as('r')
        );
      }
      case 'pages':
        return db
          .selectFrom('pages')
          .select([
            'pages.id as id',
            'pages.slug as slug',
            NULL_TEXT.as('taxonomy'),
            'pages.updated_at as updated_at',
            NULL_TEXT.as('activity_at'),
          ])
          .where('pages.center_id', '=', scope.centerId)
          .as('r');
    }
  }

  /** Which chunk an id falls in; the size is a validated integer, so inlined as a literal. */
  const chunkOf = (chunkSize: number) =>
    sql<number>`(r.id - 1) / ${sql.lit(Math.max(1, Math.floor(chunkSize)))} + 1`;

  return {
    async listChunks(section, scope, { now, chunkSize, only }) {
      const number = chunkOf(chunkSize);
      let query = db
        .selectFrom(rowsOf(section, scope, now))
        .select((eb) => [
          number.as('number'),
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('r.id').as('id_sum'),
          eb.fn.max('r.updated_at').as('updated'),
          eb.fn.max('r.activity_at').as('activity'),
        ])
        .groupBy(number)
        .orderBy(number);
      if (only !== undefined) {
        query = query
          .where('r.id', '>', idBound((only - 1) * chunkSize))
          .where('r.id', '<=', idBound(only * chunkSize));
      }
      const rows = await query.execute();
      return rows.map((row) => ({
        number: Number(row.number),
        count: Number(row.count),
        lastmod: later(row.updated, row.activity),
        fingerprint: [row.count, row.id_sum, row.updated, row.activity].join('|'),
      }));
    },

    async listRows(section, scope, { now, chunkSize, chunk, afterId, limit }) {
      const rows = await db
        .selectFrom(rowsOf(section, scope, now))
        .selectAll('r')
        .where('r.id', '>', idBound(Math.max(afterId, (chunk - 1) * chunkSize)))
        .where('r.id', '<=', idBound(chunk * chunkSize))
        .orderBy('r.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        taxonomy: row.taxonomy,
        lastmod: later(row.updated_at, row.activity_at),
      }));
    },

    async findSiteActivity(centerId, now) {
      const at = now.toISOString();
      const [center, network, types] = await Promise.all([
        db
          .selectFrom('publication_centers')
          .select('visible_from')
          .where('center_id', '=', centerId)
          .where('visible_from', '<=', at)
          .orderBy('published_at', 'desc')
          .limit(1)
          .executeTakeFirst(),
        db
          .selectFrom('publications')
          .select('visible_from')
          .where(publiclyVisible(now))
          .orderBy('published_at', 'desc')
          .limit(1)
          .executeTakeFirst(),
        db
          .selectFrom('publication_types as t')
          .select((eb) => [
            't.slug',
            eb
              .selectFrom('publications')
              .select('publications.visible_from')
              .whereRef('publications.type_id', '=', 't.id')
              .where(publiclyVisible(now))
              .orderBy('publications.published_at', 'desc')
              .limit(1)
              .as('lastmod'),
          ])
          .orderBy('t.position')
          .orderBy('t.slug')
          .execute(),
      ]);
      return {
        center: center?.visible_from ?? null,
        network: network?.visible_from ?? null,
        types: types.map((t) => ({ slug: t.slug, lastmod: t.lastmod ?? null })),
      };
    },
  };
}

/**
 * When the newest live piece linked to the outer row (a person, a term) went live: one
 * probe of the link table's (key, date) index per row, newest first. Raw SQL because the
 * link table is chosen at run time, which Kysely cannot type.
 */
function newestLinked(
  link: 'publication_authors' | 'publication_terms',
  key: 'person_id' | 'term_id',
  owner: 'people.id' | 'terms.id',
  at: string,
) {
  return sql<string | null>`(select l.visible_from from ${sql.table(link)} as l
    where ${sql.ref(`l.${key}`)} = ${sql.ref(owner)} and l.visible_from <= ${at}
    order by l.published_at desc limit 1)`;
}

/** The later of two ISO times, either of which may be missing. */
function later(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}
