import type { FastifyInstance } from 'fastify';
import { createElement as h } from 'preact';
import { HomePage } from '../pages/home-page.tsx';
import { StandingPage } from '../pages/standing-page.tsx';
import { notFound, type SiteKit, slugParam } from '../site-kit.ts';

export function registerCenterRoutes(app: FastifyInstance, kit: SiteKit): void {
  app.get('/', async (request, reply) => {
    const view = kit.view(request);
    const data = await kit.reading.home(view.site.center);
    return kit.send(request, reply, h(HomePage, { view, data }));
  });

  // A center's own pages (About, Contact, Privacy…). Registered last in spirit: the
  // router prefers every fixed path above to this parameter.
  app.get('/:page', async (request, reply) => {
    const view = kit.view(request);
    const page = await kit.reading.standingPage(view.site.center, slugParam(request, 'page'));
    if (!page) throw notFound();
    return kit.send(request, reply, h(StandingPage, { view, page }));
  });
}
