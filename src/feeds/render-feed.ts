import { renderAtom } from './atom-feed.ts';
import type { FeedDocument } from './feed-document.ts';
import type { FeedFormat } from './feed-formats.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss-feed.ts';

const WRITERS: Record<FeedFormat, (feed: FeedDocument) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/** The feed spelled out in one format. */
export function renderFeed(format: FeedFormat, feed: FeedDocument): string {
  return WRITERS[format](feed);
}
