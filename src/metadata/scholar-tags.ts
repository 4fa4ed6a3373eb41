import { orcidUrl } from '../domain/orcid.ts';
import type { Publication } from '../domain/publication.ts';
import { calendarDate } from '../lib/dates.ts';
import type { MetaTag } from './meta-tags.tsx';
import type { SiteLinks } from './site-links.ts';
import { workKind } from './work-kind.ts';

/**
 * Google Scholar's Highwire Press tags. Scholar indexes a page only when it finds at
 * least a title, an author and a publication date in these tags, and reads authors in
 * the order the `citation_author` tags appear; each author's ORCID follows their name.
 * Reports also carry the issuing institution (the primary center) and their number.
 */
export function scholarTags(input: {
  publication: Publication;
  pageUrl: string;
  /** The time zone of the dateline on the page, so both show the same day. */
  timeZone: string;
  links: SiteLinks;
}): MetaTag[] {
  const { publication: p, links } = input;
  // Pushed in order rather than spread from small arrays: a 24-author paper has 60 tags.
  const tags: MetaTag[] = [];
  const tag = (name: string, content: string | null | undefined) => {
    if (content) tags.push({ name, content });
  };
  const date = p.publishedAt ? calendarDate(p.publishedAt, input.timeZone) : undefined;
  tag('citation_title', p.title);
  for (const a of p.authors) {
    tag('citation_author', a.name);
    tag('citation_author_orcid', a.orcid ? orcidUrl(a.orcid) : null);
  }
  tag('citation_publication_date', date && `${date.year}/${date.month}/${date.day}`);
  tag('citation_pdf_url', p.pdfPath ? links.file(p.pdfPath) : null);
  if (workKind(p) === 'report') {
    tag('citation_technical_report_institution', p.primaryCenter.name);
    tag('citation_technical_report_number', p.reportNumber);
  }
  tag('citation_doi', p.doi);
  tag('citation_language', p.language);
  tag('citation_abstract_html_url', input.pageUrl);
  for (const t of [...p.terms.topic, ...p.terms.region]) tag('citation_keywords', t.name);
  return tags;
}
