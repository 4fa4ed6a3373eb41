/**
 * The three feed formats: the file name each has after the page it follows
 * (`/topics/energy/feed.atom`), its media type, and the name readers know it by.
 */
export const FEED_FORMATS = {
  rss: { file: 'feed.xml', mimeType: 'application/rss+xml', label: 'RSS' },
  atom: { file: 'feed.atom', mimeType: 'application/atom+xml', label: 'Atom' },
  json: { file: 'feed.json', mimeType: 'application/feed+json', label: 'JSON Feed' },
} as const;

export type FeedFormat = keyof typeof FEED_FORMATS;

export const FEED_FORMAT_NAMES = Object.keys(FEED_FORMATS) as FeedFormat[];

/** The feed of a page, within the same site: `/` → `/feed.xml`, `/topics/x` → `/topics/x/feed.xml`. */
export function feedPath(pagePath: string, format: FeedFormat): string {
  return `${pagePath === '/' ? '' : pagePath}/${FEED_FORMATS[format].file}`;
}
