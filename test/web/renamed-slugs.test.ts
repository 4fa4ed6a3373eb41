import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

for (const dialect of testDialects()) {
  describe(`renamed slugs answer with a 301 (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({ slug: 'first-name' }),
        makePublication({ slug: 'draft-old', status: 'draft', publishedAt: undefined }),
        makePerson({ slug: 'old-person', name: 'Renamed Person' }),
        { kind: 'term', taxonomy: 'topic', slug: 'old-topic', name: 'Old Topic' },
      ]);
      await site.seed([
        makePublication({ slug: 'second-name', previousSlugs: ['first-name'] }),
        makePublication({ slug: 'third-name', previousSlugs: ['second-name', 'first-name'] }),
        makePublication({
          slug: 'draft-new',
          previousSlugs: ['draft-old'],
          status: 'draft',
          publishedAt: undefined,
        }),
        makePerson({ slug: 'new-person', name: 'Renamed Person', previousSlugs: ['old-person'] }),
        {
          kind: 'term',
          taxonomy: 'topic',
          slug: 'new-topic',
          name: 'New Topic',
          previousSlugs: ['old-topic'],
        },
      ]);
    });
    afterAll(() => site.close());
    const get = (url: string) => site.app.inject({ method: 'GET', url });

    it('sends every old publication slug to the newest, on every center, keeping the query', async () => {
      for (const old of ['first-name', 'second-name']) {
        const res = await get(`/research/${old}`);
        expect(res.statusCode).toBe(301);
        expect(res.headers.location).toBe('/research/third-name');
      }
      const prefixed = await get('/europe/research/first-name?page=1');
      expect(prefixed.headers.location).toBe('/europe/research/third-name?page=1');
      expect((await get('/research/third-name')).statusCode).toBe(200);
    });

    it('does not reveal where an unpublished piece moved', async () => {
      expect((await get('/research/draft-old')).statusCode).toBe(404);
    });

    it('redirects renamed people and terms', async () => {
      expect((await get('/experts/old-person')).headers.location).toBe('/experts/new-person');
      expect((await get('/topics/old-topic')).headers.location).toBe('/topics/new-topic');
      expect((await get('/topics/new-topic')).statusCode).toBe(200);
    });
  });
}
