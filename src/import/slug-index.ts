import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';

type SlugTable =
  | 'centers'
  | 'people'
  | 'partners'
  | 'publication_types'
  | 'newsletter_lists'
  | 'publications';

/** Where a slug is unique: a table, or one taxonomy of terms. */
export type SlugSpace = SlugTable | `terms:${string}`;

/**
 * Slug → id look-ups for one import run. Queries go through the caller's transaction
 * (SQLite has one connection: a query beside it would wait forever). Ids are cached once found (they never change
 * within a run) and recorded as records are written, so a 100,000-piece import asks the
 * database once per distinct slug rather than once per reference.
 */
export class SlugIndex {
  private readonly cache = new Map<string, number>();

  remember(space: SlugSpace, slug: string, id: number): void {
    this.cache.set(`${space}/${slug}`, id);
  }

  /** The id of a slug this run has met already: no query, and no wait for one. */
  known(space: SlugSpace, slug: string): number | undefined {
    return this.cache.get(`${space}/${slug}`);
  }

  /** A media row already written in this run, keyed by all its values. */
  findMedia(key: string): number | undefined {
    return this.cache.get(`media/${key}`);
  }

  rememberMedia(key: string, id: number): void {
    this.cache.set(`media/${key}`, id);
  }

  /** Forgets everything: after a failed transaction, cached ids may not exist. */
  clear(): void {
    this.cache.clear();
  }

  async find(db: Kysely<Tables>, table: SlugTable, slug: string): Promise<number | undefined> {
    const key = `${table}/${slug}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const row = await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst();
    if (row) this.cache.set(key, row.id);
    return row?.id;
  }

  async findTerm(db: Kysely<Tables>, taxonomy: string, slug: string): Promise<number | undefined> {
    const key = `terms:${taxonomy}/${slug}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const row = await db
      .selectFrom('terms')
      .select('id')
      .where('taxonomy', '=', taxonomy)
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (row) this.cache.set(key, row.id);
    return row?.id;
  }
}
