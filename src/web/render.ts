import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A rendered page component, whatever its props. */
// biome-ignore lint/suspicious/noExplicitAny: pages differ in props; only the element is passed on
export type PageElement = VNode<any>;

/** How long browsers and CDNs may keep a page; short, so an unpublish is felt soon. */
const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/**
 * Renders a page and sends it with an ETag; answers 304 when the client already has
 * this exact page. Error pages are not cached by shared caches.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: PageElement,
  status = 200,
): FastifyReply {
  const html = `<!doctype html>${renderToString(page)}`;
  reply.code(status).type('text/html; charset=utf-8');
  if (status !== 200) return reply.header('cache-control', 'no-store').send(html);
  const etag = `W/"${createHash('sha1').update(html).digest('base64url').slice(0, 22)}"`;
  reply.header('etag', etag).header('cache-control', PAGE_CACHE_CONTROL);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(html);
}
