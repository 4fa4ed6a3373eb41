import type { Center } from '../domain/center.ts';
import { absoluteUrl, href, uploadUrl, type ViewContext } from '../web/components/view-context.ts';

/**
 * Absolute addresses for metadata. Crawlers and citation managers read tags without the
 * page around them, so every URL a builder emits is absolute; builders get these from
 * the page rather than knowing about requests, prefixes or upload folders.
 */
export interface SiteLinks {
  /** A path on the site being shown: `/experts/x` → `https://example.org/europe/experts/x`. */
  page(path: string): string;
  /** An uploaded file's stored path, or an external http(s) URL kept as it is. */
  file(pathOrUrl: string): string;
  /** The home page of a center's own site (its host, its path prefix, or the main site). */
  centerHome(center: Center): string;
}

/** The links of the site a page is being shown on. */
export function viewLinks(view: ViewContext): SiteLinks {
  return {
    page: (path) => absoluteUrl(view, path),
    file: (pathOrUrl) =>
      /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${view.origin}${uploadUrl(pathOrUrl)}`,
    centerHome: (center) =>
      center.id === view.site.center.id
        ? `${view.origin}${href(view, '/')}`
        : centerHomeUrl(view.origin, center),
  };
}

/**
 * A center's home page as seen from `origin` (the public URL): its own host on the same
 * scheme, else its path prefix under the origin, else the origin itself.
 */
/** A page on a center's own site as seen from `origin`: `/research/x` under its host or prefix. */
export function centerPageUrl(origin: string, center: Center, path: string): string {
  const home = centerHomeUrl(origin, center);
  return path === '/' ? home : `${home.replace(/\/$/, '')}${path}`;
}

export function centerHomeUrl(origin: string, center: Center): string {
  const base = origin.replace(/\/+$/, '');
  if (center.host) return `${new URL(base).protocol}//${center.host}/`;
  return center.pathPrefix ? `${base}/${center.pathPrefix}` : `${base}/`;
}
