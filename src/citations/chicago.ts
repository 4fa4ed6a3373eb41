import type { CslRecord } from './csl-record.ts';
import { type NameListRule, nameList } from './names.ts';
import { accessDate, dateParts, doiUrl, longDate, seriesAndNumber } from './record-parts.ts';
import { composeEntry, type Sentence, type StyledText } from './styled-text.ts';

/*
 * Chicago author-date, reference-list entry (The Chicago Manual of Style, 18th edition,
 * 2024). Author-date rather than notes and bibliography: it is Chicago's system for the
 * social sciences, where policy research is read and cited, and its entry stands alone
 * as the APA and MLA ones do, where notes-bibliography would need a note and an entry.
 *
 *   Report:   Archer, Alice, and Chen Cho. 2024. *Title*. Aldermoor Reports AR 26-14.
 *             Aldermoor Center for Global Affairs. https://doi.org/10.55555/x.
 *   Web page: Archer, Alice. 2024. “Title.” Aldermoor Center for Global Affairs, March 1,
 *             2024. https://example.org/research/x.
 *
 * The rules followed:
 * - Authors: the first inverted, the rest in normal order, "and" before the last with a
 *   comma even between two; up to six are all listed, from seven on the first three and
 *   "et al." (18th edition; the 17th listed up to ten).
 * - No author: the issuing organisation stands in the author's place. A report still
 *   names it as publisher too; a web page does not repeat it as the site's name.
 * - Date: the year follows the authors; an undated work has "n.d." there and, when the
 *   access date is known, "Accessed June 1, 2026." before the link.
 * - Report or book: title in italics (capitalised as the editors wrote it, never
 *   recased), then the series and number, then the publisher. The 18th edition no
 *   longer asks for the place of publication.
 * - Web page: title in quotation marks, then the site's name and the full date,
 *   "March 1, 2024", the year repeated.
 * - Link: the DOI as an https://doi.org/ address when there is one, else the URL; the
 *   entry ends with a period after it.
 */

const NAMES: NameListRule = { etAlFrom: 7, keep: 3, commaBeforeSuffix: false };

export function formatChicago(record: CslRecord): StyledText {
  const names = record.author ?? [];
  const author = names.length > 0 ? nameList(names, NAMES) : record.publisher;
  const isWebPage = record.type === 'webpage';
  const title = isWebPage ? { quoted: record.title } : { italic: record.title };
  const issued = dateParts(record.issued);
  const year = issued ? String(issued.year) : 'n.d.';
  const accessed = accessDate(record);
  const source: Sentence[] = isWebPage
    ? [
        [
          names.length > 0 ? record.publisher : undefined,
          issued?.month ? longDate(issued) : undefined,
        ],
      ]
    : [seriesAndNumber(record), record.publisher];
  return composeEntry([
    ...(author ? [author, year, title] : [title, year]),
    ...source,
    accessed ? `Accessed ${longDate(accessed)}` : undefined,
    doiUrl(record) ?? record.URL,
  ]);
}
