import type { AuthorRef, Publication } from '../domain/publication.ts';
import { calendarDate } from '../lib/dates.ts';
import { workKind } from '../metadata/work-kind.ts';

/**
 * The one CSL-JSON record a publication is cited from. BibTeX, RIS, the CSL-JSON
 * download and the Chicago, APA and MLA strings are all derived from it, so a fact
 * (an author's name, the report number) is decided here once and never re-read from
 * the publication by a format.
 *
 * Only the CSL 1.0.2 variables we fill are typed; see
 * https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html for the rest.
 */
export interface CslRecord {
  id: string;
  /** The BibTeX key: the slug with underscores, since citation-js refuses keys with hyphens. */
  'citation-key': string;
  type: CslType;
  title: string;
  author?: CslName[];
  issued?: CslDate;
  /** Only worth giving when there is no `issued` date: every style then asks for it. */
  accessed?: CslDate;
  publisher?: string;
  'collection-title'?: string;
  number?: string;
  DOI?: string;
  URL: string;
  language?: string;
  abstract?: string;
  license?: string;
}

/**
 * The CSL types Dossier uses:
 * - `report` for reports and papers: numbered or not, an institute's paper is grey
 *   literature, which APA 7 (section 10.4), Chicago and MLA cite as a report issued by
 *   the institution, with its series and number. BibTeX calls it `@techreport`, RIS
 *   `RPRT`.
 * - `book` for the type named `book`.
 * - `webpage` for everything else (commentary, articles, testimony…). These pieces
 *   exist only on the institution's website, with no series, volume or issue; all
 *   three styles cite such a piece as a page on a website. CSL's `article` would be
 *   wrong (since CSL 1.0.2 it means a preprint in a repository, and BibTeX exporters
 *   turn it into an `@article` that needs a journal), and `article-newspaper` or
 *   `article-magazine` would claim a periodical that does not exist.
 */
export type CslType = 'report' | 'book' | 'webpage';

/** A person split into family and given names, or a name that must not be split. */
export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
}

/** Year, then month and day when known (CSL's `date-parts` holds one such array). */
export interface CslDate {
  'date-parts': [number[]];
}

/** Where and when the piece is being cited from: the page a reader is on. */
export interface CitationContext {
  /** The absolute URL of the publication's page on the site being read. */
  url: string;
  /** The site's time zone, so the cited date is the one printed in the dateline. */
  timeZone: string;
}

/**
 * The CSL-JSON record of a publication. The publisher is the primary center (the
 * institution that issued the piece, whichever center's site shows it), so a piece
 * cites alike on every site except for its URL. A republished piece is cited as the
 * copy on this site, which is what the reader consulted; its partner is not named.
 */
export function toCslRecord(publication: Publication, context: CitationContext): CslRecord {
  const p = publication;
  const record: CslRecord = {
    id: p.slug,
    'citation-key': p.slug.replaceAll('-', '_'),
    type: cslType(p),
    title: p.title.trim(),
    publisher: p.primaryCenter.name.trim(),
    URL: context.url,
    language: p.language,
  };
  if (p.authors.length > 0) record.author = p.authors.map(cslName);
  if (p.publishedAt) record.issued = cslDate(p.publishedAt, context.timeZone);
  if (p.series?.trim()) record['collection-title'] = p.series.trim();
  if (p.reportNumber?.trim()) record.number = p.reportNumber.trim();
  if (p.doi) record.DOI = p.doi;
  if (p.summary.trim()) record.abstract = p.summary.trim();
  if (p.licence?.trim()) record.license = p.licence.trim();
  return record;
}

/**
 * The record without keys set to `undefined`, which citation-js takes for values and
 * fails on ({ issued: undefined } cannot be converted to a BibTeX year).
 */
export function withoutUndefined(record: CslRecord): CslRecord {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as unknown as CslRecord;
}

function cslType(p: Publication): CslType {
  if (p.type.slug === 'book') return 'book';
  const kind = workKind(p);
  return kind === 'report' || kind === 'paper' ? 'report' : 'webpage';
}

const SUFFIX = /^(?:Jr\.?|Sr\.?|[IVX]{1,4}|\d+(?:st|nd|rd|th))$/i;

/**
 * Splits a name on the sort name editors keep ("Family, Given" or "Family, Given, Jr."),
 * never on spaces: "de la Cruz, María" and "Nakamura Hill, Grace" would be mangled by
 * guessing. A sort name that is the name itself (a single name, an organisation), or
 * whose parts are not in the name (a stale sort name), gives a name that is never
 * inverted, which CSL calls a literal.
 */
export function cslName(author: Pick<AuthorRef, 'name' | 'sortName'>): CslName {
  const name = author.name.trim();
  const [family = '', ...rest] = author.sortName.split(',').map((part) => part.trim());
  const last = rest.at(-1);
  const suffix = rest.length > 1 && last && SUFFIX.test(last) ? last : undefined;
  const given = (suffix ? rest.slice(0, -1) : rest).join(', ').trim();
  const fitsName = name !== author.sortName.trim() && name.includes(family) && name.includes(given);
  if (family === '' || given === '' || !fitsName) return { literal: name };
  return suffix ? { family, given, suffix } : { family, given };
}

function cslDate(iso: string, timeZone: string): CslDate {
  const { year, month, day } = calendarDate(iso, timeZone);
  return { 'date-parts': [[Number(year), Number(month), Number(day)]] };
}
