import type { PersonLink } from '../../domain/person.ts';
import { ValidationError } from '../../errors.ts';

/*
 * A person's links (a personal site, a social profile) as the admin form shows them: a
 * row of label and address per link plus a few blank rows, so links are added, changed
 * and removed (emptied) without JavaScript. Only web addresses are taken: the profile
 * links them, and `javascript:` or `data:` there would run script on our site.
 */

/** As many as the import format holds. */
export const MAX_LINKS = 20;
const BLANK_ROWS = 3;
const MAX_LABEL = 80;
const MAX_URL = 2000;

export interface LinkRow {
  label: string;
  url: string;
}

/** The rows a form shows: the person's links in order, then blank rows within the limit. */
export function linkRowsOf(links: readonly PersonLink[]): LinkRow[] {
  const rows = links.map((link) => ({ label: link.label, url: link.url }));
  const blanks = Math.max(0, Math.min(BLANK_ROWS, MAX_LINKS - rows.length));
  for (let i = 0; i < blanks; i++) rows.push({ label: '', url: '' });
  return rows;
}

/** Reads `link-0-label`, `link-0-url`, … as posted, up to the last row a form can have. */
export function readLinkRows(body: Record<string, unknown>): LinkRow[] {
  const text = (name: string) => {
    const value = body[name];
    return typeof value === 'string' ? value.trim() : '';
  };
  const rows: LinkRow[] = [];
  for (let i = 0; i < MAX_LINKS + BLANK_ROWS; i++) {
    if (!(`link-${i}-label` in body) && !(`link-${i}-url` in body)) break;
    rows.push({ label: text(`link-${i}-label`), url: text(`link-${i}-url`) });
  }
  return rows;
}

/**
 * The links the rows describe, empty rows left out. Throws a ValidationError naming the
 * row's field (`link-2-url`) at the first bad row.
 */
export function linksOf(rows: readonly LinkRow[]): PersonLink[] {
  const links: PersonLink[] = [];
  for (const [i, row] of rows.entries()) {
    if (row.label === '' && row.url === '') continue;
    const problem = (part: 'label' | 'url', message: string) =>
      new ValidationError({
        code: 'BAD_REQUEST',
        field: `link-${i}-${part}`,
        message: `Links, row ${i + 1}: ${message}`,
      });
    if (row.label === '') throw problem('label', 'give the link a label.');
    if (row.label.length > MAX_LABEL)
      throw problem('label', `the label must be at most ${MAX_LABEL} characters.`);
    if (row.url === '') throw problem('url', 'give the link an address.');
    const urlProblem = webAddressProblem(row.url);
    if (urlProblem) throw problem('url', `the address ${urlProblem}.`);
    links.push({ label: row.label, url: row.url });
  }
  if (links.length > MAX_LINKS)
    throw new ValidationError({
      code: 'BAD_REQUEST',
      field: 'link-0-label',
      message: `A person may have at most ${MAX_LINKS} links; remove some.`,
    });
  return links;
}

/** Why an address is not a web address we link to, or undefined when it is one. */
function webAddressProblem(url: string): string | undefined {
  const bad = 'must be a full web address starting with https:// or http://';
  if (url.length > MAX_URL) return `must be at most ${MAX_URL} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return `${bad}, without spaces or backslashes`;
  if (!/^https?:\/\//i.test(url)) return bad;
  try {
    return new URL(url).hostname === '' ? bad : undefined;
  } catch {
    return bad;
  }
}
