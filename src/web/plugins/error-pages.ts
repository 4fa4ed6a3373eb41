import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement as h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { DossierError } from '../../errors.ts';
import { ErrorPage } from '../site/pages/error-page.tsx';
import type { SiteKit } from '../site/site-kit.ts';
import type { OldUrlRedirects } from './old-url-redirects.ts';

/**
 * One error path for the public site. A DossierError shows its (safe) message with its
 * status; a Fastify 4xx (bad URL, body too large…) shows a plain reason; anything else
 * is logged with the request id and becomes a 500 page that reveals nothing. Before a
 * 404, an address of an imported site's old pages is redirected to its new place.
 */
export function registerErrorPages(
  app: FastifyInstance,
  kit: SiteKit,
  oldUrls?: OldUrlRedirects,
): void {
  app.setNotFoundHandler(
    async (request, reply) =>
      (await oldUrls?.answer(request, reply)) ??
      respond(
        request,
        reply,
        kit,
        404,
        'We could not find that page. It may have moved, or it is not published.',
      ),
  );

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof DossierError) {
      // Something that will pass (a search index being built): say when to come back.
      if (error.status === 503) reply.header('retry-after', '30');
      const moved = error.status === 404 ? await oldUrls?.answer(request, reply) : undefined;
      return moved ?? respond(request, reply, kit, error.status, error.message);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return respond(
        request,
        reply,
        kit,
        status,
        'The request could not be understood. Check the address and try again.',
      );
    }
    request.log.error({ err: error }, 'request failed');
    return respond(
      request,
      reply,
      kit,
      500,
      'The server could not show this page. Please try again in a moment.',
    );
  });
}

function respond(
  request: FastifyRequest,
  reply: FastifyReply,
  kit: SiteKit,
  status: number,
  message: string,
) {
  try {
    const view = kit.view(request);
    return kit.send(request, reply, h(ErrorPage, { view, status, message }), status);
  } catch {
    // No site to dress the page in (no centers yet, or the site itself failed).
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${status}</title></head><body><h1>Error ${status}</h1><p>${renderToString(h('span', null, message))}</p></body></html>`;
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  }
}
