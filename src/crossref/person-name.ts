import type { AuthorRef } from '../domain/publication.ts';
import { stripNonXml } from '../lib/xml-text.ts';

/*
 * Crossref wants a person's name in parts (given name, surname), each 1–60 characters
 * matching one pattern from its schema. Below is that pattern as JavaScript: XSD patterns
 * match the whole value, XSD's \d is any Unicode decimal digit and its \s only space, tab,
 * CR and LF. In words: no digits before or after the name's one run of non-space text,
 * and not made of question marks alone (Crossref's placeholder for an unknown name).
 */
const CROSSREF_NAME = /^[^\p{Nd}?]*[^? \t\n\r]+[^\p{Nd}]*$/u;
const MAX_NAME_LENGTH = 60;

export interface NameParts {
  given: string | null;
  surname: string;
}

export type NameCheck = { ok: true; parts: NameParts } | { ok: false; message: string };

/**
 * Splits an author's name on their sort name ("Family, Given"); a sort name without a
 * comma (a family-first or one-word name) becomes the surname whole.
 */
export function crossrefName(author: Pick<AuthorRef, 'name' | 'sortName'>): NameCheck {
  const comma = author.sortName.indexOf(',');
  const [surname, given] =
    comma > 0
      ? [author.sortName.slice(0, comma), author.sortName.slice(comma + 1)]
      : [author.name, ''];
  const parts = { surname: collapse(surname), given: collapse(given) || null };
  for (const part of [parts.surname, parts.given]) {
    if (part === null) continue;
    if ([...part].length > MAX_NAME_LENGTH || !CROSSREF_NAME.test(part)) {
      return {
        ok: false,
        message: `"${author.name}" cannot be deposited: Crossref takes name parts of 1 to ${MAX_NAME_LENGTH} characters, without digits around the name or question marks alone (check the person's name and sort name)`,
      };
    }
  }
  return { ok: true, parts };
}

/** What Crossref's validator does to a name (XSD whitespace collapse), done first. */
function collapse(text: string): string {
  return stripNonXml(text)
    .replace(/[ \t\n\r]+/g, ' ')
    .trim();
}
