import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { SitemapService, SitemapUrl } from '../../../sitemaps/sitemap-service.ts';
import { type SitemapEntry, sitemapIndexXml, urlsetXml } from '../../../sitemaps/sitemap-xml.ts';
import type { SitemapScope } from '../../../storage/repositories/sitemap-repository.ts';
import { absoluteUrl, type ViewContext } from '../../components/view-context.ts';
import { etagOf, PAGE_CACHE_CONTROL, sendCached } from '../../render.ts';
import type { SiteContext } from '../../site-directory.ts';
import { notFound, type SiteKit } from '../site-kit.ts';

const XML = 'application/xml; charset=utf-8';

/**
 * `/sitemap.xml` (an index) and its children `/sitemap/<name>.xml` on every site, under
 * a center's prefix like every other route; `/robots.txt` names the sitemaps of the
 * sites that share its origin.
 */
export function registerSitemapRoutes(
  app: FastifyInstance,
  kit: SiteKit,
  sitemaps: SitemapService,
): void {
  app.get('/sitemap.xml', async (request, reply) => {
    const view = kit.view(request);
    const children = await sitemaps.listChildren(scopeOf(view.site));
    const xml = sitemapIndexXml(
      children.map((child) => ({
        loc: absoluteUrl(view, `/sitemap/${child.name}.xml`),
        lastmod: child.lastmod,
      })),
    );
    return sendCached(request, reply, xml, XML);
  });

  app.get('/sitemap/:file', async (request, reply) => {
    const view = kit.view(request);
    const file = (request.params as { file?: string }).file ?? '';
    const name = /^([a-z]+(?:-\d+)?)\.xml$/.exec(file)?.[1];
    const contents =
      name === undefined ? undefined : await sitemaps.findChild(scopeOf(view.site), name);
    if (!contents) throw notFound();
    // The ETag comes from facts read before the list, so a 304 never reads the list.
    const etag = etagOf(`${absoluteUrl(view, '/')}|${contents.fingerprint}`);
    reply.type(XML).header('etag', etag).header('cache-control', PAGE_CACHE_CONTROL);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(Readable.from(urlsetXml(absolute(view, contents.batches))));
  });

  app.get('/robots.txt', async (request, reply) => {
    const view = kit.view(request);
    const sitemapsHere = sitesAtThisOrigin(view.site, request.headers.host ?? '').map(
      (basePath) => `Sitemap: ${view.origin}${basePath}/sitemap.xml`,
    );
    const text = ['User-agent: *', 'Disallow:', '', ...sitemapsHere, ''].join('\n');
    return sendCached(request, reply, text, 'text/plain; charset=utf-8');
  });
}

/** The network's home site (the headquarters, else the first center) lists shared pages. */
function scopeOf(site: SiteContext): SitemapScope {
  const centers = [...site.centers.values()];
  const home = centers.find((c) => c.isHeadquarters) ?? centers[0];
  return { centerId: site.center.id, isNetworkHome: site.center.id === home?.id };
}

/**
 * Crawlers read robots.txt only at an origin's root, and a sitemap may list only URLs
 * under its own folder. A center on a host of its own is alone at its origin; the shared
 * origin serves the network's home site and every center on a path prefix (those with a
 * host of their own are listed there, not here).
 */
function sitesAtThisOrigin(site: SiteContext, host: string): string[] {
  const { center, centers } = site;
  if (site.basePath === '' && center.host !== null && center.host === host.toLowerCase()) {
    return [''];
  }
  const prefixed = [...centers.values()].filter((c) => c.pathPrefix !== null && c.host === null);
  return ['', ...prefixed.map((c) => `/${c.pathPrefix}`)];
}

async function* absolute(
  view: ViewContext,
  batches: AsyncIterable<SitemapUrl[]>,
): AsyncGenerator<SitemapEntry[]> {
  for await (const batch of batches) {
    yield batch.map((url) => ({ loc: absoluteUrl(view, url.path), lastmod: url.lastmod }));
  }
}
