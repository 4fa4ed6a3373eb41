import { escapeXml } from '../lib/xml-text.ts';

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** One <url> of a sitemap or one <sitemap> of an index: an absolute URL, and ISO time. */
export interface SitemapEntry {
  loc: string;
  lastmod: string | null;
}

/** A sitemap index (sitemaps.org protocol 0.9): the child sitemaps of one site. */
export function sitemapIndexXml(children: SitemapEntry[]): string {
  const body = children.map((child) => entryXml('sitemap', child)).join('');
  return `${DECLARATION}<sitemapindex xmlns="${NAMESPACE}">\n${body}</sitemapindex>\n`;
}

/**
 * A sitemap, written batch by batch as its rows arrive, so memory holds one batch and
 * never the whole list. Built from strings rather than a document builder: at 50,000
 * URLs a builder costs seconds, and these entries are only URLs and dates.
 */
export async function* urlsetXml(batches: AsyncIterable<SitemapEntry[]>): AsyncGenerator<string> {
  yield `${DECLARATION}<urlset xmlns="${NAMESPACE}">\n`;
  for await (const batch of batches) yield batch.map((url) => entryXml('url', url)).join('');
  yield '</urlset>\n';
}

function entryXml(tag: 'url' | 'sitemap', { loc, lastmod }: SitemapEntry): string {
  const when = lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : '';
  return `<${tag}><loc>${escapeXml(loc)}</loc>${when}</${tag}>\n`;
}
