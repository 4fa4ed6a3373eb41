import type { CslName, CslRecord } from './csl-record.ts';
import {
  accessDate,
  type DateParts,
  dateParts,
  doiUrl,
  longDate,
  monthName,
} from './record-parts.ts';
import { composeEntry, type Part, type StyledText } from './styled-text.ts';

/*
 * APA 7 reference-list entry (Publication Manual of the American Psychological
 * Association, 7th edition, 2020: chapter 9 for the elements, section 10.4 for reports,
 * 10.16 for pages on a website). Written here rather than run through citeproc-js,
 * which costs milliseconds an entry and seconds on first use, on a page rendered on
 * every uncached request; the tests compare it with citeproc-js's APA style.
 *
 *   Report:   Archer, A., & Cho, C. (2024). *Title* (Aldermoor Reports No. AR 26-14).
 *             Aldermoor Center for Global Affairs. https://doi.org/10.55555/x
 *   Web page: Archer, A. (2024, March 1). *Title*. Aldermoor Center for Global Affairs.
 *             https://example.org/research/x
 *
 * The rules followed:
 * - Authors: "Family, I. I." for each, given names cut to initials (a hyphenated name
 *   keeps its hyphen, "J.-P."; a particle in lower case stays whole, "L. van"), a
 *   suffix after a comma ("King, M. L., Jr."). Names are separated by commas and "&"
 *   comes before the last, with its comma even between two ("Archer, A., & Cho, C.").
 *   Up to 20 are all listed; from 21 on, the first 19, an ellipsis and the last, with no
 *   "&" (section 9.8). A given name in Chinese, Japanese or Korean script is written
 *   whole, as initials mean nothing there, and joined to a family name in the same
 *   script family first and unspaced, as it is written at home ("山田太郎").
 * - Group authors (an institution, a study group: CSL's literal names) are written as
 *   given, in full (section 9.11).
 * - No author: the title moves to the front, then the date (section 9.12).
 * - Date, in parentheses after the authors: the year for reports and books; year,
 *   month and day for a page on a website, "(2024, March 1)", as far as known (section
 *   9.14). An undated work has "(n.d.)" (section 9.17).
 * - Title: in italics for reports, books and stand-alone web pages alike (section
 *   9.19), followed by no period when it ends in a question mark or exclamation point.
 *   It keeps the editors' capitalisation: APA asks for sentence case, but lowercasing
 *   by rule would wreck proper nouns ("Southeast Asia", "NATO"), and citeproc-js leaves
 *   titles as written for the same reason.
 * - Report number: in roman, in parentheses straight after the title, labelled as the
 *   manual's examples do, by the series when there is one ("(CASI Working Paper No.
 *   15-02)", so here "(Aldermoor Reports No. AR 26-14)"), else "(Report No. AR 26-14)".
 *   A number that already says "No." is not given a second one. A series without a
 *   number is left out: APA names the series only as the number's label.
 * - Publisher (for a web page, the site's name): omitted when it is also the author,
 *   a group author of the same name, as in the manual's reports by agencies (10.4) and
 *   pages on their own websites (10.16).
 * - Link: the DOI as an https://doi.org/ address when there is one, else the URL, with
 *   no period after it (section 9.35).
 * - Retrieval date: only for an undated page on a website, whose content can change
 *   and is not archived, and only when the date it was read is known: "Retrieved June
 *   1, 2026, from https://…" (section 9.16). A report or book is a fixed document,
 *   and a DOI is permanent: neither takes one.
 */

/** From this many authors on, the list is cut to the first 19, an ellipsis and the last. */
const CUT_FROM = 21;
const KEEP = 19;

export function formatApa(record: CslRecord): StyledText {
  const names = record.author ?? [];
  const isWebPage = record.type === 'webpage';
  const issued = dateParts(record.issued);
  const date = `(${issued ? (isWebPage ? yearMonthDay(issued) : String(issued.year)) : 'n.d.'})`;
  const title = titleElement(record);
  const link = doiUrl(record);
  const retrieved = isWebPage && !link ? accessDate(record) : undefined;
  const url = link ?? record.URL;
  return composeEntry(
    [
      ...(names.length > 0 ? [nameList(names), date, title] : [title, date]),
      publisherUnlessAuthor(record.publisher, names),
      retrieved ? [`Retrieved ${longDate(retrieved)}`, `from ${url}`] : url,
    ],
    { closeLast: false },
  );
}

