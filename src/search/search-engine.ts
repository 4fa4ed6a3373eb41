import { FACET_BIT, type FacetParts, FacetTable } from './facet-table.ts';
import { GrowableArray } from './growable.ts';
import {
  InvertedIndex,
  type PostingCursor,
  type SealedWords,
  SHORT_FIELD_FLAG,
} from './inverted-index.ts';
import type { Clause, ParsedQuery } from './query-parser.ts';
import type { SearchCatalog } from './search-catalog.ts';
import type { FacetName, SearchSort } from './search-index.ts';

/*
 * The in-memory index of one process: the words (InvertedIndex), the facet values of
 * each document (FacetTable), and a few numbers per document (its publication, dates,
 * whether it is gone). Answers a query in one pass over the matching documents: BM25
 * relevance, the filters, and the counts of every facet at once.
 */

/** What the index needs of a publication; built by index-source.ts from the database. */
export interface SourceDocument {
  id: number;
  title: string;
  summary: string;
  /** The body as plain text. */
  body: string;
  language: string;
  publishedAt: string;
  visibleFrom: string;
  typeId: number;
  centerIds: number[];
  partnerId: number | null;
  authorIds: number[];
  termIds: number[];
}

/** How much a word in the summary counts against a word in the body. */
const SUMMARY_WEIGHT = 2;
/**
 * What a word in the title, the byline, the terms or the partner's name adds (times its
 * rarity), whatever the length of the body: a little under the most any number of
 * occurrences in the body can add (K1 + 1).
 */
const SHORT_FIELD_BONUS = 2;
/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;
/** A prefix expands to at most this many terms, the most common first. */
const MAX_PREFIX_TERMS = 64;
const DAY_MS = 86_400_000;

/** An engine as plain arrays (see exportParts and fromParts). */
export interface EngineParts {
  words: SealedWords;
  facets: FacetParts;
  publication: Int32Array;
  publishedMs: Float64Array;
  visibleMs: Float64Array;
}

export interface EngineRequest {
  query: ParsedQuery;
  /** Selected value numbers per facet (already resolved by the caller). */
  filters: Map<FacetName, number[]>;
  fromDay?: number;
  toDay?: number;
  now: number;
  sort: SearchSort;
  offset: number;
  limit: number;
}

export interface EngineResult {
  total: number;
  hits: { id: number; score: number }[];
  /** Documents per value number, for values that have any. */
  counts: Uint32Array;
}

export class SearchEngine {
  words: InvertedIndex;
  facets = new FacetTable();
  readonly #publication = new GrowableArray(Int32Array);
  readonly #publishedMs = new GrowableArray(Float64Array);
  readonly #visibleMs = new GrowableArray(Float64Array);
  readonly #deleted = new GrowableArray(Uint8Array);
  /** Live document of each publication. */
  readonly #docOf = new Map<number, number>();
  #sortedTerms: string[] = [];
  readonly #scratch = new QueryScratch();
  catalog: SearchCatalog;

  constructor(catalog: SearchCatalog, options: { positionsDir?: string } = {}) {
    this.catalog = catalog;
    this.words = new InvertedIndex(options);
  }

  close(): void {
    this.words.close();
  }

  get liveDocuments(): number {
    return this.#docOf.size;
  }

