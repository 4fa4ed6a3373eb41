import type { Taxonomy } from '../../domain/publication.ts';
import { TAXONOMY_PATHS } from './routes/term-routes.tsx';

/**
 * Where each kind of page lives on a site, before the center's path prefix. Feeds and
 * sitemaps name pages through this, so they link exactly where the routes answer.
 */
export const sitePaths = {
  home: '/',
  research: '/research',
  experts: '/experts',
  publication: (slug: string) => `/research/${slug}`,
  person: (slug: string) => `/experts/${slug}`,
  taxonomy: (taxonomy: Taxonomy) => TAXONOMY_PATHS[taxonomy].path,
  term: (taxonomy: Taxonomy, slug: string) => `${TAXONOMY_PATHS[taxonomy].path}/${slug}`,
  type: (slug: string) => `/types/${slug}`,
  /** A center's own standing page (About, Contact…). */
  page: (slug: string) => `/${slug}`,
};

export type SitePaths = typeof sitePaths;
