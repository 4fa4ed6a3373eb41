import { normalizeOldUrl } from '../domain/old-url.ts';

/*
 * Old URLs are stored normalised (domain/old-url.ts): percent-escapes decoded, trailing
 * slashes gone, the query as written. An export must write each so that the import's
 * normalisation gives the stored value back: a `%`, `#` or leading `//` in a stored path
 * came from an escape (`%25`, `%23`, `%2F`) and would be read differently if written bare.
 */

/**
 * A spelling of a stored old URL that the importer stores as exactly `stored` again, or
 * undefined when there is none (a value no import could have produced).
 */
export function spellOldUrl(stored: string): string | undefined {
  const mark = stored.indexOf('?');
  const path = mark === -1 ? stored : stored.slice(0, mark);
  const query = mark === -1 ? '' : stored.slice(mark);
  // Most paths: escape the path part only; the query is kept as written.
  const candidates = [`${escapePath(path)}${query === '?' ? '%3F' : query}`];
  // A decoded `?` in the path (from `%3F`) may have left a part that looks like a query
  // after a slash: then the whole value is a path.
  candidates.push(escapePath(stored).replace(/\?/g, '%3F'));
  return candidates.find((spelled) => normalizeOldUrl(spelled) === stored);
}

function escapePath(path: string): string {
  const escaped = path.replace(/%/g, '%25').replace(/#/g, '%23');
  return escaped.startsWith('//') ? `/%2F${escaped.slice(2)}` : escaped;
}
