import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * Taxonomies in the admin: add a region inside another, rename a topic (the public site
 * shows the new name at once), refuse a parent that would make a loop, and keep authors
 * out.
 */

for (const dialect of testDialects()) {
  describe(`${dialect.name}: editing taxonomies`, () => {
    let site: TestSite;
    const browser = () => new AdminBrowser(() => site.app);
    const termId = async (taxonomy: string, slug: string) =>
      (
        await site.database.db
          .selectFrom('terms')
          .select('id')
          .where('taxonomy', '=', taxonomy)
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow()
      ).id;

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({ slug: 'energy-piece', topics: ['energy'] }),
      ]);
      await addEditorAndAuthor(site);
    });
    afterAll(() => site?.close());

    it('adds a region inside another and renames a topic everywhere', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const regions = await editor.get('/admin/terms?taxonomy=region');
      expect(regions.statusCode).toBe(200);
      expect(regions.body).toContain('Western Europe');
      const added = await editor.post('/admin/terms', {
        _csrf: csrfOf(regions.body),
        taxonomy: 'region',
        name: 'Île-de-France',
        slug: '',
        parent: 'france',
        description: 'The region around Paris.',
      });
      expect(added.statusCode).toBe(200);
      const row = await site.database.db
        .selectFrom('terms as t')
        .innerJoin('terms as p', 'p.id', 't.parent_id')
        .select(['t.slug', 'p.slug as parent'])
        .where('t.name', '=', 'Île-de-France')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ slug: 'ile-de-france', parent: 'france' });

      const energy = await termId('topic', 'energy');
      const page = await editor.get(`/admin/terms/${energy}`);
      const saved = await editor.post(`/admin/terms/${energy}`, {
        _csrf: csrfOf(page.body),
        name: 'Energy & Climate',
        parent: '',
        description: 'Power, grids and the climate.',
      });
      expect(saved.statusCode).toBe(200);
      const topicPage = await site.app.inject('/topics/energy');
      expect(topicPage.body).toContain('Energy &amp; Climate');
    });

    it('refuses loops, duplicates and bad input, and keeps authors out', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const europe = await termId('region', 'europe');
      const page = await editor.get(`/admin/terms/${europe}`);
      // France sits within Western Europe, within Europe: Europe cannot move inside France.
      const loop = await editor.post(`/admin/terms/${europe}`, {
        _csrf: csrfOf(page.body),
        name: 'Europe',
        parent: 'france',
        description: '',
      });
      expect(loop.statusCode).toBe(422);
      expect(loop.body).toContain('role="alert"');
      const parent = await site.database.db
        .selectFrom('terms')
        .select('parent_id')
        .where('id', '=', europe)
        .executeTakeFirstOrThrow();
      expect(parent.parent_id).toBeNull();
      for (const [fields, status] of [
        [{ name: 'Trade again', slug: 'trade' }, 409],
        [{ name: '', slug: 'empty' }, 422],
        [{ name: 'Bad slug', slug: 'Not A Slug' }, 422],
        [{ name: 'Lost', slug: 'lost', parent: 'no-such-topic' }, 422],
      ] as const) {
        const list = await editor.get('/admin/terms?taxonomy=topic');
        const response = await editor.post('/admin/terms', {
          _csrf: csrfOf(list.body),
          taxonomy: 'topic',
          description: '',
          parent: '',
          ...fields,
        });
        expect(response.statusCode, JSON.stringify(fields)).toBe(status);
      }
      expect((await editor.get('/admin/terms?taxonomy=nonsense')).statusCode).toBe(404);
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      expect((await author.get('/admin/terms')).statusCode).toBe(403);
    });
  });
}
