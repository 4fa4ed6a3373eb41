import type { Clock } from '../../lib/clock.ts';
import type { RenderedDigest } from '../digests/render-digest.ts';
import { checkEmailAddress } from '../email-address.ts';
import { preferencesUrl, unsubscribeUrl } from '../links.ts';
import type { Delivery } from './delivery.ts';
import { buildMessageTemplate, type MessageTemplate } from './message-template.ts';
import type { ClaimedRow, OutboxRepository } from './outbox-repository.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RecipientRepository } from './recipient-repository.ts';
import type { Sender } from './sender-identity.ts';
import type { SentJournal } from './sent-journal.ts';

/** A refused-for-now (4xx) message is tried this many times in all, then `failed`. */
const MAX_ATTEMPTS = 5;

/** What every worker of one issue's send shares. */
export interface IssueSend {
  issueId: number;
  list: { id: number; slug: string; name: string };
  sender: Sender;
  origin: string;
  /** List-Id's identifier, `<slug>.<host>`. */
  listIdentifier: string;
  /** The digest as of the current batch (re-read when its live pieces change). */
  digest(): Promise<RenderedDigest>;
}

export interface WorkerDeps {
  outbox: OutboxRepository;
  recipients: RecipientRepository;
  limiter: RateLimiter;
  clock: Clock;
  /** How long a claim lasts; renewed while the worker runs. */
  leaseMs: number;
  batchSize: number;
  /** The wait before a 4xx'd message is tried again, doubled at each attempt. */
  retryDelayMs: number;
}

export interface SendTally {
  sent: number;
  suppressed: number;
  bounced: number;
  deferred: number;
  failed: number;
}

/** Why a worker stopped early: nothing more can go out over this server for now. */
export interface WorkerStop {
  error: string;
}

/**
 * One worker: claims a batch of the issue's rows, sends each through its own delivery
 * (one SMTP connection), and repeats until nothing is left to claim. Returns a stop
 * when the server cannot be used (unreachable, sender refused); its unsent rows go
 * back to the queue for the next run.
 */
export async function runWorker(
  send: IssueSend,
  deps: WorkerDeps,
  claimant: string,
  delivery: Delivery,
  journal: SentJournal,
  tally: SendTally,
): Promise<WorkerStop | null> {
  const { outbox, clock } = deps;
  // Until when (monotonic time) our claims are surely still ours: half a lease after the
  // claim or the last renewal. Another worker takes a row only once its lease has run out,
  // by its own clock: half a lease of margin covers clocks that disagree by up to 30 s.
  let surelyOursUntil = 0;
  const renew = setInterval(
    () => {
      const started = performance.now();
      outbox
        .renewClaims(claimant, new Date(clock.now().getTime() + deps.leaseMs))
        .then(() => {
          surelyOursUntil = started + deps.leaseMs / 2;
        })
        .catch(() => {});
    },
    Math.max(1_000, deps.leaseMs / 3),
  );
  renew.unref();
  const marks = createMarks();
  const worker = {
    claimant,
    delivery,
    journal,
    marks,
    isSurelyOurs: () => performance.now() < surelyOursUntil,
  };
  try {
    for (;;) {
      const now = clock.now();
      const claimedAt = performance.now();
      const rows = await outbox.claim(
        send.issueId,
        claimant,
        deps.batchSize,
        now,
        new Date(now.getTime() + deps.leaseMs),
      );
      surelyOursUntil = claimedAt + deps.leaseMs / 2;
      if (rows.length === 0) return null;
      // Built once a batch: the Date header is that of the batch, within seconds.
      const digest = await send.digest();
      const template = await buildMessageTemplate({
        sender: send.sender,
        subject: digest.subject,
        date: clock.now(),
        listId: { id: send.listIdentifier, name: send.list.name },
        digest,
      });
      for (const row of rows) {
        const stop = await sendOne(send, deps, worker, template, row, tally);
        if (stop) {
          await marks.settle();
          await outbox.releaseClaims(claimant);
          return stop;
        }
      }
      await marks.settle();
    }
  } finally {
    clearInterval(renew);
  }
}

/**
 * Rows marked sent without waiting (the journal already holds them; the database may
 * lag by a batch), settled before the next claim: a failure then stops the worker, and
 * its journal stays for the next run.
 */
function createMarks() {
  const pending: Promise<void>[] = [];
  let failure: unknown;
  return {
    add(marking: Promise<unknown>) {
      pending.push(
        marking.then(
          () => undefined,
          (error: unknown) => {
            failure ??= error;
          },
        ),
      );
    },
    async settle() {
      await Promise.all(pending.splice(0));
      if (failure !== undefined) throw failure;
    },
  };
}

