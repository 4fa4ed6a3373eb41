import { describe, expect, it } from 'vitest';
import type { AuthorRef, Publication } from '../domain/publication.ts';
import { cslName, toCslRecord } from './csl-record.ts';
import { REPORT } from './test-records.ts';

/** Builds the publication that REPORT (in test-records.ts) is the record of. */
const context = { url: 'https://example.org/research/power-lines', timeZone: 'UTC' };

function author(name: string, sortName: string): AuthorRef {
  return {
    id: 1,
    slug: 'a',
    name,
    sortName,
    role: '',
    orcid: null,
    centerId: null,
    affiliation: '',
    isExternal: false,
  };
}

function publication(overrides: Partial<Publication> = {}): Publication {
  const center = {
    id: 1,
    slug: 'hq',
    name: 'Aldermoor Center for Global Affairs',
    shortName: 'HQ',
  };
  return {
    id: 1,
    slug: 'power-lines',
    type: { id: 1, slug: 'report', name: 'Report', pluralName: 'Reports' },
    title: 'Power Lines Across Borders',
    summary: 'Why grids should be planned together.',
    publishedAt: '2024-03-01T12:00:00.000Z',
    authors: [author('Alice Archer', 'Archer, Alice'), author('Chen Cho', 'Cho, Chen')],
    bodyHtml: '',
    status: 'published',
    revisedAt: null,
    embargoUntil: null,
    leadImage: null,
    primaryCenter: center,
    centers: [center],
    terms: { program: [], project: [], region: [], topic: [], collection: [] },
    partner: null,
    externalUrl: null,
    canonicalUrl: null,
    language: 'en',
    doi: '10.55555/aldermoor.2024.power',
    licence: 'CC BY 4.0',
    series: 'Aldermoor Reports',
    reportNumber: 'AR 24-3',
    pdfPath: null,
    newsletterSlugs: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('toCslRecord', () => {
  it('makes a numbered report a CSL report issued by the primary center', () => {
    expect(toCslRecord(publication(), context)).toEqual(REPORT);
  });

  it('cites a paper as a report even without a number, and a book as a book', () => {
    const paper = { id: 2, slug: 'paper', name: 'Paper', pluralName: 'Papers' };
    const book = { id: 3, slug: 'book', name: 'Book', pluralName: 'Books' };
    expect(toCslRecord(publication({ type: paper, reportNumber: null }), context).type).toBe(
      'report',
    );
    expect(toCslRecord(publication({ type: book, reportNumber: null }), context).type).toBe('book');
  });

  it('cites commentary and articles as web pages, and any numbered piece as a report', () => {
    const commentary = { id: 4, slug: 'commentary', name: 'Commentary', pluralName: 'Commentary' };
    const article = { id: 5, slug: 'article', name: 'Article', pluralName: 'Articles' };
    for (const type of [commentary, article]) {
      const record = toCslRecord(publication({ type, series: null, reportNumber: null }), context);
      expect(record.type, type.slug).toBe('webpage');
    }
    expect(toCslRecord(publication({ type: commentary }), context).type).toBe('report');
  });

  it('leaves out what the piece does not have', () => {
    const record = toCslRecord(
      publication({
        authors: [],
        doi: null,
        licence: null,
        series: null,
        reportNumber: null,
        summary: '  ',
        publishedAt: null,
      }),
      context,
    );
    for (const key of ['author', 'DOI', 'license', 'collection-title', 'number', 'abstract'])
      expect(record, key).not.toHaveProperty(key);
    expect(record).not.toHaveProperty('issued');
  });

  it("dates the piece by the site's calendar, as its dateline does", () => {
    const late = publication({ publishedAt: '2024-03-01T02:30:00.000Z' });
    expect(toCslRecord(late, { ...context, timeZone: 'America/New_York' }).issued).toEqual({
      'date-parts': [[2024, 2, 29]],
    });
    expect(toCslRecord(late, { ...context, timeZone: 'Europe/Berlin' }).issued).toEqual({
      'date-parts': [[2024, 3, 1]],
    });
  });
});

describe('cslName', () => {
  it('splits on the sort name, keeping particles and compound names whole', () => {
    expect(cslName({ name: 'María de la Cruz', sortName: 'de la Cruz, María' })).toEqual({
      family: 'de la Cruz',
      given: 'María',
    });
    expect(cslName({ name: 'Grace Nakamura Hill', sortName: 'Nakamura Hill, Grace' })).toEqual({
      family: 'Nakamura Hill',
      given: 'Grace',
    });
  });

  it('reads a suffix after a second comma', () => {
    expect(
      cslName({ name: 'Martin Luther King Jr.', sortName: 'King, Martin Luther, Jr.' }),
    ).toEqual({ family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
  });

  it('keeps a name whole when the sort name does not invert it or does not fit it', () => {
    expect(cslName({ name: 'Sukarno', sortName: 'Sukarno' })).toEqual({ literal: 'Sukarno' });
    expect(cslName({ name: '1,000.00', sortName: '1,000.00' })).toEqual({ literal: '1,000.00' });
    expect(cslName({ name: 'Alice Bell', sortName: 'Archer, Alice' })).toEqual({
      literal: 'Alice Bell',
    });
  });
});
