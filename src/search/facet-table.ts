import { GrowableArray } from './growable.ts';
import { FACETS, type FacetName } from './search-index.ts';

/*
 * Which facet values each document carries, as one flat list of value numbers with a
 * start offset per document (the same dense numbers as the inverted index). Counting
 * every facet over tens of thousands of matches is then one pass over small integers.
 * A value is (facet, key): the key is an id for people, terms, centers and types, the
 * code for a language, the four digits of a year.
 */

export const FACET_BIT: Readonly<Record<FacetName, number>> = Object.fromEntries(
  FACETS.map((facet, index) => [facet, 1 << index]),
) as Record<FacetName, number>;

/** A facet table as plain arrays (see exportParts and fromParts). */
export interface FacetParts {
  valueBit: Uint32Array;
  valueKey: string[];
  start: Uint32Array;
  values: Uint32Array;
}

export class FacetTable {
  readonly #ids = new Map<string, number>();
  /** Per value: its facet's bit, its key, and how many live documents carry it. */
  readonly valueBit = new GrowableArray(Uint32Array);
  readonly valueKey: string[] = [];
  readonly liveCount = new GrowableArray(Int32Array);
  /** Per document: where its values start in `values` (one extra entry at the end). */
  readonly start = new GrowableArray(Uint32Array);
  readonly values = new GrowableArray(Uint32Array);

  constructor() {
    this.start.push(0);
  }

  get valueCount(): number {
    return this.valueKey.length;
  }

  /** The number of a value, or undefined when no document ever carried it. */
  find(facet: FacetName, key: string): number | undefined {
    return this.#ids.get(`${facet}\u0000${key}`);
  }

  facetOf(value: number): FacetName {
    return FACETS[Math.log2(this.valueBit.get(value))] as FacetName;
  }

  /** Appends the next document's values (its number must be the next one). */
  add(entries: readonly { facet: FacetName; key: string }[]): void {
    const seen = new Set<number>();
    for (const { facet, key } of entries) {
      const value = this.#idFor(facet, key);
      if (seen.has(value)) continue;
      seen.add(value);
      this.values.push(value);
      this.liveCount.set(value, this.liveCount.get(value) + 1);
    }
    this.start.push(this.values.length);
  }

  /** A document left the live set: its values no longer count it. */
  release(doc: number): void {
    const from = this.start.get(doc);
    const to = this.start.get(doc + 1);
    for (let i = from; i < to; i++) {
      const value = this.values.get(i);
      this.liveCount.set(value, this.liveCount.get(value) - 1);
    }
  }

  /** The table as plain arrays, to hand to another thread. */
  exportParts(): FacetParts {
    return {
      valueBit: this.valueBit.data.slice(0, this.valueBit.length),
      valueKey: this.valueKey,
      start: this.start.data.slice(0, this.start.length),
      values: this.values.data.slice(0, this.values.length),
    };
  }

  /** One table from parts built apart over consecutive runs of documents. */
  static fromParts(parts: readonly FacetParts[]): FacetTable {
    const table = new FacetTable();
    for (const part of parts) {
      const remap = Uint32Array.from(part.valueKey, (key, value) =>
        table.#idFor(FACETS[Math.log2(part.valueBit[value] as number)] as FacetName, key),
      );
      const base = table.values.length;
      const mapped = Uint32Array.from(part.values, (value) => remap[value] as number);
      table.values.pushAll(mapped);
      for (const value of mapped) table.liveCount.set(value, table.liveCount.get(value) + 1);
      for (let doc = 1; doc < part.start.length; doc++)
        table.start.push(base + (part.start[doc] as number));
    }
    return table;
  }

  get memoryBytes(): number {
    let keys = 0;
    for (const key of this.valueKey) keys += 96 + key.length * 2;
    return (
      this.valueBit.byteLength +
      this.liveCount.byteLength +
      this.start.byteLength +
      this.values.byteLength +
      keys
    );
  }

  #idFor(facet: FacetName, key: string): number {
    const name = `${facet}\u0000${key}`;
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.valueKey.length;
      this.#ids.set(name, id);
      this.valueKey.push(key);
      this.valueBit.push(FACET_BIT[facet]);
      this.liveCount.push(0);
    }
    return id;
  }
}
