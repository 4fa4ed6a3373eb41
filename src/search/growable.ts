/*
 * Typed arrays that grow as documents arrive. The index keeps its numbers in these rather
 * than in JavaScript arrays or objects: a number per document costs 1–8 bytes instead of
 * an object header, and a scan over a typed array is what makes a query fast.
 */

type NumberArray = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;
type NumberArrayClass<T extends NumberArray> = new (length: number) => T;

export class GrowableArray<T extends NumberArray> {
  #data: T;
  length = 0;
  readonly #kind: NumberArrayClass<T>;

  constructor(kind: NumberArrayClass<T>, capacity = 1024) {
    this.#kind = kind;
    this.#data = new kind(capacity);
  }

  /** The live backing array: valid up to `length`, read it directly in hot loops. */
  get data(): T {
    return this.#data;
  }

  /** Appends every value (one growth at most). */
  pushAll(values: ArrayLike<number>): void {
    if (this.length + values.length > this.#data.length) this.#grow(this.length + values.length);
    this.#data.set(values as ArrayLike<number>, this.length);
    this.length += values.length;
  }

  push(value: number): number {
    if (this.length === this.#data.length) this.#grow(this.length + 1);
    this.#data[this.length] = value;
    return this.length++;
  }

  set(index: number, value: number): void {
    this.#data[index] = value;
  }

  get(index: number): number {
    return this.#data[index] as number;
  }

  get byteLength(): number {
    return this.#data.byteLength;
  }

  #grow(needed: number): void {
    const next = new this.#kind(Math.max(needed, Math.ceil(this.#data.length * 1.5)));
    next.set(this.#data);
    this.#data = next;
  }
}

/** Bytes with variable-length integers (7 bits a byte, high bit = more follows). */
export class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(capacity);
  }

  reset(): void {
    this.length = 0;
  }

  byte(value: number): void {
    if (this.length === this.bytes.length) this.#grow(1);
    this.bytes[this.length++] = value;
  }

  varint(value: number): void {
    if (this.length + 5 > this.bytes.length) this.#grow(5);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  #grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.length + extra, this.bytes.length * 2));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}

/** Reads a varint at `at`; returns the value and leaves the next offset in `cursor.at`. */
export function readVarint(bytes: Uint8Array, cursor: { at: number }): number {
  let at = cursor.at;
  let byte = bytes[at++] as number;
  let value = byte & 0x7f;
  let shift = 7;
  while (byte >= 0x80) {
    byte = bytes[at++] as number;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  }
  cursor.at = at;
  return value >>> 0;
}
