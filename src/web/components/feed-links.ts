import { FEED_FORMAT_NAMES, FEED_FORMATS, feedPath } from '../../feeds/feed-formats.ts';
import { absoluteUrl, type ViewContext } from './view-context.ts';

/** A feed a page offers, announced by a <link rel="alternate"> in its head. */
export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

/**
 * The three feeds of a listing page, titled after what it lists ("Energy | Europe
 * Center (Atom)") so a reader offering several can tell them apart.
 */
export function feedLinks(view: ViewContext, pagePath: string, name: string): FeedLink[] {
  const site = view.site.center.name;
  const title = name === site ? site : `${name} | ${site}`;
  return FEED_FORMAT_NAMES.map((format) => ({
    type: FEED_FORMATS[format].mimeType,
    title: `${title} (${FEED_FORMATS[format].label})`,
    href: absoluteUrl(view, feedPath(pagePath, format)),
  }));
}
