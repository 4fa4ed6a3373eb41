import mapping from '@citation-js/plugin-bibtex/lib/mapping/index.js';
import { type CslDate, type CslRecord, withoutUndefined } from './csl-record.ts';
import { oneLine } from './one-line.ts';

/*
 * BibTeX from the CSL record. citation-js decides the entry type and which fields a
 * CSL variable becomes (report → @techreport with institution, series and number);
 * we write the values ourselves, because citation-js 0.8's writer drops every
 * character it has no LaTeX command for (Cyrillic, CJK, Arabic…) when set to ASCII, or
 * escapes nothing at all when not, and never protects a comma inside a name. Its
 * mapping is imported by path (`lib/mapping`, what its own `bibtex` output runs): the
 * package offers the entries only after escaping them, and the pinned version keeps
 * the path where it is.
 *
 * What we write: UTF-8 text as it is (biber and citation-js read it; BibTeX passes it
 * through); the characters LaTeX treats as syntax escaped; whitespace collapsed (a
 * blank line would end a paragraph inside a field); control characters dropped.
 */

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  $: '\\$',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Fields in the order people expect to read them; any other field follows. */
const FIELD_ORDER = [
  'author',
  'editor',
  'title',
  'institution',
  'publisher',
  'series',
  'number',
  'year',
  'month',
  'day',
  'doi',
  'url',
  'note',
  'abstract',
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** One BibTeX entry (`@techreport`, `@book` or `@misc`) for the record. */
export function toBibtex(record: CslRecord): string {
  const [entry] = mapping.formatBibtex([withoutUndefined(record)]);
  if (!entry) throw new Error(`citation-js mapped no BibTeX entry for ${record.id}`);
  const fields: [string, string][] = [];
  for (const [field, value] of Object.entries(entry.properties)) {
    // Dates are written from the record below: citation-js's "mar 1" is no BibTeX month.
    if (field === 'year' || field === 'month') continue;
    const written = writeField(field, value);
    if (written !== undefined) fields.push([field, written]);
  }
  fields.push(...dateFields(record.issued));
  if (record.abstract) fields.push(['abstract', `{${escapeText(record.abstract)}}`]);
  fields.sort(([a], [b]) => rank(a) - rank(b));
  const body = fields.map(([field, value]) => `  ${field} = ${value},\n`).join('');
  return `@${entry.type}{${entry.label},\n${body}}\n`;
}

function rank(field: string): number {
  const index = FIELD_ORDER.indexOf(field);
  return index === -1 ? FIELD_ORDER.length : index;
}

function writeField(field: string, value: unknown): string | undefined {
  if (field === 'author' || field === 'editor') {
    if (!Array.isArray(value)) return undefined;
    return `{${value.map((name) => writeName(name as MappedName)).join(' and ')}}`;
  }
  // DOIs and URLs are verbatim (\url, \doi): nothing is escaped there, so the few
  // characters that would break the braces are percent-encoded as in any URL.
  if (field === 'doi' || field === 'url') return `{${encodeVerbatim(String(value))}}`;
  // Titles keep the editors' capitalisation: BibTeX styles lowercase what is not braced.
  if (field === 'title') return `{{${escapeText(String(value))}}}`;
  // institution, publisher and address are lists in BibTeX: "A and B" is two of them.
  if (Array.isArray(value))
    return `{${value.map((v) => protectAnd(escapeText(String(v)))).join(' and ')}}`;
  return `{${escapeText(String(value))}}`;
}

interface MappedName {
  family?: string;
  given?: string;
  suffix?: string;
}

/**
 * "Family, Given" or "Family, Suffix, Given"; a literal name (family only) is braced
 * whole so no part is taken for a first name. A family name is braced unless it is one
 * capitalised word ("Archer", "O’Brien", "Asante-Lind"): unbraced, "de la Cruz" or
 * "2.5e-3" would be split into a particle and a name, and the family name is already
 * exact. A given name or suffix is braced unless it is plain (letters, dots,
 * apostrophes, spaces, hyphens inside words): commas, "=" (biblatex's key=value names),
 * stray hyphens and escapes all change how BibTeX splits a name list. Bracing stops a
 * style abbreviating a given name to initials, so plain ones are left bare.
 */
function writeName(name: MappedName): string {
  const family = escapeText(name.family ?? '');
  if (!name.given && !name.suffix) return `{${family}}`;
  const parts = [ONE_WORD_NAME.test(family) ? family : `{${family}}`];
  if (name.suffix) parts.push(protectPart(escapeText(name.suffix)));
  parts.push(protectPart(escapeText(name.given ?? '')));
  return parts.join(', ');
}

const ONE_WORD_NAME = /^\p{Lu}[\p{L}\p{M}.'’]*(?:-[\p{L}\p{M}.'’]+)*$/u;
const PLAIN_NAME = /^[\p{L}\p{M}.'’ ]+(?:-[\p{L}\p{M}.'’]+)*$/u;
function protectPart(part: string): string {
  return PLAIN_NAME.test(part) ? protectAnd(part) : `{${part}}`;
}

function protectAnd(part: string): string {
  return /(^|\s)and(\s|$)/i.test(part) ? `{${part}}` : part;
}

function dateFields(date: CslDate | undefined): [string, string][] {
  const [year, month, day] = date?.['date-parts'][0] ?? [];
  if (year === undefined) return [];
  const fields: [string, string][] = [['year', `{${year}}`]];
  const monthMacro = month === undefined ? undefined : MONTHS[month - 1];
  // The three-letter macros let each style print the month in its own form.
  if (monthMacro) fields.push(['month', monthMacro]);
  if (monthMacro && day !== undefined) fields.push(['day', `{${day}}`]);
  return fields;
}

/** Text safe inside a braced BibTeX value and the LaTeX it ends up in. */
function escapeText(value: string): string {
  return (
    oneLine(value)
      .replace(/[\\{}%&#_$~^<>|]/g, (char) => ESCAPES[char] ?? char)
      // TeX ligatures: -- and --- become dashes, `` and '' curly quotes; "{}" keeps
      // each character as typed.
      .replace(/([-`'])(?=\1)/g, '$1{}')
  );
}

function encodeVerbatim(value: string): string {
  return value.replace(/[{}\\\s]/g, (char) => encodeURIComponent(char));
}
