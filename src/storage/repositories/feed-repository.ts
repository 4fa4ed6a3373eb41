import type { Kysely } from 'kysely';
import { TAXONOMIES, type TermRef } from '../../domain/publication.ts';
import type { Tables } from '../tables.ts';
import { groupBy, toTermRef } from './row-mappers.ts';

/** What a feed item says about a piece beyond its card (summary, authors, type). */
export interface FeedDetails {
  revisedAt: string | null;
  language: string;
  pdfPath: string | null;
  /** Null unless the body was asked for (a site whose feeds carry the full text). */
  bodyHtml: string | null;
  /** Every term, taxonomy by taxonomy in the site's order, then as the editor ordered them. */
  terms: TermRef[];
}

export interface FeedRepository {
  /**
   * Feed details for pieces already chosen from a public list, keyed by id: two queries
   * whatever the count. It does not check visibility again; pass only ids that the
   * public lists returned.
   */
  listDetails(ids: number[], options: { withBody: boolean }): Promise<Map<number, FeedDetails>>;
}

export function createFeedRepository(db: Kysely<Tables>): FeedRepository {
  return {
    async listDetails(ids, { withBody }) {
      if (ids.length === 0) return new Map();
      const [rows, terms] = await Promise.all([
        db
          .selectFrom('publications')
          .select(['id', 'revised_at', 'language', 'pdf_path'])
          // The body is the one large column: read it only for full-text feeds.
          .$if(withBody, (q) => q.select('body_html'))
          .where('id', 'in', ids)
          .execute(),
        db
          .selectFrom('publication_terms as pt')
          .innerJoin('terms', 'terms.id', 'pt.term_id')
          .select(['pt.publication_id', 'terms.id', 'terms.taxonomy', 'terms.slug', 'terms.name'])
          .where('pt.publication_id', 'in', ids)
          .orderBy('pt.publication_id')
          .orderBy('pt.position')
          .execute(),
      ]);
      const termsById = groupBy(terms, (t) => t.publication_id);
      const rank = (taxonomy: string) =>
        TAXONOMIES.indexOf(taxonomy as (typeof TAXONOMIES)[number]);
      return new Map(
        rows.map((row) => [
          row.id,
          {
            revisedAt: row.revised_at,
            language: row.language,
            pdfPath: row.pdf_path,
            bodyHtml: 'body_html' in row ? (row.body_html as string) : null,
            terms: (termsById.get(row.id) ?? [])
              .map(toTermRef)
              // A stable sort keeps the editor's order within each taxonomy.
              .sort((a, b) => rank(a.taxonomy) - rank(b.taxonomy)),
          },
        ]),
      );
    },
  };
}
