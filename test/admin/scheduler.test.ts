import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/admin/accounts/user-store.ts';
import {
  createPublicationEditor,
  type PublicationEditor,
} from '../../src/admin/content/publication-editor.ts';
import { createScheduler, type Scheduler } from '../../src/admin/scheduler/scheduler.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { runDossier } from '../helpers/dossier-cli.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { accountsOf, PASSWORD } from './admin-helpers.ts';

/*
 * The durable scheduler: transitions at their time, once each, whichever process runs
 * them and however late.
 */

const JOBS = 200;

async function idOf(database: Database, slug: string): Promise<number> {
  const row = await database.db
    .selectFrom('publications')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function auditCount(database: Database, action: string): Promise<number> {
  const row = await database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: scheduled transitions`, () => {
    let site: TestSite;

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'goes-live',
          authors: ['chen-cho'],
          status: 'scheduled',
          publishedAt: '2026-06-01T12:00:05Z',
        }),
        makePublication({
          slug: 'taken-down',
          authors: ['chen-cho'],
          publishedAt: '2026-05-01T00:00:00Z',
        }),
        ...Array.from({ length: JOBS }, (_, i) =>
          makePublication({
            slug: `bulk-${i}`,
            status: 'scheduled',
            publishedAt: '2026-01-01T00:00:00Z',
          }),
        ),
      ]);
    });
    afterAll(() => site?.close());

    it('publishes at the time, not a moment before, and takes down at its time', async () => {
      const clock = fixedClock('2026-06-01T12:00:00Z');
      const scheduler = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock,
      });
      const live = await idOf(site.database, 'goes-live');
      const down = await idOf(site.database, 'taken-down');
      await scheduler.schedule('publish', live, '2026-06-01T12:00:05.000Z');
      await scheduler.schedule('unpublish', down, '2026-06-01T12:00:05.000Z');
      expect(await scheduler.runDue()).toBe(0);
      clock.set('2026-06-01T12:00:04.999Z');
      expect(await scheduler.runDue()).toBe(0);
      clock.set('2026-06-01T12:00:05.000Z');
      expect(await scheduler.runDue()).toBe(2);
      const statuses = await site.database.db
        .selectFrom('publications')
        .select(['slug', 'status', 'visible_from'])
        .where('id', 'in', [live, down])
        .orderBy('slug')
        .execute();
      expect(statuses).toEqual([
        { slug: 'goes-live', status: 'published', visible_from: '2026-06-01T12:00:05.000Z' },
        { slug: 'taken-down', status: 'archived', visible_from: null },
      ]);
      // Gone from every public list that repeats its visibility, at once.
      site.clock.set('2026-06-01T12:00:06Z');
      expect((await site.app.inject('/research/taken-down')).statusCode).toBe(404);
      const person = await site.app.inject('/experts/chen-cho');
      expect(person.body).not.toContain('/research/taken-down');
      expect(person.body).toContain('/research/goes-live');
      // Running again changes nothing.
      expect(await scheduler.runDue()).toBe(0);
    });

    it('runs a job whose time passed while every process was down', async () => {
      const scheduler = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock: fixedClock('2026-06-01T12:00:00Z'),
      });
      const id = await idOf(site.database, 'bulk-0');
      await scheduler.schedule('publish', id, '2026-02-01T00:00:00.000Z');
      // "Restarted" months later: a new scheduler, a later clock.
      const restarted = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock: fixedClock('2026-09-01T00:00:00Z'),
      });
      expect(await restarted.runDue()).toBe(1);
      const row = await site.database.db
        .selectFrom('publications')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
    });

    it(`runs ${JOBS} transitions due at the same second exactly once with two processes`, async () => {
      const ids = await Promise.all(
        Array.from({ length: JOBS - 1 }, (_, i) => idOf(site.database, `bulk-${i + 1}`)),
      );
      const scheduler = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock: fixedClock('2026-01-01T00:00:00Z'),
      });
      for (const id of ids) await scheduler.schedule('publish', id, '2026-01-02T00:00:00.000Z');
      // A job whose claim a dead worker left behind is taken over too.
      const orphan = ids[ids.length - 1] as number;
      await site.database.db
        .updateTable('scheduled_jobs')
        .set({
          status: 'running',
          claimed_by: 'a-worker-that-died',
          claimed_until: '2026-01-02T00:01:00.000Z',
          attempts: 1,
        })
        .where('publication_id', '=', orphan)
        .where('status', '=', 'queued')
        .execute();
      const before = await auditCount(site.database, 'publication.scheduled-publish');

      const cwd = await mkdtemp(join(tmpdir(), 'dossier-jobs-'));
      try {
        const env: Record<string, string> =
          site.database.dialect === 'postgres'
            ? { DATABASE_URL: String(site.database.config.url) }
            : { DOSSIER_DATABASE_SQLITE_PATH: site.database.config.sqlitePath };
        const runs = await Promise.all([
          runDossier(['jobs', 'run'], cwd, env),
          runDossier(['jobs', 'run'], cwd, env),
        ]);
        for (const run of runs) {
          expect(run.stderr).toBe('');
          expect(run.code).toBe(0);
        }
        const ran = runs.map((r) => Number(/(\d+) due job/.exec(r.stdout)?.[1] ?? Number.NaN));
        expect((ran[0] ?? 0) + (ran[1] ?? 0)).toBe(JOBS - 1);
      } finally {
        await rm(cwd, { recursive: true, force: true });
      }
      expect((await auditCount(site.database, 'publication.scheduled-publish')) - before).toBe(
        JOBS - 1,
      );
      const jobs = await site.database.db
        .selectFrom('scheduled_jobs')
        .select(['status', 'attempts', 'publication_id'])
        .where('publication_id', 'in', ids)
        .execute();
      expect(jobs.every((j) => j.status === 'done')).toBe(true);
      // Claimed once each; the orphan once by the dead worker and once after.
      expect(jobs.map((j) => j.attempts).sort()).toEqual([...ids.map(() => 1).slice(1), 2]);
      const statuses = await site.database.db
        .selectFrom('publications')
        .select('status')
        .where('id', 'in', ids)
        .execute();
      expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['published']));
    }, 120_000);
  });
}

/*
 * Scheduled revisions: a live piece's pending revision replaces the live version at its
 * time, through the editor's own publish.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A worker in a process of its own, standing at `now`: runs the due jobs once. */
const WORKER_SCRIPT = `
import { register } from 'tsx/esm/api';
const [root, config, now, uploadsDir] = process.argv.slice(1);
register({ tsconfig: root + 'tsconfig.json' });
const { createDatabase } = await import('file://' + root + 'src/storage/database.ts');
const { createScheduler } = await import('file://' + root + 'src/admin/scheduler/scheduler.ts');
const { fixedClock } = await import('file://' + root + 'src/lib/clock.ts');
const database = createDatabase(JSON.parse(config));
try {
  const clock = fixedClock(now);
  const scheduler = createScheduler({ db: database.db, dialect: database.dialect, clock, uploadsDir });
  process.stdout.write(String(await scheduler.runDue()));
} finally {
  await database.destroy();
}`;

function runWorkerProcess(
  database: Database,
  now: string,
  uploadsDir: string,
): Promise<{ ran: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        WORKER_SCRIPT,
        ROOT,
        JSON.stringify(database.config),
        now,
        uploadsDir,
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', () => resolve({ ran: Number(stdout), stderr }));
  });
}

const PIECES = 8;

for (const dialect of testDialects()) {
  describe(`${dialect.name}: scheduled revisions`, () => {
    let site: TestSite;
    let scheduler: Scheduler;
    let editor: PublicationEditor;
    let ed: User;
    const uploads = () => join(site.dataDir, 'uploads');
    const page = async (slug: string) => (await site.app.inject(`/research/${slug}`)).body;
    /** Saves a new wording of a live piece: it waits as the pending revision. */
    const revise = async (id: number, word: string) => {
      const { record } = await editor.state(id, ed);
      await editor.save(id, ed, { ...record, title: `Corrected ${word}`, body: `Now ${word}.` });
    };
    const pendingCount = async (id: number) =>
      (
        await site.database.db
          .selectFrom('publication_revisions')
          .select('id')
          .where('publication_id', '=', id)
          .where('pending', '=', 1)
          .execute()
      ).length;
    const auditOf = (action: string, id: number) =>
      site.database.db
        .selectFrom('audit_log')
        .select(['user_email', 'detail'])
        .where('action', '=', action)
        .where('entity_id', '=', String(id))
        .execute();

    beforeAll(async () => {
      site = await openTestSite(dialect, '2026-06-01T12:00:00Z');
      await site.seed([
        ...baseWorld(),
        ...Array.from({ length: PIECES }, (_, i) => makePublication({ slug: `raced-${i}` })),
        ...['edited', 'cancelled', 'by-hand', 'taken-down', 'orphaned', 'by-command'].map((slug) =>
          makePublication({ slug, title: `Original ${slug}` }),
        ),
      ]);
      const accounts = accountsOf(site);
      ed = await accounts.createUser({
        email: 'ed@example.org',
        name: 'Ed',
        role: 'editor',
        password: PASSWORD,
      });
      scheduler = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock: site.clock,
        uploadsDir: uploads(),
      });
      editor = createPublicationEditor({
        db: site.database.db,
        clock: site.clock,
        uploadsDir: uploads(),
        audit: accounts.audit,
        scheduler,
      });
    });
    afterAll(() => site?.close());

    it('publishes each scheduled revision at its time, once, with two processes', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const ids = await Promise.all(
        Array.from({ length: PIECES }, (_, i) => idOf(site.database, `raced-${i}`)),
      );
      for (const [i, id] of ids.entries()) {
        await revise(id, `racedword${i}`);
        await editor.schedulePublishRevision(id, ed, '2026-06-02T09:00:00.000Z');
      }
      site.clock.set('2026-06-02T08:59:59.999Z');
      expect(await scheduler.runDue()).toBe(0);
      expect(await page('raced-0')).not.toContain('racedword0');
      // A process started without the uploads folder leaves these jobs to one that has it.
      const withoutUploads = createScheduler({
        db: site.database.db,
        dialect: site.database.dialect,
        clock: fixedClock('2026-06-02T09:00:00.000Z'),
      });
      expect(await withoutUploads.runDue()).toBe(0);

      const runs = await Promise.all([
        runWorkerProcess(site.database, '2026-06-02T09:00:00.000Z', uploads()),
        runWorkerProcess(site.database, '2026-06-02T09:00:00.000Z', uploads()),
      ]);
      for (const run of runs) expect(run.stderr).toBe('');
      expect(runs.map((r) => r.ran).reduce((a, b) => a + b)).toBe(PIECES);
      expect(await scheduler.runDue()).toBe(0);

      site.clock.set('2026-06-02T09:00:01Z');
      for (const [i, id] of ids.entries()) {
        expect(await page(`raced-${i}`)).toContain(`racedword${i}`);
        expect(await pendingCount(id)).toBe(0);
        // The editor's own publish ran once, for the editor who scheduled it…
        const published = await auditOf('publication.publish', id);
        expect(published.map((a) => a.user_email)).toEqual(['ed@example.org']);
        // …and the run itself is recorded once, naming who scheduled it.
        const runsOf = await auditOf('publication.scheduled-publish-revision', id);
        expect(runsOf).toHaveLength(1);
        expect(JSON.parse(runsOf[0]?.detail ?? '{}')).toMatchObject({
          published: true,
          scheduledBy: 'ed@example.org',
        });
        const revisions = await editor.revisions(id, ed);
        expect(revisions.filter((r) => r.kind === 'publish')).toHaveLength(1);
      }
      expect(await auditOf('publication.revision-scheduled', ids[0] as number)).toHaveLength(1);
    }, 120_000);

    it('is run by `dossier jobs run`, which knows the uploads folder', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const id = await idOf(site.database, 'by-command');
      await revise(id, 'bycommand');
      // Due long before the machine's real time, at which the command runs.
      await editor.schedulePublishRevision(id, ed, '2026-06-01T12:30:00.000Z');
      const env: Record<string, string> = {
        DOSSIER_DATA_DIR: site.dataDir,
        ...(site.database.dialect === 'postgres'
          ? { DATABASE_URL: String(site.database.config.url) }
          : { DOSSIER_DATABASE_SQLITE_PATH: site.database.config.sqlitePath }),
      };
      const run = await runDossier(['jobs', 'run'], site.dataDir, env);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/\b1 due job/);
      site.clock.set('2026-06-01T12:30:01Z');
      expect(await page('by-command')).toContain('bycommand');
      expect(await pendingCount(id)).toBe(0);
    }, 60_000);

    it('publishes the newest wording when the revision was saved again after scheduling', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const id = await idOf(site.database, 'edited');
      await revise(id, 'firstwording');
      await editor.schedulePublishRevision(id, ed, '2026-06-03T09:00:00.000Z');
      await revise(id, 'secondwording');
      expect(await scheduler.queued(id)).toEqual([
        { kind: 'publish-revision', run_at: '2026-06-03T09:00:00.000Z' },
      ]);
      site.clock.set('2026-06-03T09:00:00.000Z');
      expect(await scheduler.runDue()).toBe(1);
      const body = await page('edited');
      expect(body).toContain('secondwording');
      expect(body).not.toContain('firstwording');
      expect(await pendingCount(id)).toBe(0);
    });

    it('does nothing once cancelled, or once published by hand', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const cancelled = await idOf(site.database, 'cancelled');
      await revise(cancelled, 'cancelledword');
      await editor.schedulePublishRevision(cancelled, ed, '2026-06-04T09:00:00.000Z');
      await editor.schedulePublishRevision(cancelled, ed, null);
      expect(await scheduler.queued(cancelled)).toEqual([]);

      const byHand = await idOf(site.database, 'by-hand');
      await revise(byHand, 'handword');
      await editor.schedulePublishRevision(byHand, ed, '2026-06-04T09:00:00.000Z');
      await editor.publish(byHand, ed);
      // A later edit must wait for its own decision, not go out at the old time.
      await revise(byHand, 'laterword');

      site.clock.set('2026-06-04T09:00:00.000Z');
      expect(await scheduler.runDue()).toBe(0);
      expect(await page('cancelled')).not.toContain('cancelledword');
      expect(await pendingCount(cancelled)).toBe(1);
      expect(await page('by-hand')).toContain('handword');
      expect(await page('by-hand')).not.toContain('laterword');
      expect(await pendingCount(byHand)).toBe(1);
      expect(await auditOf('publication.revision-cancelled', cancelled)).toHaveLength(1);
    });

    it('does nothing, and records why, when the piece was taken down or its scheduler may no longer publish', async () => {
      site.clock.set('2026-06-01T12:00:00Z');
      const down = await idOf(site.database, 'taken-down');
      await revise(down, 'downword');
      await editor.schedulePublishRevision(down, ed, '2026-06-05T09:00:00.000Z');
      await editor.scheduleUnpublish(down, ed, '2026-06-05T08:00:00.000Z');

      const accounts = accountsOf(site);
      const leaver = await accounts.createUser({
        email: 'leaver@example.org',
        name: 'Lee',
        role: 'editor',
        password: PASSWORD,
      });
      const orphaned = await idOf(site.database, 'orphaned');
      await revise(orphaned, 'orphanword');
      await editor.schedulePublishRevision(orphaned, leaver, '2026-06-05T09:00:00.000Z');
      const admin = await accounts.createUser({
        email: 'root@example.org',
        name: 'Root',
        role: 'administrator',
        password: PASSWORD,
      });
      await accounts.status.disable(leaver.id, admin, { ip: '' });

      site.clock.set('2026-06-05T09:00:00.000Z');
      expect(await scheduler.runDue()).toBe(3);
      expect((await site.app.inject('/research/taken-down')).statusCode).toBe(404);
      expect(await page('orphaned')).not.toContain('orphanword');
      for (const [id, reason] of [
        [down, /not live/],
        [orphaned, /leaver@example\.org.*may no longer publish/],
      ] as const) {
        const skipped = await auditOf('publication.scheduled-publish-revision-skipped', id);
        expect(skipped).toHaveLength(1);
        expect(skipped[0]?.user_email).toBe('(scheduler)');
        expect(JSON.parse(skipped[0]?.detail ?? '{}').reason).toMatch(reason);
        // The revision still waits for an editor.
        expect(await pendingCount(id)).toBe(1);
      }
      const jobs = await site.database.db
        .selectFrom('scheduled_jobs')
        .select('status')
        .where('publication_id', 'in', [down, orphaned])
        .execute();
      expect(jobs.map((j) => j.status)).toEqual(['done', 'done', 'done']);
    });
  });
}
