import { stripNonXml } from '../lib/xml-text.ts';
import type { SitePaths } from '../web/site/site-paths.ts';
import type { FeedDocument, FeedItem } from './feed-document.ts';
import type { FeedFormat } from './feed-formats.ts';
import type { FeedEntry, FeedSource } from './feed-service.ts';

export interface FeedContext {
  /** The name of the site's center; feed titles read "Energy | Europe Center". */
  siteName: string;
  /** Used when the source has no description of its own. */
  fallbackDescription: string;
  language: string;
  pageUrl: string;
  selfUrls: Record<FeedFormat, string>;
  publisher: { name: string; url: string };
  /** Whether items carry the body (the center's choice). */
  fullText: boolean;
  paths: SitePaths;
  /** An absolute URL on the viewed site, from a path within it. */
  pageLink(path: string): string;
  /** An absolute URL for a stored file (uploads live outside any center's prefix). */
  fileLink(path: string): string;
}

/** The format-free feed for a source, as the viewed site shows it. */
export function buildFeed(source: FeedSource, context: FeedContext): FeedDocument {
  const items = source.entries.map((entry) => buildItem(entry, context));
  const newest = items.reduce<string | null>(
    (latest, item) => (latest === null || item.updated > latest ? item.updated : latest),
    null,
  );
  const name = oneLine(source.name);
  const siteName = oneLine(context.siteName);
  return {
    title: name === siteName ? siteName : `${name} | ${siteName}`,
    description: oneLine(source.description || context.fallbackDescription),
    language: context.language,
    pageUrl: context.pageUrl,
    selfUrls: context.selfUrls,
    // An empty feed still needs a date: the day it was read keeps its ETag steady all day.
    updated: newest ?? `${source.asOf.toISOString().slice(0, 10)}T00:00:00.000Z`,
    publisher: { name: oneLine(context.publisher.name), url: context.publisher.url },
    items,
  };
}

function buildItem(entry: FeedEntry, context: FeedContext): FeedItem {
  const { paths, pageLink } = context;
  // Only live pieces reach a feed, and a live piece always has a publication date.
  const published = entry.publishedAt ?? entry.revisedAt ?? '1970-01-01T00:00:00.000Z';
  const revised = entry.revisedAt;
  return {
    url: pageLink(paths.publication(entry.slug)),
    title: oneLine(entry.title),
    summary: multiLine(entry.summary),
    contentHtml: context.fullText && entry.bodyHtml !== null ? stripNonXml(entry.bodyHtml) : null,
    published,
    updated: revised !== null && revised > published ? revised : published,
    language: entry.language,
    authors: entry.authors.map((author) => ({
      name: oneLine(author.name),
      url: pageLink(paths.person(author.slug)),
    })),
    categories: entry.terms.map((term) => ({
      term: term.slug,
      label: oneLine(term.name),
      scheme: pageLink(paths.taxonomy(term.taxonomy)),
      url: pageLink(paths.term(term.taxonomy, term.slug)),
    })),
    attachment:
      entry.pdfPath === null
        ? null
        : {
            url: /^https?:/.test(entry.pdfPath) ? entry.pdfPath : context.fileLink(entry.pdfPath),
            mimeType: 'application/pdf',
          },
  };
}

/** Titles and names: one line, as a feed reader lists them. */
function oneLine(text: string): string {
  return stripNonXml(text).replace(/\s+/g, ' ').trim();
}

/** Summaries keep their paragraphs; XML would turn a bare CR into LF anyway. */
function multiLine(text: string): string {
  return stripNonXml(text).replace(/\r\n?/g, '\n').trim();
}
