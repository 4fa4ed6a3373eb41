import type { SiteContext } from '../site-directory.ts';

/** What every page and component knows besides its own props. */
export interface ViewContext {
  site: SiteContext;
  /** The path of this page within the site (without the center prefix). */
  path: string;
  /** The year for the footer's copyright line. */
  year: number;
  /** Absolute origin for share links and canonical URLs, e.g. https://example.org */
  origin: string;
  /** Fingerprint appended to asset URLs so they can be cached forever. */
  assetVersion: string;
}

/** A link within the current site: `/research/x` on the Europe prefix is `/europe/research/x`. */
export function href(view: ViewContext, path: string): string {
  const base = view.site.basePath;
  // Nearly every call is a site path ("/research/x"): a page makes a hundred of them, so
  // they skip the scheme test (a path starting with one "/" cannot carry a scheme).
  if (path.charCodeAt(0) === SLASH && path.charCodeAt(1) !== SLASH) {
    if (base === '') return path;
    return path === '/' ? base : `${base}${path}`;
  }
  if (/^[a-z]+:/i.test(path) || path.startsWith('//')) return path;
  return `${base}/${path}`;
}

const SLASH = 47;

export function absoluteUrl(view: ViewContext, path: string): string {
  return `${view.origin}${href(view, path)}`;
}

export function assetUrl(view: ViewContext, file: string): string {
  return `/assets/${file}?v=${view.assetVersion}`;
}

export function uploadUrl(path: string): string {
  // Stored paths are nearly always plain already; encode only those that need it.
  if (PLAIN_PATH.test(path)) return `/uploads/${path}`;
  return `/uploads/${path.split('/').map(encodeURIComponent).join('/')}`;
}

const PLAIN_PATH = /^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;
