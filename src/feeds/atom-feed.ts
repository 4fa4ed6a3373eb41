import { xmlElement as el, xmlDocument } from '../lib/xml-element.ts';
import type { FeedDocument, FeedItem } from './feed-document.ts';
import { FEED_FORMATS } from './feed-formats.ts';

/**
 * Atom (RFC 4287). Titles and summaries are type="text", so they need no HTML escaping;
 * the full text, when the site offers it, is type="html" with xml:base set to the piece's
 * page, so its relative links and footnote anchors resolve there. The feed names its
 * center as author, which an entry with no byline falls back to.
 */
export function renderAtom(feed: FeedDocument): string {
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language },
      el('id', {}, feed.selfUrls.atom),
      el('title', { type: 'text' }, feed.title),
      feed.description && el('subtitle', { type: 'text' }, feed.description),
      el('updated', {}, feed.updated),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.pageUrl }),
      el('link', { rel: 'self', type: FEED_FORMATS.atom.mimeType, href: feed.selfUrls.atom }),
      el('author', {}, el('name', {}, feed.publisher.name), el('uri', {}, feed.publisher.url)),
      el('generator', {}, 'Dossier'),
      ...feed.items.map(atomEntry),
    ),
  );
}

function atomEntry(item: FeedItem) {
  return el(
    'entry',
    { 'xml:lang': item.language },
    el('id', {}, item.url),
    el('title', { type: 'text' }, item.title),
    el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    el('published', {}, item.published),
    el('updated', {}, item.updated),
    ...item.authors.map((author) =>
      el('author', {}, el('name', {}, author.name), el('uri', {}, author.url)),
    ),
    ...item.categories.map((category) =>
      el('category', { term: category.term, scheme: category.scheme, label: category.label }),
    ),
    item.summary && el('summary', { type: 'text' }, item.summary),
    item.contentHtml !== null &&
      el('content', { type: 'html', 'xml:base': item.url }, item.contentHtml),
    item.attachment &&
      el('link', { rel: 'enclosure', type: item.attachment.mimeType, href: item.attachment.url }),
  );
}
