import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, accountsOf, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * The newsletter screens of the admin, over the digest service the CLI uses: draft an
 * issue for a list, reorder and remove pieces, write the subject and introduction,
 * preview it as HTML and text, send a test, schedule it; authors are kept out.
 */

for (const dialect of testDialects()) {
  describe(`${dialect.name}: newsletter screens`, () => {
    let site: TestSite;
    const browser = () => new AdminBrowser(() => site.app);

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'first-piece',
          title: 'First Piece For Readers',
          newsletters: ['hq-weekly'],
          publishedAt: '2026-05-01T10:00:00Z',
        }),
        makePublication({
          slug: 'second-piece',
          title: 'Second Piece For Readers',
          newsletters: ['hq-weekly'],
          publishedAt: '2026-05-02T10:00:00Z',
        }),
        makePublication({
          slug: 'embargoed-piece',
          title: 'Not Yet For Anyone',
          newsletters: ['hq-weekly'],
          status: 'scheduled',
          publishedAt: '2026-07-01T10:00:00Z',
        }),
      ]);
      const accounts = accountsOf(site);
      await accounts.createUser({
        email: 'ed@example.org',
        name: 'Ed',
        role: 'editor',
        password: PASSWORD,
      });
      await accounts.createUser({
        email: 'au@example.org',
        name: 'Au',
        role: 'author',
        password: PASSWORD,
      });
    });
    afterAll(() => site?.close());

    it('drafts, edits, previews, tests and schedules an issue', async () => {
      const editor = browser();
      await editor.signIn('ed@example.org', PASSWORD);
      const overview = await editor.get('/admin/newsletters');
      expect(overview.statusCode).toBe(200);
      expect(overview.body).toContain('HQ Weekly');
      const drafted = await editor.post('/admin/newsletters/issues', {
        _csrf: csrfOf(overview.body),
        list: 'hq-weekly',
      });
      expect(drafted.statusCode).toBe(303);
      const path = drafted.headers.location as string;
      let page = await editor.get(path);
      expect(page.body).toContain('First Piece For Readers');
      expect(page.body).toContain('Second Piece For Readers');
      expect(page.body).not.toContain('Not Yet For Anyone');
      const order = (html: string) =>
        [...html.matchAll(/<strong>((?:First|Second) Piece For Readers)<\/strong>/g)].map(
          (m) => m[1],
        );
      const before = order(page.body);

      // Move the second piece up, write a subject and an introduction.
      page = await editor.post(`${path}/pieces/move`, {
        _csrf: csrfOf(page.body),
        slug: before[1] === 'Second Piece For Readers' ? 'second-piece' : 'first-piece',
        position: '0',
      });
      expect(order(page.body)).toEqual([before[1], before[0]]);
      page = await editor.post(`${path}/text`, {
        _csrf: csrfOf(page.body),
        subject: 'This Week at Headquarters',
        intro: 'Two pieces **worth** your time.',
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('value="This Week at Headquarters"');

      // Refused: an unpublished piece, and a subject with a line break.
      const refused = await editor.post(`${path}/pieces/add`, {
        _csrf: csrfOf(page.body),
        slug: 'embargoed-piece',
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).toContain('role="alert"');
      const badSubject = await editor.post(`${path}/text`, {
        _csrf: csrfOf(page.body),
        subject: 'Bcc: everyone\r\nX-Injected: yes',
        intro: '',
      });
      expect(badSubject.statusCode).toBe(422);

      // Previews: the HTML and the plain text the readers will get.
      const html = await editor.get(`${path}/preview.html`);
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain('<strong>worth</strong>');
      const text = await editor.get(`${path}/preview.txt`);
      expect(text.headers['content-type']).toContain('text/plain');
      expect(text.body).toContain('First Piece For Readers');

      // A test message lands in the outbox folder (no SMTP configured), parsed back.
      const outbox = join(site.dataDir, 'outbox');
      await rm(outbox, { recursive: true, force: true });
      page = await editor.get(path);
      const tested = await editor.post(`${path}/test`, {
        _csrf: csrfOf(page.body),
        to: 'proof@example.org',
      });
      expect(tested.statusCode).toBe(200);
      const files = (await readdir(outbox, { recursive: true })).filter((f) =>
        String(f).endsWith('.eml'),
      );
      expect(files).toHaveLength(1);
      const mail = await simpleParser(await readFile(join(outbox, String(files[0]))));
      expect(mail.subject).toContain('This Week at Headquarters');
      expect(mail.text).toContain('Second Piece For Readers');

      // Scheduled, then shown as such on the overview.
      page = await editor.post(`${path}/schedule`, {
        _csrf: csrfOf(tested.body),
        at: '2026-06-04T08:00',
      });
      expect(page.body).toContain('scheduled');
      expect((await editor.get('/admin/newsletters')).body).toContain('2026-06-04 08:00');
    });

    it('keeps authors and strangers out', async () => {
      const author = browser();
      await author.signIn('au@example.org', PASSWORD);
      expect((await author.get('/admin/newsletters')).statusCode).toBe(403);
      expect((await browser().get('/admin/newsletters')).statusCode).toBe(303);
      const editor = browser();
      await editor.signIn('ed@example.org', PASSWORD);
      for (const url of ['/admin/newsletters/issues/999999', '/admin/newsletters/issues/abc']) {
        expect((await editor.get(url)).statusCode, url).toBe(404);
      }
    });
  });
}
