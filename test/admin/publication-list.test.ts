import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, PASSWORD } from './admin-helpers.ts';

const titlesIn = (html: string) =>
  [...html.matchAll(/<tr><td><a href="\/admin\/publications\/\d+">([^<]*)<\/a><\/td>/g)]
    .map((m) => m[1] as string)
    .sort();

for (const dialect of testDialects()) {
  describe(`${dialect.name}: the admin's publication list`, () => {
    let site: TestSite;
    const browser = () => new AdminBrowser(() => site.app);

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'a1',
          title: 'Grid Storage 100% Explained',
          authors: ['alice-archer'],
        }),
        makePublication({
          slug: 'a2',
          title: 'Alice draft',
          authors: ['alice-archer'],
          status: 'draft',
        }),
        makePublication({
          slug: 'b1',
          title: 'Bruno on trade_policy',
          authors: ['bruno-bell'],
          status: 'review',
        }),
        makePublication({
          slug: 'c1',
          title: 'Shared piece',
          authors: ['bruno-bell', 'alice-archer'],
          type: 'report',
        }),
      ]);
      await addEditorAndAuthor(site);
    });
    afterAll(() => site?.close());

    it('shows an editor every status, filtered', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      expect(titlesIn((await editor.get('/admin/publications')).body)).toEqual([
        'Alice draft',
        'Bruno on trade_policy',
        'Grid Storage 100% Explained',
        'Shared piece',
      ]);
      expect(titlesIn((await editor.get('/admin/publications?status=draft')).body)).toEqual([
        'Alice draft',
      ]);
      // % and _ are text, and case does not matter.
      expect(titlesIn((await editor.get('/admin/publications?q=100%25')).body)).toEqual([
        'Grid Storage 100% Explained',
      ]);
      expect(titlesIn((await editor.get('/admin/publications?q=TRADE_')).body)).toEqual([
        'Bruno on trade_policy',
      ]);
      expect(titlesIn((await editor.get('/admin/publications?q=i_e')).body)).toEqual([]);
      const bruno = await site.database.db
        .selectFrom('people')
        .select('id')
        .where('slug', '=', 'bruno-bell')
        .executeTakeFirstOrThrow();
      expect(titlesIn((await editor.get(`/admin/publications?author=${bruno.id}`)).body)).toEqual([
        'Bruno on trade_policy',
        'Shared piece',
      ]);
    });

    it('shows an author only the pieces with their byline', async () => {
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      expect(titlesIn((await author.get('/admin/publications')).body)).toEqual([
        'Alice draft',
        'Grid Storage 100% Explained',
        'Shared piece',
      ]);
    });

    it('answers a bad filter with 400 and a reason', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      for (const query of [
        'status=gone',
        'type=abc',
        'page=0',
        'center=99999999999',
        `q=${'x'.repeat(300)}`,
      ]) {
        const response = await editor.get(`/admin/publications?${query}`);
        expect(response.statusCode, query).toBe(400);
      }
    });
  });
}
