import { xmlElement as el, xmlDocument } from '../lib/xml-element.ts';
import { escapeHtml } from '../lib/xml-text.ts';
import type { FeedDocument, FeedItem } from './feed-document.ts';
import { FEED_FORMATS } from './feed-formats.ts';

/**
 * RSS 2.0. RSS's own <author> must be an email address, which we never publish, so every
 * author is a Dublin Core creator, in byline order. RSS has no per-item update date:
 * atom:updated carries it for the readers that look. The description is HTML in RSS, so
 * the plain-text summary is escaped once for HTML before XML escapes it again.
 */
export function renderRss(feed: FeedDocument): string {
  const channel = el(
    'channel',
    {},
    el('title', {}, feed.title),
    el('link', {}, feed.pageUrl),
    el('description', {}, feed.description || feed.title),
    el('language', {}, feed.language.toLowerCase()),
    el('lastBuildDate', {}, rfc822(feed.updated)),
    el('generator', {}, 'Dossier'),
    el('atom:link', { href: feed.selfUrls.rss, rel: 'self', type: FEED_FORMATS.rss.mimeType }),
    ...feed.items.map(rssItem),
  );
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      },
      channel,
    ),
  );
}

function rssItem(item: FeedItem) {
  return el(
    'item',
    {},
    el('title', {}, item.title),
    el('link', {}, item.url),
    el('guid', { isPermaLink: 'true' }, item.url),
    el('pubDate', {}, rfc822(item.published)),
    el('atom:updated', {}, item.updated),
    ...item.authors.map((author) => el('dc:creator', {}, author.name)),
    ...item.categories.map((category) =>
      el('category', { domain: category.scheme }, category.label),
    ),
    item.summary && el('description', {}, escapeHtml(item.summary)),
    item.contentHtml !== null && el('content:encoded', {}, item.contentHtml),
    // The file's size is not stored; the RSS Advisory Board's advice for that is 0.
    item.attachment &&
      el('enclosure', { url: item.attachment.url, length: '0', type: item.attachment.mimeType }),
  );
}

/** RFC 822 date-time, as RSS requires: "Mon, 01 Jun 2026 12:00:00 GMT". */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}
