import type { FastifyInstance } from 'fastify';
import { CITATION_DOWNLOADS } from '../../../citations/formats.ts';
import { citationDownloadPath, citationRecord } from '../../components/citation-record.ts';
import { sendCached } from '../../render.ts';
import { notFound, type SiteKit, slugParam } from '../site-kit.ts';

/**
 * The citation files beside each publication page: `/research/<slug>/cite.bib`, `.ris`
 * and `.json`. They answer exactly as the page does: 404 for anything not live, a 301
 * to the new slug after a rename, and under a center's prefix with that site's URL.
 */
export function registerCitationRoutes(app: FastifyInstance, kit: SiteKit): void {
  for (const download of CITATION_DOWNLOADS) {
    app.get(citationDownloadPath(':slug', download), async (request, reply) => {
      const view = kit.view(request);
      const found = await kit.reading.publication(slugParam(request));
      if (!found) throw notFound();
      if ('redirect' in found) {
        return kit.redirect(request, reply, citationDownloadPath(found.redirect, download));
      }
      const body = await download.write(citationRecord(view, found));
      reply.header(
        'content-disposition',
        `attachment; filename="${found.slug}.${download.extension}"`,
      );
      return sendCached(request, reply, body, download.contentType);
    });
  }
}
