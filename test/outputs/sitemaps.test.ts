import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { createSitemapService } from '../../src/sitemaps/sitemap-service.ts';
import { createSitemapRepository } from '../../src/storage/repositories/sitemap-repository.ts';
import { sitePaths } from '../../src/web/site/site-paths.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { readSitemap, type SitemapLine } from './readers.ts';

/** URLs per child sitemap in these tests, so that a few records already split. */
const CHUNK = 2;
// No public URL is configured here: each site's origin is the host it is asked on.
const HQ = 'http://localhost';
const ASIA = 'http://asia.example.test';
/** What the importer stamps as every record's last save (the factories' clock). */
const SAVED = '2026-01-01T00:00:00.000Z';

const live = (slug: string, primaryCenter: string, publishedAt = '2025-06-01T00:00:00Z') =>
  makePublication({ slug, primaryCenter, publishedAt });

function world(): ImportRecordInput[] {
  return [
    ...baseWorld(),
    makePerson({ slug: 'no-work-guest', name: 'No Work Guest', external: true, expert: false }),
    makePerson({ slug: 'roving-fellow', name: 'Roving Fellow' }),
    { kind: 'page', center: 'hq', slug: 'about', title: 'About' },
    { kind: 'page', center: 'europe', slug: 'contact', title: 'Contact' },
    live('hq-one', 'hq'),
    // Right after hq-one, so the two share the first chunk of ids.
    makePublication({
      slug: 'embargoed',
      publishedAt: '2026-05-01T00:00:00Z',
      embargoUntil: '2026-07-01T00:00:00Z',
    }),
    live('hq-two', 'hq'),
    live('hq-three', 'hq', '2026-03-01T00:00:00Z'),
    { ...live('hq-co-written', 'hq'), authors: ['alice-archer', 'chen-cho'], centers: ['europe'] },
    live('eu-one', 'europe'),
    live('eu-two', 'europe'),
    live('asia-one', 'asia'),
    { ...live('republished', 'hq'), canonicalUrl: 'https://harbor.example/original' },
    makePublication({ slug: 'a-draft', status: 'draft' }),
  ];
}

/** Live, self-canonical pieces, on the site of their primary center. */
const PIECE_URLS = [
  ...['hq-one', 'hq-two', 'hq-three', 'hq-co-written'].map((s) => `${HQ}/research/${s}`),
  ...['eu-one', 'eu-two'].map((s) => `${HQ}/europe/research/${s}`),
  `${ASIA}/research/asia-one`,
];

