import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { checkHtml, formatHtmlProblems, withHtmlProblems } from '../helpers/html-checker.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import {
  AdminBrowser,
  addEditorAndAuthor,
  csrfOf,
  PASSWORD,
  publicationIdOf,
} from './admin-helpers.ts';

/*
 * Bulk actions on the admin's publication list, through the real server as a browser
 * without script sends them: one form, the ticked ids, the page's token. Each piece goes
 * through the editor's own transitions (revisions, audit log, scheduled jobs), a piece
 * that may not change is listed with the reason, and bad input changes nothing.
 */

const HOSTILE = '<script>alert("bulk")</script> & co';

for (const dialect of testDialects()) {
  describe(`${dialect.name}: bulk actions on the publication list`, () => {
    let site: TestSite;
    const browser = () => new AdminBrowser(() => site.app);
    const db = () => site.database.db;
    const idOf = (slug: string) => publicationIdOf(site, slug);
    const statusOf = async (slug: string) =>
      (
        await db()
          .selectFrom('publications')
          .select('status')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow()
      ).status;
    const publicStatus = async (slug: string) =>
      (await site.app.inject(`/research/${slug}`)).statusCode;
    const auditFor = async (slug: string) =>
      (
        await db()
          .selectFrom('audit_log')
          .select('action')
          .where('entity', '=', 'publication')
          .where('entity_id', '=', String(await idOf(slug)))
          .orderBy('id')
          .execute()
      ).map((r) => r.action);

    /** Sends the list's bulk form with repeated fields, as a browser sends ticked boxes. */
    async function bulk(
      who: AdminBrowser,
      fields: [string, string][],
      options: { url?: string; csrf?: boolean } = {},
    ) {
      const list = await who.get('/admin/publications');
      expect(list.statusCode).toBe(200);
      const pairs = options.csrf === false ? fields : [...fields, ['_csrf', csrfOf(list.body)]];
      return site.app.inject({
        method: 'POST',
        url: options.url ?? '/admin/publications/bulk',
        payload: new URLSearchParams(pairs).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: who.cookieHeader,
        },
      });
    }
    const ids = async (...slugs: string[]): Promise<[string, string][]> =>
      Promise.all(slugs.map(async (slug) => ['ids', String(await idOf(slug))] as [string, string]));
    const signedIn = async (email: string) => {
      const who = browser();
      expect((await who.signIn(email, PASSWORD)).statusCode).toBe(303);
      return who;
    };

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({ slug: 'alice-draft', authors: ['alice-archer'], status: 'draft' }),
        makePublication({ slug: 'alice-draft-2', authors: ['alice-archer'], status: 'draft' }),
        makePublication({ slug: 'alice-live', authors: ['alice-archer'] }),
        makePublication({
          slug: 'bruno-draft',
          title: 'Bruno Private Draft',
          authors: ['bruno-bell'],
          status: 'draft',
        }),
        makePublication({ slug: 'bruno-review', authors: ['bruno-bell'], status: 'review' }),
        makePublication({ slug: 'bruno-live', authors: ['bruno-bell'] }),
        makePublication({ slug: 'bruno-live-2', authors: ['bruno-bell'] }),
        makePublication({ slug: 'pending-live', title: 'Old Live Title', authors: ['bruno-bell'] }),
        makePublication({
          slug: 'future-scheduled',
          authors: ['bruno-bell'],
          status: 'scheduled',
          publishedAt: '2026-07-01T09:00:00Z',
        }),
        makePublication({
          slug: 'undated-draft',
          authors: ['bruno-bell'],
          status: 'draft',
          publishedAt: undefined,
        }),
        makePublication({ slug: 'hostile', title: HOSTILE, authors: ['bruno-bell'] }),
        makePublication({ slug: 'termed', authors: ['bruno-bell'], topics: ['energy'] }),
      ]);
      await addEditorAndAuthor(site);
    });
    afterAll(() => site?.close());

    it('publishes several pieces at once and says why the others were left', async () => {
      const editor = await signedIn('editor@example.org');
      // A live piece with an edit waiting: bulk publish makes the pending revision live.
      const pendingId = await idOf('pending-live');
      const edited = await editor.submit(
        `/admin/publications/${pendingId}`,
        `/admin/publications/${pendingId}`,
        {
          title: 'New Live Title',
          type: 'paper',
          summary: '',
          body: 'Edited.',
          authors: 'bruno-bell',
          newAuthor: '',
          primaryCenter: 'hq',
          status: 'published',
          publishedAt: '2024-03-01T12:00',
          embargoUntil: '',
        },
      );
      expect(edited.statusCode, edited.body).toBe(303);
      expect((await site.app.inject('/research/pending-live')).body).toContain('Old Live Title');

      const response = await bulk(editor, [
        ['action', 'publish'],
        ...(await ids('bruno-draft', 'bruno-review', 'pending-live', 'bruno-live')),
        ...(await ids('future-scheduled')),
        ['ids', '2000000000'],
        // The same box twice counts once.
        ...(await ids('bruno-draft')),
      ]);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toContain('3 publications changed; 3 publications not changed');
      expect(await statusOf('bruno-draft')).toBe('published');
      expect(await statusOf('bruno-review')).toBe('published');
      expect(await publicStatus('bruno-draft')).toBe(200);
      expect(await publicStatus('bruno-review')).toBe(200);
      expect((await site.app.inject('/research/pending-live')).body).toContain('New Live Title');
      // Left as they were, each with its reason.
      expect(await statusOf('future-scheduled')).toBe('scheduled');
      expect(await publicStatus('future-scheduled')).toBe(404);
      const refused = response.body.slice(response.body.indexOf('Not changed'));
      expect(refused).toContain('Title of bruno-live: It is live already');
      expect(refused).toContain('Title of future-scheduled: It is scheduled already');
      expect(refused).toContain('Publication #2000000000: There is no such publication.');
      // Exactly as one piece's Publish button: a revision and an audit entry each.
      expect(await auditFor('bruno-draft')).toContain('publication.publish');
      const revisions = await db()
        .selectFrom('publication_revisions')
        .select('kind')
        .where('publication_id', '=', await idOf('bruno-draft'))
        .execute();
      expect(revisions.map((r) => r.kind)).toEqual(['publish']);
      expect(await auditFor('bruno-live')).not.toContain('publication.publish');
    });

    it('takes live pieces down at once, and moves the others through the editor', async () => {
      const editor = await signedIn('editor@example.org');
      // A queued take-down of a piece taken down now must not fire later.
      const liveId = await idOf('bruno-live');
      const page = await editor.get(`/admin/publications/${liveId}`);
      await editor.post(`/admin/publications/${liveId}/unpublish-at`, {
        _csrf: csrfOf(page.body),
        unpublishAt: '2026-09-01T00:00',
      });
      const queued = () =>
        db()
          .selectFrom('scheduled_jobs')
          .select(['kind'])
          .where('publication_id', '=', liveId)
          .where('status', '=', 'queued')
          .execute();
      expect(await queued()).toHaveLength(1);

      const down = await bulk(editor, [
        ['action', 'unpublish'],
        ...(await ids('bruno-live', 'future-scheduled', 'alice-draft')),
      ]);
      expect(down.statusCode, down.body).toBe(200);
      expect(down.body).toContain('2 publications changed; 1 publication not changed');
      expect(await statusOf('bruno-live')).toBe('draft');
      expect(await publicStatus('bruno-live')).toBe(404);
      const feed = await site.app.inject('/feed.xml');
      expect(feed.body).toContain('/research/bruno-live-2</link>');
      expect(feed.body).not.toContain('/research/bruno-live</link>');
      expect(await queued()).toEqual([]);
      expect(await auditFor('bruno-live')).toContain('publication.take-down');
      // A scheduled piece goes back to draft by a save: its publish job is cancelled.
      expect(await statusOf('future-scheduled')).toBe('draft');
      const scheduledId = await idOf('future-scheduled');
      const jobs = await db()
        .selectFrom('scheduled_jobs')
        .select(['kind', 'status'])
        .where('publication_id', '=', scheduledId)
        .execute();
      expect(jobs.filter((j) => j.status === 'queued')).toEqual([]);
      expect(down.body).toContain('Title of alice-draft: It is a draft already.');

      const archived = await bulk(editor, [
        ['action', 'archive'],
        ...(await ids('bruno-live-2', 'undated-draft')),
      ]);
      expect(archived.statusCode).toBe(200);
      expect(await statusOf('bruno-live-2')).toBe('archived');
      expect(await publicStatus('bruno-live-2')).toBe(404);
      // The editor's own check: an archived piece needs a publication time.
      expect(await statusOf('undated-draft')).toBe('draft');
      expect(archived.body).toMatch(/Title of undated-draft: The publication time/);
    });

    it('lets an author act only on their own drafts, and never publish', async () => {
      const author = await signedIn('alice@example.org');
      const list = await author.get('/admin/publications');
      expect(list.body).toContain('value="review"');
      expect(list.body).not.toContain('value="publish"');
      expect(list.body).not.toContain('value="archive"');

      const response = await bulk(author, [
        ['action', 'review'],
        ...(await ids('alice-draft', 'bruno-draft', 'alice-live')),
      ]);
      expect(response.statusCode).toBe(200);
      expect(await statusOf('alice-draft')).toBe('review');
      expect(await statusOf('alice-live')).toBe('published');
      expect(response.body).toContain('1 publication changed; 2 publications not changed');
      // Another author's piece is named by number only: its title is not the author's to see.
      expect(response.body).not.toContain('Bruno Private Draft');
      expect(response.body).toMatch(/Publication #\d+: Authors may open only/);

      // A publish sent by hand is refused piece by piece by the editor's own rule.
      const publish = await bulk(author, [['action', 'publish'], ...(await ids('alice-draft-2'))]);
      expect(publish.statusCode).toBe(200);
      expect(publish.body).toContain('Only editors publish.');
      expect(await statusOf('alice-draft-2')).toBe('draft');
    });

    it('adds and removes a term, as a pending revision on a live piece', async () => {
      const editor = await signedIn('editor@example.org');
      const topicsOf = async (slug: string) =>
        (
          await db()
            .selectFrom('publication_terms as pt')
            .innerJoin('terms', 'terms.id', 'pt.term_id')
            .select('terms.slug')
            .where('pt.publication_id', '=', await idOf(slug))
            .where('terms.taxonomy', '=', 'topic')
            .execute()
        ).map((r) => r.slug);
      const added = await bulk(editor, [
        ['action', 'add-term'],
        ['taxonomy', 'topic'],
        ['term', 'Trade'],
        ...(await ids('alice-draft-2', 'termed')),
      ]);
      expect(added.statusCode, added.body).toBe(200);
      expect(await topicsOf('alice-draft-2')).toEqual(['trade']);
      // Live: the public keeps the live version until the revision is published.
      expect(await topicsOf('termed')).toEqual(['energy']);
      expect(added.body).toContain('filed under Trade (as a pending revision)');
      const pending = await db()
        .selectFrom('publication_revisions')
        .select('record')
        .where('publication_id', '=', await idOf('termed'))
        .where('pending', '=', 1)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(pending.record).topics).toEqual(['energy', 'trade']);

      const removed = await bulk(editor, [
        ['action', 'remove-term'],
        ['taxonomy', 'topic'],
        ['term', 'trade'],
        ...(await ids('alice-draft-2', 'bruno-draft')),
      ]);
      expect(removed.statusCode).toBe(200);
      expect(await topicsOf('alice-draft-2')).toEqual([]);
      expect(removed.body).toContain('It is not filed under Trade.');
    });

    it('acts on the whole page when "all on this page" is ticked, without script', async () => {
      const editor = await signedIn('editor@example.org');
      const filtered = '/admin/publications?status=review';
      const list = await editor.get(filtered);
      const pageIds = [...list.body.matchAll(/name="pageIds" value="(\d+)"/g)].map((m) => m[1]);
      expect(pageIds.length).toBeGreaterThan(0);
      const response = await bulk(
        editor,
        [
          ['action', 'unpublish'],
          ['allOnPage', '1'],
          ...pageIds.map((id) => ['pageIds', id] as [string, string]),
        ],
        { url: '/admin/publications/bulk?status=review' },
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toContain(`${pageIds.length} publication`);
      // The same filtered list comes back: now empty.
      expect(response.body).toContain('No publications match.');
      expect(await statusOf('alice-draft')).toBe('draft');
    });

    it('refuses bad input with a 400 and changes nothing', async () => {
      const editor = await signedIn('editor@example.org');
      const before = await db()
        .selectFrom('publications')
        .select(['id', 'status', 'updated_at'])
        .orderBy('id')
        .execute();
      const draft = await idOf('alice-draft');
      const tooMany = Array.from(
        { length: 501 },
        (_, i) => ['ids', String(i + 1)] as [string, string],
      );
      for (const [what, fields, url] of [
        ['no ids', [['action', 'archive']]],
        ['too many ids', [['action', 'archive'], ...tooMany]],
        [
          'an id that is not a number',
          [
            ['action', 'archive'],
            ['ids', '1 or 1=1'],
          ],
        ],
        [
          'an unknown action',
          [
            ['action', 'delete'],
            ['ids', String(draft)],
          ],
        ],
        ['no action', [['ids', String(draft)]]],
        [
          'an unknown taxonomy',
          [
            ['action', 'add-term'],
            ['taxonomy', 'colour'],
            ['term', 'x'],
            ['ids', String(draft)],
          ],
        ],
        [
          'an unknown term',
          [
            ['action', 'add-term'],
            ['taxonomy', 'topic'],
            ['term', 'Astrology'],
            ['ids', String(draft)],
          ],
        ],
        [
          'no term',
          [
            ['action', 'remove-term'],
            ['taxonomy', 'topic'],
            ['ids', String(draft)],
          ],
        ],
        [
          'a bad filter',
          [
            ['action', 'archive'],
            ['ids', String(draft)],
          ],
          '/admin/publications/bulk?status=gone',
        ],
      ] as [string, [string, string][], string?][]) {
        const response = await bulk(editor, fields, { url });
        expect(response.statusCode, what).toBe(400);
      }
      const unsigned = await bulk(
        editor,
        [
          ['action', 'archive'],
          ['ids', String(draft)],
        ],
        {
          csrf: false,
        },
      );
      expect(unsigned.statusCode).toBe(403);
      const anonymous = await site.app.inject({
        method: 'POST',
        url: '/admin/publications/bulk',
        payload: `action=archive&ids=${draft}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(anonymous.statusCode).toBe(401);
      const after = await db()
        .selectFrom('publications')
        .select(['id', 'status', 'updated_at'])
        .orderBy('id')
        .execute();
      expect(after).toEqual(before);
    });

    it('renders the list, its bulk form and a result as valid HTML', async () => {
      const editor = await signedIn('editor@example.org');
      const author = await signedIn('alice@example.org');
      const result = await bulk(editor, [['action', 'review'], ...(await ids('bruno-live-2'))]);
      const problems = await checkHtml([
        { name: 'editor list', html: (await editor.get('/admin/publications')).body },
        { name: 'author list', html: (await author.get('/admin/publications')).body },
        { name: 'result', html: result.body },
      ]);
      expect(withHtmlProblems(problems), formatHtmlProblems(problems)).toEqual({});
    });

    it('shows hostile titles escaped in the list and in the result', async () => {
      const editor = await signedIn('editor@example.org');
      const list = await editor.get('/admin/publications');
      expect(list.body).not.toContain(HOSTILE);
      expect(list.body).toContain('Select &lt;script>');
      const response = await bulk(editor, [['action', 'review'], ...(await ids('hostile'))]);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('<script>alert');
      expect(response.body).toContain(
        '&lt;script>alert(&quot;bulk&quot;)&lt;/script> &amp; co: Only drafts go to review',
      );
    });
  });
}
