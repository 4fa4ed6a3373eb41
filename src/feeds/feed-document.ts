import type { FeedFormat } from './feed-formats.ts';

/*
 * One feed, whatever its format: every URL absolute, every date ISO 8601 UTC, every
 * text plain (never HTML) except `contentHtml`, and already stripped of characters XML
 * cannot carry. The writers (rss-feed, atom-feed, json-feed) only spell it out.
 */

export interface FeedDocument {
  title: string;
  description: string;
  /** The site's locale, e.g. en-GB. */
  language: string;
  /** The HTML page the feed follows. */
  pageUrl: string;
  /** Where each format of this same feed lives, for self links. */
  selfUrls: Record<FeedFormat, string>;
  /** The newest item's update time (or, for an empty feed, the day it was made). */
  updated: string;
  /** The center that publishes the site: the feed's author where an item names none. */
  publisher: { name: string; url: string };
  items: FeedItem[];
}

export interface FeedItem {
  /** The piece's page on the viewed site; also its id. */
  url: string;
  title: string;
  summary: string;
  /** The body, for sites whose feeds carry the full text; else null. */
  contentHtml: string | null;
  published: string;
  /** The editor's "Updated" date, or the publication date when never revised. */
  updated: string;
  /** The piece's language tag (en, fr…). */
  language: string;
  /** Every author, in byline order. */
  authors: { name: string; url: string }[];
  /** Its terms; `scheme` is the taxonomy's page, `url` the term's. */
  categories: { term: string; label: string; scheme: string; url: string }[];
  /** The PDF, when the piece has one. */
  attachment: { url: string; mimeType: string } | null;
}