for (const dialect of testDialects()) {
  describe(`sitemaps (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(world());
      await site.app.close();
      const config = loadConfig({ DOSSIER_DATA_DIR: site.dataDir });
      site.app = await buildServer({
        config,
        database: site.database,
        clock: site.clock,
        logger: false,
        sitemapChunkSize: CHUNK,
      });
    });
    afterAll(() => site.close());

    const get = (url: string, headers: Record<string, string> = {}) => {
      const { host, pathname } = new URL(url, HQ);
      return site.app.inject({ method: 'GET', url: pathname, headers: { host, ...headers } });
    };

    /** Every URL a site's sitemaps list, child by child. */
    async function crawl(indexUrl: string): Promise<Map<string, SitemapLine[]>> {
      const index = await get(indexUrl);
      expect(index.statusCode, indexUrl).toBe(200);
      expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
      const children = new Map<string, SitemapLine[]>();
      for (const child of await readSitemap(index.body, 'sitemapindex')) {
        const res = await get(child.loc);
        expect(res.statusCode, child.loc).toBe(200);
        children.set(child.loc, await readSitemap(res.body));
      }
      return children;
    }

    async function crawlNetwork(): Promise<SitemapLine[]> {
      const sites = [`${HQ}/sitemap.xml`, `${HQ}/europe/sitemap.xml`, `${ASIA}/sitemap.xml`];
      const all: SitemapLine[] = [];
      for (const index of sites)
        for (const lines of (await crawl(index)).values()) all.push(...lines);
      return all;
    }

    it('splits each section into children of at most the chunk size', async () => {
      const children = await crawl(`${HQ}/sitemap.xml`);
      const names = [...children.keys()].map((loc) => loc.replace(`${HQ}/sitemap/`, ''));
      expect(names[0]).toBe('site.xml');
      expect(names).toEqual(
        expect.arrayContaining([
          'publications-1.xml',
          'people-1.xml',
          'terms-1.xml',
          'pages-1.xml',
        ]),
      );
      expect(names.filter((n) => n.startsWith('publications-')).length).toBeGreaterThan(1);
      for (const [loc, lines] of children) {
        expect(lines.length, loc).toBeGreaterThan(0);
        if (!loc.endsWith('/site.xml')) expect(lines.length, loc).toBeLessThanOrEqual(CHUNK);
      }
    });

    it('lists each live piece once across the network, on its primary center’s site', async () => {
      const pieces = (await crawlNetwork())
        .map((l) => l.loc)
        .filter((loc) => loc.includes('/research/'));
      expect([...pieces].sort()).toEqual([...PIECE_URLS].sort());
    });

    it('lists no URL twice, and every URL it lists answers 200', async () => {
      const all = await crawlNetwork();
      const locs = all.map((l) => l.loc);
      expect(new Set(locs).size).toBe(locs.length);
      for (const loc of locs) expect((await get(loc)).statusCode, loc).toBe(200);
    });

    it('gives each site its own pages: home, standing pages, people; terms on the home site', async () => {
      const hq = [...(await crawl(`${HQ}/sitemap.xml`)).values()].flat().map((l) => l.loc);
      expect(hq).toEqual(
        expect.arrayContaining([
          `${HQ}/`,
          `${HQ}/research`,
          `${HQ}/topics`,
          `${HQ}/types/paper`,
          `${HQ}/about`,
          `${HQ}/topics/energy`,
          `${HQ}/regions/france`,
          `${HQ}/experts/alice-archer`,
          `${HQ}/experts/chen-cho`,
          `${HQ}/experts/roving-fellow`,
        ]),
      );
      expect(hq).not.toContain(`${HQ}/experts/no-work-guest`);
      expect(hq).not.toContain(`${HQ}/experts/bruno-bell`);
      const europe = [...(await crawl(`${HQ}/europe/sitemap.xml`)).values()]
        .flat()
        .map((l) => l.loc);
      expect(europe.sort()).toEqual(
        [
          `${HQ}/europe`,
          `${HQ}/europe/contact`,
          `${HQ}/europe/experts/bruno-bell`,
          `${HQ}/europe/research/eu-one`,
          `${HQ}/europe/research/eu-two`,
        ].sort(),
      );
    });

    it('dates each URL by its last save or its arrival, whichever is later', async () => {
      const lines = await crawlNetwork();
      const lastmod = (loc: string) => lines.find((l) => l.loc === loc)?.lastmod;
      expect(lastmod(`${HQ}/research/hq-one`)).toBe(SAVED);
      expect(lastmod(`${HQ}/research/hq-three`)).toBe('2026-03-01T00:00:00.000Z');
      expect(lastmod(`${HQ}/experts/alice-archer`)).toBe('2026-03-01T00:00:00.000Z');
      expect(lastmod(`${HQ}/research`)).toBe('2026-03-01T00:00:00.000Z');
      expect(lastmod(`${HQ}/about`)).toBe(SAVED);
    });

    it('adds an embargoed piece when its embargo lifts, and changes the ETags then', async () => {
      const urls = [`${HQ}/sitemap.xml`, `${HQ}/sitemap/publications-1.xml`];
      const etags: string[] = [];
      for (const url of urls) {
        const res = await get(url);
        etags.push(String(res.headers.etag));
        expect((await get(url, { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(
          304,
        );
      }
      const first = await get(urls[1] ?? '');
      expect((await readSitemap(first.body)).map((l) => l.loc)).toEqual([`${HQ}/research/hq-one`]);
      site.clock.set('2026-07-01T00:00:00Z');
      try {
        for (const [i, url] of urls.entries()) {
          const res = await get(url, { 'if-none-match': etags[i] ?? '' });
          expect(res.statusCode, url).toBe(200);
        }
        const after = await readSitemap((await get(urls[1] ?? '')).body);
        expect(after.map((l) => l.loc)).toEqual([
          `${HQ}/research/hq-one`,
          `${HQ}/research/embargoed`,
        ]);
      } finally {
        site.clock.set('2026-06-01T12:00:00Z');
      }
    });

    it('answers 404 for children a site does not have', async () => {
      for (const url of [
        `${HQ}/europe/sitemap/terms-1.xml`,
        `${HQ}/sitemap/publications-0.xml`,
        `${HQ}/sitemap/publications-999999999.xml`,
        `${HQ}/sitemap/bogus.xml`,
        `${HQ}/sitemap/publications-1.txt`,
      ]) {
        expect((await get(url)).statusCode, url).toBe(404);
      }
    });

    it('names the sitemaps of the sites at its origin in robots.txt', async () => {
      const shared = await get(`${HQ}/robots.txt`);
      expect(shared.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(sitemapLines(shared.body)).toEqual([`${HQ}/sitemap.xml`, `${HQ}/europe/sitemap.xml`]);
      expect(shared.body).toMatch(/^User-agent: \*$/m);
      const own = await get(`${ASIA}/robots.txt`);
      expect(sitemapLines(own.body)).toEqual([`${ASIA}/sitemap.xml`]);
    });

    it('streams a chunk a batch at a time, each row once, in id order', async () => {
      const service = createSitemapService({
        repository: createSitemapRepository(site.database.db),
        clock: site.clock,
        paths: sitePaths,
        chunkSize: 5,
        batchSize: 2,
      });
      const scope = { centerId: await centerId('hq'), isNetworkHome: true };
      const seen: string[] = [];
      for (const child of await service.listChildren(scope)) {
        if (!child.name.startsWith('publications-')) continue;
        const contents = await service.findChild(scope, child.name);
        const batches: number[] = [];
        for await (const batch of contents?.batches ?? []) {
          batches.push(batch.length);
          seen.push(...batch.map((url) => url.path));
        }
        expect(batches.every((n) => n <= 2)).toBe(true);
      }
      expect(seen.sort()).toEqual(
        ['hq-one', 'hq-two', 'hq-three', 'hq-co-written'].map((s) => `/research/${s}`).sort(),
      );
    });

    async function centerId(slug: string): Promise<number> {
      const row = await site.database.db
        .selectFrom('centers')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      return row.id;
    }
  });
}

function sitemapLines(robots: string): string[] {
  return robots
    .split('\n')
    .filter((line) => line.startsWith('Sitemap: '))
    .map((line) => line.slice('Sitemap: '.length));
}
