import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, csrfOf, PASSWORD } from './admin-helpers.ts';

for (const dialect of testDialects()) {
  describe(`${dialect.name}: press previews`, () => {
    let site: TestSite;
    let pieceId: number;
    const browser = () => new AdminBrowser(() => site.app);

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'embargoed-budget',
          title: 'The Embargoed Budget Analysis',
          authors: ['alice-archer'],
          status: 'scheduled',
          publishedAt: '2026-06-10T06:00:00Z',
        }),
      ]);
      await addEditorAndAuthor(site, 'ed@example.org');
      pieceId = (
        await site.database.db
          .selectFrom('publications')
          .select('id')
          .where('slug', '=', 'embargoed-budget')
          .executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(() => site?.close());

    it('shows the embargoed piece to the link holder only, marked and unindexed, and logs each use', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const editor = browser();
      await editor.signIn('ed@example.org', PASSWORD);
      const made = await editor.submit(
        `/admin/publications/${pieceId}`,
        `/admin/publications/${pieceId}/previews`,
        { note: 'Wire desk', hours: '24' },
      );
      expect(made.statusCode).toBe(201);
      const link = /value="(http:\/\/dossier\.test\/preview\/[A-Za-z0-9_-]{43})"/.exec(
        made.body,
      )?.[1];
      expect(link).toBeDefined();
      const path = new URL(link as string).pathname;

      expect((await site.app.inject('/research/embargoed-budget')).statusCode).toBe(404);
      const preview = await site.app.inject({
        url: path,
        headers: { 'user-agent': 'Newsroom/1.0' },
      });
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('The Embargoed Budget Analysis');
      expect(preview.body).toContain('Press preview: embargoed.');
      expect(preview.body).toContain(
        '<meta name="robots" content="noindex, nofollow, noarchive"/>',
      );
      expect(preview.body).not.toContain('id="search-record"');
      expect(preview.headers['x-robots-tag']).toContain('noindex');
      expect(preview.headers['cache-control']).toBe('no-store, private');
      expect(preview.headers['referrer-policy']).toBe('no-referrer');
      await site.app.inject(path);

      const page = await editor.get(`/admin/publications/${pieceId}`);
      expect(page.body).toContain('Wire desk');
      expect(page.body).toMatch(/<td>2 \(last 2026-06-01 12:00\)<\/td>/);

      // Expired: gone, and the failed try is not a use.
      site.clock.set('2026-06-02T12:00:00.001Z');
      expect((await site.app.inject(path)).statusCode).toBe(404);
      site.clock.set('2026-06-01T13:00:00Z');
      expect((await site.app.inject(path)).statusCode).toBe(200);

      // Revoked: gone at once.
      const listed = await editor.get(`/admin/publications/${pieceId}`);
      const revoke = /action="(\/admin\/publications\/\d+\/previews\/\d+\/revoke)"/.exec(
        listed.body,
      )?.[1];
      expect(revoke).toBeDefined();
      expect((await editor.post(revoke as string, { _csrf: csrfOf(listed.body) })).statusCode).toBe(
        303,
      );
      expect((await site.app.inject(path)).statusCode).toBe(404);
      expect((await editor.get(`/admin/publications/${pieceId}`)).body).toContain('revoked');
    });

    it('refuses made-up links and authors making links', async () => {
      for (const path of [
        '/preview/x',
        `/preview/${'A'.repeat(43)}`,
        '/preview/..%2F..%2Fetc',
        '/preview/',
      ]) {
        expect((await site.app.inject(path)).statusCode, path).toBe(404);
      }
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      const page = await author.get(`/admin/publications/${pieceId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Press previews');
      const made = await author.post(`/admin/publications/${pieceId}/previews`, {
        _csrf: csrfOf(page.body),
        note: 'x',
        hours: '24',
      });
      expect(made.statusCode).toBe(403);
      const editor = browser();
      await editor.signIn('ed@example.org', PASSWORD);
      for (const hours of ['0', '10000', 'soon', '1.5']) {
        const response = await editor.submit(
          `/admin/publications/${pieceId}`,
          `/admin/publications/${pieceId}/previews`,
          { note: 'x', hours },
        );
        expect(response.statusCode, hours).toBe(422);
      }
    });
  });
}
