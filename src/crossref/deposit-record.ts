import type { Center, Network } from '../domain/center.ts';
import { licenceUrl } from '../domain/licence.ts';
import type { AuthorRef, Publication } from '../domain/publication.ts';
import { calendarDate } from '../lib/dates.ts';
import { stripNonXml } from '../lib/xml-text.ts';
import { centerHomeUrl } from '../metadata/site-links.ts';
import { crossrefLanguage } from './crossref-languages.ts';
import { crossrefName, type NameParts } from './person-name.ts';

/** One publication as Crossref will see it: every value checked and ready to write. */
export interface DepositRecord {
  doi: string;
  landingUrl: string;
  title: string;
  abstract: string;
  /** ISO 639-1, or null when the piece's language has no two-letter code. */
  language: string | null;
  contributors: (NameParts & { orcid: string | null; affiliation: string | null })[];
  published: { year: string; month: string; day: string };
  publisherName: string;
  institution: { name: string; place: string | null };
  reportNumber: string | null;
  licenceUrl: string | null;
}

export interface DepositProblem {
  field: string;
  message: string;
}

export interface DepositContext {
  doiPrefix: string;
  publicUrl: string;
  network: Network;
  centers: ReadonlyMap<number, Center>;
}

/** Crossref's limit on the part of a DOI after the prefix and slash. */
const MAX_DOI_SUFFIX = 200;
const EARLIEST_YEAR = 1400;
const LATEST_YEAR = 2200;

/**
 * Checks a publication against what a deposit needs (a DOI under our prefix, a date,
 * names Crossref accepts) and maps it; every problem is returned, not only the first.
 */
export function toDepositRecord(
  p: Publication,
  context: DepositContext,
): { ok: true; record: DepositRecord } | { ok: false; problems: DepositProblem[] } {
  const problems: DepositProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  checkDoi(p.doi, context.doiPrefix, problem);
  const center = context.centers.get(p.primaryCenter.id);
  const published = p.publishedAt
    ? calendarDate(p.publishedAt, center?.timeZone ?? 'UTC')
    : undefined;
  if (!published) problem('publishedAt', 'is missing; Crossref needs a publication date');
  else if (Number(published.year) < EARLIEST_YEAR || Number(published.year) > LATEST_YEAR)
    problem(
      'publishedAt',
      `is outside the years Crossref accepts (${EARLIEST_YEAR}–${LATEST_YEAR})`,
    );
  const title = oneLine(p.title);
  if (title === '') problem('title', 'is empty once characters XML cannot carry are removed');
  const contributors = p.authors.flatMap((author, i) => {
    const name = crossrefName(author);
    if (!name.ok) {
      problem(`authors.${i}`, name.message);
      return [];
    }
    return [{ ...name.parts, orcid: author.orcid, affiliation: affiliationOf(author, context) }];
  });

  if (problems.length > 0 || !p.doi || !published) return { ok: false, problems };
  const home = center ? centerHomeUrl(context.publicUrl, center) : `${context.publicUrl}/`;
  return {
    ok: true,
    record: {
      doi: p.doi,
      landingUrl: `${home.replace(/\/+$/, '')}/research/${p.slug}`,
      title,
      abstract: stripNonXml(p.summary).trim(),
      language: crossrefLanguage(p.language),
      contributors,
      published,
      publisherName: oneLine(context.network.name) || oneLine(p.primaryCenter.name),
      institution: {
        name: oneLine(p.primaryCenter.name),
        place: center && oneLine(center.locality).length >= 2 ? oneLine(center.locality) : null,
      },
      reportNumber: p.reportNumber ? oneLine(p.reportNumber) || null : null,
      licenceUrl: licenceUrl(p.licence),
    },
  };
}

function checkDoi(
  doi: string | null,
  prefix: string,
  problem: (field: string, message: string) => void,
): void {
  if (!doi) {
    problem('doi', 'is missing; only a piece with a DOI can be deposited');
    return;
  }
  // DOIs are case-insensitive: 10.5555/ABC and 10.5555/abc are one name.
  if (!doi.toLowerCase().startsWith(`${prefix.toLowerCase()}/`)) {
    problem('doi', `${doi} is not under this site's DOI prefix ${prefix}`);
    return;
  }
  if ([...doi.slice(prefix.length + 1)].length > MAX_DOI_SUFFIX)
    problem(
      'doi',
      `is longer than Crossref accepts (${MAX_DOI_SUFFIX} characters after the prefix)`,
    );
}

/** Staff write for their center (or the network); external authors for their own body. */
function affiliationOf(author: AuthorRef, context: DepositContext): string | null {
  if (author.isExternal) return oneLine(author.affiliation) || null;
  const center = author.centerId === null ? undefined : context.centers.get(author.centerId);
  return oneLine(center?.name ?? context.network.name) || null;
}

function oneLine(text: string): string {
  return stripNonXml(text).replace(/\s+/g, ' ').trim();
}
