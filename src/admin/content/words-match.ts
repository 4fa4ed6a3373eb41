import { type RawBuilder, sql } from 'kysely';

/**
 * Conditions that a text column contains every word an editor typed (up to eight), as
 * text: `%` and `_` mean themselves, and case does not matter, the same on both engines
 * (SQLite's LIKE ignores ASCII case, PostgreSQL's does not). `column` is ours, never
 * the editor's.
 */
export function containsEveryWord(column: string, typed: string): RawBuilder<boolean>[] {
  return typed
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map(
      (word) =>
        sql<boolean>`lower(${sql.ref(column)}) like lower(${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}) escape '\\'`,
    );
}
