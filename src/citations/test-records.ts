import type { CslName, CslRecord } from './csl-record.ts';
import type { StyledText } from './styled-text.ts';

/*
 * Records and readers the citation tests share. The records are written by hand; each
 * style's test states the entries it expects for them.
 */

const ORG = 'Aldermoor Center for Global Affairs';

export const PEOPLE: CslName[] = [
  { family: 'Archer', given: 'Alice' },
  { family: 'Cho', given: 'Chen' },
  { family: 'Bell', given: 'Bruno' },
  { family: 'Diaz', given: 'Dana' },
  { family: 'Eze', given: 'Emeka' },
  { family: 'Fox', given: 'Farah' },
  { family: 'Gupta', given: 'Gita' },
];

/**
 * Names from many places: particles, a suffix, hyphens, run-together initials, and
 * Cyrillic, Greek, Hebrew, Arabic, Vietnamese, Chinese, Japanese and Korean script.
 */
export const NAMES_FROM_MANY_PLACES: CslName[] = [
  { family: 'de la Cruz', given: 'María José' },
  { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
  { family: 'Dupont', given: 'Jean-Paul' },
  { family: 'Tolkien', given: 'J.R.R.' },
  { family: 'Beethoven', given: 'Ludwig van' },
  { family: 'Łukasiewicz', given: 'Łukasz' },
  { family: 'Иванова', given: 'Анна Сергеевна' },
  { family: 'Müller-Lüdenscheidt', given: 'Ögün' },
  { family: 'Nakamura Hill', given: 'Grace' },
  { family: 'O’Brien', given: 'Seán' },
  { family: 'Αλεξίου', given: 'Ελένη' },
  { family: 'כהן', given: 'דוד' },
  { family: 'العربي', given: 'محمد' },
  { family: 'Nguyễn', given: 'Thị Minh' },
  { family: '山田', given: '太郎' },
  { family: '김', given: '민준' },
  { family: 'Kim', given: '민준' },
  { literal: 'Sukarno' },
];

/** A numbered report by two authors, with a DOI. */
export const REPORT: CslRecord = {
  id: 'power-lines',
  'citation-key': 'power_lines',
  type: 'report',
  title: 'Power Lines Across Borders',
  author: PEOPLE.slice(0, 2),
  issued: { 'date-parts': [[2024, 3, 1]] },
  publisher: ORG,
  'collection-title': 'Aldermoor Reports',
  number: 'AR 24-3',
  DOI: '10.55555/aldermoor.2024.power',
  URL: 'https://example.org/research/power-lines',
  language: 'en',
  abstract: 'Why grids should be planned together.',
  license: 'CC BY 4.0',
};

/** A commentary by one author: a page on the institution's website. */
export const WEB_PAGE: CslRecord = {
  id: 'why-grids',
  'citation-key': 'why_grids',
  type: 'webpage',
  title: 'Why Grids Matter Now',
  author: PEOPLE.slice(0, 1),
  issued: { 'date-parts': [[2024, 3, 1]] },
  publisher: ORG,
  URL: 'https://example.org/research/why-grids',
};

/** The report as a book: one author, no series, number or DOI. */
export const BOOK: CslRecord = {
  ...REPORT,
  type: 'book',
  author: PEOPLE.slice(0, 1),
  DOI: undefined,
  'collection-title': undefined,
  number: undefined,
};

/** The web page with no date, read on 1 June 2026. */
export const UNDATED_WEB_PAGE: CslRecord = {
  ...WEB_PAGE,
  issued: undefined,
  accessed: { 'date-parts': [[2026, 6, 1]] },
};

/** A rendering with *asterisks* for italics, so expected entries read as one string. */
export function withAsterisks(text: StyledText): string {
  return text.map((span) => (span.italic ? `*${span.text}*` : span.text)).join('');
}

/** Names as a reader shows them ("Given Family Suffix"), however a format split them. */
export function shownNames(names: unknown): string[] {
  const list = (names as Record<string, string | undefined>[] | undefined) ?? [];
  return list.map((name) => {
    if (name.literal) return name.literal;
    const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
    return [name.given, family, name.suffix].filter(Boolean).join(' ');
  });
}
