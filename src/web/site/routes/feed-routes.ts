import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TAXONOMIES } from '../../../domain/publication.ts';
import { buildFeed } from '../../../feeds/build-feed.ts';
import {
  FEED_FORMAT_NAMES,
  FEED_FORMATS,
  type FeedFormat,
  feedPath,
} from '../../../feeds/feed-formats.ts';
import type { FeedService, FeedSubject } from '../../../feeds/feed-service.ts';
import { renderFeed } from '../../../feeds/render-feed.ts';
import { absoluteUrl, uploadUrl, type ViewContext } from '../../components/view-context.ts';
import { sendCached } from '../../render.ts';
import { notFound, type SiteKit, slugParam } from '../site-kit.ts';
import { sitePaths } from '../site-paths.ts';

/** A page that has feeds: where it lives, and what its feed follows. */
interface FeedPage {
  route: string;
  subject(request: FastifyRequest): FeedSubject;
  /** The page's path, given the subject's slug (after a rename, the new one). */
  pagePath(slug: string): string;
}

/**
 * Each listing page's feeds sit beside it: `/feed.xml` (the center), `/research/feed.atom`,
 * `/topics/energy/feed.json`… and under a center's prefix like every other route.
 */
const FEED_PAGES: FeedPage[] = [
  { route: '', subject: () => ({ kind: 'center' }), pagePath: () => sitePaths.home },
  {
    route: sitePaths.research,
    subject: () => ({ kind: 'research' }),
    pagePath: () => sitePaths.research,
  },
  {
    route: '/types/:slug',
    subject: (request) => ({ kind: 'type', slug: slugParam(request) }),
    pagePath: sitePaths.type,
  },
  {
    route: '/experts/:slug',
    subject: (request) => ({ kind: 'person', slug: slugParam(request) }),
    pagePath: sitePaths.person,
  },
  ...TAXONOMIES.map(
    (taxonomy): FeedPage => ({
      route: sitePaths.term(taxonomy, ':slug'),
      subject: (request) => ({ kind: 'term', taxonomy, slug: slugParam(request) }),
      pagePath: (slug) => sitePaths.term(taxonomy, slug),
    }),
  ),
];

export function registerFeedRoutes(app: FastifyInstance, kit: SiteKit, feeds: FeedService): void {
  for (const page of FEED_PAGES) {
    for (const format of FEED_FORMAT_NAMES) {
      app.get(`${page.route}/${FEED_FORMATS[format].file}`, (request, reply) =>
        sendFeed(request, reply, page, format),
      );
    }
  }

  async function sendFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    page: FeedPage,
    format: FeedFormat,
  ): Promise<FastifyReply> {
    const view = kit.view(request);
    const subject = page.subject(request);
    const found = await feeds.findFeed(subject, view.site.center);
    if (!found) throw notFound();
    if ('redirect' in found) {
      return kit.redirect(request, reply, feedPath(page.pagePath(found.redirect), format));
    }
    const pagePath = page.pagePath('slug' in subject ? subject.slug : '');
    // Match the pages' wording: /research lists the whole network, the rest this site's.
    const { center, network } = view.site;
    const about = subject.kind === 'research' ? `across ${network.name}` : center.name;
    const feed = buildFeed(found, feedContext(view, pagePath, `The latest work from ${about}.`));
    return sendCached(
      request,
      reply,
      renderFeed(format, feed),
      `${FEED_FORMATS[format].mimeType}; charset=utf-8`,
    );
  }
}

function feedContext(view: ViewContext, pagePath: string, fallbackDescription: string) {
  const { center } = view.site;
  return {
    siteName: center.name,
    fallbackDescription,
    language: center.locale,
    pageUrl: absoluteUrl(view, pagePath),
    selfUrls: Object.fromEntries(
      FEED_FORMAT_NAMES.map((f) => [f, absoluteUrl(view, feedPath(pagePath, f))]),
    ) as Record<FeedFormat, string>,
    publisher: { name: center.name, url: absoluteUrl(view, sitePaths.home) },
    fullText: center.feedFullText,
    paths: sitePaths,
    pageLink: (path: string) => absoluteUrl(view, path),
    fileLink: (path: string) => `${view.origin}${uploadUrl(path)}`,
  };
}