  /** Adds a publication, replacing the document it had. */
  add(source: SourceDocument): void {
    this.remove(source.id);
    const names = (ids: number[], from: Map<number, { name: string }>) =>
      ids.map((id) => from.get(id)?.name ?? '').join(' \n ');
    const doc = this.words.add([
      { text: source.title, weight: 0, short: true },
      { text: names(source.authorIds, this.catalog.people), weight: 0, short: true },
      { text: names(source.termIds, this.catalog.terms), weight: 0, short: true },
      {
        text: source.partnerId === null ? '' : names([source.partnerId], this.catalog.partners),
        weight: 0,
        short: true,
      },
      { text: source.summary, weight: SUMMARY_WEIGHT },
      { text: source.body, weight: 1 },
    ]);
    const published = Date.parse(source.publishedAt);
    this.facets.add(this.#facetEntries(source, published));
    this.#publication.push(source.id);
    this.#publishedMs.push(published);
    this.#visibleMs.push(Date.parse(source.visibleFrom));
    this.#deleted.push(0);
    this.#docOf.set(source.id, doc);
  }

  remove(publicationId: number): void {
    const doc = this.#docOf.get(publicationId);
    if (doc === undefined) return;
    this.#deleted.set(doc, 1);
    this.facets.release(doc);
    this.#docOf.delete(publicationId);
  }

  /** A freshly built, sealed engine as plain arrays, to hand to another thread. */
  exportParts(): EngineParts {
    return {
      words: this.words.exportSealed(),
      facets: this.facets.exportParts(),
      publication: this.#publication.data.slice(0, this.#publication.length),
      publishedMs: this.#publishedMs.data.slice(0, this.#publishedMs.length),
      visibleMs: this.#visibleMs.data.slice(0, this.#visibleMs.length),
    };
  }

  /** One engine from parts built apart over consecutive runs of documents. */
  static fromParts(
    catalog: SearchCatalog,
    parts: readonly EngineParts[],
    options: { positionsDir?: string } = {},
  ): SearchEngine {
    const engine = new SearchEngine(catalog, options);
    engine.words = InvertedIndex.fromParts(
      parts.map((part) => part.words),
      options,
    );
    engine.facets = FacetTable.fromParts(parts.map((part) => part.facets));
    for (const part of parts) {
      for (const id of part.publication) {
        engine.#docOf.set(id, engine.#publication.length);
        engine.#publication.push(id);
      }
      engine.#publishedMs.pushAll(part.publishedMs);
      engine.#visibleMs.pushAll(part.visibleMs);
      engine.#deleted.pushAll(new Uint8Array(part.publication.length));
    }
    return engine;
  }

  /** Ends the initial build: the words move to their compact form. */
  seal(): void {
    this.words.seal();
  }

  /** Publications whose document carries a value (a deleted name's links are gone). */
  publicationsWith(facet: FacetName, key: string): number[] {
    const value = this.facets.find(facet, key);
    if (value === undefined) return [];
    const out: number[] = [];
    const start = this.facets.start.data;
    const values = this.facets.values.data;
    const deleted = this.#deleted.data;
    for (let doc = 0; doc < this.words.documentCount; doc++) {
      if (deleted[doc] === 1) continue;
      for (let i = start[doc] as number; i < (start[doc + 1] as number); i++) {
        if (values[i] === value) {
          out.push(this.#publication.get(doc));
          break;
        }
      }
    }
    return out;
  }

  /** The value number of a facet value, if any document has ever carried it. */
  valueOf(facet: FacetName, key: string): number | undefined {
    return this.facets.find(facet, key);
  }

  get memoryBytes(): number {
    return (
      this.words.memoryBytes +
      this.facets.memoryBytes +
      this.#publication.byteLength +
      this.#publishedMs.byteLength +
      this.#visibleMs.byteLength +
      this.#deleted.byteLength +
      this.#docOf.size * 40 +
      this.#sortedTerms.length * 8
    );
  }

  run(request: EngineRequest): EngineResult {
    const docCount = this.words.documentCount;
    const counts = new Uint32Array(this.facets.valueCount);
    const textClauses = request.query.clauses;
    const hits = textClauses.length > 0 ? this.#matchText(textClauses) : null;
    if (hits === 'none') return { total: 0, hits: [], counts };

    // Filters: a value is selected when its bit is set; a document passes a facet when
    // one of its values carries that facet's bit.
    const selected = new Uint32Array(this.facets.valueCount);
    let required = 0;
    for (const [facet, values] of request.filters) {
      required |= FACET_BIT[facet];
      for (const value of values) selected[value] = FACET_BIT[facet];
    }

    const deleted = this.#deleted.data;
    const visible = this.#visibleMs.data;
    const published = this.#publishedMs.data;
    const start = this.facets.start.data;
    const values = this.facets.values.data;
    const valueBit = this.facets.valueBit.data;
    const fromMs = request.fromDay === undefined ? -Infinity : request.fromDay * DAY_MS;
    const toMs = request.toDay === undefined ? Infinity : (request.toDay + 1) * DAY_MS;
    const wanted = textClauses.length;
    const matched = this.#scratch.matched(docCount);
    let total = 0;

    const matchCount = hits ? hits.count : null;
    const now = request.now;
    for (let doc = 0; doc < docCount; doc++) {
      if (matchCount !== null && matchCount[doc] !== wanted) continue;
      if (deleted[doc] === 1 || (visible[doc] as number) > now) continue;
      const at = published[doc] as number;
      if (at < fromMs || at >= toMs) continue;
      const from = start[doc] as number;
      const to = start[doc + 1] as number;
      let passed = 0;
      if (required !== 0)
        for (let i = from; i < to; i++) passed |= selected[values[i] as number] as number;
      const missing = required & ~passed;
      if (missing === 0) {
        matched[total++] = doc;
        for (let i = from; i < to; i++) (counts[values[i] as number] as number)++;
      } else if ((missing & (missing - 1)) === 0) {
        // Fails exactly one facet: it still counts in that facet's own list, so a reader
        // sees what widening that choice would add.
        for (let i = from; i < to; i++) {
          const value = values[i] as number;
          if (valueBit[value] === missing) (counts[value] as number)++;
        }
      }
    }

    const scores = hits?.score;
    const ids = this.#publication.data;
    // Ties go to the newer piece, then the higher id: the same order after any rebuild.
    const [key, tie] =
      request.sort === 'relevance' && scores
        ? [
            (doc: number) => scores[doc] as number,
            (doc: number) =>
              Math.floor((published[doc] as number) / 1000) * 2 ** 21 +
              ((ids[doc] as number) % 2 ** 21),
          ]
        : [(doc: number) => published[doc] as number, (doc: number) => ids[doc] as number];
    if (request.offset >= total) return { total, hits: [], counts };
    const top = topDocuments(matched.subarray(0, total), key, tie, request.offset + request.limit);
    const page = top.slice(request.offset);
    return {
      total,
      hits: page.map((doc) => ({
        id: this.#publication.get(doc),
        score: scores ? (scores[doc] as number) : 0,
      })),
      counts,
    };
  }

  /**
   * Marks the documents that match every clause, with their BM25 score. Clauses run
   * rarest first, and a document counts for clause n only if it matched clauses 0..n-1.
   */
  #matchText(clauses: readonly Clause[]) {
    const docCount = this.words.documentCount;
    const resolved = clauses.map((clause) => this.#resolve(clause));
    if (resolved.some((r) => r.terms.length === 0)) return 'none' as const;
    resolved.sort((a, b) => a.documents - b.documents);

    const { count, score } = this.#scratch.marks(docCount);
    const average = this.words.averageLength;
    const lengths = this.words.docLength.data;
    const norm = (doc: number) => K1 * (1 - B + (B * (lengths[doc] as number)) / average);
    let candidates = 0;

    resolved.forEach((clause, index) => {
      candidates = 0;
      if (clause.phrase) {
        candidates = this.#matchPhrase(clause.phrase, index, count, score, norm);
        return;
      }
      for (const term of clause.terms) {
        const idf = this.#idf(term);
        const cursor = this.words.cursor(term);
        while (cursor.next()) {
          const doc = cursor.doc;
          const seen = count[doc] as number;
          if (seen !== index && seen !== index + 1) continue;
          if (seen === index) {
            count[doc] = index + 1;
            candidates++;
          }
          score[doc] = (score[doc] as number) + idf * termScore(cursor.tf, norm(doc));
        }
      }
    });
    return { count, score, candidates };
  }

  #matchPhrase(
    slots: { term: number; offset: number }[],
    index: number,
    count: Uint8Array,
    score: Float32Array,
    norm: (doc: number) => number,
  ): number {
    const cursors: PostingCursor[] = slots.map((slot) => this.words.cursor(slot.term, true));
    const idfs = slots.map((slot) => this.#idf(slot.term));
    let candidates = 0;
    if (!cursors.every((cursor) => cursor.next())) return 0;
    for (;;) {
      let target = 0;
      for (const cursor of cursors) target = Math.max(target, cursor.doc);
      let ended = false;
      for (const cursor of cursors) {
        while (cursor.doc < target) {
          if (!cursor.next()) {
            ended = true;
            break;
          }
        }
        if (ended) break;
      }
      if (ended) return candidates;
      if (cursors.every((cursor) => cursor.doc === target)) {
        if (count[target] === index && phraseAt(cursors, slots)) {
          count[target] = index + 1;
          candidates++;
          let sum = 0;
          cursors.forEach((cursor, i) => {
            sum += (idfs[i] as number) * termScore(cursor.tf, norm(target));
          });
          score[target] = (score[target] as number) + sum;
        }
        if (!(cursors[0] as PostingCursor).next()) return candidates;
      }
    }
  }

  #idf(term: number): number {
    const n = this.words.documentCount;
    const df = this.words.df.get(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** A clause as term numbers (several for a prefix), with how many documents it may hit. */
  #resolve(clause: Clause): {
    terms: number[];
    documents: number;
    phrase?: { term: number; offset: number }[];
  } {
    if (clause.kind === 'word') {
      const ids: number[] = [];
      for (const term of clause.terms) {
        const id = this.words.termId(term);
        if (id !== undefined) ids.push(id);
      }
      let documents = 0;
      for (const id of ids) documents += this.words.df.get(id);
      return { terms: ids, documents };
    }
    if (clause.kind === 'prefix') {
      const ids = this.expandPrefix(clause.prefix, clause.term);
      let documents = 0;
      for (const id of ids) documents += this.words.df.get(id);
      return { terms: ids, documents };
    }
    const phrase: { term: number; offset: number }[] = [];
    for (const slot of clause.slots) {
      const id = this.words.termId(slot.term);
      if (id === undefined) return { terms: [], documents: 0 };
      phrase.push({ term: id, offset: slot.offset });
    }
    const documents = Math.min(...phrase.map((slot) => this.words.df.get(slot.term)));
    return { terms: phrase.map((slot) => slot.term), documents, phrase };
  }

  /**
   * Terms of the words that start with what was typed ("negotia" → negotiate,
   * negotiating, negotiations), plus the typed word's own stem; most common first.
   */
  expandPrefix(prefix: string, stem: string): number[] {
    const sorted = this.#sorted();
    const found = new Set<number>();
    const own = this.words.termId(stem);
    if (own !== undefined) found.add(own);
    let low = lowerBound(sorted, prefix);
    while (low < sorted.length && (sorted[low] as string).startsWith(prefix)) {
      const term = this.words.surfaceTerm(sorted[low] as string);
      if (term !== undefined) found.add(term);
      low++;
    }
    return [...found]
      .sort((a, b) => this.words.df.get(b) - this.words.df.get(a))
      .slice(0, MAX_PREFIX_TERMS);
  }

  /** The spellings in order, for prefixes; new ones are merged in when they appear. */
  #sorted(): string[] {
    const terms = this.words.surfaceWords;
    if (this.#sortedTerms.length !== terms.length) {
      const fresh = terms.slice(this.#sortedTerms.length).sort();
      this.#sortedTerms = mergeSorted(this.#sortedTerms, fresh);
    }
    return this.#sortedTerms;
  }

  #facetEntries(source: SourceDocument, published: number) {
    const entries: { facet: FacetName; key: string }[] = [
      { facet: 'type', key: String(source.typeId) },
      { facet: 'language', key: source.language },
      { facet: 'year', key: String(new Date(published).getUTCFullYear()) },
    ];
    for (const id of source.centerIds) entries.push({ facet: 'center', key: String(id) });
    for (const id of source.authorIds) entries.push({ facet: 'author', key: String(id) });
    for (const id of source.termIds) {
      const term = this.catalog.terms.get(id);
      if (!term) continue;
      // A document in a city also counts for its country and region: a filter on a
      // region matches its child regions, and its count includes theirs.
      const ids = term.taxonomy === 'region' ? this.catalog.withAncestors(id) : [id];
      for (const termId of ids) entries.push({ facet: term.taxonomy, key: String(termId) });
    }
    return entries;
  }
}

/**
 * Per-document arrays a query fills, kept from one query to the next: allocating ~1 MB
 * per query at 100,000 documents made the garbage collector the slowest part of some.
 * Queries run one at a time (run() is synchronous), so one set serves them all.
 */
class QueryScratch {
  #count = new Uint8Array(0);
  #score = new Float32Array(0);
  #matched = new Int32Array(0);

