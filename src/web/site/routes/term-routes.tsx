import type { FastifyInstance } from 'fastify';
import { createElement as h } from 'preact';
import type { Taxonomy } from '../../../domain/publication.ts';
import { PAGE_SIZE } from '../../../services/reading.ts';
import { feedLinks } from '../../components/feed-links.ts';
import { href } from '../../components/view-context.ts';
import { ListingPage } from '../pages/listing-page.tsx';
import { TermIndexPage } from '../pages/term-index-page.tsx';
import { assertPageExists, notFound, pageParam, type SiteKit, slugParam } from '../site-kit.ts';

/** URL segment and heading for each taxonomy's pages. */
export const TAXONOMY_PATHS: Record<Taxonomy, { path: string; title: string }> = {
  program: { path: '/programs', title: 'Programs' },
  project: { path: '/projects', title: 'Projects' },
  region: { path: '/regions', title: 'Regions' },
  topic: { path: '/topics', title: 'Topics' },
  collection: { path: '/collections', title: 'Collections' },
};

export function registerTermRoutes(app: FastifyInstance, kit: SiteKit): void {
  for (const [taxonomy, { path, title }] of Object.entries(TAXONOMY_PATHS) as [
    Taxonomy,
    { path: string; title: string },
  ][]) {
    app.get(path, async (request, reply) => {
      const view = kit.view(request);
      const terms = await kit.reading.listTerms(taxonomy);
      return kit.send(request, reply, h(TermIndexPage, { view, title, basePath: path, terms }));
    });

    app.get(`${path}/:slug`, async (request, reply) => {
      const view = kit.view(request);
      const page = pageParam(request);
      const found = await kit.reading.termPage(taxonomy, slugParam(request), page);
      if (!found) throw notFound();
      if ('redirect' in found) return kit.redirect(request, reply, `${path}/${found.redirect}`);
      assertPageExists(page, found.work.total, PAGE_SIZE);
      const { term, work } = found;
      const intro = (
        <>
          {term.parent && (
            <p>
              Part of <a href={href(view, `${path}/${term.parent.slug}`)}>{term.parent.name}</a>
            </p>
          )}
          {term.children.length > 0 && (
            <nav aria-label={`Within ${term.name}`}>
              <ul class="tag-list">
                {term.children.map((child) => (
                  <li key={child.id}>
                    <a href={href(view, `${path}/${child.slug}`)}>{child.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </>
      );
      return kit.send(
        request,
        reply,
        h(ListingPage, {
          view,
          title: term.name,
          description: term.description,
          intro,
          work,
          page,
          feeds: feedLinks(view, `${path}/${term.slug}`, term.name),
        }),
      );
    });
  }
}
