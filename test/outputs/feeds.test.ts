import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { FEED_READERS, type ReadFeed, type ReadItem } from './readers.ts';

const ORIGIN = 'http://dossier.test';
const FORMATS = {
  rss: { file: 'feed.xml', type: 'application/rss+xml' },
  atom: { file: 'feed.atom', type: 'application/atom+xml' },
  json: { file: 'feed.json', type: 'application/feed+json' },
} as const;
type Format = keyof typeof FORMATS;

/** The piece every detail is checked on: three authors, every taxonomy, a revision, a PDF. */
const REPORT = makePublication({
  slug: 'grid-report',
  type: 'report',
  title: 'Grid Report',
  summary: 'How grids <b>bend</b> & break.',
  authors: ['alice-archer', 'bruno-bell', 'chen-cho'],
  programs: ['economy'],
  projects: ['grid-futures'],
  regions: ['france'],
  topics: ['energy'],
  collections: ['briefs'],
  centers: ['europe'],
  publishedAt: '2026-03-01T09:00:00Z',
  revisedAt: '2026-04-02T10:00:00Z',
  pdf: 'files/report.pdf',
});
const NOTE = makePublication({
  slug: 'trade-note',
  type: 'commentary',
  title: 'Trade Note',
  authors: ['bruno-bell', 'alice-archer'],
  primaryCenter: 'europe',
  regions: ['europe'],
  topics: ['trade'],
  publishedAt: '2026-02-01T00:00:00Z',
  pdf: 'https://files.example/trade-note.pdf',
});
const ASIA = makePublication({
  slug: 'asia-brief',
  title: 'Asia Brief',
  primaryCenter: 'asia',
  regions: ['asia'],
  publishedAt: '2026-01-15T00:00:00Z',
});
/** More than a feed holds, all older than the pieces above. */
const FILLERS = Array.from({ length: 32 }, (_, i) =>
  makePublication({
    slug: `filler-${i}`,
    title: `Filler ${i}`,
    publishedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
  }),
);
const UNPUBLISHED = makePublication({
  slug: 'not-yet',
  title: 'NOT YET',
  status: 'scheduled',
  publishedAt: '2026-07-01T00:00:00Z',
  authors: ['alice-archer'],
  topics: ['energy'],
});

function world(): ImportRecordInput[] {
  return [
    // Asia's site offers full text in its feeds; the others offer summaries.
    ...baseWorld().map((r) =>
      r.kind === 'center' && r.slug === 'asia' ? { ...r, feedFullText: true } : r,
    ),
    {
      kind: 'term',
      taxonomy: 'topic',
      slug: 'climate',
      name: 'Climate',
      previousSlugs: ['weather'],
    },
    makePerson({ slug: 'guest-no-work', name: 'Guest', external: true, expert: false }),
    REPORT,
    NOTE,
    ASIA,
    UNPUBLISHED,
    ...FILLERS,
  ];
}

/** Which pieces each feed carries, newest first (fillers after the named pieces). */
const EXPECTED: [path: string, slugs: string[]][] = [
  ['/research', ['grid-report', 'trade-note', 'asia-brief', 'filler-31', 'filler-30']],
  ['', ['grid-report', 'filler-31', 'filler-30']],
  ['/europe', ['grid-report', 'trade-note']],
  ['/topics/energy', ['grid-report']],
  ['/regions/europe', ['grid-report', 'trade-note']],
  ['/regions/france', ['grid-report']],
  ['/programs/economy', ['grid-report']],
  ['/projects/grid-futures', ['grid-report']],
  ['/collections/briefs', ['grid-report']],
  ['/types/report', ['grid-report']],
  ['/types/commentary', ['trade-note']],
  ['/experts/alice-archer', ['grid-report', 'trade-note', 'asia-brief', 'filler-31']],
  ['/experts/chen-cho', ['grid-report']],
  ['/topics/climate', []],
];