type Worker = {
  claimant: string;
  delivery: Delivery;
  journal: SentJournal;
  marks: ReturnType<typeof createMarks>;
  isSurelyOurs(): boolean;
};

async function sendOne(
  send: IssueSend,
  deps: WorkerDeps,
  worker: Worker,
  template: MessageTemplate,
  row: ClaimedRow,
  tally: SendTally,
): Promise<WorkerStop | null> {
  const { outbox, recipients, clock } = deps;
  // Checked again right before the message: an unsubscribe, a bounce or a suppression
  // since the outbox was filled stops it.
  const recipient = await recipients.findRecipient(row.subscriberId, send.list.id);
  if (!recipient) return null; // erased meanwhile: the row went with them
  if (recipient.blockedBecause !== null) {
    await outbox.suppress(row.id, recipient.blockedBecause);
    tally.suppressed++;
    return null;
  }
  const address = checkEmailAddress(recipient.email);
  if (!address.ok) {
    await outbox.fail(row.id, `the address ${address.reason}`);
    tally.failed++;
    return null;
  }
  const unsubscribe = unsubscribeUrl(send.origin, recipient, send.list.slug);
  const links = { unsubscribe, preferences: preferencesUrl(send.origin, recipient) };
  const message = template.forRecipient({
    to: address.address,
    messageId: row.messageId,
    links,
    unsubscribeMailto: unsubscribeMailto(send.sender.address, unsubscribe),
  });

  await deps.limiter.take();
  const { claimant, delivery, journal } = worker;
  let takenOver = false;
  const outcome = await delivery.deliver(
    { from: send.sender.address, to: address.address },
    message,
    { folder: String(send.issueId), name: String(row.id) },
    {
      // The body has gone out: make sure the message is still ours (a worker that stalled
      // past its lease may have lost it to another). Within half a lease of the claim or
      // its renewal it surely is; later the database is asked, and the lease renewed.
      async prepare() {
        if (worker.isSurelyOurs()) return;
        const until = new Date(clock.now().getTime() + deps.leaseMs);
        if (await outbox.holdClaim(row.id, claimant, until)) return;
        takenOver = true;
        throw new Error('another worker took this message over (its claim had expired)');
      },
      handOver: () => journal.record(row.id),
    },
  );

  switch (outcome.kind) {
    case 'delivered':
    case 'unconfirmed':
      // Unconfirmed: handed over, then the connection broke before the server's reply.
      // The server may or may not have it; sending again could make a duplicate, so we don't.
      worker.marks.add(outbox.markSent(row.id, claimant, clock.now()));
      tally.sent++;
      return null;
    case 'not-sent':
      if (takenOver) return null;
      await outbox.requeue(row.id, {
        notBefore: new Date(clock.now().getTime() + deps.retryDelayMs),
        countAttempt: false,
        error: outcome.error,
      });
      return { error: outcome.error };
    case 'refused': {
      const reply = `${outcome.code} ${outcome.response}`;
      if (outcome.stage === 'sender') {
        await outbox.requeue(row.id, { notBefore: clock.now(), countAttempt: false, error: reply });
        return { error: `the SMTP server refused the sender ${send.sender.address}: ${reply}` };
      }
      if (outcome.code >= 500) {
        await outbox.fail(row.id, `bounced: ${reply}`);
        await recipients.recordBounce({
          subscriberId: recipient.id,
          emailHash: recipient.emailHash,
          listId: send.list.id,
          issueId: send.issueId,
          code: outcome.code,
          response: outcome.response,
          at: clock.now(),
        });
        tally.bounced++;
        return null;
      }
      if (row.attempts + 1 >= MAX_ATTEMPTS) {
        await outbox.fail(row.id, `gave up after ${MAX_ATTEMPTS} attempts: ${reply}`);
        tally.failed++;
        return null;
      }
      await outbox.requeue(row.id, {
        notBefore: new Date(clock.now().getTime() + deps.retryDelayMs * 2 ** row.attempts),
        countAttempt: true,
        error: reply,
      });
      tally.deferred++;
      return null;
    }
  }
}

/**
 * The mailto alternative of List-Unsubscribe: a message to the list's sender whose
 * subject carries the signed one-click link, so whoever reads that mailbox (or a script)
 * can act on it with certainty.
 */
function unsubscribeMailto(senderAddress: string, unsubscribeLink: string): string {
  const query = new URL(unsubscribeLink).search.slice(1);
  return `mailto:${senderAddress}?subject=${encodeURIComponent(`unsubscribe ${query}`)}`;
}
