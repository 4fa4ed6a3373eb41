/**
 * The one face of search that pages, the API and the CLI see. The database stays the
 * source of truth; an implementation keeps whatever it derives from it current, so a
 * publish, edit, unpublish, delete or lifted embargo shows in the very next query.
 */
export interface SearchIndex {
  search(query: SearchQuery): Promise<SearchResult>;
  suggest(text: string, limit?: number): Promise<Suggestion[]>;
  /** Throws the in-memory index away and builds it again from the database. */
  rebuild(onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Memory and size figures for the operator and the benchmarks. */
  stats(): SearchIndexStats;
  close(): Promise<void>;
}

/** The facets a reader can filter on: OR within one facet, AND across facets. */
export const FACETS = [
  'type',
  'center',
  'program',
  'project',
  'region',
  'topic',
  'collection',
  'author',
  'language',
  'year',
] as const;
export type FacetName = (typeof FACETS)[number];

export type SearchSort = 'relevance' | 'date';

export interface SearchQuery {
  /** Free text: words, "phrases", word* prefixes. Empty means "everything". */
  text: string;
  /** Selected values per facet, by slug (language code, four-digit year for `year`). */
  filters: Partial<Record<FacetName, string[]>>;
  /** Inclusive bounds on the publication date, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  sort: SearchSort;
  /** 1-based; pages of `pageSize` (20 by default). */
  page: number;
  pageSize?: number;
}

export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  /** HTML: escaped text with the matched words in `<mark>`. */
  titleHtml: string;
  snippetHtml: string;
  publishedAt: string;
  type: { slug: string; name: string };
  authors: { slug: string; name: string }[];
  primaryCenter: { slug: string; name: string };
  score: number;
}

export interface FacetValueCount {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  /** Regions: the parent's slug, so a page can show the hierarchy. */
  parent?: string;
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  /**
   * For each facet, counts over the whole matched set with every other facet's filters
   * applied (a facet never narrows its own list, so a reader can widen an OR choice).
   */
  facets: Record<FacetName, FacetValueCount[]>;
  /** Filter values that named nothing known: reported, then ignored. */
  unknownFilters: { facet: FacetName; value: string }[];
  tookMs: number;
}

export interface Suggestion {
  kind: 'publication' | 'person' | 'term';
  label: string;
  /** Site-relative path, e.g. `/research/slug`, `/experts/slug`, `/topics/slug`. */
  path: string;
  /** For terms, the taxonomy (topic, region, program…). */
  detail?: string;
}

export interface SearchIndexStats {
  documents: number;
  terms: number;
  /** Bytes held in memory by the index structures (typed arrays and tables). */
  memoryBytes: number;
  /** Bytes on disk (positions file, snapshot), 0 when none. */
  diskBytes: number;
  buildMs: number;
  /** Threads the last build used. */
  buildThreads: number;
  /** Why the last build could not use threads, if it could not. */
  buildProblem?: string;
}
