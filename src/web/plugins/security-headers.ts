import type { FastifyInstance } from 'fastify';

/**
 * Headers every response carries. Pages load only our own scripts and styles (the
 * center's accent colour is an inline style attribute, hence 'unsafe-inline' for styles).
 */
const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
/** Uploaded files (SVG can carry script) never run anything, even opened directly. */
const UPLOAD_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox";

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // A route may ask for less (press previews: no referrer at all).
    if (!reply.hasHeader('referrer-policy'))
      reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header(
      'content-security-policy',
      request.url.startsWith('/uploads/') ? UPLOAD_POLICY : PAGE_POLICY,
    );
    return payload;
  });
}
