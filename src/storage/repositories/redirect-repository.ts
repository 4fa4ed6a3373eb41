import type { Kysely } from 'kysely';
import type { Tables } from '../tables.ts';

/** Kinds of things whose slugs can be renamed; terms are `term:<taxonomy>`. */
export type RedirectKind = 'publication' | 'person' | `term:${string}`;

export interface RedirectRepository {
  /** The current slug for an old one, or undefined. */
  findCurrentSlug(kind: RedirectKind, oldSlug: string): Promise<string | undefined>;
}

const tableFor = { publication: 'publications', person: 'people' } as const;

export function createRedirectRepository(db: Kysely<Tables>): RedirectRepository {
  return {
    async findCurrentSlug(kind, oldSlug) {
      const redirect = await db
        .selectFrom('slug_redirects')
        .select('target_id')
        .where('kind', '=', kind)
        .where('old_slug', '=', oldSlug)
        .executeTakeFirst();
      if (!redirect) return undefined;
      const table = kind.startsWith('term:') ? 'terms' : tableFor[kind as keyof typeof tableFor];
      const row = await db
        .selectFrom(table)
        .select('slug')
        .where('id', '=', redirect.target_id)
        .executeTakeFirst();
      return row?.slug;
    },
  };
}
