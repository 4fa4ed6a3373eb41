import type { Publication } from '../domain/publication.ts';

/**
 * A publication as one flat search record, in the shape of the reference page's
 * Algolia-style record: every facet as a list of display names. Pure: the page embeds
 * it, and the search index and exports build from the same function.
 */
export interface SearchRecord {
  objectID: string;
  slug: string;
  title: string;
  summary: string;
  publishedAt: string | null;
  language: string;
  authors: string[];
  type: string;
  primaryCenter: string;
  centers: string[];
  centerAffiliationAll: string[];
  programs: string[];
  programAffiliation: string[];
  projects: string[];
  regions: string[];
  topics: string[];
  collections: string[];
  englishNewsletterAll: string[];
  nonEnglishNewsletterAll: string[];
}

export function toSearchRecord(
  publication: Publication,
  newsletterLanguages: ReadonlyMap<string, string>,
): SearchRecord {
  const names = (list: { name: string }[]) => list.map((item) => item.name);
  const lists = publication.newsletterSlugs;
  const isEnglish = (slug: string) => (newsletterLanguages.get(slug) ?? 'en').startsWith('en');
  return {
    objectID: String(publication.id),
    slug: publication.slug,
    title: publication.title,
    summary: publication.summary,
    publishedAt: publication.publishedAt,
    language: publication.language,
    authors: names(publication.authors),
    type: publication.type.name,
    primaryCenter: publication.primaryCenter.name,
    centers: publication.centers.map((c) => c.slug),
    centerAffiliationAll: names(publication.centers),
    programs: publication.terms.program.map((t) => t.slug),
    programAffiliation: names(publication.terms.program),
    projects: names(publication.terms.project),
    regions: names(publication.terms.region),
    topics: names(publication.terms.topic),
    collections: names(publication.terms.collection),
    englishNewsletterAll: lists.filter(isEnglish),
    nonEnglishNewsletterAll: lists.filter((slug) => !isEnglish(slug)),
  };
}
