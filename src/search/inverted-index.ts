import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ByteWriter, GrowableArray, readVarint } from './growable.ts';
import { fold, TermCache, WORD_PATTERN } from './text-analysis.ts';

const WORD = new RegExp(WORD_PATTERN.source, 'gu');

/*
 * The word → documents part of the index. Documents get dense numbers (0, 1, 2 …) in
 * the order they arrive; every term has a posting list of (document, weighted term
 * frequency) and, for phrases, the word positions in each document.
 *
 * A build first writes each document's terms one after the other into an arena, then
 * `seal()` sorts them by term into two compact byte arrays (postings and positions),
 * each posting list one slice of varints: the whole of 100,000 long documents fits in
 * a few hundred bytes per document. Documents added after the seal (a publish, an edit)
 * go to a small tail kept per term in plain arrays; a rebuild folds the tail in again.
 */

/**
 * A field of a document. Words of a long field (summary, body) count by how often they
 * occur, times `weight`, against the document's length; a word anywhere in a short field
 * (title, authors, terms) earns a fixed bonus instead, so a long body never dilutes a
 * match in the title or the byline.
 */
export interface WeightedText {
  text: string;
  weight: number;
  short?: boolean;
}

/** In a posting's byte: the word is in a short field; the low 7 bits are the long-field tf. */
export const SHORT_FIELD_FLAG = 0x80;

/** Words of one field beyond this are not searchable (a pasted book must not stall us). */
const MAX_WORDS_PER_FIELD = 100_000;
/** Positions left empty between fields, so a phrase never runs from a title into a body. */
const FIELD_GAP = 16;
/** Distinct spellings kept for prefix search (beyond it, prefixes match stems only). */
const MAX_SURFACE_WORDS = 2_000_000;
/** Bytes per arena chunk during a build. */
/**
 * Bytes per arena chunk during a build: above glibc's largest mmap threshold (32 MiB), so
 * each chunk is its own mapping and goes back to the system when the build ends, instead
 * of leaving the process's heap swollen.
 */
const ARENA_CHUNK = 64 * 1024 * 1024;
/** Weighted long-field frequencies are stored in 7 bits. */
const MAX_TF = 127;

export class InvertedIndex {
  readonly #dictionary = new Map<string, number>();
  readonly terms: string[] = [];
  /** Documents per term, over every document ever added (the rarity figure of BM25). */
  readonly df = new GrowableArray(Uint32Array);
  /** Weighted length of each document, for BM25's length normalisation. */
  readonly docLength = new GrowableArray(Float32Array);
  #totalLength = 0;
  readonly #cache = new TermCache();
  #wordTerms = new Map<string, number>();
  /** Folded words as written (before stemming) → term, for prefixes: "negotia*". */
  readonly #surface = new Map<string, number>();
  /** The same words in the order they first appeared (prefix search sorts them). */
  readonly surfaceWords: string[] = [];
  // Scratch for #analyse: a term's slot in the current document (-1 when absent), and
  // per slot / per word what the document has so far.
  #local = new Int32Array(1024).fill(-1);
  #localWeight = new Float64Array(1024);
  #localFlags = new Uint8Array(1024);
  #tokenLocal = new Int32Array(1 << 14);
  #tokenPosition = new Int32Array(1 << 14);

  // Sealed part: documents [0, sealedDocs), term ids [0, sealedTerms).
  #sealedTerms = 0;
  /** Per sealed term, its last document (to join parts built apart). */
  #lastDoc: Int32Array = new Int32Array(0);
  #postings: Uint8Array = new Uint8Array(0);
  #postingStart: Float64Array = new Float64Array(1);
  /** In memory when no folder was given, else in a file (only phrases read them). */
  #positions: Uint8Array | null = new Uint8Array(0);
  #positionsFile: number | null = null;
  #positionsBytes = 0;
  #positionStart: Float64Array = new Float64Array(1);
  readonly #positionsDir: string | undefined;

