import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import {
  AdminBrowser,
  addEditorAndAuthor,
  csrfOf,
  PASSWORD,
  publicationIdOf,
} from './admin-helpers.ts';

/*
 * Editing in the admin, through the real server: drafts, publishing, pending revisions of
 * live pieces (which the public never sees until published), restoring, and what authors
 * may not do.
 */

/** Every field the editor form sends, as a browser would send them. */
function form(fields: Record<string, string>): Record<string, string> {
  return {
    title: 'Untitled',
    type: 'paper',
    summary: '',
    body: '',
    authors: '',
    newAuthor: '',
    primaryCenter: 'hq',
    status: 'draft',
    publishedAt: '',
    embargoUntil: '',
    ...fields,
  };
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: editing publications in the admin`, () => {
    let site: TestSite;
    const browser = () => new AdminBrowser(() => site.app);
    const idOf = (slug: string) => publicationIdOf(site, slug);
    const publicPage = async (slug: string) => site.app.inject(`/research/${slug}`);

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'live-piece',
          title: 'The Original Title',
          body: 'Original body.',
          authors: ['alice-archer'],
          publishedAt: '2026-03-01T09:00:00Z',
        }),
        makePublication({
          slug: 'pictured-draft',
          title: 'A Draft With A Picture',
          authors: ['bruno-bell'],
          status: 'draft',
          leadImage: { src: 'media/lead.svg', alt: 'A pale circle', credit: 'Test Agency' },
        }),
        makePublication({
          slug: 'bruno-draft',
          title: 'Bruno Private Draft',
          authors: ['bruno-bell'],
          status: 'draft',
        }),
      ]);
      await addEditorAndAuthor(site);
    });
    afterAll(() => site?.close());

    it('creates a draft with an inline outside author, invisible until published', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const created = await editor.submit(
        '/admin/publications/new',
        '/admin/publications/new',
        form({
          title: 'Water Markets in Drought',
          slug: 'water-markets',
          authors: 'alice-archer',
          newAuthor: 'Zoë Outsider',
          body: 'Markets move water.[^1]\n\n| Basin | Price |\n|---|---|\n| North | 12 |\n\n[^1]: A note.',
        }),
      );
      expect(created.statusCode, created.body).toBe(303);
      expect((await publicPage('water-markets')).statusCode).toBe(404);
      const id = await idOf('water-markets');
      const page = await editor.get(`/admin/publications/${id}`);
      expect(page.body).toContain('Zoë Outsider');
      const published = await editor.post(`/admin/publications/${id}/publish`, {
        _csrf: csrfOf(page.body),
      });
      expect(published.statusCode).toBe(303);
      const live = await publicPage('water-markets');
      expect(live.statusCode).toBe(200);
      expect(live.body).toContain('Zoë Outsider');
      expect(live.body).toContain('<table');
      expect(live.body).toMatch(/footnote/);
    });

    it('keeps a live piece live while its edit waits as a pending revision, then publishes and restores', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const id = await idOf('live-piece');
      const path = `/admin/publications/${id}`;
      const saved = await editor.submit(
        path,
        path,
        form({
          title: 'A Secret New Title',
          body: 'Unpublished xylophonic wording.',
          authors: 'alice-archer',
          status: 'published',
          publishedAt: '2026-03-01T09:00',
        }),
      );
      expect(saved.statusCode, saved.body).toBe(303);
      // The public still sees the live version, everywhere.
      for (const url of [
        '/research/live-piece',
        '/experts/alice-archer',
        '/research',
        '/search?q=secret',
        '/api/search?q=secret',
        '/feed.xml',
        '/sitemap.xml',
      ]) {
        const response = await site.app.inject(url);
        expect(response.body, url).not.toContain('xylophonic');
        expect(response.body, url).not.toContain('A Secret New Title');
      }
      // And search finds it by its live words, not by the pending ones.
      const search = (q: string) => site.app.inject(`/api/search?q=${q}`).then((r) => r.json());
      expect(JSON.stringify(await search('xylophonic'))).not.toContain('live-piece');
      expect(JSON.stringify(await search('original'))).toContain('live-piece');
      expect((await publicPage('live-piece')).body).toContain('The Original Title');
      // The editor sees the pending revision, and publishes it.
      const pending = await editor.get(path);
      expect(pending.body).toContain('A Secret New Title');
      expect(pending.body).toContain('pending');
      await editor.post(`${path}/publish`, { _csrf: csrfOf(pending.body) });
      expect((await publicPage('live-piece')).body).toContain('A Secret New Title');

      // A later edit waits again; the first revision can be compared with it and restored
      // (as a pending revision, since the piece is live).
      await editor.submit(
        path,
        path,
        form({
          title: 'A Third Title',
          authors: 'alice-archer',
          status: 'published',
          publishedAt: '2026-03-01T09:00',
        }),
      );
      const history = await editor.get(path);
      const links = [...history.body.matchAll(/\/admin\/publications\/\d+\/revisions\/(\d+)/g)].map(
        (m) => Number(m[1]),
      );
      expect(links.length).toBeGreaterThanOrEqual(2);
      const oldest = Math.min(...links);
      const compare = await editor.get(`${path}/revisions/${oldest}`);
      expect(compare.statusCode).toBe(200);
      expect(compare.body).toContain('<del>Third</del>');
      expect(compare.body).toContain('<ins>Secret</ins>');
      const restore = await editor.post(`${path}/revisions/${oldest}/restore`, {
        _csrf: csrfOf(compare.body),
      });
      expect(restore.statusCode).toBe(303);
      const restored = await editor.get(path);
      expect(restored.body).toContain('value="A Secret New Title"');
      // Still pending: the public sees the published second title.
      expect((await publicPage('live-piece')).body).toContain('A Secret New Title');
      expect((await publicPage('live-piece')).body).not.toContain('Third Title');
    });

    it('schedules a piece: hidden until its minute, with its job shown to the editor', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const created = await editor.submit(
        '/admin/publications/new',
        '/admin/publications/new',
        form({
          title: 'Embargoed Report',
          slug: 'embargoed-report',
          authors: 'chen-cho',
          status: 'scheduled',
          publishedAt: '2026-06-01T12:05',
        }),
      );
      expect(created.statusCode, created.body).toBe(303);
      const id = await idOf('embargoed-report');
      expect((await editor.get(`/admin/publications/${id}`)).body).toContain('Goes live at');
      site.clock.set('2026-06-01T12:04:59.999Z');
      expect((await publicPage('embargoed-report')).statusCode).toBe(404);
      expect((await site.app.inject('/experts/chen-cho')).body).not.toContain('Embargoed Report');
      site.clock.set('2026-06-01T12:05:00Z');
      expect((await publicPage('embargoed-report')).statusCode).toBe(200);
      site.clock.set('2026-06-01T12:00:00Z');
    });

    it('keeps a piece’s lead image, byte for byte, through a save', async () => {
      const file = join(site.dataDir, 'uploads', 'media', 'lead.svg');
      const before = await readFile(file);
      expect(before.length).toBeGreaterThan(0);
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const id = await idOf('pictured-draft');
      const path = `/admin/publications/${id}`;
      const saved = await editor.submit(
        path,
        path,
        form({ title: 'A Draft With A Picture, Edited', authors: 'bruno-bell' }),
      );
      expect(saved.statusCode, saved.body).toBe(303);
      expect(await readFile(file)).toEqual(before);
      const row = await site.database.db
        .selectFrom('publications')
        .select(['title', 'lead_media_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.title).toBe('A Draft With A Picture, Edited');
      expect(row.lead_media_id).not.toBeNull();
    });

    it('restores an earlier text of a draft in place', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      await editor.submit(
        '/admin/publications/new',
        '/admin/publications/new',
        form({
          title: 'First wording',
          slug: 'restorable',
          authors: 'bruno-bell',
        }),
      );
      const id = await idOf('restorable');
      const path = `/admin/publications/${id}`;
      await editor.submit(path, path, form({ title: 'Second wording', authors: 'bruno-bell' }));
      const page = await editor.get(path);
      expect(page.body).toContain('Second wording');
      const first = Math.min(
        ...[...page.body.matchAll(/revisions\/(\d+)/g)].map((m) => Number(m[1])),
      );
      const restored = await editor.post(`${path}/revisions/${first}/restore`, {
        _csrf: csrfOf(page.body),
      });
      expect(restored.statusCode).toBe(303);
      const row = await site.database.db
        .selectFrom('publications')
        .select('title')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.title).toBe('First wording');
    });

    it('never lets an author publish or open another author’s draft', async () => {
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      const bruno = await idOf('bruno-draft');
      expect((await author.get(`/admin/publications/${bruno}`)).statusCode).toBe(403);
      expect((await publicPage('bruno-draft')).statusCode).toBe(404);
      // Her own draft: she may save it for review, not publish it.
      const created = await author.submit(
        '/admin/publications/new',
        '/admin/publications/new',
        form({
          title: 'Alice Writes',
          slug: 'alice-writes',
          status: 'review',
        }),
      );
      expect(created.statusCode, created.body).toBe(303);
      const own = await idOf('alice-writes');
      const page = await author.get(`/admin/publications/${own}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('/publish"');
      const publish = await author.post(`/admin/publications/${own}/publish`, {
        _csrf: csrfOf(page.body),
      });
      expect(publish.statusCode).toBe(403);
      const asPublished = await author.post(`/admin/publications/${own}`, {
        ...form({
          title: 'Alice Writes',
          authors: 'alice-archer',
          status: 'published',
          publishedAt: '2026-05-01T00:00',
        }),
        _csrf: csrfOf(page.body),
      });
      expect(asPublished.statusCode).toBe(403);
      expect((await publicPage('alice-writes')).statusCode).toBe(404);
      const status = await site.database.db
        .selectFrom('publications')
        .select('status')
        .where('id', '=', own)
        .executeTakeFirstOrThrow();
      expect(status.status).toBe('review');
    });

    it('refuses bad input with the field named, writing nothing', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const cases: [Record<string, string>, string][] = [
        [{ title: '' }, 'title'],
        [
          { title: 'Bad date', slug: 'bad-date', status: 'published', publishedAt: 'yesterday' },
          'publishedAt',
        ],
        [{ title: 'Ghost author', slug: 'ghost-author', authors: 'nobody-at-all' }, 'authors'],
        [{ title: 'Bad type', slug: 'bad-type', type: '../../etc' }, 'type'],
        [{ title: 'Taken', slug: 'live-piece' }, 'slug'],
        [{ title: 'Bad slug', slug: 'Not A Slug!' }, 'slug'],
      ];
      for (const [fields, field] of cases) {
        const response = await editor.submit(
          '/admin/publications/new',
          '/admin/publications/new',
          form(fields),
        );
        expect([409, 422], JSON.stringify(fields)).toContain(response.statusCode);
        expect(response.body, JSON.stringify(fields)).toContain('role="alert"');
        expect(response.body, JSON.stringify(fields)).toContain(
          field === 'title' ? 'The title' : field,
        );
      }
      for (const slug of ['bad-date', 'ghost-author', 'bad-type']) {
        const row = await site.database.db
          .selectFrom('publications')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirst();
        expect(row, slug).toBeUndefined();
      }
      for (const url of [
        '/admin/publications/0',
        '/admin/publications/abc',
        '/admin/publications/99999999999',
        '/admin/publications/123456',
      ]) {
        expect((await editor.get(url)).statusCode, url).toBe(404);
      }
    });
  });
}