/** "Archer, A., Cho, C., & Bell, B."; past 20 names, "A, … Z" without the "&". */
function nameList(names: CslName[]): string {
  const last = apaName(names[names.length - 1] ?? {});
  if (names.length <= 1) return last;
  // Only the names shown are written: a 24-author paper shows 20.
  if (names.length >= CUT_FROM) return `${names.slice(0, KEEP).map(apaName).join(', ')}, … ${last}`;
  return `${names.slice(0, -1).map(apaName).join(', ')}, & ${last}`;
}

function apaName(name: CslName): string {
  if (name.literal !== undefined) return name.literal;
  const family = name.family ?? '';
  const given = name.given ?? '';
  // A given name alone cannot be inverted, and cut to initials it would be lost.
  if (family === '') return [given, name.suffix].filter(Boolean).join(', ');
  if (!EAST_ASIAN.test(given))
    return [family, initials(given), name.suffix].filter(Boolean).join(', ');
  // Chinese, Japanese and Korean given names have no initials: they are written whole,
  // and after a family name in the same script family first and unspaced, as at home.
  if (EAST_ASIAN.test(family)) return `${family}${given}`;
  return [family, given, name.suffix].filter(Boolean).join(', ');
}

const EAST_ASIAN =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]+$/u;

/**
 * "María José" → "M. J.", "Jean-Paul" → "J.-P.", "J.R.R." → "J. R. R.": each name cut to
 * its first letter (with its accents), initials run together split apart. Two kinds of
 * word stay as written: one in lower case, which is a particle ("Ludwig van" → "L. van",
 * as APA places "van" after the initials), and one that does not begin with a letter
 * ("3rd", "(Bob)", an emoji), which has no initial to give.
 */
function initials(given: string): string {
  return given
    .split(WORD_BREAK)
    .filter((word) => word !== '')
    .map((word) => {
      if (!INITIALLED.test(word)) return word;
      // After a hyphen, any letter starts a name of its own: "Jean-paul" → "J.-p.".
      return word
        .split('-')
        .map((part) => {
          const letter = FIRST_LETTER.exec(part)?.[0];
          return letter ? `${letter}.` : part;
        })
        .join('-');
    })
    .join(' ');
}

/**
 * Between words, and between initials run together ("J.R."). Kept out of the function:
 * esbuild writes a `\p{…}` literal as `new RegExp(…)`, made afresh at every call.
 */
const WORD_BREAK = /\s+|(?<=\p{L}\.)(?=\p{L})/u;
/** A word that begins with a capital, or with a letter of a script that has no case. */
const INITIALLED = /^[\p{Lu}\p{Lt}\p{Lo}]/u;
const FIRST_LETTER = /^\p{L}\p{M}*/u;

/** "2024, March 1", "2024, March" or "2024". */
function yearMonthDay({ year, month, day }: DateParts): string {
  const name = monthName(month);
  if (!name) return String(year);
  return day ? `${year}, ${name} ${day}` : `${year}, ${name}`;
}

/** The italic title, then the report number in roman: "*Title* (Report No. 12)". */
function titleElement(record: CslRecord): Part {
  const number = record.number?.trim();
  if (!number) return { italic: record.title };
  const label = record['collection-title']?.trim() || 'Report';
  const numbered = /^No(?:[.\s]|\d)/i.test(number) ? number : `No. ${number}`;
  return {
    runs: [
      { text: record.title, italic: true },
      { text: ` (${label} ${numbered})`, italic: false },
    ],
  };
}

function publisherUnlessAuthor(publisher: string | undefined, names: CslName[]) {
  if (!publisher) return undefined;
  const key = comparable(publisher);
  return names.some((name) => name.literal !== undefined && comparable(name.literal) === key)
    ? undefined
    : publisher;
}

/** Names compared as a reader would: case and runs of spaces make no difference. */
function comparable(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
