import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { formatApa } from './apa.ts';
import type { CslName, CslRecord } from './csl-record.ts';
import {
  BOOK,
  NAMES_FROM_MANY_PLACES,
  PEOPLE,
  REPORT,
  UNDATED_WEB_PAGE,
  WEB_PAGE,
  withAsterisks,
} from './test-records.ts';

/*
 * Expected entries written by hand from the APA Publication Manual, 7th edition (the
 * rules are listed at the top of apa.ts): authors as "Family, I." joined by "&", up to
 * 20, then the first 19, an ellipsis and the last (section 9.8); the date in
 * parentheses, with month and day for web pages; report numbers in parentheses after
 * the title, labelled "No." as in the manual's examples (section 10.4); the publisher
 * unless it is the author; the DOI as a URL, no period after it. *Asterisks* mark
 * italics. apa-oracle.test.ts compares the same rules with citeproc-js's APA style.
 */

const apa = (record: CslRecord) => withAsterisks(formatApa(record));

describe('APA 7', () => {
  it('cites a numbered report with its number, labelled by its series, publisher and DOI', () => {
    expect(apa(REPORT)).toBe(
      'Archer, A., & Cho, C. (2024). *Power Lines Across Borders* (Aldermoor Reports No. AR 24-3). Aldermoor Center for Global Affairs. https://doi.org/10.55555/aldermoor.2024.power',
    );
  });

  it('labels a number outside a series "Report No.", and never writes "No." twice', () => {
    const unseried = { ...REPORT, 'collection-title': undefined };
    expect(apa(unseried)).toContain('*Power Lines Across Borders* (Report No. AR 24-3). Aldermoor');
    expect(apa({ ...REPORT, number: 'No. 12' })).toContain('(Aldermoor Reports No. 12).');
    expect(apa({ ...REPORT, number: undefined })).toContain(
      '*Power Lines Across Borders*. Aldermoor',
    );
  });

  it('cites a web page with its full date and site name', () => {
    expect(apa(WEB_PAGE)).toBe(
      'Archer, A. (2024, March 1). *Why Grids Matter Now*. Aldermoor Center for Global Affairs. https://example.org/research/why-grids',
    );
    const march = { ...WEB_PAGE, issued: { 'date-parts': [[2024, 3]] } } as CslRecord;
    expect(apa(march)).toContain('Archer, A. (2024, March). *Why');
  });

  it('cites a book by its year, title, publisher and URL', () => {
    expect(apa(BOOK)).toBe(
      'Archer, A. (2024). *Power Lines Across Borders*. Aldermoor Center for Global Affairs. https://example.org/research/power-lines',
    );
  });

  it('joins two authors and three with commas and an ampersand', () => {
    expect(apa({ ...WEB_PAGE, author: PEOPLE.slice(0, 2) })).toMatch(
      /^Archer, A\., & Cho, C\. \(2024, March 1\)\./,
    );
    expect(apa({ ...WEB_PAGE, author: PEOPLE.slice(0, 3) })).toMatch(
      /^Archer, A\., Cho, C\., & Bell, B\. \(2024, March 1\)\./,
    );
  });

  it('lists 20 authors in full, and of 21 shows 19, an ellipsis and the last', () => {
    const authors = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ family: `Author${i + 1}`, given: 'Zoe' }));
    expect(apa({ ...REPORT, author: authors(20) })).toMatch(
      /^Author1, Z\., .*Author19, Z\., & Author20, Z\. \(2024\)/,
    );
    const text = apa({ ...REPORT, author: authors(21) });
    expect(text).toMatch(/^Author1, Z\., Author2, Z\., .*Author19, Z\., … Author21, Z\. \(2024\)/);
    expect(text).not.toContain('Author20');
    expect(text).not.toContain('&');
  });

  it('writes n.d. and the retrieval date for an undated page', () => {
    expect(apa(UNDATED_WEB_PAGE)).toBe(
      'Archer, A. (n.d.). *Why Grids Matter Now*. Aldermoor Center for Global Affairs. Retrieved June 1, 2026, from https://example.org/research/why-grids',
    );
    expect(apa({ ...UNDATED_WEB_PAGE, accessed: undefined })).toBe(
      'Archer, A. (n.d.). *Why Grids Matter Now*. Aldermoor Center for Global Affairs. https://example.org/research/why-grids',
    );
  });

  it('gives no retrieval date for an undated report: it does not change once issued', () => {
    const undated = { ...REPORT, issued: undefined, accessed: UNDATED_WEB_PAGE.accessed };
    expect(apa(undated)).toMatch(
      /^Archer, A\., & Cho, C\. \(n\.d\.\)\. .*\. https:\/\/doi\.org\/\S+$/,
    );
    expect(apa(undated)).not.toContain('Retrieved');
  });

  it('moves the title to the front when there is no author', () => {
    expect(apa({ ...REPORT, author: undefined })).toBe(
      '*Power Lines Across Borders* (Aldermoor Reports No. AR 24-3). (2024). Aldermoor Center for Global Affairs. https://doi.org/10.55555/aldermoor.2024.power',
    );
    expect(apa({ ...WEB_PAGE, author: undefined })).toBe(
      '*Why Grids Matter Now*. (2024, March 1). Aldermoor Center for Global Affairs. https://example.org/research/why-grids',
    );
  });

  it('writes a group author whole, and leaves out a publisher that is the author', () => {
    const group: CslName = { literal: 'Aldermoor Center for Global Affairs' };
    expect(apa({ ...WEB_PAGE, author: [group] })).toBe(
      'Aldermoor Center for Global Affairs. (2024, March 1). *Why Grids Matter Now*. https://example.org/research/why-grids',
    );
    expect(apa({ ...BOOK, author: [{ literal: 'Grid Study Group' }] })).toBe(
      'Grid Study Group. (2024). *Power Lines Across Borders*. Aldermoor Center for Global Affairs. https://example.org/research/power-lines',
    );
  });

  it('puts no period after a title ending in a question mark, but keeps the one after the number', () => {
    const title = 'Is the Grid Ready?';
    expect(apa({ ...WEB_PAGE, title })).toContain(
      '(2024, March 1). *Is the Grid Ready?* Aldermoor',
    );
    expect(apa({ ...REPORT, title })).toContain(
      '(2024). *Is the Grid Ready?* (Aldermoor Reports No. AR 24-3). Aldermoor',
    );
  });

  it('cuts given names to initials as APA writes them', () => {
    expect(apa({ ...REPORT, author: NAMES_FROM_MANY_PLACES })).toMatch(
      /^de la Cruz, M\. J\., King, M\. L\., Jr\., Dupont, J\.-P\., Tolkien, J\. R\. R\., Beethoven, L\. van, Łukasiewicz, Ł\., Иванова, А\. С\., Müller-Lüdenscheidt, Ö\., Nakamura Hill, G\., O’Brien, S\., Αλεξίου, Ε\., כהן, ד\., العربي, م\., Nguyễn, T\. M\., 山田太郎, 김민준, Kim, 민준, & Sukarno\. \(2024\)/,
    );
    // An accent typed as a combining mark stays on the initial.
    expect(apa({ ...REPORT, author: [{ family: 'Ørsted', given: 'O\u0301lafur' }] })).toMatch(
      /^Ørsted, O\u0301\. \(2024\)/,
    );
  });

  it('renders names that are also names of object properties like any other', () => {
    // citeproc-js throws on these ("hasOwnProperty", "constructor"): it looks names up as keys.
    const odd = { ...REPORT, author: [{ family: 'hasOwnProperty', given: 'Constructor' }] };
    expect(apa(odd)).toMatch(/^hasOwnProperty, C\. \(2024\)/);
  });

  it('renders the demo flagship piece in microseconds, not citeproc-js’s milliseconds', () => {
    // The demo's flagship piece as the HQ site cites it: a page with one author.
    const flagship: CslRecord = {
      ...WEB_PAGE,
      id: 'power-lines-are-the-new-trade-routes',
      title: 'Power Lines Are the New Trade Routes',
      author: [{ family: 'Mabaso', given: 'Ingrid' }],
      issued: { 'date-parts': [[2026, 10, 6]] },
      URL: 'http://localhost:3000/research/power-lines-are-the-new-trade-routes',
    };
    const runs = 5_000;
    for (let i = 0; i < 200; i++) formatApa(flagship);
    const start = performance.now();
    for (let i = 0; i < runs; i++) formatApa(flagship);
    const microseconds = ((performance.now() - start) / runs) * 1000;
    console.info(
      `APA, flagship record: ${microseconds.toFixed(2)} µs a rendering (mean of ${runs})`,
    );
    // citeproc-js took ~8,700 µs warm; the bound is loose for a loaded shared machine.
    expect(microseconds).toBeLessThan(200);
  });
});
