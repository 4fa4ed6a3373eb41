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
const ARENA_CHUNK = 16 * 1024 * 1024;
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

  /** The analysed term of a folded query word (null for a stopword). */
  termOf(folded: string): string | null {
    return this.#cache.termOf(folded);
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
    this.#forEachArenaPosting(cursor, (doc, term, _tf, posStart, posEnd) => {
      postingBytes[term] =
        (postingBytes[term] as number) + varintSize(doc - (lastDoc[term] as number)) + 1;
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
      at = writeVarint(postings, at, doc - (lastDoc[term] as number));
      postings[at++] = tf;
      postingAt[term] = at;
      lastDoc[term] = doc;
      const posAt = positionAt[term] as number;
      positions.set(record.subarray(posStart, posEnd), posAt);
      positionAt[term] = posAt + (posEnd - posStart);
    });

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
    this.#arena = [];
    this.#arenaUsed = [];
    // The build's memo of spellings is rebuilt as needed by later documents.
    this.#wordTerms = new Map();
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
    for (const field of fields) {
      let words = 0;
      WORD.lastIndex = 0;
      for (let match = WORD.exec(field.text); match !== null; match = WORD.exec(field.text)) {
        if (words++ >= MAX_WORDS_PER_FIELD) break;
        const term = this.#termOfWord(match[0]);
        // A stopword still takes its place, so phrases keep their shape.
        if (term >= 0) {
          if (term >= this.#local.length) this.#growLocal();
          let local = this.#local[term] as number;
          if (local < 0) {
            local = localTerms.length;
            this.#local[term] = local;
            localTerms.push(term);
            this.#localWeight[local] = 0;
            this.#localFlags[local] = 0;
            if (localTerms.length >= this.#localWeight.length) this.#growScratch('weight');
          }
          if (field.short) this.#localFlags[local] = SHORT_FIELD_FLAG;
          else this.#localWeight[local] = (this.#localWeight[local] as number) + field.weight;
          if (tokens >= this.#tokenLocal.length) this.#growScratch('tokens');
          this.#tokenLocal[tokens] = local;
          this.#tokenPosition[tokens] = position;
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
    return { record: out.toBytes(), length };
  }

  /** The term number of a word as written (-1 for a stopword), memoised. */
  #termOfWord(word: string): number {
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

  #growScratch(which: 'weight' | 'tokens'): void {
    if (which === 'weight') {
      const next = new Float64Array(this.#localWeight.length * 2);
      next.set(this.#localWeight);
      this.#localWeight = next;
      const flags = new Uint8Array(this.#localFlags.length * 2);
      flags.set(this.#localFlags);
      this.#localFlags = flags;
      return;
    }
    const local = new Int32Array(this.#tokenLocal.length * 2);
    local.set(this.#tokenLocal);
    this.#tokenLocal = local;
    const positions = new Int32Array(this.#tokenPosition.length * 2);
    positions.set(this.#tokenPosition);
    this.#tokenPosition = positions;
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
      this.doc = (this.doc < 0 ? -1 : this.doc) + readVarint(this.#postings, this.#at);
      this.tf = this.#postings[this.#at.at++] as number;
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
