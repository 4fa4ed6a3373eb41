import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * People in the admin: add a scholar, edit one (the public profile and every byline show
 * the change at once, the photo and links kept), refuse bad input, keep authors out.
 */

const form = (fields: Record<string, string>) => ({
  name: 'Someone',
  role: '',
  affiliation: '',
  program: '',
  center: '',
  orcid: '',
  email: '',
  bio: '',
  ...fields,
});

for (const dialect of testDialects()) {
  describe(`${dialect.name}: editing people`, () => {
    let site: TestSite;
    const browser = () => new AdminBrowser(() => site.app);
    const personId = async (slug: string) =>
      (
        await site.database.db
          .selectFrom('people')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow()
      ).id;

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({ slug: 'bylined', title: 'A Bylined Piece', authors: ['bruno-bell'] }),
      ]);
      await addEditorAndAuthor(site);
    });
    afterAll(() => site?.close());

    it('adds an expert and edits a scholar, shown at once on the site', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const created = await editor.submit('/admin/people/new', '/admin/people/new', {
        ...form({
          name: 'Dana Okafor',
          role: 'Senior Fellow',
          program: 'economy',
          bio: 'Works on **grids**.',
        }),
        expert: 'yes',
        expertise: 'topic:energy',
      });
      expect(created.statusCode, created.body.slice(0, 300)).toBe(303);
      const profile = await site.app.inject('/experts/dana-okafor');
      expect(profile.statusCode).toBe(200);
      expect(profile.body).toContain('Senior Fellow');
      expect(profile.body).toContain('Works on');

      const before = await site.database.db
        .selectFrom('people')
        .select(['photo_media_id', 'links'])
        .where('slug', '=', 'bruno-bell')
        .executeTakeFirstOrThrow();
      const id = await personId('bruno-bell');
      const path = `/admin/people/${id}`;
      const page = await editor.get(path);
      expect(page.body).toContain('value="Bruno Bell"');
      const saved = await editor.post(path, {
        ...form({ name: 'Bruno Bellamy', role: 'Visiting Scholar' }),
        expert: 'yes',
        _csrf: csrfOf(page.body),
      });
      expect(saved.statusCode).toBe(303);
      const after = await site.database.db
        .selectFrom('people')
        .select(['name', 'sort_name', 'photo_media_id', 'links'])
        .where('slug', '=', 'bruno-bell')
        .executeTakeFirstOrThrow();
      expect(after.name).toBe('Bruno Bellamy');
      expect(after.sort_name).toBe('Bellamy, Bruno');
      expect([after.photo_media_id, after.links]).toEqual([before.photo_media_id, before.links]);
      // Every byline shows the new name: the read cache heard of the change.
      expect((await site.app.inject('/research')).body).toContain('Bruno Bellamy');
      expect((await site.app.inject('/research/bylined')).body).toContain('Bruno Bellamy');
    });

    it('takes a long biography in any script', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const bio = 'Économiste spécialiste des réseaux électriques — 電力網の研究者。'
        .repeat(300)
        .slice(0, 19_000);
      const created = await editor.submit(
        '/admin/people/new',
        '/admin/people/new',
        form({ name: 'Long Bio', bio }),
      );
      expect(created.statusCode).toBe(303);
      const row = await site.database.db
        .selectFrom('people')
        .select('bio')
        .where('slug', '=', 'long-bio')
        .executeTakeFirstOrThrow();
      expect(row.bio).toBe(bio);
    });

    it('refuses bad input with the field named, and keeps authors out', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      for (const [fields, status] of [
        [form({ name: '' }), 422],
        [form({ name: 'Bad Orcid', orcid: '0000-0000-0000-0000' }), 422],
        [form({ name: 'Bad Mail', email: 'not-an-address' }), 422],
        [form({ name: 'Ghost Program', program: 'no-such-program' }), 422],
        [{ ...form({ name: 'Alice Again' }), slug: 'alice-archer' }, 409],
      ] as const) {
        const response = await editor.submit('/admin/people/new', '/admin/people/new', fields);
        expect(response.statusCode, JSON.stringify(fields)).toBe(status);
        expect(response.body).toContain('role="alert"');
      }
      for (const slug of ['bad-orcid', 'bad-mail', 'ghost-program']) {
        const row = await site.database.db
          .selectFrom('people')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirst();
        expect(row, slug).toBeUndefined();
      }
      expect((await editor.get('/admin/people/99999999')).statusCode).toBe(404);
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      expect((await author.get('/admin/people')).statusCode).toBe(403);
    });
  });
}
