import type { FeedDocument, FeedItem } from './feed-document.ts';

/**
 * JSON Feed 1.1 (jsonfeed.org/version/1.1): `authors` as a list (1.1's replacement for
 * 1.0's single `author`), `language` on the feed and on each item. An item must carry
 * content_html or content_text: the full text where the site offers it, else the summary.
 */
export function renderJsonFeed(feed: FeedDocument): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.pageUrl,
      feed_url: feed.selfUrls.json,
      ...(feed.description ? { description: feed.description } : {}),
      language: feed.language,
      authors: [feed.publisher],
      items: feed.items.map(toJsonItem),
    },
    null,
    2,
  );
}

function toJsonItem(item: FeedItem) {
  return {
    id: item.url,
    url: item.url,
    title: item.title,
    ...(item.summary ? { summary: item.summary } : {}),
    ...(item.contentHtml !== null
      ? { content_html: item.contentHtml }
      : { content_text: item.summary }),
    date_published: item.published,
    date_modified: item.updated,
    authors: item.authors,
    tags: item.categories.map((category) => category.label),
    language: item.language,
    ...(item.attachment
      ? { attachments: [{ url: item.attachment.url, mime_type: item.attachment.mimeType }] }
      : {}),
  };
}
