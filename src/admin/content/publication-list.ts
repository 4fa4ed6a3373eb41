import type { Kysely } from 'kysely';
import { z } from 'zod';
import { PUBLICATION_STATUSES } from '../../domain/publication.ts';
import { BadRequestError } from '../../errors.ts';
import type { Tables } from '../../storage/tables.ts';
import type { User } from '../accounts/user-store.ts';
import { containsEveryWord } from './words-match.ts';

/*
 * The admin's list of publications: every status, newest change first, filtered by
 * status, type, center, author and words of the title. An author sees only the pieces
 * that carry their own byline (their account's Person); editors and administrators see
 * all.
 */

export const PAGE_SIZE = 50;

const id = z.coerce.number().int().min(1).max(2_147_483_647);
const listFilterSchema = z.object({
  status: z.enum(PUBLICATION_STATUSES).optional(),
  type: id.optional(),
  center: id.optional(),
  author: id.optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type ListFilter = z.infer<typeof listFilterSchema>;

/** The list's filter from a query string; empty values (a select left at "any") are absent. */
export function parseListFilter(query: unknown): ListFilter {
  const raw = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''),
  );
  const parsed = listFilterSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  throw new BadRequestError({
    code: 'BAD_REQUEST',
    field,
    message: `The filter ${field} is not valid.`,
  });
}

export interface AdminPublicationRow {
  id: number;
  slug: string;
  title: string;
  status: string;
  typeName: string;
  centerName: string;
  publishedAt: string | null;
  updatedAt: string;
  authors: string[];
}

export interface FilterChoices {
  types: { id: number; name: string }[];
  centers: { id: number; name: string }[];
  authors: { id: number; name: string }[];
}

export function createAdminPublicationList(db: Kysely<Tables>) {
  return {
    async list(filter: ListFilter, viewer: User) {
      let query = db
        .selectFrom('publications as p')
        .innerJoin('publication_types as t', 't.id', 'p.type_id')
        .innerJoin('centers as c', 'c.id', 'p.primary_center_id');
      if (viewer.role === 'author') {
        const own = viewer.personId ?? -1;
        query = query.where('p.id', 'in', (eb) =>
          eb
            .selectFrom('publication_authors')
            .select('publication_id')
            .where('person_id', '=', own),
        );
      }
      if (filter.status) query = query.where('p.status', '=', filter.status);
      if (filter.type) query = query.where('p.type_id', '=', filter.type);
      if (filter.center)
        query = query.where('p.id', 'in', (eb) =>
          eb
            .selectFrom('publication_centers')
            .select('publication_id')
            .where('center_id', '=', filter.center ?? -1),
        );
      if (filter.author)
        query = query.where('p.id', 'in', (eb) =>
          eb
            .selectFrom('publication_authors')
            .select('publication_id')
            .where('person_id', '=', filter.author ?? -1),
        );
      for (const condition of containsEveryWord('p.title', filter.q ?? ''))
        query = query.where(condition);
      const offset = (filter.page - 1) * PAGE_SIZE;
      const [rows, count] = await Promise.all([
        query
          .select([
            'p.id',
            'p.slug',
            'p.title',
            'p.status',
            'p.published_at',
            'p.updated_at',
            't.name as type_name',
            'c.name as center_name',
          ])
          .orderBy('p.updated_at', 'desc')
          .orderBy('p.id', 'desc')
          .limit(PAGE_SIZE)
          .offset(offset)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const ids = rows.map((r) => r.id);
      const bylines =
        ids.length === 0
          ? []
          : await db
              .selectFrom('publication_authors as pa')
              .innerJoin('people', 'people.id', 'pa.person_id')
              .select(['pa.publication_id', 'people.name'])
              .where('pa.publication_id', 'in', ids)
              .orderBy('pa.publication_id')
              .orderBy('pa.position')
              .execute();
      const items: AdminPublicationRow[] = rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        title: r.title,
        status: r.status,
        typeName: r.type_name,
        centerName: r.center_name,
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
        authors: bylines.filter((b) => b.publication_id === r.id).map((b) => b.name),
      }));
      return { items, total: Number(count.n) };
    },

    async choices(): Promise<FilterChoices> {
      const [types, centers, authors] = await Promise.all([
        db.selectFrom('publication_types').select(['id', 'name']).orderBy('name').execute(),
        db.selectFrom('centers').select(['id', 'name']).orderBy('position').execute(),
        db
          .selectFrom('people')
          .select(['id', 'name'])
          .where('is_external', '=', 0)
          .orderBy('sort_name')
          .limit(2000)
          .execute(),
      ]);
      return { types, centers, authors };
    },
  };
}
