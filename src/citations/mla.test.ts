import { describe, expect, it } from 'vitest';
import type { CslName, CslRecord } from './csl-record.ts';
import { formatMla } from './mla.ts';
import { BOOK, PEOPLE, REPORT, UNDATED_WEB_PAGE, WEB_PAGE, withAsterisks } from './test-records.ts';

/*
 * Expected entries written by hand from the MLA Handbook, 9th edition (the rules are
 * listed at the top of mla.ts). *Asterisks* mark italics.
 */

describe('MLA 9', () => {
  it('cites a report: italic title, publisher, date, DOI, then its series and number', () => {
    expect(withAsterisks(formatMla(REPORT))).toBe(
      'Archer, Alice, and Chen Cho. *Power Lines Across Borders*. Aldermoor Center for Global Affairs, 1 Mar. 2024, https://doi.org/10.55555/aldermoor.2024.power. Aldermoor Reports AR 24-3.',
    );
  });

  it('cites a web article in quotation marks, in its italic website, URL without scheme', () => {
    expect(withAsterisks(formatMla(WEB_PAGE))).toBe(
      'Archer, Alice. “Why Grids Matter Now.” *Aldermoor Center for Global Affairs*, 1 Mar. 2024, example.org/research/why-grids.',
    );
  });

  it('names the first of three or more authors and et al.', () => {
    const three = {
      ...WEB_PAGE,
      author: PEOPLE.slice(0, 3),
      issued: { 'date-parts': [[2024, 9, 5]] },
    };
    expect(withAsterisks(formatMla(three as CslRecord))).toBe(
      'Archer, Alice, et al. “Why Grids Matter Now.” *Aldermoor Center for Global Affairs*, 5 Sept. 2024, example.org/research/why-grids.',
    );
  });

  it('abbreviates months but May, June and July', () => {
    const on = (month: number) =>
      withAsterisks(formatMla({ ...WEB_PAGE, issued: { 'date-parts': [[2024, month, 4]] } }));
    expect(on(5)).toContain(', 4 May 2024,');
    expect(on(6)).toContain(', 4 June 2024,');
    expect(on(7)).toContain(', 4 July 2024,');
    expect(on(12)).toContain(', 4 Dec. 2024,');
  });

  it('leaves an undated work without a date, and ends with the access date when known', () => {
    expect(withAsterisks(formatMla({ ...UNDATED_WEB_PAGE, accessed: undefined }))).toBe(
      'Archer, Alice. “Why Grids Matter Now.” *Aldermoor Center for Global Affairs*, example.org/research/why-grids.',
    );
    expect(withAsterisks(formatMla(UNDATED_WEB_PAGE))).toBe(
      'Archer, Alice. “Why Grids Matter Now.” *Aldermoor Center for Global Affairs*, example.org/research/why-grids. Accessed 1 June 2026.',
    );
  });

  it('begins with the title when the organisation is both author and publisher', () => {
    expect(withAsterisks(formatMla({ ...REPORT, author: undefined }))).toBe(
      '*Power Lines Across Borders*. Aldermoor Center for Global Affairs, 1 Mar. 2024, https://doi.org/10.55555/aldermoor.2024.power. Aldermoor Reports AR 24-3.',
    );
    expect(withAsterisks(formatMla({ ...WEB_PAGE, author: undefined }))).toBe(
      '“Why Grids Matter Now.” *Aldermoor Center for Global Affairs*, 1 Mar. 2024, example.org/research/why-grids.',
    );
  });

  it('cites a book without series as title, publisher, date and URL', () => {
    expect(withAsterisks(formatMla(BOOK))).toBe(
      'Archer, Alice. *Power Lines Across Borders*. Aldermoor Center for Global Affairs, 1 Mar. 2024, example.org/research/power-lines.',
    );
  });

  it('keeps a question mark in place of the period after a title', () => {
    expect(withAsterisks(formatMla({ ...WEB_PAGE, title: 'Is the Grid Ready?' }))).toBe(
      'Archer, Alice. “Is the Grid Ready?” *Aldermoor Center for Global Affairs*, 1 Mar. 2024, example.org/research/why-grids.',
    );
  });

  it('writes a suffix with a comma, and no second period after it', () => {
    const king: CslName = { family: 'King', given: 'Martin Luther', suffix: 'Jr.' };
    expect(withAsterisks(formatMla({ ...REPORT, author: [PEOPLE[1] as CslName, king] }))).toMatch(
      /^Cho, Chen, and Martin Luther King, Jr\. \*Power Lines/,
    );
  });
});