for (const dialect of testDialects()) {
  describe(`feeds (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(world());
    });
    afterAll(() => site.close());

    async function read(url: string, format: Format, host?: string): Promise<ReadFeed> {
      const res = await site.app.inject({
        method: 'GET',
        url,
        ...(host ? { headers: { host } } : {}),
      });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe(`${FORMATS[format].type}; charset=utf-8`);
      return FEED_READERS[format](res.body);
    }

    describe.each(Object.keys(FORMATS) as Format[])('%s', (format) => {
      const file = FORMATS[format].file;

      it.each(EXPECTED)('%s carries its live pieces, newest first', async (path, slugs) => {
        const feed = await read(`${path}/${file}`, format);
        const got = feed.items.map((item) => item.link.replace(/^.*\/research\//, ''));
        expect(got.slice(0, slugs.length)).toEqual(slugs);
        expect(got).not.toContain('not-yet');
        // The three longest lists hold more than a feed carries: it stops at 30.
        const isLong = ['/research', '', '/experts/alice-archer'].includes(path);
        expect(feed.items.length).toBe(isLong ? 30 : slugs.length);
      });

      it('gives every author in order, both dates, terms and the PDF', async () => {
        const [item] = (await read(`/topics/energy/${file}`, format)).items;
        expectReport(item, format, '');
      });

      it('links to the viewed site under a center prefix', async () => {
        const feed = await read(`/europe/topics/energy/${file}`, format);
        expect(feed.link).toBe(`${ORIGIN}/europe/topics/energy`);
        expectReport(feed.items[0], format, '/europe');
        const note = (await read(`/europe/types/commentary/${file}`, format)).items[0];
        expect(note?.enclosure).toEqual({
          url: 'https://files.example/trade-note.pdf',
          type: 'application/pdf',
        });
      });

      it('carries the full text only on a site that asks for it', async () => {
        const summaryOnly = (await read(`/research/${file}`, format)).items[0];
        expect(summaryOnly?.content).toBeNull();
        const full = await read(`/${file}`, format, 'asia.example.test');
        expect(full.items.map((i) => i.title)).toEqual(['Asia Brief']);
        expect(full.items[0]?.content).toContain('<h2');
        expect(full.items[0]?.content).toContain('Opening of asia-brief.');
      });

      it('answers 304 to a client that has this feed', async () => {
        const first = await site.app.inject({ method: 'GET', url: `/research/${file}` });
        const etag = String(first.headers.etag);
        expect(first.headers['cache-control']).toContain('max-age=');
        const again = await site.app.inject({
          method: 'GET',
          url: `/research/${file}`,
          headers: { 'if-none-match': etag },
        });
        expect(again.statusCode).toBe(304);
      });

      it('answers 404 where the page would, and 301 for a renamed term', async () => {
        for (const url of [
          '/topics/nothing',
          '/experts/nobody',
          '/experts/guest-no-work',
          '/types/nope',
        ]) {
          expect((await site.app.inject({ method: 'GET', url: `${url}/${file}` })).statusCode).toBe(
            404,
          );
        }
        const moved = await site.app.inject({
          method: 'GET',
          url: `/europe/topics/weather/${file}`,
        });
        expect(moved.statusCode).toBe(301);
        expect(moved.headers.location).toBe(`/europe/topics/climate/${file}`);
      });
    });

    it('reads a feed in a fixed number of queries, however many items it has', async () => {
      const queriesFor = async (url: string) => {
        site.resetQueries();
        const res = await site.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        return site.queries.length;
      };
      // One piece of type report, thirty (of many more) of type paper: same queries.
      const one = await queriesFor('/types/report/feed.atom');
      const thirty = await queriesFor('/types/paper/feed.atom');
      expect(thirty).toBe(one);
      // ids, cards, authors, details, terms; plus finding the term or person first.
      for (const url of [
        '/research/feed.xml',
        '/topics/energy/feed.json',
        '/experts/alice-archer/feed.xml',
      ]) {
        expect(await queriesFor(url), url).toBeLessThanOrEqual(8);
      }
    });

    it('announces its feeds on the pages they follow', async () => {
      const pages: [string, string][] = [
        ['/', '/feed'],
        ['/research', '/research/feed'],
        ['/topics/energy', '/topics/energy/feed'],
        ['/regions/europe', '/regions/europe/feed'],
        ['/types/report', '/types/report/feed'],
        ['/experts/alice-archer', '/experts/alice-archer/feed'],
        ['/europe/topics/energy', '/europe/topics/energy/feed'],
      ];
      for (const [page, feed] of pages) {
        const html = (await site.app.inject({ method: 'GET', url: page })).body;
        for (const { file, type } of Object.values(FORMATS)) {
          const href = `${ORIGIN}${feed}.${file.split('.')[1]}`;
          const quote = (text: string) => text.replace(/[+.]/g, '\\$&');
          const link = `<link rel="alternate" type="${quote(type)}" title="[^"]+" href="${quote(href)}"`;
          expect(html, page).toMatch(new RegExp(link));
        }
      }
    });
  });
}

/** The report as every format must carry it, on the site with this base path. */
function expectReport(item: ReadItem | undefined, format: Format, base: string): void {
  expect(item).toBeDefined();
  if (!item) return;
  const url = `${ORIGIN}${base}/research/grid-report`;
  expect(item.link).toBe(url);
  expect(item.id).toBe(url);
  expect(item.title).toBe('Grid Report');
  expect(item.published).toBe('2026-03-01T09:00:00.000Z');
  expect(item.updated).toBe('2026-04-02T10:00:00.000Z');
  const names = ['Alice Archer', 'Bruno Bell', 'Chen Cho'];
  expect(item.authors.map((a) => a.name)).toEqual(names);
  if (format !== 'rss') {
    expect(item.authors.map((a) => a.url)).toEqual(
      ['alice-archer', 'bruno-bell', 'chen-cho'].map((s) => `${ORIGIN}${base}/experts/${s}`),
    );
  }
  expect(item.categories).toEqual([
    'Economy Program',
    'Grid Futures',
    'France',
    'Energy',
    'Briefs',
  ]);
  // The summary is text: RSS holds it as escaped HTML, the others as the text itself.
  expect(item.summary).toBe(
    format === 'rss'
      ? 'How grids &lt;b&gt;bend&lt;/b&gt; &amp; break.'
      : 'How grids <b>bend</b> & break.',
  );
  expect(item.enclosure).toEqual({
    url: `${ORIGIN}/uploads/files/report.pdf`,
    type: 'application/pdf',
  });
}
