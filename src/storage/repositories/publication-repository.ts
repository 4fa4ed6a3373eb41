import type { Kysely } from 'kysely';
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
import type { PreparedArg } from '../prepared-query.ts';
import type { Tables } from '../tables.ts';
import { publiclyVisible } from '../visibility-sql.ts';
import { createPublicationQueries, type PublicationQueries } from './publication-queries.ts';
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
  /** Slugs of live pieces that carry a DOI, oldest first (what a DOI deposit covers). */
  listSlugsWithDoi(options: { now: Date }): Promise<string[]>;
  /** Live pieces a center features on its home page, in the editor's order. */
  listFeatured(
    centerId: number,
    options: { now: Date; limit: number },
  ): Promise<PublicationSummary[]>;
}

export function createPublicationRepository(db: Kysely<Tables>): PublicationRepository {
  const queries = createPublicationQueries(db);
  return {
    async findBySlug(slug, { now, audience = 'public' }) {
      const [row] =
        audience === 'public'
          ? await queries.liveBySlug(slug, now.toISOString())
          : await queries.anyBySlug(slug);
      if (!row) return undefined;

      const [authors, related] = await Promise.all([
        loadAuthors(queries, [row.id]),
        loadRelations(queries, row.id),
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
      const { ids, total } = await listIds(queries, filter, options);
      return { items: await loadSummaries(queries, ids), total };
    },

    async listSummaryGroups(groups) {
      const lists = await Promise.all(
        groups.map((g) => listIds(queries, g.filter, { ...g.options, withTotal: false })),
      );
      const cards = await loadSummaries(queries, [...new Set(lists.flatMap((l) => l.ids))]);
      const byId = new Map(cards.map((c) => [c.id, c]));
      return lists.map((l) => l.ids.flatMap((id) => byId.get(id) ?? []));
    },

    async listSlugsWithDoi({ now }) {
      const rows = await db
        .selectFrom('publications')
        .select('slug')
        .where('doi', 'is not', null)
        .where(publiclyVisible(now))
        .orderBy('published_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.slug);
    },

    async listFeatured(centerId, { now, limit }) {
      const rows = await queries.featuredIds(centerId, now.toISOString(), limit);
      return loadSummaries(
        queries,
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
  queries: PublicationQueries,
  filter: PublicationFilter,
  options: ListOptions,
): Promise<{ ids: number[]; total: number }> {
  switch (filter.by) {
    case 'author':
      return listPage(queries.linked.publication_authors, filter.personId, options);
    case 'center':
      return listPage(queries.linked.publication_centers, filter.centerId, options);
    case 'terms':
      return filter.termIds.length === 1
        ? listPage(queries.linked.publication_terms, filter.termIds[0] ?? -1, options)
        : listPage(queries.byAnyTerm, nonEmpty(filter.termIds), options);
    case 'type':
      return listPage(queries.byType, filter.typeId, options);
    case 'all':
      return listPage(queries.all, [], options);
  }
}

/** A page of ids from one list query pair, and its total when asked for. */
async function listPage<K extends PreparedArg>(
  list: {
    ids: (
      key: K,
      at: string,
      excludeIds: readonly number[],
      limit: number,
      offset: number,
    ) => Promise<{ id: number }[]>;
    count: (key: K, at: string, excludeIds: readonly number[]) => Promise<{ n: number }[]>;
  },
  key: K,
  { now, limit, offset = 0, excludeIds = [], withTotal = true }: ListOptions,
): Promise<{ ids: number[]; total: number }> {
  const at = now.toISOString();
  const [rows, count] = await Promise.all([
    list.ids(key, at, excludeIds, limit, offset),
    withTotal ? list.count(key, at, excludeIds) : undefined,
  ]);
  const ids = rows.map((r) => Number(r.id));
  return { ids, total: count === undefined ? offset + ids.length : Number(count[0]?.n ?? 0) };
}

async function loadRelations(queries: PublicationQueries, publicationId: number) {
  const rows = await queries.relations(publicationId, publicationId, publicationId);
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

/** Cards for the given ids, in the given order, with their authors: two queries in all. */
async function loadSummaries(
  queries: PublicationQueries,
  ids: number[],
): Promise<PublicationSummary[]> {
  if (ids.length === 0) return [];
  const [rows, authors] = await Promise.all([queries.cards(ids), loadAuthors(queries, ids)]);
  const byId = new Map<number, SummaryRow>(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toSummary(row, authors.get(id) ?? [])] : [];
  });
}

async function loadAuthors(
  queries: PublicationQueries,
  ids: number[],
): Promise<Map<number, AuthorRef[]>> {
  const rows = await queries.authors(ids);
  const grouped = groupBy(rows, (r) => r.publication_id);
  return new Map([...grouped].map(([id, list]) => [id, list.map(toAuthorRef)]));
}

/** `in ()` is a syntax error in SQL; an impossible id keeps the query valid and empty. */
function nonEmpty(ids: number[]): number[] {
  return ids.length > 0 ? ids : [-1];
}
