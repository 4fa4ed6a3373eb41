import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import { expect } from 'vitest';

/*
 * The outputs read back the way their consumers read them: RSS and Atom with the feed
 * client rss-parser, JSON Feed with JSON.parse and the 1.1 spec's required fields, and
 * sitemaps with xml2js (rss-parser's own XML parser, strict: malformed XML throws).
 * Each reader returns the same plain shape, so a test checks all three feeds alike.
 */

export interface ReadItem {
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string;
  /** Names in document order, with the profile URL where the format carries one. */
  authors: { name: string; url?: string }[];
  categories: string[];
  enclosure: { url: string; type: string } | null;
  /** The summary as the format holds it (HTML in RSS, text elsewhere). */
  summary: string;
  content: string | null;
}

export interface ReadFeed {
  title: string;
  link: string;
  items: ReadItem[];
}

interface XmlNode {
  _?: string;
  $?: Record<string, string>;
  [child: string]: unknown;
}

const require = createRequire(import.meta.url);
// No types ship with xml2js; it is read only through this one call.
const xml2js = require('xml2js') as {
  parseStringPromise(xml: string, options?: Record<string, unknown>): Promise<unknown>;
};

const rss = new Parser<Record<string, unknown>, Record<string, unknown>>({
  customFields: {
    item: [
      ['dc:creator', 'creators', { keepArray: true }],
      ['atom:updated', 'updated'],
    ],
  },
});
const atom = new Parser<Record<string, unknown>, Record<string, unknown>>({
  customFields: {
    item: [
      ['author', 'authors', { keepArray: true }],
      ['category', 'categoryNodes', { keepArray: true }],
      ['link', 'links', { keepArray: true }],
      ['published', 'published'],
      ['updated', 'updated'],
    ],
  },
});

/** xml2js gives an element with attributes as { _: text, $: attributes }. */
const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof (value as XmlNode)?._ === 'string'
      ? String((value as XmlNode)._)
      : '';

export async function readRss(xml: string): Promise<ReadFeed> {
  const feed = await rss.parseString(xml);
  return {
    title: text(feed.title),
    link: text(feed.link),
    items: feed.items.map((item) => {
      const enclosure = item.enclosure as { url: string; type: string } | undefined;
      return {
        id: text(item.guid),
        title: text(item.title),
        link: text(item.link),
        published: new Date(String(item.pubDate)).toISOString(),
        updated: text(item.updated),
        authors: ((item.creators as unknown[]) ?? []).map((name) => ({ name: text(name) })),
        categories: ((item.categories as unknown[]) ?? []).map(text),
        enclosure: enclosure ? { url: enclosure.url, type: enclosure.type } : null,
        summary: text(item.content),
        content: typeof item['content:encoded'] === 'string' ? item['content:encoded'] : null,
      };
    }),
  };
}

export async function readAtom(xml: string): Promise<ReadFeed> {
  const feed = await atom.parseString(xml);
  return {
    title: text(feed.title),
    link: text(feed.link),
    items: feed.items.map((item) => {
      const links = (item.links as XmlNode[]) ?? [];
      const enclosure = links.find((l) => l.$?.rel === 'enclosure')?.$;
      return {
        id: text(item.id),
        title: text(item.title),
        link: text(item.link),
        published: text(item.published),
        updated: text(item.updated),
        authors: ((item.authors as XmlNode[]) ?? []).map((author) => ({
          name: text((author.name as unknown[])?.[0]),
          url: text((author.uri as unknown[])?.[0]),
        })),
        categories: ((item.categoryNodes as XmlNode[]) ?? []).map((c) => c.$?.label ?? ''),
        enclosure: enclosure ? { url: enclosure.href ?? '', type: enclosure.type ?? '' } : null,
        summary: text(item.summary),
        content: typeof item.content === 'string' ? item.content : null,
      };
    }),
  };
}

interface JsonFeedItem {
  id: string;
  url?: string;
  title?: string;
  summary?: string;
  content_html?: string;
  content_text?: string;
  date_published?: string;
  date_modified?: string;
  authors?: { name?: string; url?: string }[];
  tags?: string[];
  attachments?: { url: string; mime_type: string }[];
}

/** Parses a JSON Feed and holds it to the fields version 1.1 requires. */
export function readJsonFeed(body: string): ReadFeed {
  const feed = JSON.parse(body) as Record<string, unknown>;
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof feed.title).toBe('string');
  expect(Array.isArray(feed.items)).toBe(true);
  const items = feed.items as JsonFeedItem[];
  for (const item of items) {
    expect(typeof item.id, 'item.id').toBe('string');
    const hasContent =
      typeof item.content_html === 'string' || typeof item.content_text === 'string';
    expect(hasContent, `item ${item.id} has content_html or content_text`).toBe(true);
    for (const date of [item.date_published, item.date_modified]) {
      if (date !== undefined) expect(Number.isNaN(Date.parse(date))).toBe(false);
    }
  }
  return {
    title: String(feed.title),
    link: String(feed.home_page_url ?? ''),
    items: items.map((item) => ({
      id: item.id,
      title: item.title ?? '',
      link: item.url ?? '',
      published: item.date_published ?? '',
      updated: item.date_modified ?? '',
      authors: (item.authors ?? []).map((a) => ({ name: a.name ?? '', url: a.url ?? '' })),
      categories: item.tags ?? [],
      enclosure: item.attachments?.[0]
        ? { url: item.attachments[0].url, type: item.attachments[0].mime_type }
        : null,
      summary: item.summary ?? '',
      content: item.content_html ?? null,
    })),
  };
}

export const FEED_READERS = { rss: readRss, atom: readAtom, json: readJsonFeed } as const;

export interface SitemapLine {
  loc: string;
  lastmod: string | null;
}

/** A <urlset> or a <sitemapindex>: its entries, checked against the protocol's shape. */
export async function readSitemap(
  xml: string,
  root: 'urlset' | 'sitemapindex' = 'urlset',
): Promise<SitemapLine[]> {
  const doc = (await xml2js.parseStringPromise(xml)) as Record<string, XmlNode>;
  const top = doc[root];
  expect(top, `a <${root}> document`).toBeDefined();
  expect(top?.$?.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  const entries = (top?.[root === 'urlset' ? 'url' : 'sitemap'] as XmlNode[] | undefined) ?? [];
  return entries.map((entry) => ({
    loc: text((entry.loc as unknown[])?.[0]),
    lastmod: (entry.lastmod as string[] | undefined)?.[0] ?? null,
  }));
}
