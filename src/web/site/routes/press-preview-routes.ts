import type { FastifyInstance } from 'fastify';
import { createElement as h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { PressPreviews } from '../../../admin/press/press-previews.ts';
import { PublicationPage } from '../pages/publication-page.tsx';
import { notFound, type SiteKit } from '../site-kit.ts';

/**
 * `/preview/<token>`: a press preview of an unpublished piece, for whoever holds the link
 * until it expires or is revoked. Never cached, never indexed, and the address is not
 * passed on to sites it links to.
 */
export function registerPressPreviewRoutes(
  app: FastifyInstance,
  kit: SiteKit,
  previews: PressPreviews,
): void {
  app.get('/preview/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const opened = await previews.open(token, {
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? ''),
    });
    if (!opened) throw notFound();
    const view = kit.view(request);
    const data = await kit.reading.previewPage(opened.slug, view.site.center);
    if (!data) throw notFound();
    const html = `<!doctype html>${renderToString(
      h(PublicationPage, { view, data, preview: { expiresAt: opened.expiresAt } }),
    )}`;
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store, private')
      .header('x-robots-tag', 'noindex, nofollow, noarchive')
      .header('referrer-policy', 'no-referrer')
      .send(html);
  });
}
