import type { CslRecord } from './csl-record.ts';
import { type NameListRule, nameList } from './names.ts';
import { accessDate, type DateParts, dateParts, doiUrl, seriesAndNumber } from './record-parts.ts';
import { composeEntry, type StyledText } from './styled-text.ts';

/*
 * MLA 9 works-cited entry (MLA Handbook, 9th edition, 2021): the core elements in
 * order (author. title. container, publisher, date, location.), then optional ones.
 *
 *   Report:   Archer, Alice, and Chen Cho. *Title*. Aldermoor Center for Global Affairs,
 *             1 Mar. 2024, https://doi.org/10.55555/x. Aldermoor Reports AR 26-14.
 *   Web page: Archer, Alice. “Title.” *Aldermoor Center for Global Affairs*, 1 Mar. 2024,
 *             example.org/research/x.
 *
 * The rules followed:
 * - Authors: one, "Family, Given."; two, "Family, Given, and Given Family."; three or
 *   more, the first and "et al.": "Archer, Alice, et al."
 * - No author: a work by the organisation that also publishes it has no author element;
 *   the entry begins with the title and the organisation appears as publisher.
 * - Report or book: a work that stands on its own, so its title is in italics; the
 *   institution is the publisher. The series and number go at the end, in roman, as an
 *   optional element.
 * - Web page: a part of a larger work, so its title is in quotation marks and the
 *   website's name follows in italics as its container. The website bears its
 *   publisher's name, so the publisher element is left out.
 * - Date: day, month, year, the month abbreviated ("1 Mar. 2024"; May, June and July
 *   in full, September as "Sept."). An undated work has no date element (the 9th
 *   edition dropped "n.d."); when the access date is known, "Accessed 1 June 2026."
 *   ends the entry.
 * - Location: the DOI as an https://doi.org/ address when there is one; else the URL
 *   without its "http://" or "https://".
 * - Titles keep the editors' capitalisation; they are never recased.
 */

const NAMES: NameListRule = { etAlFrom: 3, keep: 1, commaBeforeSuffix: true };

const MONTHS = [
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];

export function formatMla(record: CslRecord): StyledText {
  const names = record.author ?? [];
  const isWebPage = record.type === 'webpage';
  const issued = dateParts(record.issued);
  const accessed = accessDate(record);
  const location = doiUrl(record) ?? record.URL.replace(/^https?:\/\//i, '');
  return composeEntry([
    names.length > 0 ? nameList(names, NAMES) : undefined,
    isWebPage ? { quoted: record.title } : { italic: record.title },
    [
      isWebPage && record.publisher ? { italic: record.publisher } : record.publisher,
      issued ? dayMonthYear(issued) : undefined,
      location,
    ],
    isWebPage ? undefined : seriesAndNumber(record),
    accessed ? `Accessed ${dayMonthYear(accessed)}` : undefined,
  ]);
}

/** "1 Mar. 2024", "Mar. 2024" or "2024". */
function dayMonthYear({ year, month, day }: DateParts): string {
  const monthName = month ? MONTHS[month - 1] : undefined;
  if (!monthName) return String(year);
  return day ? `${day} ${monthName} ${year}` : `${monthName} ${year}`;
}
