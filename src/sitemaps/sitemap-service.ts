import { TAXONOMIES, type Taxonomy } from '../domain/publication.ts';
import type { Clock } from '../lib/clock.ts';
import type {
  SitemapRepository,
  SitemapRow,
  SitemapScope,
  SitemapSection,
} from '../storage/repositories/sitemap-repository.ts';
import type { SitePaths } from '../web/site/site-paths.ts';

/** The sitemaps protocol's limit on the URLs in one sitemap. */
export const SITEMAP_MAX_URLS = 50_000;

/** Rows read per query while a sitemap streams: bounds memory and keeps each query short. */
const BATCH_ROWS = 2_000;

/** A page of the site, by its path within the site, with its last change. */
export interface SitemapUrl {
  path: string;
  lastmod: string | null;
}

export interface SitemapChild {
  /** `site`, `publications-1`, `people-1`…: the child lives at /sitemap/<name>.xml. */
  name: string;
  lastmod: string | null;
}

export interface SitemapContents {
  /** Changes whenever the child's contents would: for its ETag, before reading them. */
  fingerprint: string;
  batches: AsyncIterable<SitemapUrl[]>;
}

export interface SitemapServiceDeps {
  repository: SitemapRepository;
  clock: Clock;
  paths: SitePaths;
  /** URLs per child sitemap; the protocol's 50,000 unless a test wants a small one. */
  chunkSize?: number;
  /** Rows per query while streaming a child. */
  batchSize?: number;
}

const EVERY_SITE: SitemapSection[] = ['pages', 'people', 'publications'];
const CHILD_NAME = /^(pages|people|publications|terms)-([1-9]\d{0,8})$/;

/**
 * Each site's sitemap lists the pages that are that site's own, so that across the
 * network every page is listed once, on one site (see src/sitemaps/README.md): its
 * home and standing pages, its people, the pieces it is the primary center of; and on
 * the network's home site, also the listings, topics and other terms, and people of no
 * center. Each table-backed section is split into chunks of ids, one child sitemap each.
 */
export function createSitemapService(deps: SitemapServiceDeps) {
  const { repository, clock, paths, chunkSize = SITEMAP_MAX_URLS, batchSize = BATCH_ROWS } = deps;
  const sectionsOf = (scope: SitemapScope): SitemapSection[] =>
    scope.isNetworkHome ? [...EVERY_SITE, 'terms'] : EVERY_SITE;

  /** The fixed pages: the site's home; on the network's home also the listings. */
  async function siteUrls(scope: SitemapScope, now: Date): Promise<SitemapUrl[]> {
    const activity = await repository.findSiteActivity(scope.centerId, now);
    const home = { path: paths.home, lastmod: activity.center };
    if (!scope.isNetworkHome) return [home];
    return [
      home,
      { path: paths.research, lastmod: activity.network },
      { path: paths.experts, lastmod: null },
      ...TAXONOMIES.map((taxonomy) => ({ path: paths.taxonomy(taxonomy), lastmod: null })),
      ...activity.types.map((type) => ({ path: paths.type(type.slug), lastmod: type.lastmod })),
    ];
  }

  function pathOf(section: SitemapSection, row: SitemapRow): string {
    switch (section) {
      case 'publications':
        return paths.publication(row.slug);
      case 'people':
        return paths.person(row.slug);
      case 'terms':
        return paths.term(row.taxonomy as Taxonomy, row.slug);
      case 'pages':
        return paths.page(row.slug);
    }
  }

  /** One chunk, a batch at a time by keyset, all read as of the same moment. */
  async function* readChunk(
    section: SitemapSection,
    scope: SitemapScope,
    chunk: number,
    now: Date,
  ): AsyncGenerator<SitemapUrl[]> {
    let afterId = 0;
    for (;;) {
      const rows = await repository.listRows(section, scope, {
        now,
        chunkSize,
        chunk,
        afterId,
        limit: batchSize,
      });
      if (rows.length > 0)
        yield rows.map((row) => ({ path: pathOf(section, row), lastmod: row.lastmod }));
      const last = rows.at(-1);
      if (rows.length < batchSize || last === undefined) return;
      afterId = last.id;
    }
  }

  return {
    /** The site's child sitemaps, for its index: `site` first, then every non-empty chunk. */
    async listChildren(scope: SitemapScope): Promise<SitemapChild[]> {
      const now = clock.now();
      const [fixed, ...sections] = await Promise.all([
        siteUrls(scope, now),
        ...sectionsOf(scope).map((section) =>
          repository.listChunks(section, scope, { now, chunkSize }).then((chunks) =>
            chunks.map((chunk) => ({
              name: `${section}-${chunk.number}`,
              lastmod: chunk.lastmod,
            })),
          ),
        ),
      ]);
      return [{ name: 'site', lastmod: newest(fixed) }, ...sections.flat()];
    },

    /** A child sitemap by name; undefined for a name the site's index does not list. */
    async findChild(scope: SitemapScope, name: string): Promise<SitemapContents | undefined> {
      const now = clock.now();
      if (name === 'site') {
        const urls = await siteUrls(scope, now);
        return { fingerprint: JSON.stringify(urls), batches: inOneBatch(urls) };
      }
      const match = CHILD_NAME.exec(name);
      const section = match?.[1] as SitemapSection | undefined;
      const chunk = Number(match?.[2]);
      if (!section || !sectionsOf(scope).includes(section)) return undefined;
      const [found] = await repository.listChunks(section, scope, { now, chunkSize, only: chunk });
      if (!found) return undefined;
      return {
        fingerprint: `${name}|${chunkSize}|${found.fingerprint}`,
        batches: readChunk(section, scope, chunk, now),
      };
    },
  };
}

export type SitemapService = ReturnType<typeof createSitemapService>;

async function* inOneBatch(urls: SitemapUrl[]): AsyncGenerator<SitemapUrl[]> {
  yield urls;
}

function newest(urls: SitemapUrl[]): string | null {
  return urls.reduce<string | null>(
    (latest, url) =>
      url.lastmod !== null && (latest === null || url.lastmod > latest) ? url.lastmod : latest,
    null,
  );
}
