import type { ImportRecordInput } from '../../src/import/records.ts';
import { type LaunchedBrowser, launchBrowser } from './browser.ts';
import { testDialects } from './dialects.ts';
import { baseWorld, makePerson, makePublication } from './factories.ts';
import { openTestSite, type TestSite } from './site.ts';

/**
 * A world that exercises every element of every page type, and one URL per page type
 * (in two center contexts where the center changes the page), for the HTML checker,
 * axe and the browser tests.
 */
export function pageTypesWorld(): ImportRecordInput[] {
  const coauthors = Array.from({ length: 18 }, (_, i) =>
    makePerson({ slug: `coauthor-${i + 1}`, name: `Coauthor Number${i + 1}`, expert: false }),
  );
  return [
    ...baseWorld(),
    ...coauthors,
    makePublication({
      slug: 'reference-piece',
      type: 'commentary',
      title: 'Why Grid Interconnectors Matter Now',
      summary: 'Cross-border power lines are the cheapest insurance against the next price shock.',
      primaryCenter: 'hq',
      centers: ['asia'],
      authors: ['alice-archer', 'chen-cho'],
      partner: 'harbor-institute',
      externalUrl: 'https://harbor.example/full-text',
      canonicalUrl: 'https://harbor.example/original',
      leadImage: {
        src: 'media/lead.svg',
        alt: 'A pale circle on a slate background',
        credit: 'Test Agency',
      },
      topics: ['energy'],
      regions: ['france'],
      programs: ['economy'],
      newsletters: ['hq-weekly'],
      publishedAt: '2017-07-25T14:00:00Z',
      featuredIn: ['hq', 'europe'],
      body: 'Europe’s grids were built nation by nation.[^1]\n\n## Main Argument\n\nLinking them lowers prices.\n\n> Interconnection is insurance.\n\n| Year | Capacity |\n|---|---|\n| 2020 | 10 GW |\n\n## Policy Implications\n\n- Plan lines jointly.\n- Share the cost.\n\n[^1]: An early note.',
    }),
    makePublication({
      slug: 'nineteen-authors',
      title: 'A Report by Nineteen Authors',
      type: 'report',
      authors: ['alice-archer', ...coauthors.map((p) => p.slug)],
      topics: ['energy'],
      publishedAt: '2016-05-01T00:00:00Z',
      centers: ['europe'],
    }),
    ...Array.from({ length: 25 }, (_, i) =>
      makePublication({
        slug: `europe-piece-${i + 1}`,
        title: `Europe Piece ${i + 1}`,
        primaryCenter: 'europe',
        authors: ['bruno-bell'],
        topics: ['trade'],
        regions: ['western-europe'],
        publishedAt: `2015-02-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
      }),
    ),
    {
      kind: 'page',
      center: 'europe',
      slug: 'about',
      title: 'About the Europe Center',
      summary: 'Who we are.',
      body: 'We study **Europe**.',
    },
  ];
}

export const PAGE_TYPE_URLS: Record<string, string> = {
  home: '/',
  'center home': '/europe',
  publication: '/research/reference-piece',
  'publication on a center': '/europe/research/reference-piece',
  'many authors': '/research/nineteen-authors',
  person: '/experts/alice-archer',
  'external person': '/experts/chen-cho',
  'experts directory': '/experts?topic=energy',
  research: '/research',
  'topic page': '/topics/energy',
  'topic page 2': '/europe/topics/trade?page=2',
  'region page': '/regions/europe',
  'program page': '/programs/economy',
  'project index': '/projects',
  'region index': '/regions',
  'type page': '/types/paper',
  'standing page': '/europe/about',
  search: '/search?q=energy',
  'search with filters': '/europe/search?q=trade&topic=energy&sort=date',
  'not found': '/research/no-such-piece',
  'bad request': '/research?page=zero',
};

/**
 * The page-types world served on a loopback port with Chromium ready: what the browser
 * suites share. Call in `beforeAll`; `close()` in `afterAll` stops both.
 */
export async function openBrowserSite(): Promise<{
  site: TestSite;
  browser: LaunchedBrowser;
  base: string;
  close(): Promise<void>;
}> {
  const [dialect] = testDialects();
  if (!dialect) throw new Error('no test dialect');
  const site = await openTestSite(dialect);
  await site.seed(pageTypesWorld());
  const base = await site.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser();
  return {
    site,
    browser,
    base,
    async close() {
      await browser.close();
      await site.close();
    },
  };
}
