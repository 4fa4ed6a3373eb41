import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { createElement as h } from 'preact';
import { z } from 'zod';
import { BadRequestError, DossierError } from '../../../errors.ts';
import type { SearchHit, SearchIndex } from '../../../search/search-index.ts';
import { parseSearchQuery } from '../../../search/search-params.ts';
import { absoluteUrl, type ViewContext } from '../../components/view-context.ts';
import { SearchPage } from '../pages/search-page.tsx';
import type { SiteKit } from '../site-kit.ts';
import { sitePaths } from '../site-paths.ts';

/**
 * How long browsers and CDNs may keep an API answer: a minute, as long as a page, and no
 * stale-while-revalidate, so a publish or unpublish shows in search within that minute.
 */
const SEARCH_API_CACHE_CONTROL = 'public, max-age=60';
/** Suggestions per answer: what fits under a search box. */
const SUGGESTIONS = 8;

const suggestQuery = z.object({
  q: z
    .string({ error: 'is required once: the start of a title, a name or a topic' })
    .trim()
    .min(1, 'is empty: give the start of a title, a name or a topic')
    .max(100, 'is longer than 100 characters'),
});

/**
 * The search page (`/search`) and its JSON API (`/api/search`, `/api/search/suggest`), on
 * every site, under a center's prefix like every other route. Page and API read the same
 * parameters through `parseSearchQuery`; the API answers errors as JSON.
 */
export async function registerSearchRoutes(
  app: FastifyInstance,
  kit: SiteKit,
  search: SearchIndex,
): Promise<void> {
  app.get('/search', async (request, reply) => {
    const view = kit.view(request);
    const query = parseSearchQuery(request.query);
    const result = await search.search(query);
    return kit.send(request, reply, h(SearchPage, { view, query, result }));
  });

  await app.register(
    async (api) => {
      api.setErrorHandler(async (error: FastifyError, request, reply) => {
        if (error instanceof DossierError) {
          return sendError(reply, error.status, error.code, error.message, error.field);
        }
        const status = error.statusCode ?? 500;
        if (status >= 400 && status < 500) {
          return sendError(reply, status, 'BAD_REQUEST', 'The request could not be understood.');
        }
        request.log.error({ err: error }, 'search API request failed');
        return sendError(
          reply,
          500,
          'INTERNAL_ERROR',
          'The server could not answer this search. Please try again in a moment.',
        );
      });
      api.setNotFoundHandler(async (_request, reply) =>
        sendError(reply, 404, 'NOT_FOUND', 'There is no such API address. See docs/search.md.'),
      );

      api.get('/search', async (request, reply) => {
        const view = kit.view(request);
        const result = await search.search(parseSearchQuery(request.query));
        return reply.header('cache-control', SEARCH_API_CACHE_CONTROL).send({
          total: result.total,
          page: result.page,
          pageSize: result.pageSize,
          hits: result.hits.map((hit) => apiHit(view, hit)),
          facets: result.facets,
          unknownFilters: result.unknownFilters,
          tookMs: result.tookMs,
        });
      });

      api.get('/search/suggest', async (request, reply) => {
        kit.view(request); // a 404 before any center exists, as for every other route
        const parsed = suggestQuery.safeParse(request.query ?? {});
        if (!parsed.success) {
          throw new BadRequestError({
            code: 'BAD_REQUEST',
            field: 'q',
            message: `The search text (q) ${parsed.error.issues[0]?.message ?? 'is not valid'}.`,
          });
        }
        const suggestions = await search.suggest(parsed.data.q, SUGGESTIONS);
        return reply.header('cache-control', SEARCH_API_CACHE_CONTROL).send({ suggestions });
      });
    },
    { prefix: '/api' },
  );
}

/** A hit with site-relative paths (a client on a center's prefix adds it) and its full URL. */
function apiHit(view: ViewContext, hit: SearchHit) {
  const path = sitePaths.publication(hit.slug);
  // Object.assign, not spreads with keys after them: those cost a microsecond a key on
  // Node 20, and a search answers twenty hits with their authors as you type.
  return Object.assign({}, hit, {
    path,
    url: absoluteUrl(view, path),
    authors: hit.authors.map((author) =>
      Object.assign({}, author, { path: sitePaths.person(author.slug) }),
    ),
  });
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  field?: string,
): FastifyReply {
  // A 503 passes (the index is being built): say when to come back.
  if (status === 503) reply.header('retry-after', '30');
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(field ? { field } : {}) } });
}
