import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { loadDigest } from '../digests/digest-content.ts';
import { findLivePieces } from '../digests/digest-pieces.ts';
import { createIssueRepository, type Issue } from '../digests/issue-repository.ts';
import { findList } from '../digests/list-lookup.ts';
import { type RenderedDigest, renderDigest } from '../digests/render-digest.ts';
import { defaultDelivery } from './default-delivery.ts';
import type { Delivery } from './delivery.ts';
import { fillOutbox } from './outbox-fill.ts';
import { createOutboxRepository, type OutboxCounts } from './outbox-repository.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { createRecipientRepository } from './recipient-repository.ts';
import { type IssueSend, runWorker, type SendTally } from './send-worker.ts';
import { linkOrigin, senderOf } from './sender-identity.ts';
import { openSentJournal, readJournals } from './sent-journal.ts';

export interface SendOptions {
  /** One issue (a draft or scheduled one is queued now); else every due issue. */
  issueId?: number | undefined;
  /** Concurrent workers in this process, each with its own SMTP connection. */
  workers?: number;
  batchSize?: number;
  /** Called every second or so while an issue is sent, with this run's counts so far. */
  onProgress?: (issueId: number, tally: SendTally) => void;
}

export interface IssueSendReport {
  issueId: number;
  /** Rows queued by this run (0 when resuming). */
  queued: number;
  tally: SendTally;
  counts: OutboxCounts;
  finished: boolean;
  /** Why the run stopped before the end (the server unreachable…). */
  error: string | null;
}

export interface SenderDeps {
  database: Database;
  config: Config;
  clock: Clock;
  /** Tests and the bench pass their own; by default SMTP when configured, else .eml files. */
  delivery?: () => Delivery;
  leaseMs?: number;
  retryDelayMs?: number;
}

/**
 * Runs sends: queues what is due, then drains each issue's outbox with N workers that
 * share the process's rate limit. Any number of these may run at once, in one process or
 * many, on one database: rows are claimed, never shared (outbox-repository.ts).
 */
export function createNewsletterSender(deps: SenderDeps) {
  const { database, config, clock } = deps;
  const { db } = database;
  const issues = createIssueRepository(db);
  const outbox = createOutboxRepository(db, database.dialect);
  const recipients = createRecipientRepository(db);
  const makeDelivery = deps.delivery ?? (() => defaultDelivery(config));
  const processTag = `${hostname()}/${process.pid}`;
  const journalDir = join(config.data.dir, 'outbox', 'journal');

  async function send(options: SendOptions = {}): Promise<IssueSendReport[]> {
    await releaseClaimsOfDeadProcesses();
    const due =
      options.issueId === undefined
        ? await issues.listDue(clock.now())
        : [await issues.findIssue(options.issueId)].flatMap((i) => (i ? [i] : []));
    const limiter = createRateLimiter(config.newsletter.sendRate);
    const reports: IssueSendReport[] = [];
    for (const issue of due) {
      if (issue.status === 'sent') continue;
      reports.push(await sendIssue(issue, options, limiter));
    }
    return reports;
  }

  async function sendIssue(
    issue: Issue,
    options: SendOptions,
    limiter: ReturnType<typeof createRateLimiter>,
  ): Promise<IssueSendReport> {
    const list = await findList(db, { id: issue.listId });
    if (!list) throw new Error(`Issue ${issue.id} names a list that is gone.`);
    const sender = senderOf(list, config);
    const { origin } = linkOrigin(config);
    let queued = 0;
    const tally: SendTally = { sent: 0, suppressed: 0, bounced: 0, deferred: 0, failed: 0 };
    if (issue.status === 'draft' || issue.status === 'scheduled') {
      const live = await findLivePieces(db, issue.publicationIds, clock.now());
      if (live.size === 0) {
        const counts = await outbox.counts(issue.id);
        const error = 'It has no live pieces left: nothing was sent (NEWSLETTER_ISSUE_EMPTY).';
        return { issueId: issue.id, queued, tally, counts, finished: false, error };
      }
      queued =
        (await fillOutbox(db, issue, { at: clock.now(), senderAddress: sender.address })) ?? 0;
    }
    const issueSend: IssueSend = {
      issueId: issue.id,
      list,
      sender,
      origin,
      listIdentifier: `${list.slug}.${new URL(origin).hostname}`,
      digest: liveDigest(issue, origin),
    };
    const workerDeps = {
      outbox,
      recipients,
      limiter,
      clock,
      leaseMs: deps.leaseMs ?? 60_000,
      batchSize: options.batchSize ?? 50,
      retryDelayMs: deps.retryDelayMs ?? 60_000,
    };
    const workers = Math.max(1, options.workers ?? 1);
    const progress = setInterval(() => options.onProgress?.(issue.id, tally), 1_000);
    progress.unref();
    const stops = await Promise.all(
      Array.from({ length: workers }, async () => {
        const delivery = makeDelivery();
        const claimant = `${processTag}/${randomBytes(4).toString('hex')}`;
        const journal = openSentJournal(journalDir, claimant);
        try {
          const stop = await runWorker(issueSend, workerDeps, claimant, delivery, journal, tally);
          // Every message it names is marked sent by now: the journal has served.
          journal.discard();
          return stop;
        } finally {
          await delivery.close();
        }
      }),
    ).finally(() => clearInterval(progress));
    options.onProgress?.(issue.id, tally);
    const counts = await outbox.counts(issue.id);
    const finished = counts.queued === 0 && counts.sending === 0;
    if (finished) {
      const at = clock.now();
      await issues.updateIssue(issue.id, { status: 'sent', finishedAt: at.toISOString() }, at);
    }
    return {
      issueId: issue.id,
      queued,
      tally,
      counts,
      finished,
      error: stops.find((s) => s !== null)?.error ?? null,
    };
  }

  /**
   * The digest as every message shows it, rendered once and rendered again only when the
   * set of its live pieces changes (a piece unpublished mid-send drops out of the
   * messages still to go).
   */
  function liveDigest(issue: Issue, origin: string): () => Promise<RenderedDigest> {
    let rendered: { key: string; digest: RenderedDigest } | undefined;
    return async () => {
      const now = clock.now();
      const live = await findLivePieces(db, issue.publicationIds, now);
      const key = [...live.keys()].sort((a, b) => a - b).join(',');
      if (rendered?.key !== key) {
        const model = await loadDigest(db, issue, { now, origin });
        rendered = { key, digest: renderDigest(model) };
      }
      return rendered.digest;
    };
  }

  /**
   * Claims held by a process of this machine that no longer runs (killed, crashed): the
   * messages its journal names were handed over and become sent; its other claims are let
   * go at once rather than when their lease runs out (their DATA never completed).
   */
  async function releaseClaimsOfDeadProcesses(): Promise<void> {
    const isDead = (claimant: string) => {
      const [claimHost, pid] = claimant.split('/');
      return claimHost === hostname() && Number(pid) !== process.pid && !isRunning(Number(pid));
    };
    for (const journal of readJournals(journalDir)) {
      if (!isDead(journal.claimant)) continue;
      await outbox.markHandedOver(journal.claimant, journal.rowIds, clock.now());
      journal.remove();
    }
    await outbox.expireClaims((await outbox.listClaimants()).filter(isDead));
  }

  return { send };
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // unknown: let the lease decide
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export type NewsletterSender = ReturnType<typeof createNewsletterSender>;
