import type { Kysely, Selectable } from 'kysely';
import type { Tables } from '../storage/tables.ts';

/** Rows per query: large enough to keep round trips few, small enough to keep memory flat. */
export const PAGE_SIZE = 500;

/** Below any id either engine hands out, so the first page starts at the beginning. */
const BEFORE_FIRST_ID = -2_147_483_648;

/**
 * Walks a table in id order, a page at a time (`where id > last order by id limit n`):
 * unlike OFFSET, each page costs the same however deep the walk, and memory holds one page.
 */
export async function* keysetPages<T extends { id: number }>(
  fetchPage: (afterId: number, limit: number) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let after = BEFORE_FIRST_ID;
  for (;;) {
    const rows = await fetchPage(after, PAGE_SIZE);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE_SIZE) return;
    after = last.id;
  }
}

/** The tables that have an `id` column. */
type TableWithId = {
  [K in keyof Tables]: Selectable<Tables[K]> extends { id: number } ? K : never;
}[keyof Tables];

/** Every row of one table, whole, a page at a time in id order (see keysetPages). */
export function tablePages<T extends TableWithId>(
  db: Kysely<Tables>,
  table: T,
): AsyncGenerator<Selectable<Tables[T]>[]> {
  // Kysely cannot type a query over a table chosen by a type parameter; every table in
  // TableWithId has the `id` column the query needs, and the result type says the rest.
  const loose = db as unknown as Kysely<{ any_table: { id: number } }>;
  return keysetPages((after, limit) =>
    loose
      .selectFrom(table as 'any_table')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  ) as AsyncGenerator<Selectable<Tables[T]>[]>;
}

/** Splits a list into PAGE_SIZE pieces (for `where id in (…)` queries). */
export function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += PAGE_SIZE) yield items.slice(i, i + PAGE_SIZE);
}

/** Groups rows by a key, keeping their order within each group. */
export function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * For rows in id order: id → how many rows up to it (itself included) share its key,
 * for the rows that have an equal one before them (`occurrence` in repeated-entries.ts).
 */
export function numberRepeats<T extends { id: number }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
): Map<number, number> {
  const seen = new Map<string, number>();
  const numbers = new Map<number, number>();
  for (const row of rows) {
    const key = keyOf(row);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) numbers.set(row.id, n);
  }
  return numbers;
}

/**
 * Sorts text by UTF-16 code units, as JavaScript compares strings: the same order on
 * every engine, where SQL's ORDER BY follows the database's collation.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
