import { describe, expect, it } from 'vitest';
import { formatChicago } from './chicago.ts';
import type { CslName, CslRecord } from './csl-record.ts';
import { BOOK, PEOPLE, REPORT, UNDATED_WEB_PAGE, WEB_PAGE, withAsterisks } from './test-records.ts';

/*
 * Expected entries written by hand from The Chicago Manual of Style, 18th edition,
 * author-date reference lists (the rules are listed at the top of chicago.ts).
 * *Asterisks* mark italics.
 */

describe('Chicago author-date', () => {
  it('cites a numbered report with its series, publisher and DOI', () => {
    expect(withAsterisks(formatChicago(REPORT))).toBe(
      'Archer, Alice, and Chen Cho. 2024. *Power Lines Across Borders*. Aldermoor Reports AR 24-3. Aldermoor Center for Global Affairs. https://doi.org/10.55555/aldermoor.2024.power.',
    );
  });

  it('cites a web article with the site and the full date, title in quotation marks', () => {
    expect(withAsterisks(formatChicago(WEB_PAGE))).toBe(
      'Archer, Alice. 2024. “Why Grids Matter Now.” Aldermoor Center for Global Affairs, March 1, 2024. https://example.org/research/why-grids.',
    );
  });

  it('lists three authors in full, the first inverted', () => {
    const three = {
      ...WEB_PAGE,
      author: PEOPLE.slice(0, 3),
      issued: { 'date-parts': [[2024, 9, 5]] },
    };
    expect(withAsterisks(formatChicago(three as CslRecord))).toBe(
      'Archer, Alice, Chen Cho, and Bruno Bell. 2024. “Why Grids Matter Now.” Aldermoor Center for Global Affairs, September 5, 2024. https://example.org/research/why-grids.',
    );
  });

  it('lists up to six authors, and from seven the first three and et al.', () => {
    expect(withAsterisks(formatChicago({ ...REPORT, author: PEOPLE.slice(0, 6) }))).toMatch(
      /^Archer, Alice, Chen Cho, Bruno Bell, Dana Diaz, Emeka Eze, and Farah Fox\. 2024\. /,
    );
    expect(withAsterisks(formatChicago({ ...REPORT, author: PEOPLE }))).toMatch(
      /^Archer, Alice, Chen Cho, Bruno Bell, et al\. 2024\. \*Power/,
    );
  });

  it('puts n.d. for an undated work, with the access date when known', () => {
    expect(withAsterisks(formatChicago({ ...UNDATED_WEB_PAGE, accessed: undefined }))).toBe(
      'Archer, Alice. n.d. “Why Grids Matter Now.” Aldermoor Center for Global Affairs. https://example.org/research/why-grids.',
    );
    expect(withAsterisks(formatChicago(UNDATED_WEB_PAGE))).toBe(
      'Archer, Alice. n.d. “Why Grids Matter Now.” Aldermoor Center for Global Affairs. Accessed June 1, 2026. https://example.org/research/why-grids.',
    );
  });

  it('lists a piece without authors under the organisation that issued it', () => {
    expect(withAsterisks(formatChicago({ ...REPORT, author: undefined }))).toBe(
      'Aldermoor Center for Global Affairs. 2024. *Power Lines Across Borders*. Aldermoor Reports AR 24-3. Aldermoor Center for Global Affairs. https://doi.org/10.55555/aldermoor.2024.power.',
    );
    expect(withAsterisks(formatChicago({ ...WEB_PAGE, author: undefined }))).toBe(
      'Aldermoor Center for Global Affairs. 2024. “Why Grids Matter Now.” March 1, 2024. https://example.org/research/why-grids.',
    );
  });

  it('links the URL when there is no DOI, and cites a book like a report', () => {
    expect(withAsterisks(formatChicago(BOOK))).toBe(
      'Archer, Alice. 2024. *Power Lines Across Borders*. Aldermoor Center for Global Affairs. https://example.org/research/power-lines.',
    );
  });

  it('adds no period after a title ending in a question mark', () => {
    const title = 'Is the Grid Ready?';
    expect(withAsterisks(formatChicago({ ...WEB_PAGE, title }))).toBe(
      'Archer, Alice. 2024. “Is the Grid Ready?” Aldermoor Center for Global Affairs, March 1, 2024. https://example.org/research/why-grids.',
    );
    expect(withAsterisks(formatChicago({ ...REPORT, title }))).toContain(
      '2024. *Is the Grid Ready?* Aldermoor Reports',
    );
  });

  it('turns quotation marks inside a quoted title into single ones', () => {
    expect(
      withAsterisks(formatChicago({ ...WEB_PAGE, title: 'The “Grid” and the "Market"' })),
    ).toContain('2024. “The ‘Grid’ and the ‘Market.’” Aldermoor');
  });

  it('writes a suffix after the given name, with a comma only when inverted', () => {
    const king: CslName = { family: 'King', given: 'Martin Luther', suffix: 'Jr.' };
    expect(
      withAsterisks(formatChicago({ ...REPORT, author: [king, PEOPLE[1] as CslName] })),
    ).toMatch(/^King, Martin Luther, Jr\., and Chen Cho\. 2024\./);
    expect(
      withAsterisks(formatChicago({ ...REPORT, author: [PEOPLE[1] as CslName, king] })),
    ).toMatch(/^Cho, Chen, and Martin Luther King Jr\. 2024\./);
  });
});
