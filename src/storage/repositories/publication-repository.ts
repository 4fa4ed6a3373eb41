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
import type { CachedTotal, ReadCache } from '../read-cache/read-cache.ts';
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
    /**
     * `cacheChecked`: the caller caught the read cache up with the change log for this
     * page view already (a public findBySlug just did), so it is not asked again.
     */
    options?: { cacheChecked?: boolean },
  ): Promise<PublicationSummary[][]>;
  /** Slugs of live pieces that carry a DOI, oldest first (what a DOI deposit covers). */
  listSlugsWithDoi(options: { now: Date }): Promise<string[]>;
  /** Live pieces a center features on its home page, in the editor's order. */
  listFeatured(
    centerId: number,
    options: { now: Date; limit: number },
  ): Promise<PublicationSummary[]>;
}

export interface PublicationRepositoryOptions {
  /**
   * A server's memory of cards and list totals (see read-cache/). Without one, every call
   * reads everything from the database, as commands that read each piece once should.
   */
  cache?: ReadCache;
}

export function createPublicationRepository(
  db: Kysely<Tables>,
  { cache }: PublicationRepositoryOptions = {},
): PublicationRepository {
  const queries = createPublicationQueries(db);
  const reads: Reads = { queries, cache };
  return {
    async findBySlug(slug, { now, audience = 'public' }) {
      // The byline is the card's: a piece that any list showed, or that was read before,
      // has its card (authors included) in memory already. Only the public's reads use
      // and fill it, as lists do.
      const cards = audience === 'public' ? cache : undefined;
      await cards?.refresh();
      const generation = cards?.generation();
      const [row] =
        audience === 'public'
          ? await queries.liveBySlug(slug, now.toISOString())
          : await queries.anyBySlug(slug);
      if (!row) return undefined;

      const card = cards?.summaries.get(row.id);
      const [authors, related] = await Promise.all([
        card?.authors ?? loadAuthors(queries, [row.id]).then((found) => found.get(row.id) ?? []),
        loadRelations(queries, row.id),
      ]);
      if (!card && generation !== undefined && cards?.isCurrent(generation)) {
        const summary = toSummary(row, authors);
        freezeSummary(summary);
        cards.summaries.set(row.id, summary);
      }
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
        // Fields named, not `{ ...term, taxonomy }`: V8 copies a spread whose key is then
        // overridden slowly, about half a microsecond a term on every page view.
        const { id, slug, name, extra } = term;
        byTaxonomy[extra as Taxonomy]?.push(toTermRef({ id, taxonomy: extra, slug, name }));
      }
      const primaryCenter: CenterRef = {
        id: row.primary_center_id,
        slug: row.center_slug,
        name: row.center_name,
        shortName: row.center_short_name,
      };

      // Object.assign rather than `{ ...summary, bodyHtml, … }`: on Node 20 each key after
      // a spread in an object literal costs about a microsecond, 20 µs a page view here.
      return Object.assign(toSummary(row, authors), {
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
      });
    },

    async listSummaries(filter, options) {
      await cache?.refresh();
      const { ids, total } = await listIds(reads, filter, options);
      return { items: await loadSummaries(reads, ids), total };
    },

    async listSummaryGroups(groups, { cacheChecked = false } = {}) {
      if (!cacheChecked) await cache?.refresh();
      const lists = await Promise.all(
        groups.map((g) => listIds(reads, g.filter, { ...g.options, withTotal: false })),
      );
      const cards = await loadSummaries(reads, [...new Set(lists.flatMap((l) => l.ids))]);
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
      await cache?.refresh();
      const rows = await queries.featuredIds(centerId, now.toISOString(), limit);
      return loadSummaries(
        reads,
        rows.map((r) => r.id),
      );
    },
  };
}

/**
 * One page of ids plus the total. Each filter drives from the link table whose
 * (key, published_at) index already holds the order, so a page never sorts the world.
 */
/** The queries, and the cache when the repository has one. */
interface Reads {
  queries: PublicationQueries;
  cache: ReadCache | undefined;
}

async function listIds(
  { queries, cache }: Reads,
  filter: PublicationFilter,
  options: ListOptions,
): Promise<{ ids: number[]; total: number }> {
  const { linked } = queries;
  switch (filter.by) {
    case 'author':
      return listPage(cache, 'author', linked.publication_authors, filter.personId, options);
    case 'center':
      return listPage(cache, 'center', linked.publication_centers, filter.centerId, options);
    case 'terms':
      return filter.termIds.length === 1
        ? listPage(cache, 'term', linked.publication_terms, filter.termIds[0] ?? -1, options)
        : listPage(cache, 'terms', queries.byAnyTerm, nonEmpty(filter.termIds), options);
    case 'type':
      return listPage(cache, 'type', queries.byType, filter.typeId, options);
    case 'all':
      return listPage(cache, 'all', queries.all, [], options);
  }
}

