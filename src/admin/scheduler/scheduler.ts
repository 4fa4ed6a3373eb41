import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../lib/clock.ts';
import type { DialectName } from '../../storage/database.ts';
import { setPublicationStatus } from '../../storage/repositories/content-writer.ts';
import type { ScheduledJobsTable, Tables } from '../../storage/tables.ts';
import { createRevisionJob, type RevisionJob } from './revision-job.ts';

/*
 * The durable scheduler: jobs are rows (scheduled_jobs), and any number of app processes
 * poll them. Exactly once, because:
 *
 * 1. Claiming is one atomic statement: due rows (queued, or running with a lapsed claim)
 *    become `running` under this worker's name. On PostgreSQL the candidates are locked
 *    with FOR UPDATE SKIP LOCKED, so two workers never claim one row; SQLite runs one
 *    writing statement at a time.
 * 2. Each claimed job's transition and its `done` mark are one transaction, and the mark
 *    requires the claim still to be ours. A worker that dies mid-way rolls back both; the
 *    row is claimed again when its claim lapses, by whichever worker polls first.
 *
 * A restart that missed a job's time runs it at the first poll.
 *
 * 'publish-revision' jobs are the exception to step 2: they publish a pending revision
 * with the editor's own publish, which writes through the importer in transactions of
 * its own (see revision-job.ts for how they still take effect once).
 */

export type JobKind = ScheduledJobsTable['kind'];

interface ClaimedJob {
  id: number;
  kind: JobKind;
  publication_id: number;
  created_by: string;
  run_at: string;
}

/** How long a claim holds before another worker may take the job over. */
const CLAIM_MS = 60_000;
const BATCH = 50;
const MAX_ATTEMPTS = 5;

export interface SchedulerDeps {
  db: Kysely<Tables>;
  dialect: DialectName;
  clock: Clock;
  /** Names this worker in claims (for the log, and to tell claims apart). */
  workerId?: string;
  /**
   * The uploads folder. Publishing a pending revision writes the piece through the
   * importer, which copies its lead image from here: a scheduler without it never claims
   * 'publish-revision' jobs, and leaves them to one that has it.
   */
  uploadsDir?: string;
}

export interface Scheduler {
  readonly workerId: string;
  /** Queues a transition for a piece at a time, replacing a queued one of the same kind. */
  schedule(kind: JobKind, publicationId: number, runAt: string, by?: string): Promise<void>;
  /** Cancels a piece's queued transitions of a kind (an editor cleared the time). */
  cancel(kind: JobKind, publicationId: number): Promise<void>;
  /** Runs every job due now; returns how many this worker ran. */
  runDue(): Promise<number>;
  /** A piece's queued transitions, soonest first. */
  queued(publicationId: number): Promise<{ kind: JobKind; run_at: string }[]>;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { dialect, clock, workerId, uploadsDir } = deps;
  const db = deps.db;
  const me = workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let publishRevision: RevisionJob | undefined;