  /** Matched-clause counts and scores, zeroed, for `size` documents. */
  marks(size: number): { count: Uint8Array; score: Float32Array } {
    if (this.#count.length < size) {
      this.#count = new Uint8Array(size + (size >> 3));
      this.#score = new Float32Array(size + (size >> 3));
    } else {
      this.#count.fill(0, 0, size);
      this.#score.fill(0, 0, size);
    }
    return { count: this.#count, score: this.#score };
  }

  /** Room for the numbers of up to `size` matching documents (not zeroed). */
  matched(size: number): Int32Array {
    if (this.#matched.length < size) this.#matched = new Int32Array(size + (size >> 3));
    return this.#matched;
  }
}

/** True when the cursors' current document has the slots at their offsets. */
function phraseAt(cursors: PostingCursor[], slots: { offset: number }[]): boolean {
  const lists = cursors.map((cursor) => cursor.positions());
  const first = lists[0] as Int32Array;
  for (const at of first) {
    let all = true;
    for (let i = 1; i < lists.length && all; i++) {
      const wanted =
        at + ((slots[i] as { offset: number }).offset - (slots[0] as { offset: number }).offset);
      all = binaryHas(lists[i] as Int32Array, wanted);
    }
    if (all) return true;
  }
  return false;
}

/** BM25 for the long fields, plus the fixed bonus for a short-field match. */
function termScore(stored: number, norm: number): number {
  const tf = stored & ~SHORT_FIELD_FLAG;
  const long = tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + norm);
  return (stored & SHORT_FIELD_FLAG) === 0 ? long : long + SHORT_FIELD_BONUS;
}

function binaryHas(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = sorted[mid] as number;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as string) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function mergeSorted(a: string[], b: string[]): string[] {
  if (a.length === 0) return b;
  const out: string[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] = (a[i] as string) <= (b[j] as string) ? (a[i++] as string) : (b[j++] as string);
  while (i < a.length) out[k++] = a[i++] as string;
  while (j < b.length) out[k++] = b[j++] as string;
  return out;
}

/**
 * The `limit` documents with the highest (key, tie), highest first. A bounded min-heap
 * keeps the work near one pass for a page; past a few thousand it sorts everything.
 */
function topDocuments(
  docs: Int32Array,
  key: (doc: number) => number,
  tie: (doc: number) => number,
  limit: number,
): number[] {
  if (limit <= 0 || docs.length === 0) return [];
  const entries = (list: ArrayLike<number>) =>
    Array.from(list, (doc) => ({ doc, key: key(doc), tie: tie(doc) }));
  const higherFirst = (a: Ranked, b: Ranked) => b.key - a.key || b.tie - a.tie;
  if (limit >= 2_000 || limit >= docs.length) {
    return entries(docs)
      .sort(higherFirst)
      .slice(0, limit)
      .map((entry) => entry.doc);
  }
  const heap: Ranked[] = [];
  for (const doc of docs) {
    const value = key(doc);
    if (heap.length < limit) {
      heap.push({ doc, key: value, tie: tie(doc) });
      siftUp(heap, heap.length - 1);
      continue;
    }
    // Most documents lose to the weakest of the page at once: no tie, no allocation.
    const weakest = heap[0] as Ranked;
    if (value < weakest.key) continue;
    const entry = { doc, key: value, tie: tie(doc) };
    if (lower(weakest, entry)) {
      heap[0] = entry;
      siftDown(heap, 0);
    }
  }
  return heap.sort(higherFirst).map((entry) => entry.doc);
}

interface Ranked {
  doc: number;
  key: number;
  tie: number;
}

function lower(a: Ranked, b: Ranked): boolean {
  return a.key < b.key || (a.key === b.key && a.tie < b.tie);
}

function siftUp(heap: Ranked[], at: number): void {
  let child = at;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!lower(heap[child] as Ranked, heap[parent] as Ranked)) return;
    [heap[parent], heap[child]] = [heap[child] as Ranked, heap[parent] as Ranked];
    child = parent;
  }
}

function siftDown(heap: Ranked[], at: number): void {
  let parent = at;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let smallest = parent;
    if (left < heap.length && lower(heap[left] as Ranked, heap[smallest] as Ranked))
      smallest = left;
    if (right < heap.length && lower(heap[right] as Ranked, heap[smallest] as Ranked))
      smallest = right;
    if (smallest === parent) return;
    [heap[parent], heap[smallest]] = [heap[smallest] as Ranked, heap[parent] as Ranked];
    parent = smallest;
  }
}