/** A page of ids from one list's queries, and its total when asked for. */
async function listPage<K extends PreparedArg>(
  cache: ReadCache | undefined,
  name: string,
  list: {
    ids: (
      key: K,
      at: string,
      excludeIds: readonly number[],
      limit: number,
      offset: number,
    ) => Promise<{ id: number }[]>;
    count: (key: K, at: string, excludeIds: readonly number[]) => Promise<{ n: number }[]>;
    total: (key: K, at: string) => Promise<{ n: number; next: string | null }[]>;
  },
  key: K,
  { now, limit, offset = 0, excludeIds = [], withTotal = true }: ListOptions,
): Promise<{ ids: number[]; total: number }> {
  const at = now.toISOString();
  const wanted = offset + limit + excludeIds.length;
  if (cache !== undefined && wanted <= HEAD_SIZE && (!withTotal || excludeIds.length === 0)) {
    const entry = await cachedEntry(cache, `${name}:${String(key)}`, at, () => list.total(key, at));
    if (entry !== undefined) {
      const head = await cachedHead(cache, entry, () => list.ids(key, at, [], HEAD_SIZE, 0));
      if (head !== undefined) {
        const excluded = new Set(excludeIds);
        const ids = head.filter((id) => !excluded.has(id)).slice(offset, offset + limit);
        return { ids, total: entry.n };
      }
    }
  }
  const [rows, total] = await Promise.all([
    list.ids(key, at, excludeIds, limit, offset),
    !withTotal
      ? undefined
      : cache === undefined || excludeIds.length > 0
        ? list.count(key, at, excludeIds).then((r) => Number(r[0]?.n ?? 0))
        : cachedTotal(cache, `${name}:${String(key)}`, at, () => list.total(key, at)),
  ]);
  const ids = rows.map((r) => Number(r.id));
  return { ids, total: total ?? offset + ids.length };
}

/**
 * A list's total from the cache while it holds: counted at or before `at`, and no piece
 * of the list has gone live since (`until`). Otherwise counted again and kept.
 */
async function cachedTotal(
  cache: ReadCache,
  key: string,
  at: string,
  count: () => Promise<{ n: number; next: string | null }[]>,
): Promise<number> {
  const kept = cache.totals.get(key);
  if (kept && kept.from <= at && (kept.until === null || at < kept.until)) return kept.n;
  const generation = cache.generation();
  const [row] = await count();
  const n = Number(row?.n ?? 0);
  if (cache.isCurrent(generation)) cache.totals.set(key, { n, from: at, until: row?.next ?? null });
  return n;
}

/** A list's first ids kept with its total (read-cache.ts): enough for related work and page 1. */
const HEAD_SIZE = 24;

/**
 * The cache's entry for a list that holds at `at`, counted now if it did not; undefined
 * when a change came in meanwhile (then the caller reads the database as without a cache).
 */
async function cachedEntry(
  cache: ReadCache,
  key: string,
  at: string,
  count: () => Promise<{ n: number; next: string | null }[]>,
): Promise<CachedTotal | undefined> {
  await cachedTotal(cache, key, at, count);
  const entry = cache.totals.get(key);
  return entry && entry.from <= at && (entry.until === null || at < entry.until)
    ? entry
    : undefined;
}

/**
 * The entry's head, read now if no one has yet. Read with the cache current before and
 * after, inside the entry's window, it is the head for the whole window.
 */
async function cachedHead(
  cache: ReadCache,
  entry: CachedTotal,
  read: () => Promise<{ id: number }[]>,
): Promise<number[] | undefined> {
  if (entry.head) return entry.head;
  const generation = cache.generation();
  const rows = await read();
  if (!cache.isCurrent(generation)) return undefined;
  entry.head = rows.map((r) => Number(r.id));
  return entry.head;
}

async function loadRelations(queries: PublicationQueries, publicationId: number) {
  const rows = await queries.relations(publicationId, publicationId, publicationId);
  for (const row of rows) row.position = Number(row.position);
  return rows;
}

/**
 * Cards for the given ids, in the given order, with their authors: those the cache holds,
 * and the others in two queries.
 */
async function loadSummaries(
  { queries, cache }: Reads,
  ids: number[],
): Promise<PublicationSummary[]> {
  const found = new Map<number, PublicationSummary>();
  const missing: number[] = [];
  for (const id of ids) {
    const kept = cache?.summaries.get(id);
    if (kept) found.set(id, kept);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const generation = cache?.generation();
    const [rows, authors] = await Promise.all([
      queries.cards(missing),
      loadAuthors(queries, missing),
    ]);
    const keep = generation !== undefined && cache?.isCurrent(generation) ? cache : undefined;
    for (const row of rows as SummaryRow[]) {
      const summary = toSummary(row, authors.get(row.id) ?? []);
      // Shared by every page that shows it from now on: no caller may change it.
      if (keep) freezeSummary(summary);
      found.set(row.id, summary);
      keep?.summaries.set(row.id, summary);
    }
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

async function loadAuthors(
  queries: PublicationQueries,
  ids: number[],
): Promise<Map<number, AuthorRef[]>> {
  const rows = await queries.authors(ids);
  const grouped = groupBy(rows, (r) => r.publication_id);
  return new Map([...grouped].map(([id, list]) => [id, list.map(toAuthorRef)]));
}

function freezeSummary(summary: PublicationSummary): void {
  for (const author of summary.authors) Object.freeze(author);
  Object.freeze(summary.authors);
  Object.freeze(summary.type);
  Object.freeze(summary);
}

/** `in ()` is a syntax error in SQL; an impossible id keeps the query valid and empty. */
function nonEmpty(ids: number[]): number[] {
  return ids.length > 0 ? ids : [-1];
}
