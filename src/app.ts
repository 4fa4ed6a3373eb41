import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { registerAdminSite } from './admin/admin-site.ts';
import { createPressPreviews } from './admin/press/press-previews.ts';
import type { Config } from './config/schema.ts';
import { createFeedService } from './feeds/feed-service.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { createSubscriptions } from './newsletter/subscriptions/subscriptions.ts';
import { createSearchIndex } from './search/create-search-index.ts';
import type { SearchIndex } from './search/search-index.ts';
import { createReadingService } from './services/reading.ts';
import { createSitemapService } from './sitemaps/sitemap-service.ts';
import type { Database } from './storage/database.ts';
import { createReadCache } from './storage/read-cache/read-cache.ts';
import { createCenterRepository } from './storage/repositories/center-repository.ts';
import { createChangeLogRepository } from './storage/repositories/change-log-repository.ts';
import { createFeedRepository } from './storage/repositories/feed-repository.ts';
import { createOldUrlRepository } from './storage/repositories/old-url-repository.ts';
import { createPageRepository } from './storage/repositories/page-repository.ts';
import { createPersonRepository } from './storage/repositories/person-repository.ts';
import { createPublicationRepository } from './storage/repositories/publication-repository.ts';
import { createRedirectRepository } from './storage/repositories/redirect-repository.ts';
import { createSitemapRepository } from './storage/repositories/sitemap-repository.ts';
import { createTermRepository } from './storage/repositories/term-repository.ts';
import { registerErrorPages } from './web/plugins/error-pages.ts';
import { createOldUrlRedirects, registerOldUrlQueries } from './web/plugins/old-url-redirects.ts';
import { registerSecurityHeaders } from './web/plugins/security-headers.ts';
import { registerCenterRoutes } from './web/site/routes/center-routes.ts';
import { registerCitationRoutes } from './web/site/routes/citation-routes.ts';
import { registerFeedRoutes } from './web/site/routes/feed-routes.ts';
import { registerNewsletterRoutes } from './web/site/routes/newsletter-routes.ts';
import { registerPeopleRoutes } from './web/site/routes/people-routes.ts';
import { registerPressPreviewRoutes } from './web/site/routes/press-preview-routes.ts';
import { registerPublicationRoutes } from './web/site/routes/publication-routes.ts';
import { registerSearchRoutes } from './web/site/routes/search-routes.ts';
import { registerSitemapRoutes } from './web/site/routes/sitemap-routes.ts';
import { registerTermRoutes } from './web/site/routes/term-routes.tsx';
import { createSiteKit } from './web/site/site-kit.ts';
import { sitePaths } from './web/site/site-paths.ts';
import { SiteDirectory } from './web/site-directory.ts';

const ASSETS_DIR = fileURLToPath(new URL('./web/assets/', import.meta.url));
/** How often each process checks whether centers or menus changed (several processes). */
const DIRECTORY_REFRESH_MS = 5_000;

export interface ServerDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** URLs per child sitemap (the protocol's 50,000); tests pass a small one to see the split. */
  sitemapChunkSize?: number;
  /** The search index; by default one of its own, built on the first query, closed with the server. */
  search?: SearchIndex;
}

/** The whole web app, ready for `inject()` in tests or `listen()` in main. Never listens. */
export async function buildServer({
  config,
  database,
  clock = systemClock,
  logger,
  sitemapChunkSize,
  search: givenSearch,
}: ServerDeps): Promise<FastifyInstance> {
  const { db } = database;
  const directory = new SiteDirectory(createCenterRepository(db));
  await directory.refreshIfChanged();

  const app = Fastify({
    logger: logger ?? { level: config.server.logLevel },
    trustProxy: config.server.trustProxy,
    logController: new LogController({ disableRequestLogging: !config.server.logRequests }),
    // Centers on a path prefix (/europe/…) see the same routes as the headquarters.
    rewriteUrl: (request) => directory.resolve(request),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    bodyLimit: 64 * 1024,
  });

  const timer = setInterval(() => {
    directory
      .refreshIfChanged()
      .catch((err) => app.log.error({ err }, 'could not refresh the site directory'));
  }, DIRECTORY_REFRESH_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  const search = givenSearch ?? createSearchIndex({ database, clock, dataDir: config.data.dir });
  // An index passed in belongs to the caller, who closes it.
  if (!givenSearch) app.addHook('onClose', async () => search.close());

  // Cards, list totals and heads, and profiles stay in memory, kept current through the
  // change log (storage/read-cache/).
  const readCache = createReadCache(createChangeLogRepository(db, database.dialect));
  const repositories = {
    publications: createPublicationRepository(db, { cache: readCache }),
    people: createPersonRepository(db, { cache: readCache }),
    terms: createTermRepository(db),
    pages: createPageRepository(db),
    redirects: createRedirectRepository(db),
  };
  const reading = createReadingService({ ...repositories, clock });
  const feeds = createFeedService({ ...repositories, feeds: createFeedRepository(db), clock });
  const sitemaps = createSitemapService({
    repository: createSitemapRepository(db),
    clock,
    paths: sitePaths,
    ...(sitemapChunkSize === undefined ? {} : { chunkSize: sitemapChunkSize }),
  });
  const assets = assetVersion();
  const kit = createSiteKit({
    reading,
    directory,
    clock,
    assetVersion: assets,
    publicUrl: config.server.publicUrl,
  });

  // Pages and stylesheets shrink to a third; clients that ask for nothing get plain bytes.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Brotli's default (quality 11) costs milliseconds per page; 4 keeps most of the gain.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  registerSecurityHeaders(app);
  const oldUrls = createOldUrlRedirects({ repository: createOldUrlRepository(db), clock, kit });
  registerOldUrlQueries(app, oldUrls);
  registerErrorPages(app, kit, oldUrls);
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    // Asset URLs carry a content fingerprint (?v=), so they can be cached for good.
    maxAge: '365d',
    immutable: true,
  });
  const uploadsDir = join(config.data.dir, 'uploads');
  mkdirSync(uploadsDir, { recursive: true });
  await app.register(fastifyStatic, {
    root: uploadsDir,
    prefix: '/uploads/',
    decorateReply: false,
    maxAge: '1d',
  });

  registerPublicationRoutes(app, kit);
  registerCitationRoutes(app, kit);
  registerPeopleRoutes(app, kit);
  registerTermRoutes(app, kit);
  registerFeedRoutes(app, kit, feeds);
  registerSitemapRoutes(app, kit, sitemaps);
  const subscriptions = createSubscriptions({ database, config, clock, log: app.log });
  app.addHook('onClose', async () => subscriptions.close());
  await registerNewsletterRoutes(app, kit, subscriptions);
  await registerSearchRoutes(app, kit, search);
  await registerAdminSite(app, {
    database,
    config,
    clock,
    directory,
    assetVersion: assets,
  });
  registerPressPreviewRoutes(app, kit, createPressPreviews({ db, clock }));
  registerCenterRoutes(app, kit);
  return app;
}

function assetVersion(): string {
  const hash = createHash('sha1');
  for (const file of ['site.css', 'site.js', 'admin.css', 'admin.js'])
    hash.update(readFileSync(join(ASSETS_DIR, file)));
  return hash.digest('hex').slice(0, 10);
}
