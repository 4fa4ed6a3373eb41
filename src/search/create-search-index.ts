import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Taxonomy } from '../domain/publication.ts';
import { ServiceUnavailableError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { Database } from '../storage/database.ts';
import {
  type Change,
  type ChangeCursor,
  createChangeLogRepository,
} from '../storage/repositories/change-log-repository.ts';
import type { Tables } from '../storage/tables.ts';
import { sitePaths } from '../web/site/site-paths.ts';
import { fetchHits } from './hit-rows.ts';
import {
  indexableIds,
  publicationsLinkedTo,
  readAllDocuments,
  readCatalog,
  readDocuments,
} from './index-source.ts';
import { highlightTargets, parseQuery } from './query-parser.ts';
import { SearchCatalog } from './search-catalog.ts';
import { SearchEngine, type SourceDocument } from './search-engine.ts';
import {
  FACETS,
  type FacetName,
  type FacetValueCount,
  type SearchIndex,
  type SearchIndexStats,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
} from './search-index.ts';
import { fold } from './text-analysis.ts';
import {
  buildInThreads,
  buildThreadCount,
  THREADED_BUILD_MIN_DOCUMENTS,
} from './threaded-build.ts';

/*
 * The search index of one app process: built from the database on first use, then kept
 * current from the change log (written by triggers, so other processes' writes count),
 * checked before every query. Pieces whose moment has not come are held back by id and
 * time only (never analysed) and join the index at the first query after their moment.
 */

export interface SearchIndexDeps {
  database: Database;
  clock: Clock;
  /** The data folder: word positions live in its search/ folder (see inverted-index.ts). */
  dataDir: string;
  /** Threads for a build (default: the cores, up to 4); 1 builds in this thread. */
  buildThreads?: number;
  /** Fewer publications than this build in this thread (default 5,000). */
  threadedBuildFrom?: number;
  /**
   * How long the first queries wait for the first build before answering "warming up"
   * (default 5 s: a small site is ready long before; a large one takes up to a minute).
   */
  firstBuildWaitMs?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Values listed per facet (selected ones always are). */
const FACET_VALUES_SHOWN = 50;
/** Rebuild once the tail of documents added since the build is this large. */
const TAIL_REBUILD_SHARE = 0.25;
const TAIL_REBUILD_MIN = 5_000;

const FIRST_BUILD_WAIT_MS = 5_000;

/** How long a replaced index stays open for queries that began on it. */
const RETIRE_AFTER_MS = 30_000;

/** Where a changed name's id may sit among the facet values. */
const ENTITY_FACETS: Record<
  'person' | 'term' | 'center' | 'partner' | 'publication_type',
  FacetName[]
> = {
  person: ['author'],
  term: ['program', 'project', 'region', 'topic', 'collection'],
  center: ['center'],
  partner: [],
  publication_type: ['type'],
};

const TERM_FACETS = new Set<FacetName>(['program', 'project', 'region', 'topic', 'collection']);

export function createSearchIndex(deps: SearchIndexDeps): SearchIndex {
  const { db } = deps.database;
  const changes = createChangeLogRepository(db, deps.database.dialect);
  let engine: SearchEngine | null = null;
  let building: Promise<SearchEngine> | null = null;
  /** How far the live index has read the change log. */
  let applied: ChangeCursor = { seq: 0, xmin: null };
  /** Pieces to be public later: id → the moment. */
  let pending = new Map<number, number>();
  let buildMs = 0;
  let buildThreads = 1;
  let buildProblem: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** One catch-up at a time: queries wait for the one running, then check again. */
  function serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function build(onProgress?: (done: number, total: number) => void) {
    const started = performance.now();
    // Read before the documents: a change made during the build is applied again after
    // it, which is harmless (applying a change re-reads the piece).
    const cursor = await changes.cursor();
    const ids = await indexableIds(db);
    const catalog = new SearchCatalog(await readCatalog(db));
    const positionsDir = join(deps.dataDir, 'search');
    const now = deps.clock.now().getTime();
    const threads = deps.buildThreads ?? buildThreadCount();
    const { config } = deps.database;
    // An in-memory SQLite database cannot be opened from another thread.
    const threadable = config.url !== undefined || config.sqlitePath !== ':memory:';
    let built: { engine: SearchEngine; pending: Map<number, number> } | undefined;
    if (
      threads > 1 &&
      threadable &&
      ids.length >= (deps.threadedBuildFrom ?? THREADED_BUILD_MIN_DOCUMENTS)
    ) {
      try {
        built = await buildInThreads({
          database: config,
          catalog,
          ids,
          threads,
          now,
          positionsDir,
          onProgress: (done) => onProgress?.(done, ids.length),
        });
        buildThreads = threads;
      } catch (error) {
        // Threads are an optimisation: without them (a read-only install folder, say) the
        // index is still built, here, and the reason is kept for stats().
        buildProblem = (error as Error).message;
      }
    }
    if (!built) {
      const engine = new SearchEngine(catalog, { positionsDir });
      const held = new Map<number, number>();
      let done = 0;
      for await (const batch of readAllDocuments(db)) {
        for (const doc of batch) place(engine, held, doc, now);
        done += batch.length;
        onProgress?.(done, ids.length);
        // Let requests in between batches: a build must not freeze the site.
        await new Promise((resolve) => setImmediate(resolve));
      }
      engine.seal();
      built = { engine, pending: held };
      buildThreads = 1;
    }
    const { engine: fresh, pending: freshPending } = built;
    // The swap: index, held-back pieces and log position change together.
    const previous = engine;
    engine = fresh;
    pending = freshPending;
    applied = cursor;
    // A query that started on the old index may still read it for a moment.
    if (previous) setTimeout(() => previous.close(), RETIRE_AFTER_MS).unref();
    buildMs = performance.now() - started;
    return fresh;
  }

  async function ready(): Promise<SearchEngine> {
    if (engine) return engine;
    return startBuild();
  }

  function startBuild(): Promise<SearchEngine> {
    building ??= build().finally(() => {
      building = null;
    });
    return building;
  }

  /**
   * Applies every change since the last look, and lets in pieces whose time has come.
   * It reads first and changes the index last, in one synchronous step, and only if no
   * rebuild swapped the index meanwhile (the next query then starts from the new one).
   */
  async function catchUp(): Promise<void> {
    const current = engine;
    if (!current) return;
    const from = applied;
    const now = deps.clock.now().getTime();
    const read = await changes.changesSince(from);
    const found = read?.changes ?? [];
    const due = [...pending].filter(([, at]) => at <= now).map(([id]) => id);
    if (found.length === 0 && due.length === 0) {
      if (read && engine === current && applied === from) applied = read.next;
      return;
    }

    const ids = new Set(due);
    const touched = new Map<
      Exclude<Change['entity'], 'publication' | 'search_index' | 'pruned' | 'media'>,
      number[]
    >();
    let rebuildAsked = false;
    for (const change of found) {
      if (change.entity === 'pruned' && change.entityId > from.seq) {
        // Changes this index never read are gone: only a fresh build is sure to be right.
        await build();
        return;
      }
      if (change.entity === 'search_index') rebuildAsked = true;
      // Pruned rows were handled above; the index holds nothing of media rows.
      else if (change.entity === 'pruned' || change.entity === 'media') continue;
      else if (change.entity === 'publication') ids.add(change.entityId);
      else touched.set(change.entity, [...(touched.get(change.entity) ?? []), change.entityId]);
    }
    let catalog = current.catalog;
    if (touched.size > 0) {
      catalog = new SearchCatalog(await readCatalog(db));
      for (const [entity, entityIds] of touched) {
        let affected = entityIds;
        if (entity === 'term') {
          // A moved or renamed region changes what its descendants count for.
          const all = new Set<number>();
          for (const id of entityIds) {
            for (const t of current.catalog.withDescendants(id)) all.add(t);
            for (const t of catalog.withDescendants(id)) all.add(t);
          }
          affected = [...all];
        }
        for (const id of await publicationsLinkedTo(db, entity, affected)) ids.add(id);
        // A deleted name took its link rows with it: the index itself knows who had it.
        for (const facet of ENTITY_FACETS[entity])
          for (const id of affected)
            for (const pub of current.publicationsWith(facet, String(id))) ids.add(pub);
      }
    }
    const docs = await readDocuments(db, [...ids]);

    if (engine !== current || applied !== from) return;
    current.catalog = catalog;
    const byId = new Map(docs.map((doc) => [doc.id, doc]));
    for (const id of ids) {
      current.remove(id);
      pending.delete(id);
      const doc = byId.get(id);
      if (doc) place(current, pending, doc, now);
    }
    if (read) applied = read.next;
    const tail = current.words.tailDocuments;
    // The tail is slower to read than the sealed lists: fold it in, in the background.
    if (
      rebuildAsked ||
      (tail > TAIL_REBUILD_MIN && tail > current.words.documentCount * TAIL_REBUILD_SHARE)
    )
      void startBuild().catch(() => undefined);
  }

  async function current(): Promise<SearchEngine> {
    if (!engine) {
      const wait = deps.firstBuildWaitMs ?? FIRST_BUILD_WAIT_MS;
      let timer: NodeJS.Timeout | undefined;
      const building = ready().then(() => true);
      // 0: never wait (the build goes on in the background all the same).
      if (wait <= 0) building.catch(() => undefined);
      const waited =
        wait <= 0
          ? false
          : await Promise.race([
              building,
              new Promise<false>((resolve) => {
                timer = setTimeout(() => resolve(false), wait);
              }),
            ]).finally(() => clearTimeout(timer));
      if (!waited)
        throw new ServiceUnavailableError({
          code: 'SEARCH_WARMING_UP',
          message:
            'Search is getting ready after a restart of the site. Please try again in a minute.',
        });
    }
    await ready();
    await serialised(catchUp);
    return engine as SearchEngine;
  }

  const index: SearchIndex = {
    async search(query) {
      const started = performance.now();
      const live = await current();
      // Not a number reads as the default; beyond the safe integers is past any end.
      const whole = (n: number | undefined, fallback: number) =>
        n === undefined || Number.isNaN(n)
          ? fallback
          : Math.min(Number.MAX_SAFE_INTEGER, Math.floor(n));
      const pageSize = Math.min(
        MAX_PAGE_SIZE,
        Math.max(1, whole(query.pageSize, DEFAULT_PAGE_SIZE)),
      );
      const page = Math.max(1, whole(query.page, 1));
      const parsed = parseQuery(query.text);
      const { filters, unknownFilters } = resolveFilters(live, query);
      const result = live.run({
        query: parsed,
        filters,
        ...dayBounds(query),
        now: deps.clock.now().getTime(),
        sort: query.sort,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      const hits = await fetchHits(db, result.hits, highlightTargets(parsed));
      return {
        total: result.total,
        page,
        pageSize,
        hits,
        facets: facetCounts(live, result.counts, filters),
        unknownFilters,
        tookMs: Math.round((performance.now() - started) * 10) / 10,
      } satisfies SearchResult;
    },

    async suggest(text, asked = 8) {
      const limit = Number.isFinite(asked) ? Math.max(0, Math.min(20, Math.floor(asked))) : 8;
      if (limit === 0) return [];
      const live = await current();
      const parsed = parseQuery(text, { lastWordIsPrefix: true });
      if (parsed.clauses.length === 0) return [];
      const result = live.run({
        query: parsed,
        filters: new Map(),
        now: deps.clock.now().getTime(),
        sort: 'relevance',
        offset: 0,
        limit: Math.ceil(limit / 2),
      });
      const titles = await fetchTitles(
        db,
        result.hits.map((hit) => hit.id),
      );
      const suggestions: Suggestion[] = titles.map((row) => ({
        kind: 'publication',
        label: row.title,
        path: sitePaths.publication(row.slug),
      }));
      suggestions.push(...namedSuggestions(live, text, limit - suggestions.length));
      return suggestions.slice(0, limit);
    },

    async rebuild(onProgress) {
      await build(onProgress);
    },

    stats(): SearchIndexStats {
      return {
        documents: engine?.liveDocuments ?? 0,
        terms: engine?.words.terms.length ?? 0,
        memoryBytes: engine?.memoryBytes ?? 0,
        diskBytes: engine?.words.diskBytes ?? 0,
        buildMs: Math.round(buildMs),
        buildThreads,
        ...(buildProblem === undefined ? {} : { buildProblem }),
      };
    },

    async close() {
      await building?.catch(() => undefined);
      engine?.close();
      engine = null;
    },
  };
  return index;
}

/** Into the index when public now, else held back until its moment. */
function place(
  engine: SearchEngine,
  pending: Map<number, number>,
  doc: SourceDocument,
  now: number,
): void {
  const at = Date.parse(doc.visibleFrom);
  if (at <= now) engine.add(doc);
  else pending.set(doc.id, at);
}

const CATALOG_KIND: Partial<Record<FacetName, string>> = {
  type: 'type',
  center: 'center',
  author: 'person',
};

/**
 * Slugs → value numbers. A slug nobody has is reported and ignored; a real value that
 * no live piece carries matches nothing (so a year without work shows no results).
 */
function resolveFilters(engine: SearchEngine, query: SearchQuery) {
  const filters = new Map<FacetName, number[]>();
  const unknownFilters: SearchResult['unknownFilters'] = [];
  for (const facet of FACETS) {
    const wanted = query.filters[facet];
    if (!wanted || wanted.length === 0) continue;
    const values: number[] = [];
    let known = 0;
    for (const slug of wanted) {
      let key: string | undefined = slug;
      const kind = CATALOG_KIND[facet] ?? (TERM_FACETS.has(facet) ? facet : undefined);
      if (kind !== undefined) {
        const id = engine.catalog.idOf(kind, slug);
        key = id === undefined ? undefined : String(id);
      }
      if (key === undefined) {
        unknownFilters.push({ facet, value: slug });
        continue;
      }
      known++;
      const value = engine.valueOf(facet, key);
      if (value !== undefined) values.push(value);
    }
    if (known > 0) filters.set(facet, values);
  }
  return { filters, unknownFilters };
}

function dayBounds(query: SearchQuery): { fromDay?: number; toDay?: number } {
  const day = (date: string | undefined) => {
    if (date === undefined) return undefined;
    const ms = Date.parse(`${date}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : Math.floor(ms / 86_400_000);
  };
  const fromDay = day(query.from);
  const toDay = day(query.to);
  return {
    ...(fromDay === undefined ? {} : { fromDay }),
    ...(toDay === undefined ? {} : { toDay }),
  };
}

function facetCounts(
  engine: SearchEngine,
  counts: Uint32Array,
  filters: Map<FacetName, number[]>,
): Record<FacetName, FacetValueCount[]> {
  const selected = new Set<number>();
  for (const values of filters.values()) for (const value of values) selected.add(value);
  const { catalog, facets } = engine;
  const byFacet = new Map<FacetName, number[]>(FACETS.map((facet) => [facet, []]));
  for (let value = 0; value < counts.length; value++) {
    if (counts[value] === 0 && !selected.has(value)) continue;
    byFacet.get(facets.facetOf(value))?.push(value);
  }
  const out = {} as Record<FacetName, FacetValueCount[]>;
  for (const facet of FACETS) {
    // Numbers first (a facet can hold thousands of authors), names only for those shown.
    const values = (byFacet.get(facet) ?? []).sort(
      (a, b) => (counts[b] as number) - (counts[a] as number) || a - b,
    );
    const shown: FacetValueCount[] = [];
    values.forEach((value, rank) => {
      if (rank >= FACET_VALUES_SHOWN && !selected.has(value)) return;
      const entry = describeValue(catalog, facet, facets.valueKey[value] as string);
      if (entry)
        shown.push({ ...entry, count: counts[value] as number, selected: selected.has(value) });
    });
    if (facet === 'year')
      shown.sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
    else
      shown.sort(
        (a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
      );
    out[facet] = shown;
  }
  return out;
}

function describeValue(
  catalog: SearchCatalog,
  facet: FacetName,
  key: string,
): Omit<FacetValueCount, 'count' | 'selected'> | null {
  if (facet === 'language') return { value: key, label: languageName(key) };
  if (facet === 'year') return { value: key, label: key };
  const id = Number(key);
  const row =
    facet === 'type'
      ? catalog.types.get(id)
      : facet === 'center'
        ? catalog.centers.get(id)
        : facet === 'author'
          ? catalog.people.get(id)
          : catalog.terms.get(id);
  if (!row) return null;
  if (facet === 'region') {
    const parentId = catalog.terms.get(id)?.parentId;
    const parent = parentId == null ? undefined : catalog.terms.get(parentId)?.slug;
    return parent === undefined
      ? { value: row.slug, label: row.name }
      : { value: row.slug, label: row.name, parent };
  }
  return { value: row.slug, label: row.name };
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    // Not a language code Intl knows: show it as stored.
    return code;
  }
}

async function fetchTitles(db: Kysely<Tables>, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'slug', 'title'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** People and terms whose names start with the typed words, if they have live work. */
function namedSuggestions(engine: SearchEngine, text: string, limit: number): Suggestion[] {
  const words = text.split(/\s+/).filter(Boolean).map(fold);
  if (words.length === 0 || limit <= 0) return [];
  const fits = (name: string) => {
    const nameWords = name.split(/[\s\-–,.]+/).map(fold);
    return words.every((word) => nameWords.some((n) => n.startsWith(word)));
  };
  const live = (facet: FacetName, id: number) => {
    const value = engine.valueOf(facet, String(id));
    return value !== undefined && engine.facets.liveCount.get(value) > 0;
  };
  const out: Suggestion[] = [];
  for (const person of engine.catalog.people.values()) {
    if (out.length >= Math.ceil(limit / 2)) break;
    if (fits(person.name) && live('author', person.id))
      out.push({ kind: 'person', label: person.name, path: sitePaths.person(person.slug) });
  }
  for (const term of engine.catalog.terms.values()) {
    if (out.length >= limit) break;
    if (fits(term.name) && live(term.taxonomy, term.id))
      out.push({
        kind: 'term',
        label: term.name,
        path: sitePaths.term(term.taxonomy as Taxonomy, term.slug),
        detail: term.taxonomy,
      });
  }
  return out;
}
