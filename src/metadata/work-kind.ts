import type { Publication } from '../domain/publication.ts';

/**
 * What kind of scholarly work a piece is, for the formats that care (schema.org types,
 * Scholar's technical-report tags):
 *
 * | publication                                   | kind      | schema.org type       |
 * |-----------------------------------------------|-----------|-----------------------|
 * | type `report`, or any piece with a report number | `report`  | `Report`              |
 * | type `paper` (no report number)               | `paper`   | `ScholarlyArticle`    |
 * | type `commentary` or `opinion`                | `opinion` | `OpinionNewsArticle`  |
 * | anything else (article, testimony, other…)    | `article` | `Article`             |
 *
 * A numbered piece in a series ("WP 24-3") is a technical report whatever the editors
 * call its type, which is also how Crossref (`report-paper`) and Scholar file it.
 */
export type WorkKind = 'report' | 'paper' | 'opinion' | 'article';

const OPINION_TYPES = new Set(['commentary', 'opinion', 'op-ed']);

export function workKind(publication: Pick<Publication, 'type' | 'reportNumber'>): WorkKind {
  const type = publication.type.slug;
  if (type === 'report' || publication.reportNumber) return 'report';
  if (type === 'paper') return 'paper';
  if (OPINION_TYPES.has(type)) return 'opinion';
  return 'article';
}

export const SCHEMA_TYPE_OF_KIND: Record<WorkKind, string> = {
  report: 'Report',
  paper: 'ScholarlyArticle',
  opinion: 'OpinionNewsArticle',
  article: 'Article',
};
