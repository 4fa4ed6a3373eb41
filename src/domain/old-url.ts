/*
 * Old URLs: addresses an item had on the site it was imported from (a WordPress
 * permalink, `/?p=123`, an attachment page). Each answers with a 301 to the item's
 * current page. They are stored and looked up in one spelling, so `/a/b/`, `/a/b` and
 * `/a/%C3%A9` (or `%c3%a9`) find the same row.
 */

/** Kinds of things an old URL can lead to. */
export type OldUrlKind = 'publication' | 'page' | 'person' | 'term' | 'media';

/**
 * The stored spelling of a path with its query: percent-escapes decoded (where they
 * decode to text), no trailing slash but on the root, the query kept as written.
 * Returns undefined for anything that is not an absolute path.
 */
export function normalizeOldUrl(pathAndQuery: string): string | undefined {
  if (!pathAndQuery.startsWith('/') || pathAndQuery.startsWith('//')) return undefined;
  const hash = pathAndQuery.indexOf('#');
  const withoutHash = hash === -1 ? pathAndQuery : pathAndQuery.slice(0, hash);
  const mark = withoutHash.indexOf('?');
  const rawPath = mark === -1 ? withoutHash : withoutHash.slice(0, mark);
  const query = mark === -1 ? '' : withoutHash.slice(mark);
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Not valid percent-encoding: keep it as written, it still matches itself.
  }
  path = path.normalize('NFC').replace(/\/+$/, '') || '/';
  return query === '?' ? path : `${path}${query}`;
}
