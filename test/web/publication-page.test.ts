import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/** The reference page's situation: HQ piece, affiliated with Europe, shown on Asia's site. */
const reference = makePublication({
  slug: 'reference-piece',
  type: 'commentary',
  title: 'Reference Piece',
  summary: 'A one-paragraph dek.',
  primaryCenter: 'hq',
  centers: ['europe'],
  authors: ['alice-archer', 'chen-cho'],
  partner: 'harbor-institute',
  externalUrl: 'https://harbor.example/full-text',
  canonicalUrl: 'https://harbor.example/original',
  leadImage: { src: 'media/lead.svg', alt: 'A circle on slate', credit: 'Test Agency' },
  topics: ['energy'],
  regions: ['france'],
  newsletters: ['hq-weekly'],
  publishedAt: '2017-07-25T14:00:00Z',
});

for (const dialect of testDialects()) {
  describe(`publication page (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        reference,
        makePublication({ slug: 'older-by-alice', publishedAt: '2016-01-01T00:00:00Z' }),
        makePublication({
          slug: 'asia-piece',
          primaryCenter: 'asia',
          authors: ['bruno-bell'],
          publishedAt: '2015-01-01T00:00:00Z',
        }),
      ]);
    });
    afterAll(() => site.close());

    const get = (url: string, headers: Record<string, string> = {}) =>
      site.app.inject({ method: 'GET', url, headers });

    it("renders in the showing center's context, not the primary center's", async () => {
      const res = await get('/research/reference-piece', { host: 'asia.example.test' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('ASIA DISCLAIMER.');
      expect(res.body).not.toContain('HQ DISCLAIMER.');
      expect(res.body).toContain('More Work from Asia Center');
      expect(res.body).toContain('Get more news and analysis from Asia Center');
      expect(res.body).toContain('value="asia-weekly"');
      expect(res.body).toContain('asia-piece');
    });

    it('shows the same piece on a path-prefixed center with its links under the prefix', async () => {
      const res = await get('/europe/research/reference-piece');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('EUROPE DISCLAIMER.');
      expect(res.body).toContain('href="/europe/experts/alice-archer"');
      expect(res.body).toContain('25 Jul 2017'); // en-GB formatting of the Europe center
    });

    it("names the primary center's copy as canonical on every other center's site", async () => {
      const canonical = (body: string) => /<link rel="canonical" href="([^"]*)"/.exec(body)?.[1];
      // older-by-alice is the headquarters' own piece, shown on the headquarters' site too.
      expect(canonical((await get('/research/older-by-alice')).body)).toBe(
        'http://dossier.test/research/older-by-alice',
      );
      expect(canonical((await get('/europe/research/asia-piece')).body)).toBe(
        'http://asia.example.test/research/asia-piece',
      );
      const onAsia = await get('/research/asia-piece', { host: 'asia.example.test' });
      expect(canonical(onAsia.body)).toBe('http://asia.example.test/research/asia-piece');
    });

    it('carries partner source, Read Full Text, republication note and canonical URL', async () => {
      const { body } = await get('/research/reference-piece');
      expect(body).toContain('Source: <a href="https://harbor.example">Harbor Institute</a>');
      expect(body).toContain('href="https://harbor.example/full-text"');
      expect(body).toContain('Read Full Text');
      expect(body).toContain('This piece was originally published by');
      expect(body).toContain('<link rel="canonical" href="https://harbor.example/original"/>');
      expect(body).toContain(
        'Published on <time dateTime="2017-07-25">Jul 25, 2017</time>'.replace(
          'dateTime',
          'datetime',
        ),
      );
      expect(body).toContain('Source: Test Agency');
      expect(body).toMatch(/<h2 id="section-main-argument">Main Argument<\/h2>/);
      expect(body).toContain('class="footnotes"');
    });

    it('embeds the search record with every facet of the reference page', async () => {
      const { body } = await get('/research/reference-piece');
      const json = /<script id="search-record" type="application\/json">(.*?)<\/script>/s.exec(
        body,
      )?.[1];
      const record = JSON.parse(json ?? '{}');
      expect(record).toMatchObject({
        authors: ['Alice Archer', 'Chen Cho'],
        type: 'Commentary',
        primaryCenter: 'Headquarters Center',
        centerAffiliationAll: ['Headquarters Center', 'Europe Center'],
        regions: ['France'],
        topics: ['Energy'],
        englishNewsletterAll: ['hq-weekly'],
        nonEnglishNewsletterAll: [],
      });
      for (const key of ['centers', 'collections', 'programAffiliation', 'programs', 'projects'])
        expect(record).toHaveProperty(key);
    });

    it("lists the first author's recent work and about-the-author for staff only", async () => {
      const { body } = await get('/research/reference-piece');
      expect(body).toContain('About the Author');
      expect(body).toContain('Director and Senior Fellow, Economy Program');
      expect(body).toContain('Recent Work by Alice Archer');
      expect(body).toContain('/research/older-by-alice');
    });

    it("lists a co-authored piece on every author's page, and child regions' work on a region", async () => {
      for (const author of ['alice-archer', 'chen-cho']) {
        expect((await get(`/experts/${author}`)).body, author).toContain(
          '/research/reference-piece',
        );
      }
      // Tagged France, which sits under Western Europe under Europe.
      expect((await get('/regions/europe')).body).toContain('/research/reference-piece');
      expect((await get('/regions/asia')).body).not.toContain('/research/reference-piece');
    });

    it('answers 304 to a matching If-None-Match and sets caching headers', async () => {
      const first = await get('/research/reference-piece');
      expect(first.headers.etag).toBeTruthy();
      expect(first.headers['cache-control']).toContain('max-age');
      const again = await get('/research/reference-piece', {
        'if-none-match': String(first.headers.etag),
      });
      expect(again.statusCode).toBe(304);
    });
  });
}

describe('compression', () => {
  it('sends brotli or gzip to clients that ask, and plain bytes to those that do not', async () => {
    const [dialect] = testDialects();
    if (!dialect) throw new Error('no test dialect');
    const site = await openTestSite(dialect);
    try {
      await site.seed([...baseWorld(), reference]);
      const { brotliDecompressSync } = await import('node:zlib');
      const plain = await site.app.inject({ url: '/research/reference-piece' });
      const br = await site.app.inject({
        url: '/research/reference-piece',
        headers: { 'accept-encoding': 'br' },
      });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    } finally {
      await site.close();
    }
  });
});
