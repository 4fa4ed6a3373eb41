import type { Kysely } from 'kysely';
import type { Tables } from '../tables.ts';

/** A center's standing page (About, Contact, Privacy…): Markdown rendered at save time. */
export interface Page {
  slug: string;
  title: string;
  summary: string;
  bodyHtml: string;
  updatedAt: string;
}

export interface PageRepository {
  find(centerId: number, slug: string): Promise<Page | undefined>;
}

export function createPageRepository(db: Kysely<Tables>): PageRepository {
  return {
    async find(centerId, slug) {
      const row = await db
        .selectFrom('pages')
        .select(['slug', 'title', 'summary', 'body_html', 'updated_at'])
        .where('center_id', '=', centerId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return (
        row && {
          slug: row.slug,
          title: row.title,
          summary: row.summary,
          bodyHtml: row.body_html,
          updatedAt: row.updated_at,
        }
      );
    },
  };
}