  // Arena of documents not yet sealed, in the order they came: records back to back in
  // large chunks, so the build makes a few big allocations that are freed whole.
  #arena: Uint8Array[] = [];
  #arenaUsed: number[] = [];
  readonly #scratch = new ByteWriter(1 << 16);
  #sealed = false;

  // Tail: documents added after the seal.
  readonly #tail = new Map<number, TailPostings>();
  #tailDocs = 0;

  /**
   * `positionsDir`: where the positions go once sealed, in a file unlinked as soon as it
   * is open (it disappears with the process, however it ends). Without it they stay in
   * memory.
   */
  constructor(options: { positionsDir?: string } = {}) {
    this.#positionsDir = options.positionsDir;
  }

  get documentCount(): number {
    return this.docLength.length;
  }

  get averageLength(): number {
    return this.documentCount === 0 ? 1 : this.#totalLength / this.documentCount;
  }

  get tailDocuments(): number {
    return this.#tailDocs;
  }

  termId(term: string): number | undefined {
    return this.#dictionary.get(term);
  }

  /** The term of a folded word as it appeared in some document. */
  surfaceTerm(folded: string): number | undefined {
    return this.#surface.get(folded);
  }

  /** Analyses a document and gives it the next document number. */
  add(fields: readonly WeightedText[]): number {
    const doc = this.docLength.length;
    const { record, length } = this.#analyse(fields);
    this.docLength.push(length);
    this.#totalLength += length;
    if (this.#sealed) this.#addToTail(doc, record);
    else this.#appendToArena(record);
    return doc;
  }

  /** Turns the arena into the compact term-ordered arrays. Call once, after the build. */
  seal(): void {
    if (this.#sealed) return;
    const termCount = this.terms.length;
    const postingBytes = new Float64Array(termCount);
    const positionBytes = new Float64Array(termCount);
    const lastDoc = new Int32Array(termCount).fill(-1);
    const cursor = { at: 0 };

    // Pass 1: how many bytes each term's lists take.
    this.#forEachArenaPosting(cursor, (doc, term, tf, posStart, posEnd) => {
      postingBytes[term] =
        (postingBytes[term] as number) + postingSize(doc - (lastDoc[term] as number), tf);
      positionBytes[term] = (positionBytes[term] as number) + posEnd - posStart;
      lastDoc[term] = doc;
    });
    const postingStart = prefixSums(postingBytes);
    const positionStart = prefixSums(positionBytes);
    const postings = new Uint8Array(postingStart[termCount] as number);
    const positions = new Uint8Array(positionStart[termCount] as number);

    // Pass 2: write them.
    const postingAt = postingStart.slice(0, termCount);
    const positionAt = positionStart.slice(0, termCount);
    lastDoc.fill(-1);
    this.#forEachArenaPosting(cursor, (doc, term, tf, posStart, posEnd, record) => {
      let at = postingAt[term] as number;
      at = writePosting(postings, at, doc - (lastDoc[term] as number), tf);
      postingAt[term] = at;
      lastDoc[term] = doc;
      const posAt = positionAt[term] as number;
      positions.set(record.subarray(posStart, posEnd), posAt);
      positionAt[term] = posAt + (posEnd - posStart);
    });

    this.#lastDoc = lastDoc;
    this.#install(postings, postingStart, positions, positionStart);
    this.#arena = [];
    this.#arenaUsed = [];
    // The build's memo of spellings is rebuilt as needed by later documents.
    this.#wordTerms = new Map();
  }

  /** The sealed lists as plain arrays, to hand to another thread (positions in memory). */
  exportSealed(): SealedWords {
    if (!this.#sealed || this.#positions === null || this.#tail.size > 0)
      throw new Error('only a freshly sealed index with its positions in memory can be exported');
    const surfaceTerms = Int32Array.from(
      this.surfaceWords,
      (word) => this.#surface.get(word) ?? -1,
    );
    return {
      terms: this.terms,
      df: this.df.data.slice(0, this.df.length),
      docLength: this.docLength.data.slice(0, this.docLength.length),
      totalLength: this.#totalLength,
      postings: this.#postings,
      postingStart: this.#postingStart,
      positions: this.#positions,
      positionStart: this.#positionStart,
      lastDoc: this.#lastDoc,
      surfaceWords: this.surfaceWords,
      surfaceTerms,
    };
  }

  /**
   * One sealed index from the parts several threads built over consecutive runs of
   * documents (part n's documents follow part n-1's). Term lists are joined term by term:
   * each part's slice is copied as it is, but for its first document gap, which is
   * re-counted from the previous part's last document of that term.
   */
  static fromParts(parts: readonly SealedWords[], options: { positionsDir?: string } = {}) {
    const index = new InvertedIndex(options);
    const remaps = parts.map((part) =>
      Int32Array.from(part.terms, (term) => index.#termIdFor(term)),
    );
    const termCount = index.terms.length;
    const offsets: number[] = [];
    let documents = 0;
    parts.forEach((part, p) => {
      offsets.push(documents);
      documents += part.docLength.length;
      const remap = remaps[p] as Int32Array;
      for (let i = 0; i < part.df.length; i++) {
        const term = remap[i] as number;
        index.df.set(term, index.df.get(term) + (part.df[i] as number));
      }
      for (const length of part.docLength) index.docLength.push(length);
      index.#totalLength += part.totalLength;
      part.surfaceWords.forEach((word, j) => {
        const local = part.surfaceTerms[j] as number;
        if (local >= 0 && !index.#surface.has(word)) {
          index.#surface.set(word, remap[local] as number);
          index.surfaceWords.push(word);
        }
      });
    });

    const postingBytes = new Float64Array(termCount);
    const positionBytes = new Float64Array(termCount);
    const lastDoc = new Int32Array(termCount).fill(-1);
    const cursor = { at: 0 };
    // Calls visit(term, part, local, slice bounds, the new first gap) in writing order.
    const walk = (
      visit: (
        term: number,
        part: SealedWords,
        local: number,
        firstHead: number,
        restFrom: number,
      ) => void,
    ) => {
      lastDoc.fill(-1);
      parts.forEach((part, p) => {
        const remap = remaps[p] as Int32Array;
        const offset = offsets[p] as number;
        for (let local = 0; local < part.terms.length; local++) {
          const from = part.postingStart[local] as number;
          if (from === part.postingStart[local + 1]) continue;
          cursor.at = from;
          // The first posting's head: its gap from "before the first document", and the
          // bit that says its frequency is 1 (kept as it was).
          const head = readVarint(part.postings, cursor);
          const firstLocalDoc = (head >>> 1) - 1;
          const term = remap[local] as number;
          const gap = offset + firstLocalDoc - (lastDoc[term] as number);
          visit(term, part, local, gap * 2 + (head & 1), cursor.at);
          lastDoc[term] = offset + (part.lastDoc[local] as number);
        }
      });
    };
    walk((term, part, local, firstHead, restFrom) => {
      postingBytes[term] =
        (postingBytes[term] as number) +
        varintSize(firstHead) +
        ((part.postingStart[local + 1] as number) - restFrom);
      positionBytes[term] =
        (positionBytes[term] as number) +
        ((part.positionStart[local + 1] as number) - (part.positionStart[local] as number));
    });
    const postingStart = prefixSums(postingBytes);
    const positionStart = prefixSums(positionBytes);
    const postings = new Uint8Array(postingStart[termCount] as number);
    const positions = new Uint8Array(positionStart[termCount] as number);
    const postingAt = postingStart.slice(0, termCount);
    const positionAt = positionStart.slice(0, termCount);
    walk((term, part, local, firstHead, restFrom) => {
      let at = writeVarint(postings, postingAt[term] as number, firstHead);
      const rest = part.postings.subarray(restFrom, part.postingStart[local + 1] as number);
      postings.set(rest, at);
      at += rest.length;
      postingAt[term] = at;
      const slice = part.positions.subarray(
        part.positionStart[local] as number,
        part.positionStart[local + 1] as number,
      );
      positions.set(slice, positionAt[term] as number);
      positionAt[term] = (positionAt[term] as number) + slice.length;
    });
    index.#lastDoc = lastDoc;
    index.#install(postings, postingStart, positions, positionStart);
    return index;
  }

  /** Makes these the sealed lists; positions go to their file when there is a folder. */
  #install(
    postings: Uint8Array,
    postingStart: Float64Array,
    positions: Uint8Array,
    positionStart: Float64Array,
  ): void {
    const termCount = postingStart.length - 1;
    this.#postings = postings;
    this.#postingStart = postingStart;
    this.#positionStart = positionStart;
    this.#positionsBytes = positions.byteLength;
    this.#positions = positions;
    if (this.#positionsDir !== undefined) {
      mkdirSync(this.#positionsDir, { recursive: true });
      const file = join(this.#positionsDir, `positions-${process.pid}-${randomUUID()}.bin`);
      const fd = openSync(file, 'w+');
      unlinkSync(file);
      for (let at = 0; at < positions.byteLength; )
        at += writeSync(fd, positions, at, Math.min(1 << 30, positions.byteLength - at), at);
      this.#positionsFile = fd;
      this.#positions = null;
    }
    this.#sealedTerms = termCount;
    this.#sealed = true;
  }

  /** Bytes of positions kept in a file rather than in memory. */
  get diskBytes(): number {
    return this.#positionsFile === null ? 0 : this.#positionsBytes;
  }

  /** Lets go of the positions file. */
  close(): void {
    if (this.#positionsFile !== null) closeSync(this.#positionsFile);
    this.#positionsFile = null;
  }

  /** A term's sealed positions (one read of its slice when they live in a file). */
  sealedPositions(term: number): Uint8Array {
    if (term >= this.#sealedTerms) return new Uint8Array(0);
    const from = this.#positionStart[term] as number;
    const to = this.#positionStart[term + 1] as number;
    if (this.#positions) return this.#positions.subarray(from, to);
    if (this.#positionsFile === null) throw new Error('the search index was closed');
    const bytes = Buffer.allocUnsafe(to - from);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(this.#positionsFile, bytes, read, bytes.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    return bytes;
  }

  #appendToArena(record: Uint8Array): void {
    const last = this.#arena.length - 1;
    const used = this.#arenaUsed[last] ?? 0;
    const chunk = this.#arena[last];
    if (chunk && used + record.byteLength <= chunk.byteLength) {
      chunk.set(record, used);
      this.#arenaUsed[last] = used + record.byteLength;
      return;
    }
    const fresh = new Uint8Array(Math.max(ARENA_CHUNK, record.byteLength));
    fresh.set(record, 0);
    this.#arena.push(fresh);
    this.#arenaUsed.push(record.byteLength);
  }

  /** Walks a term's documents in ascending order (sealed part, then tail). */
  cursor(term: number, withPositions = false): PostingCursor {
    return new PostingCursor(this, term, withPositions);
  }

  /** Internal to PostingCursor: the sealed slices of a term. */
  sealedSlices(term: number) {
    if (term >= this.#sealedTerms) return null;
    return {
      postings: this.#postings,
      postingFrom: this.#postingStart[term] as number,
      postingTo: this.#postingStart[term + 1] as number,
    };
  }

  /** Internal to PostingCursor. */
  tailOf(term: number): TailPostings | undefined {
    return this.#tail.get(term);
  }

  get memoryBytes(): number {
    let tail = 0;
    for (const list of this.#tail.values()) tail += 64 + list.docs.length * 40;
    let dictionary = 0;
    for (const term of this.terms) dictionary += 48 + term.length * 2;
    for (const word of this.surfaceWords) dictionary += 56 + word.length * 2;
    let arena = 0;
    for (const chunk of this.#arena) arena += chunk.byteLength;
    return (
      this.#postings.byteLength +
      (this.#positions?.byteLength ?? 0) +
      this.#postingStart.byteLength +
      this.#positionStart.byteLength +
      this.df.byteLength +
      this.docLength.byteLength +
      dictionary * 2 +
      tail +
      arena
    );
  }

  #termIdFor(term: string): number {
    let id = this.#dictionary.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.#dictionary.set(term, id);
      this.terms.push(term);
      this.df.push(0);
    }
    return id;
  }

  /**
   * One document as a record: term count, then per term (ascending id) its id, weighted
   * frequency, and its positions as count + gaps. Returns the weighted length too.
   * This runs for every word of every document in a build, so it works on scratch
   * arrays and a word → term memo rather than allocating per word.
   */
  #analyse(fields: readonly WeightedText[]): { record: Uint8Array; length: number } {
    const localTerms: number[] = [];
    let tokens = 0;
    let position = 0;
    const wordTerms = this.#wordTerms;
    for (const field of fields) {
      let words = 0;
      // Lower case once for the whole field: fewer spellings for the memo to tell apart.
      const text = field.text.toLowerCase();
      // Room for every word the field can hold (a word and a separator are 2+ characters),
      // so the loop below never checks.
      this.#reserve(tokens + (text.length >> 1) + 2, localTerms.length + (text.length >> 1) + 2);
      let local = this.#local;
      const weights = this.#localWeight;
      const flags = this.#localFlags;
      const tokenLocal = this.#tokenLocal;
      const tokenPosition = this.#tokenPosition;
      const short = field.short === true;
      WORD.lastIndex = 0;
      for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
        if (words++ >= MAX_WORDS_PER_FIELD) break;
        const word = match[0];
        let term = wordTerms.get(word);
        if (term === undefined) term = this.#learnWord(word);
        // A stopword still takes its place, so phrases keep their shape.
        if (term >= 0) {
          let slot = term < local.length ? (local[term] as number) : -1;
          if (slot < 0) {
            if (term >= local.length) {
              this.#growLocal();
              local = this.#local;
            }
            slot = localTerms.length;
            local[term] = slot;
            localTerms.push(term);
            weights[slot] = 0;
            flags[slot] = 0;
          }
          if (short) flags[slot] = SHORT_FIELD_FLAG;
          else weights[slot] = (weights[slot] as number) + field.weight;
          tokenLocal[tokens] = slot;
          tokenPosition[tokens] = position;
          tokens++;
        }
        position++;
      }
      position += FIELD_GAP;
    }

    // Group positions by term (counting sort: tokens are already in position order).
    const distinct = localTerms.length;
    const starts = new Int32Array(distinct + 1);
    for (let i = 0; i < tokens; i++) {
      const local = this.#tokenLocal[i] as number;
      starts[local + 1] = (starts[local + 1] as number) + 1;
    }
    for (let l = 0; l < distinct; l++)
      starts[l + 1] = (starts[l + 1] as number) + (starts[l] as number);
    const fill = starts.slice(0, distinct);
    const grouped = new Int32Array(tokens);
    for (let i = 0; i < tokens; i++) {
      const local = this.#tokenLocal[i] as number;
      grouped[fill[local] as number] = this.#tokenPosition[i] as number;
      fill[local] = (fill[local] as number) + 1;
    }
    const order = Array.from({ length: distinct }, (_, l) => l).sort(
      (a, b) => (localTerms[a] as number) - (localTerms[b] as number),
    );

    const out = this.#scratch;
    out.reset();
    out.varint(distinct);
    let length = 0;
    for (const local of order) {
      const term = localTerms[local] as number;
      const tf = this.#localWeight[local] as number;
      length += tf;
      out.varint(term);
      out.byte(Math.min(MAX_TF, Math.round(tf)) | (this.#localFlags[local] as number));
      const from = starts[local] as number;
      const to = starts[local + 1] as number;
      out.varint(to - from);
      let previous = 0;
      for (let k = from; k < to; k++) {
        const at = grouped[k] as number;
        out.varint(at - previous);
        previous = at;
      }
      this.df.set(term, this.df.get(term) + 1);
      this.#local[term] = -1;
    }
    // The record stays in the scratch buffer: the caller copies it where it belongs.
    return { record: out.bytes.subarray(0, out.length), length };
  }

  /** The term number of a word not met before (-1 for a stopword), memoised. */
  #learnWord(word: string): number {
    let id = this.#wordTerms.get(word);
    if (id === undefined) {
      const folded = fold(word);
      const term = this.#cache.termOf(folded);
      id = term === null ? -1 : this.#termIdFor(term);
      if (id >= 0 && !this.#surface.has(folded) && this.#surface.size < MAX_SURFACE_WORDS) {
        this.#surface.set(folded, id);
        this.surfaceWords.push(folded);
      }
      // Random strings must not grow the memo without end; the dictionary keeps the ids.
      if (this.#wordTerms.size > 1_000_000) this.#wordTerms.clear();
      this.#wordTerms.set(word, id);
    }
    return id;
  }

  #growLocal(): void {
    const next = new Int32Array(Math.max(1024, this.terms.length * 2)).fill(-1);
    next.set(this.#local);
    this.#local = next;
  }

  /** Makes the scratch arrays hold at least this many words and distinct terms. */
  #reserve(tokens: number, distinct: number): void {
    if (distinct > this.#localWeight.length) {
      const size = Math.max(distinct, this.#localWeight.length * 2);
      const weights = new Float64Array(size);
      weights.set(this.#localWeight);
      this.#localWeight = weights;
      const flags = new Uint8Array(size);
      flags.set(this.#localFlags);
      this.#localFlags = flags;
    }
    if (tokens > this.#tokenLocal.length) {
      const size = Math.max(tokens, this.#tokenLocal.length * 2);
      const local = new Int32Array(size);
      local.set(this.#tokenLocal);
      this.#tokenLocal = local;
      const positions = new Int32Array(size);
      positions.set(this.#tokenPosition);
      this.#tokenPosition = positions;
    }
  }

  #forEachArenaPosting(
    cursor: { at: number },
    visit: (
      doc: number,
      term: number,
      tf: number,
      posStart: number,
      posEnd: number,
      record: Uint8Array,
    ) => void,
  ): void {
    let doc = 0;
    this.#arena.forEach((record, chunk) => {
      const used = this.#arenaUsed[chunk] as number;
      cursor.at = 0;
      while (cursor.at < used) {
        const count = readVarint(record, cursor);
        for (let n = 0; n < count; n++) {
          const term = readVarint(record, cursor);
          const tf = record[cursor.at++] as number;
          const posStart = cursor.at;
          const positions = readVarint(record, cursor);
          for (let p = 0; p < positions; p++) readVarint(record, cursor);
          visit(doc, term, tf, posStart, cursor.at, record);
        }
        doc++;
      }
    });
  }

  #addToTail(doc: number, record: Uint8Array): void {
    this.#tailDocs++;
    const cursor = { at: 0 };
    const count = readVarint(record, cursor);
    for (let n = 0; n < count; n++) {
      const term = readVarint(record, cursor);
      const tf = record[cursor.at++] as number;
      const posCount = readVarint(record, cursor);
      const positions = new Int32Array(posCount);
      let at = 0;
      for (let p = 0; p < posCount; p++) {
        at += readVarint(record, cursor);
        positions[p] = at;
      }
      let list = this.#tail.get(term);
      if (!list) {
        list = { docs: [], tfs: [], positions: [] };
        this.#tail.set(term, list);
      }
      list.docs.push(doc);
      list.tfs.push(tf);
      list.positions.push(positions);
    }
  }
}

/** A sealed index as plain arrays (see exportSealed and fromParts). */
export interface SealedWords {
  terms: string[];
  df: Uint32Array;
  docLength: Float32Array;
  totalLength: number;
  postings: Uint8Array;
  postingStart: Float64Array;
  positions: Uint8Array;
  positionStart: Float64Array;
  lastDoc: Int32Array;
  surfaceWords: string[];
  surfaceTerms: Int32Array;
}

interface TailPostings {
  docs: number[];
  tfs: number[];
  positions: Int32Array[];
}

/**
 * Reads one term's postings in document order. Positions are decoded only when asked
 * for (phrases); otherwise the cursor touches the posting bytes alone.
 */
export class PostingCursor {
  doc = -1;
  tf = 0;
  readonly #postings: Uint8Array;
  readonly #positions: Uint8Array;
  readonly #at = { at: 0 };
  readonly #positionAt = { at: 0 };
  #postingEnd = 0;
  /** Whether the positions of the current document have been read past. */
  #positionsRead = true;
  readonly #tail: TailPostings | undefined;
  #tailIndex = -1;
  readonly #withPositions: boolean;

  constructor(index: InvertedIndex, term: number, withPositions: boolean) {
    const sealed = index.sealedSlices(term);
    this.#tail = index.tailOf(term);
    this.#withPositions = withPositions;
    this.#positions = withPositions ? index.sealedPositions(term) : new Uint8Array(0);
    if (sealed) {
      this.#postings = sealed.postings;
      this.#at.at = sealed.postingFrom;
      this.#postingEnd = sealed.postingTo;
    } else {
      this.#postings = new Uint8Array(0);
    }
  }

  /** Moves to the next document; false at the end. */
  next(): boolean {
    if (this.#tailIndex < 0 && this.#at.at < this.#postingEnd) {
      if (!this.#positionsRead && this.#withPositions) this.#skipPositions();
      const head = readVarint(this.#postings, this.#at);
      this.doc += head >>> 1;
      this.tf = (head & 1) === 1 ? 1 : (this.#postings[this.#at.at++] as number);
      this.#positionsRead = false;
      return true;
    }
    const tail = this.#tail;
    if (!tail || this.#tailIndex + 1 >= tail.docs.length) return false;
    this.#tailIndex++;
    this.doc = tail.docs[this.#tailIndex] as number;
    this.tf = tail.tfs[this.#tailIndex] as number;
    return true;
  }

  /** The word positions of the current document, ascending. */
  positions(): Int32Array {
    if (this.#tailIndex >= 0) return this.#tail?.positions[this.#tailIndex] as Int32Array;
    const count = readVarint(this.#positions, this.#positionAt);
    const out = new Int32Array(count);
    let at = 0;
    for (let i = 0; i < count; i++) {
      at += readVarint(this.#positions, this.#positionAt);
      out[i] = at;
    }
    this.#positionsRead = true;
    return out;
  }

  #skipPositions(): void {
    const bytes = this.#positions;
    const cursor = this.#positionAt;
    const count = readVarint(bytes, cursor);
    let at = cursor.at;
    for (let i = 0; i < count; i++) {
      while ((bytes[at++] as number) >= 0x80);
    }
    cursor.at = at;
    this.#positionsRead = true;
  }
}

/*
 * A posting is a varint head, gap × 2 + 1 when the stored frequency is exactly 1 (a word
 * once in the body: most postings), else gap × 2 followed by the frequency byte. Saves a
 * byte on most of the tens of millions of postings of a large site.
 */
function postingSize(gap: number, tf: number): number {
  return tf === 1 ? varintSize(gap * 2 + 1) : varintSize(gap * 2) + 1;
}

function writePosting(bytes: Uint8Array, at: number, gap: number, tf: number): number {
  if (tf === 1) return writeVarint(bytes, at, gap * 2 + 1);
  const next = writeVarint(bytes, at, gap * 2);
  bytes[next] = tf;
  return next + 1;
}

function varintSize(value: number): number {
  let size = 1;
  let rest = value;
  while (rest >= 0x80) {
    size++;
    rest >>>= 7;
  }
  return size;
}

function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  let rest = value;
  let offset = at;
  while (rest >= 0x80) {
    bytes[offset++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  bytes[offset++] = rest;
  return offset;
}

function prefixSums(sizes: Float64Array): Float64Array {
  const starts = new Float64Array(sizes.length + 1);
  for (let i = 0; i < sizes.length; i++)
    starts[i + 1] = (starts[i] as number) + (sizes[i] as number);
  return starts;
}
