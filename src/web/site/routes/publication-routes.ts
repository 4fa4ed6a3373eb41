import type { FastifyInstance } from 'fastify';
import { createElement as h } from 'preact';
import { PAGE_SIZE } from '../../../services/reading.ts';
import { feedLinks } from '../../components/feed-links.ts';
import { ListingPage } from '../pages/listing-page.tsx';
import { PublicationPage } from '../pages/publication-page.tsx';
import { assertPageExists, notFound, pageParam, type SiteKit, slugParam } from '../site-kit.ts';
import { sitePaths } from '../site-paths.ts';

export function registerPublicationRoutes(app: FastifyInstance, kit: SiteKit): void {
  app.get('/research', async (request, reply) => {
    const view = kit.view(request);
    const page = pageParam(request);
    const work = await kit.reading.latest(page);
    assertPageExists(page, work.total, PAGE_SIZE);
    return kit.send(
      request,
      reply,
      h(ListingPage, {
        view,
        title: 'Research',
        description: `The latest work from across ${view.site.network.name}.`,
        work,
        page,
        feeds: feedLinks(view, sitePaths.research, 'Research'),
      }),
    );
  });

  app.get('/research/:slug', async (request, reply) => {
    const view = kit.view(request);
    const found = await kit.reading.publicationPage(slugParam(request), view.site.center);
    if (!found) throw notFound();
    if ('redirect' in found) return kit.redirect(request, reply, `/research/${found.redirect}`);
    return kit.send(request, reply, h(PublicationPage, { view, data: found }));
  });

  app.get('/types/:slug', async (request, reply) => {
    const view = kit.view(request);
    const page = pageParam(request);
    const found = await kit.reading.typePage(slugParam(request), page);
    if (!found) throw notFound();
    assertPageExists(page, found.work.total, PAGE_SIZE);
    return kit.send(
      request,
      reply,
      h(ListingPage, {
        view,
        title: found.type.pluralName,
        work: found.work,
        page,
        feeds: feedLinks(view, sitePaths.type(found.type.slug), found.type.pluralName),
      }),
    );
  });
}
