import { describe, expect, it } from 'vitest';
import type { Center, Network } from '../domain/center.ts';
import type { Publication } from '../domain/publication.ts';
import { type DepositContext, toDepositRecord } from './deposit-record.ts';

const network: Network = {
  slug: 'net',
  name: 'Test Network',
  shortName: 'TN',
  lettermarkPath: null,
  url: null,
};

const center = {
  id: 1,
  name: 'Main Center',
  timeZone: 'Asia/Tokyo',
  locality: 'Capital',
} as Center;
const context: DepositContext = {
  doiPrefix: '10.5555',
  publicUrl: 'https://think.example',
  network,
  centers: new Map([[1, { ...center, host: null, pathPrefix: null }]]),
};

function publication(overrides: Partial<Publication> = {}): Publication {
  return {
    id: 7,
    slug: 'piece',
    title: 'A Title',
    summary: '',
    type: { id: 1, slug: 'report', name: 'Report', pluralName: 'Reports' },
    authors: [],
    publishedAt: '2024-03-01T16:00:00.000Z',
    primaryCenter: { id: 1, slug: 'main', name: 'Main Center', shortName: 'Main' },
    doi: '10.5555/piece',
    language: 'pt-BR',
    licence: null,
    reportNumber: null,
    ...overrides,
  } as Publication;
}

describe('toDepositRecord', () => {
  it("dates the piece in its primary center's time zone and maps the language to ISO 639-1", () => {
    const mapped = toDepositRecord(publication(), context);
    expect(mapped).toMatchObject({
      ok: true,
      record: {
        published: { year: '2024', month: '03', day: '02' },
        language: 'pt',
        landingUrl: 'https://think.example/research/piece',
        institution: { name: 'Main Center', place: 'Capital' },
      },
    });
  });

  it('reports a missing date and a missing DOI together', () => {
    expect(toDepositRecord(publication({ publishedAt: null, doi: null }), context)).toEqual({
      ok: false,
      problems: [
        { field: 'doi', message: expect.stringContaining('missing') },
        { field: 'publishedAt', message: expect.stringContaining('missing') },
      ],
    });
  });

  it('takes a DOI under the prefix in any case, and refuses one under another prefix', () => {
    expect(toDepositRecord(publication({ doi: '10.5555/PIECE' }), context).ok).toBe(true);
    expect(toDepositRecord(publication({ doi: '10.55551/piece' }), context)).toMatchObject({
      ok: false,
      problems: [{ field: 'doi' }],
    });
    expect(
      toDepositRecord(publication({ doi: `10.5555/${'x'.repeat(201)}` }), context),
    ).toMatchObject({ ok: false, problems: [{ field: 'doi' }] });
  });

  it('refuses a year outside the range Crossref accepts', () => {
    expect(
      toDepositRecord(publication({ publishedAt: '1200-01-01T00:00:00.000Z' }), context),
    ).toMatchObject({ ok: false, problems: [{ field: 'publishedAt' }] });
  });

  it('names the author whose name cannot be deposited by position', () => {
    const author = {
      id: 1,
      slug: 'q',
      name: '???',
      sortName: '???',
      role: '',
      orcid: null,
      centerId: null,
      affiliation: '',
      isExternal: true,
    };
    expect(
      toDepositRecord(
        publication({ authors: [{ ...author, name: 'Ann Lee', sortName: 'Lee, Ann' }, author] }),
        context,
      ),
    ).toMatchObject({ ok: false, problems: [{ field: 'authors.1' }] });
  });
});
