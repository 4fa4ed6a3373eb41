import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

// The site's clock stands at 2026-06-01T12:00Z.
const hidden = [
  makePublication({
    slug: 'secret-draft',
    title: 'SECRET DRAFT TITLE',
    status: 'draft',
    publishedAt: '2020-01-01T00:00:00Z',
  }),
  makePublication({
    slug: 'secret-review',
    title: 'SECRET REVIEW TITLE',
    status: 'review',
    publishedAt: '2020-01-01T00:00:00Z',
  }),
  makePublication({
    slug: 'secret-scheduled',
    title: 'SECRET SCHEDULED TITLE',
    status: 'scheduled',
    publishedAt: '2026-06-01T12:00:01Z',
  }),
  makePublication({
    slug: 'secret-embargo',
    title: 'SECRET EMBARGO TITLE',
    status: 'published',
    publishedAt: '2026-05-01T00:00:00Z',
    embargoUntil: '2026-07-01T00:00:00Z',
  }),
  makePublication({
    slug: 'secret-archived',
    title: 'SECRET ARCHIVED TITLE',
    status: 'archived',
    publishedAt: '2020-01-01T00:00:00Z',
  }),
].map((p) => ({
  ...p,
  authors: ['alice-archer', 'dana-draft'],
  topics: ['energy'],
  regions: ['france'],
  programs: ['economy'],
  featuredIn: ['hq'],
  centers: ['europe'],
}));

const pages = [
  '/',
  '/research',
  '/experts/alice-archer',
  '/topics/energy',
  '/regions/europe',
  '/regions/france',
  '/programs/economy',
  '/types/paper',
  '/europe',
  '/europe/research/live-piece',
  '/research/live-piece',
];

for (const dialect of testDialects()) {
  describe(`nothing unpublished leaks (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePerson({ slug: 'dana-draft', name: 'Dana Draft', external: true, expert: false }),
        makePublication({
          slug: 'live-piece',
          title: 'LIVE PIECE',
          topics: ['energy'],
          regions: ['france'],
        }),
        ...hidden,
      ]);
    });
    afterAll(() => site.close());
    const get = (url: string) => site.app.inject({ method: 'GET', url });

    it.each(hidden.map((p) => p.slug))('answers 404 for %s on every site', async (slug) => {
      for (const prefix of ['', '/europe'])
        expect((await get(`${prefix}/research/${slug}`)).statusCode).toBe(404);
    });

    it('keeps unpublished titles and slugs off every list page, and out of counts', async () => {
      for (const url of pages) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toMatch(/SECRET|secret-/);
      }
      const topic = await get('/topics/energy');
      expect(topic.body).toContain('1 publication<');
    });

    it('gives an external author with only unpublished work no page', async () => {
      expect((await get('/experts/dana-draft')).statusCode).toBe(404);
    });

    it('shows a scheduled piece at its time and an embargoed one when the embargo lifts, never before', async () => {
      site.clock.set('2026-06-01T12:00:00.999Z');
      expect((await get('/research/secret-scheduled')).statusCode).toBe(404);
      site.clock.set('2026-06-01T12:00:01Z');
      expect((await get('/research/secret-scheduled')).statusCode).toBe(200);
      expect((await get('/research/secret-embargo')).statusCode).toBe(404);
      site.clock.set('2026-07-01T00:00:00Z');
      expect((await get('/research/secret-embargo')).statusCode).toBe(200);
      site.clock.set('2026-06-01T12:00:00Z');
    });
  });
}
