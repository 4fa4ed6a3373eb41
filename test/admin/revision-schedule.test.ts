import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler, type Scheduler } from '../../src/admin/scheduler/scheduler.ts';
import { publicationRecordOf } from '../../src/export/publication-records.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * "Publish this revision at": a live piece's pending revision set to replace the live
 * version at a time, from its page in the admin, through the real server.
 */

const LIVE_SLUGS = ['corrected-report', 'twin-report', 'cancel-me', 'refused', 'untouched'];

for (const dialect of testDialects()) {
  describe(`${dialect.name}: scheduling a pending revision from the edit page`, () => {
    let site: TestSite;
    let scheduler: Scheduler;
    const ids = new Map<string, number>();
    const idOf = (slug: string) => ids.get(slug) as number;
    const signedIn = async (email = 'editor@example.org') => {
      const browser = new AdminBrowser(() => site.app);
      await browser.signIn(email, PASSWORD);
      return browser;
    };
    /** Saves new wording of a live piece from its form: it waits as the pending revision. */
    const revise = async (browser: AdminBrowser, slug: string, word: string) => {
      const path = `/admin/publications/${idOf(slug)}`;
      const saved = await browser.submit(path, path, {
        title: `Corrected ${slug}`,
        type: 'paper',
        summary: '',
        body: `The revised ${word} estimate.`,
        authors: 'alice-archer',
        newAuthor: '',
        primaryCenter: 'hq',
        status: 'published',
        publishedAt: '2026-03-01T09:00',
        embargoUntil: '',
      });
      expect(saved.statusCode, saved.body).toBe(303);
    };
    const setTime = (browser: AdminBrowser, slug: string, value: string) =>
      browser.submit(
        `/admin/publications/${idOf(slug)}`,
        `/admin/publications/${idOf(slug)}/publish-revision-at`,
        { publishRevisionAt: value },
      );
    const queued = (slug: string) =>
      site.database.db
        .selectFrom('scheduled_jobs')
        .select(['kind', 'run_at', 'created_by'])
        .where('publication_id', '=', idOf(slug))
        .where('status', '=', 'queued')
        .execute();
    const audit = (action: string, slug: string) =>
      site.database.db
        .selectFrom('audit_log')
        .select(['user_email', 'detail'])
        .where('action', '=', action)
        .where('entity_id', '=', String(idOf(slug)))
        .execute();
    const publicPage = async (slug: string) => (await site.app.inject(`/research/${slug}`)).body;

    beforeAll(async () => {
      site = await openTestSite(dialect, '2026-06-01T12:00:00Z');
      await site.seed([
        ...baseWorld(),
        ...LIVE_SLUGS.map((slug) =>
          makePublication({
            slug,
            title: `Original ${slug}`,
            body: 'The first estimate.',
            authors: ['alice-archer'],
            publishedAt: '2026-03-01T09:00:00Z',
          }),
        ),
      ]);
      await addEditorAndAuthor(site);
      for (const slug of LIVE_SLUGS) {
        const row = await site.database.db
          .selectFrom('publications')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow();
        ids.set(slug, row.id);
      }
      scheduler = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock: site.clock,
        uploadsDir: join(site.dataDir, 'uploads'),
      });
    });
    afterAll(() => site?.close());

    it('publishes the revision at its time, as the Publish button would, and not before', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const editor = await signedIn();
      await revise(editor, 'corrected-report', 'xenolithic');
      await revise(editor, 'twin-report', 'xenolithic');
      const form = await editor.get(`/admin/publications/${idOf('corrected-report')}`);
      expect(form.body).toContain('Publish this revision at (UTC)');

      const set = await setTime(editor, 'corrected-report', '2026-06-02T09:00');
      expect(set.statusCode, set.body).toBe(303);
      expect(await queued('corrected-report')).toEqual([
        {
          kind: 'publish-revision',
          run_at: '2026-06-02T09:00:00.000Z',
          created_by: 'editor@example.org',
        },
      ]);
      const page = await editor.get(`/admin/publications/${idOf('corrected-report')}`);
      expect(page.body).toContain('value="2026-06-02T09:00"');
      expect(page.body).toMatch(
        /The pending revision replaces the live version at\s*<time[^>]*>2026-06-02 09:00/,
      );
      expect(page.body).toContain('Cancel the scheduled revision');
      const scheduled = await audit('publication.revision-scheduled', 'corrected-report');
      expect(scheduled.map((a) => a.user_email)).toEqual(['editor@example.org']);
      expect(JSON.parse(scheduled[0]?.detail ?? '{}').at).toBe('2026-06-02T09:00:00.000Z');

      // A millisecond before its time, nothing of it is public.
      site.clock.set('2026-06-02T08:59:59.999Z');
      expect(await scheduler.runDue()).toBe(0);
      expect(await publicPage('corrected-report')).not.toContain('xenolithic');
      const search = await site.app.inject('/api/search?q=xenolithic');
      expect((search.json() as { total: number }).total).toBe(0);

      site.clock.set('2026-06-02T09:00:00.000Z');
      expect(await scheduler.runDue()).toBe(1);
      const twin = await editor.get(`/admin/publications/${idOf('twin-report')}`);
      const pressed = await editor.post(`/admin/publications/${idOf('twin-report')}/publish`, {
        _csrf: csrfOf(twin.body),
      });
      expect(pressed.statusCode).toBe(303);

      expect(await publicPage('corrected-report')).toContain('xenolithic');
      const bySchedule = await publicationRecordOf(site.database.db, idOf('corrected-report'));
      const byButton = await publicationRecordOf(site.database.db, idOf('twin-report'));
      const withoutNames = (record: typeof bySchedule) =>
        JSON.parse(JSON.stringify(record).replaceAll('twin-report', 'corrected-report'));
      expect(withoutNames(bySchedule)).toEqual(withoutNames(byButton));
      const after = await editor.get(`/admin/publications/${idOf('corrected-report')}`);
      expect(after.body).not.toContain('Publish this revision at');
      expect(after.body).not.toContain('Cancel the scheduled revision');
    });

    it('cancels a scheduled revision from its page', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const editor = await signedIn();
      await revise(editor, 'cancel-me', 'quinquennial');
      expect((await setTime(editor, 'cancel-me', '2026-06-03T09:00')).statusCode).toBe(303);
      const page = await editor.get(`/admin/publications/${idOf('cancel-me')}`);
      // The cancel button's form sends the time empty.
      const cancelled = await editor.post(
        `/admin/publications/${idOf('cancel-me')}/publish-revision-at`,
        {
          _csrf: csrfOf(page.body),
          publishRevisionAt: '',
        },
      );
      expect(cancelled.statusCode).toBe(303);
      expect(await queued('cancel-me')).toEqual([]);
      expect(await audit('publication.revision-cancelled', 'cancel-me')).toHaveLength(1);
      const after = await editor.get(`/admin/publications/${idOf('cancel-me')}`);
      expect(after.body).not.toContain('Cancel the scheduled revision');

      site.clock.set('2026-06-03T09:00:00Z');
      expect(await scheduler.runDue()).toBe(0);
      expect(await publicPage('cancel-me')).not.toContain('quinquennial');
    });

    it('refuses bad times, a piece with nothing pending, authors and forged forms, changing nothing', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const editor = await signedIn();
      await revise(editor, 'refused', 'palimpsest');
      for (const value of [
        'tomorrow',
        '2026-02-30T09:00',
        '2026-05-01T00:00',
        '2026-06-01T12:00',
        '<script>alert(1)</script>',
      ]) {
        const response = await setTime(editor, 'refused', value);
        expect(response.statusCode, value).toBe(422);
        expect(response.body).toContain('id="form-error"');
        expect(response.body).toMatch(/id="publishRevisionAt"[^>]*aria-invalid="true"/);
        expect(response.body).not.toContain('<script>alert(1)');
      }
      // A live piece with nothing pending has no revision to schedule.
      const untouched = await setTime(editor, 'untouched', '2026-06-03T09:00');
      expect(untouched.statusCode).toBe(422);
      expect(untouched.body).toContain('no pending revision');

      // Authors never publish, even their own piece.
      const author = await signedIn('alice@example.org');
      const own = await setTime(author, 'refused', '2026-06-03T09:00');
      expect(own.statusCode).toBe(403);

      // A form without the session's token, or sent from another site, is refused.
      const noToken = await editor.post(
        `/admin/publications/${idOf('refused')}/publish-revision-at`,
        {
          publishRevisionAt: '2026-06-03T09:00',
        },
      );
      expect(noToken.statusCode).toBe(403);
      const page = await editor.get(`/admin/publications/${idOf('refused')}`);
      const crossSite = await editor.post(
        `/admin/publications/${idOf('refused')}/publish-revision-at`,
        { _csrf: csrfOf(page.body), publishRevisionAt: '2026-06-03T09:00' },
        { 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.statusCode).toBe(403);
      const missing = await editor.post('/admin/publications/999999/publish-revision-at', {
        _csrf: csrfOf(page.body),
        publishRevisionAt: '2026-06-03T09:00',
      });
      expect(missing.statusCode).toBe(404);

      for (const slug of ['refused', 'untouched']) {
        expect(await queued(slug)).toEqual([]);
        expect(await audit('publication.revision-scheduled', slug)).toEqual([]);
      }
    });
  });
}