  async function claim(): Promise<ClaimedJob[]> {
    const now = clock.now().toISOString();
    const kinds = publishRevision ? sql`` : sql`and kind <> 'publish-revision'`;
    // Every server polls each second: a read on the due index answers "nothing due"
    // without taking the write lock the claiming UPDATE needs.
    const due = await db
      .selectFrom('scheduled_jobs')
      .select('id')
      .where('run_at', '<=', now)
      .$if(!publishRevision, (qb) => qb.where('kind', '<>', 'publish-revision'))
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb('claimed_until', '<', now)]),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    if (!due) return [];
    const until = new Date(clock.now().getTime() + CLAIM_MS).toISOString();
    const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const { rows } = await sql<ClaimedJob>`
      update scheduled_jobs
      set status = 'running', claimed_by = ${me}, claimed_until = ${until},
          attempts = attempts + 1
      where id in (
        select id from scheduled_jobs
        where run_at <= ${now}
          and (status = 'queued' or (status = 'running' and claimed_until < ${now}))
          ${kinds}
        order by run_at, id
        limit ${BATCH}
        ${lock}
      )
      returning id, kind, publication_id, created_by, run_at`.execute(db);
    // RETURNING follows no ORDER BY: run a batch in time order, so that a take-down and a
    // revision caught up on together still apply in the order they were due.
    return rows.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
  }

  /** Marks a claimed job done, if the claim is still ours; false when another worker took it. */
  async function markDone(trx: Kysely<Tables>, job: ClaimedJob, at: string): Promise<boolean> {
    const done = await trx
      .updateTable('scheduled_jobs')
      .set({ status: 'done', done_at: at, claimed_until: null })
      .where('id', '=', job.id)
      .where('claimed_by', '=', me)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  async function runOne(job: ClaimedJob) {
    try {
      if (job.kind === 'publish-revision' && publishRevision) {
        await runRevisionJob(job, publishRevision);
        return;
      }
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        // Our claim lapsed and another worker took the job: leave it to them.
        if (!(await markDone(trx, job, at))) return;
        await apply(trx, job, at);
      });
    } catch (error) {
      // Left `running` with a claim that lapses: retried later, up to MAX_ATTEMPTS.
      await db
        .updateTable('scheduled_jobs')
        .set({
          last_error: String((error as Error).message ?? error).slice(0, 1000),
          status: sql<
            'failed' | 'running'
          >`case when attempts >= ${MAX_ATTEMPTS} then 'failed' else 'running' end`,
        })
        .where('id', '=', job.id)
        .where('claimed_by', '=', me)
        .execute();
    }
  }

  /**
   * Publishes the piece's pending revision (or finds why not), then marks the job done
   * and records the run in one transaction.
   */
  async function runRevisionJob(job: ClaimedJob, run: RevisionJob) {
    const outcome = await run(job.publication_id, job.created_by);
    const at = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      if (!(await markDone(trx, job, at))) return;
      await trx
        .insertInto('audit_log')
        .values({
          at,
          user_id: null,
          user_email: '(scheduler)',
          action: outcome.published
            ? 'publication.scheduled-publish-revision'
            : 'publication.scheduled-publish-revision-skipped',
          entity: 'publication',
          entity_id: String(job.publication_id),
          detail: JSON.stringify({
            ...outcome,
            job: job.id,
            scheduledBy: job.created_by,
            worker: me,
          }),
        })
        .execute();
    });
  }

  async function apply(trx: Kysely<Tables>, job: ClaimedJob, at: string) {
    const piece = await trx
      .selectFrom('publications')
      .select(['status', 'slug'])
      .where('id', '=', job.publication_id)
      .executeTakeFirst();
    if (!piece) return;
    // A job whose piece moved on meanwhile (unscheduled by hand, already archived) is
    // done without a change.
    if (job.kind === 'publish' && piece.status !== 'scheduled') return;
    if (job.kind === 'unpublish' && piece.status !== 'published' && piece.status !== 'scheduled')
      return;
    await setPublicationStatus(
      trx,
      job.publication_id,
      job.kind === 'publish' ? 'published' : 'archived',
      at,
    );
    await trx
      .insertInto('audit_log')
      .values({
        at,
        user_id: null,
        user_email: '(scheduler)',
        action: `publication.scheduled-${job.kind}`,
        entity: 'publication',
        entity_id: String(job.publication_id),
        detail: JSON.stringify({ slug: piece.slug, job: job.id, worker: me }),
      })
      .execute();
  }

  const scheduler: Scheduler = {
    workerId: me,

    async schedule(kind, publicationId, runAt, by = '') {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('scheduled_jobs')
          .set({ status: 'cancelled' })
          .where('publication_id', '=', publicationId)
          .where('kind', '=', kind)
          .where('status', '=', 'queued')
          .execute();
        await trx
          .insertInto('scheduled_jobs')
          .values({
            kind,
            publication_id: publicationId,
            run_at: runAt,
            created_by: by,
            created_at: clock.now().toISOString(),
          })
          .execute();
      });
    },

    async cancel(kind, publicationId) {
      await db
        .updateTable('scheduled_jobs')
        .set({ status: 'cancelled' })
        .where('publication_id', '=', publicationId)
        .where('kind', '=', kind)
        .where('status', '=', 'queued')
        .execute();
    },

    async runDue() {
      let ran = 0;
      for (;;) {
        const jobs = await claim();
        for (const job of jobs) await runOne(job);
        ran += jobs.length;
        if (jobs.length < BATCH) return ran;
      }
    },

    async queued(publicationId) {
      return db
        .selectFrom('scheduled_jobs')
        .select(['kind', 'run_at'])
        .where('publication_id', '=', publicationId)
        .where('status', '=', 'queued')
        .orderBy('run_at')
        .execute();
    },
  };
  if (uploadsDir !== undefined)
    publishRevision = createRevisionJob({ db: deps.db, clock, uploadsDir, scheduler });
  return scheduler;
}

/**
 * Polls for due jobs every `everyMs` until stopped. A failed poll (database away for a
 * moment) is logged and retried at the next tick.
 */
export function startScheduling(
  scheduler: Scheduler,
  log: { error(obj: object, msg: string): void },
  everyMs = 1000,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => scheduler.runDue())
      .catch((err) => log.error({ err }, 'the scheduler could not run its due jobs'));
  }, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
