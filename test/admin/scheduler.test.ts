import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/admin/scheduler/scheduler.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { runDossier } from '../helpers/dossier-cli.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

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
