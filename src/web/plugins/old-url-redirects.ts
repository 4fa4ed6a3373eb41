import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeOldUrl } from '../../domain/old-url.ts';
import type { Clock } from '../../lib/clock.ts';
import type {
  OldUrlRepository,
  OldUrlTarget,
} from '../../storage/repositories/old-url-repository.ts';
import type { SiteKit } from '../site/site-kit.ts';
import { sitePaths } from '../site/site-paths.ts';

/*
 * Addresses of the site an import came from (WordPress permalinks, `/?p=123`,
 * attachment pages) answer with a 301 to the item's page here. They are looked up only
 * where the site would otherwise say 404, and for the home page's `?p=`-style queries,
 * so ordinary pages pay nothing for them.
 */

export interface OldUrlRedirects {
  /** Sends a 301 when the request is an old URL of something public; else undefined. */
  answer(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
}

/** WordPress's own addresses by id, which land on the home page (`/?p=123`). */
const QUERY_ADDRESS = /^\/\?(?:[^#]*&)?(?:p|page_id|attachment_id)=\d/;

export function createOldUrlRedirects(deps: {
  repository: OldUrlRepository;
  clock: Clock;
  kit: SiteKit;
}): OldUrlRedirects {
  return {
    async answer(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
      const url = request.url;
      const withQuery = normalizeOldUrl(url);
      if (withQuery === undefined) return undefined;
      const pathOnly = withQuery.split('?')[0] ?? withQuery;
      let target: OldUrlTarget | undefined;
      try {
        target = await deps.repository.findTarget(
          [...new Set([withQuery, pathOnly])].filter((p) => p !== '/'),
          deps.clock.now(),
        );
      } catch (err) {
        // The page would have been a 404 anyway: say that rather than fail the request.
        request.log.error({ err }, 'old URL lookup failed');
        return undefined;
      }
      if (!target) return undefined;
      const base = basePathOf(deps.kit, request);
      const location = `${target.kind === 'media' ? '' : base}${pathOf(target)}`;
      if (normalizeOldUrl(location) === normalizeOldUrl(`${base}${pathOnly}`)) return undefined;
      return reply
        .code(301)
        .header('cache-control', 'public, max-age=3600')
        .redirect(location, 301);
    },
  };
}

/** Answers `/?p=123` before the home page does. */
export function registerOldUrlQueries(app: FastifyInstance, redirects: OldUrlRedirects): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!QUERY_ADDRESS.test(request.url)) return;
    const answered = await redirects.answer(request, reply);
    if (answered) return answered;
  });
}

function pathOf(target: OldUrlTarget): string {
  switch (target.kind) {
    case 'publication':
      return sitePaths.publication(target.slug);
    case 'page':
      return sitePaths.page(target.slug);
    case 'person':
      return sitePaths.person(target.slug);
    case 'term':
      return sitePaths.term(target.taxonomy, target.slug);
    case 'media':
      return `/uploads/${target.path.split('/').map(encodeURIComponent).join('/')}`;
  }
}

function basePathOf(kit: SiteKit, request: FastifyRequest): string {
  try {
    return kit.view(request).site.basePath;
  } catch {
    return '';
  }
}
