import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A rendered page component, whatever its props. */
// biome-ignore lint/suspicious/noExplicitAny: pages differ in props; only the element is passed on
export type PageElement = VNode<any>;

/**
 * How long browsers and CDNs may keep a page (or a feed, a sitemap); short, so an
 * unpublish is felt soon.
 */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

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
  if (status !== 200) {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  }
  return sendCached(request, reply, html, 'text/html; charset=utf-8');
}

/** A weak ETag for a body (or for facts that change whenever the body would). */
export function etagOf(content: string | Buffer): string {
  return `W/"${createHash('sha1').update(content).digest('base64url').slice(0, 22)}"`;
}

/** Sends a 200 text body with an ETag and the pages' caching; 304 when the client has it. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  contentType: string,
): FastifyReply {
  // Encoded once: hashed and sent as the same bytes (a string would be encoded for each).
  const bytes = utf8Bytes(body);
  const etag = etagOf(bytes);
  reply
    .code(200)
    .type(contentType)
    .header('etag', etag)
    .header('cache-control', PAGE_CACHE_CONTROL);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(bytes);
}

/**
 * Scratch space for encoding bodies. `Buffer.from(string)` measures a string's UTF-8
 * length in one pass and encodes it in another; writing into room already there and
 * copying out the bytes written takes half the time on a 46 KB page (bench/pages).
 */
const scratch = Buffer.allocUnsafeSlow(1024 * 1024);

/** The string as UTF-8, in a Buffer of its own (the scratch is reused by the next body). */
export function utf8Bytes(text: string): Buffer {
  // Three bytes per UTF-16 unit at most; a longer body might not fit, so it takes the
  // ordinary path.
  if (text.length * 3 > scratch.length) return Buffer.from(text, 'utf8');
  const length = scratch.write(text, 0, 'utf8');
  const bytes = Buffer.allocUnsafe(length);
  scratch.copy(bytes, 0, 0, length);
  return bytes;
}
