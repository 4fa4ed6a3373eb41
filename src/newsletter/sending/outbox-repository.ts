import type { Kysely } from 'kysely';
import type { DialectName } from '../../storage/database.ts';
import type { Tables } from '../../storage/tables.ts';

/*
 * The outbox: one row per (issue, subscriber), unique, so no restart can queue a second
 * copy. A row's life:
 *
 *   queued ──claim──▶ sending ──handed over at the end of DATA, then──▶ sent
 *      ▲                 │  └─ a 4xx, or the server unreachable: back to queued, later
 *      └─ claim expired ─┘  └─ a 5xx (bounce), attempts used up: failed
 *                           └─ unsubscribed or suppressed since the fill: suppressed
 *
 * A claim is a lease (`claimed_by` until `claimed_until`). A worker that dies leaves its
 * rows in `sending`; the messages its journal names were handed over and become sent
 * (sent-journal.ts), the others are taken again by another worker once the lease has
 * expired (or, on the same machine, as soon as its process is gone): their DATA never
 * completed (see commit-before-end.ts).
 */

export type OutboxCounts = Record<'queued' | 'sending' | 'sent' | 'failed' | 'suppressed', number>;

export interface ClaimedRow {
  id: number;
  issueId: number;
  subscriberId: number;
  attempts: number;
  messageId: string;
}

export interface OutboxRepository {
  /**
   * Takes up to `limit` rows of an issue that are queued (and due) or whose claim has
   * expired, for `claimant` until `until`. Safe with any number of workers in any number
   * of processes: each row goes to one claimant.
   */
  claim(
    issueId: number,
    claimant: string,
    limit: number,
    now: Date,
    until: Date,
  ): Promise<ClaimedRow[]>;
  /** Extends the lease on every row `claimant` still holds in `sending`. */
  renewClaims(claimant: string, until: Date): Promise<void>;
  /**
   * Confirms that `claimant` still holds the row and extends its lease to `until`; false
   * when it does not (its lease expired and another worker took it): the caller must
   * then abandon the message.
   */
  holdClaim(rowId: number, claimant: string, until: Date): Promise<boolean>;
  /** Marks a row sent if `claimant` still holds it. */
  markSent(rowId: number, claimant: string, at: Date): Promise<boolean>;
  /** Rows a dead claimant had handed over (its journal) become sent. */
  markHandedOver(claimant: string, rowIds: number[], at: Date): Promise<void>;
  /** Back to the queue, not before `notBefore`; `countAttempt` for a refusal by the server. */
  requeue(
    rowId: number,
    options: { notBefore: Date; countAttempt: boolean; error: string | null },
  ): Promise<void>;
  /** Gives up on a row (a bounce, attempts used up, an address that no longer passes). */
  fail(rowId: number, error: string): Promise<void>;
  /** The subscriber may no longer receive this list: nothing is sent. */
  suppress(rowId: number, reason: string): Promise<void>;
  /** Hands back the rows a claimant holds but did not get to (a clean stop). */
  releaseClaims(claimant: string): Promise<void>;
  /** Rows in `sending` held by one of these claimants become claimable at once. */
  expireClaims(claimants: string[]): Promise<void>;
  /** Every claimant that holds a row in `sending` (to find those of dead processes). */
  listClaimants(): Promise<string[]>;
  counts(issueId: number): Promise<OutboxCounts>;
  /** The earliest moment a queued row of the issue may be claimed again (a deferred retry). */
  nextRetryAt(issueId: number): Promise<string | null>;
}

export function createOutboxRepository(db: Kysely<Tables>, dialect: DialectName): OutboxRepository {
  const outbox = 'newsletter_outbox' as const;
  return {
    async claim(issueId, claimant, limit, now, until) {
      const at = now.toISOString();
      const claimable = db
        .selectFrom(outbox)
        .select('id')
        .where('issue_id', '=', issueId)
        .where('status', 'in', ['queued', 'sending'])
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
        .orderBy('id')
        .limit(limit);
      // PostgreSQL: rows another worker is claiming right now are skipped, not waited for.
      // SQLite has one writer at a time, so the single UPDATE is already exclusive.
      const candidates = dialect === 'postgres' ? claimable.forUpdate().skipLocked() : claimable;
      const rows = await db
        .updateTable(outbox)
        .set({ status: 'sending', claimed_by: claimant, claimed_until: until.toISOString() })
        .where('id', 'in', candidates)
        .where('status', 'in', ['queued', 'sending'])
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
        .returning(['id', 'issue_id', 'subscriber_id', 'attempts', 'message_id'])
        .execute();
      return rows
        .map((r) => ({
          id: Number(r.id),
          issueId: Number(r.issue_id),
          subscriberId: Number(r.subscriber_id),
          attempts: Number(r.attempts),
          messageId: r.message_id,
        }))
        .sort((a, b) => a.id - b.id);
    },

    async renewClaims(claimant, until) {
      await db
        .updateTable(outbox)
        .set({ claimed_until: until.toISOString() })
        .where('claimed_by', '=', claimant)
        .where('status', '=', 'sending')
        .execute();
    },

    async holdClaim(rowId, claimant, until) {
      const result = await db
        .updateTable(outbox)
        .set({ claimed_until: until.toISOString() })
        .where('id', '=', rowId)
        .where('claimed_by', '=', claimant)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async markHandedOver(claimant, rowIds, at) {
      for (let start = 0; start < rowIds.length; start += 500) {
        await db
          .updateTable(outbox)
          .set({ status: 'sent', sent_at: at.toISOString(), claimed_by: null, claimed_until: null })
          .where('id', 'in', rowIds.slice(start, start + 500))
          .where('claimed_by', '=', claimant)
          .where('status', '=', 'sending')
          .execute();
      }
    },

    async markSent(rowId, claimant, at) {
      const result = await db
        .updateTable(outbox)
        .set({
          status: 'sent',
          sent_at: at.toISOString(),
          claimed_by: null,
          claimed_until: null,
          last_error: null,
        })
        .where('id', '=', rowId)
        .where('claimed_by', '=', claimant)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async requeue(rowId, { notBefore, countAttempt, error }) {
      await db
        .updateTable(outbox)
        .set((eb) => ({
          status: 'queued',
          claimed_by: null,
          claimed_until: notBefore.toISOString(),
          sent_at: null,
          last_error: error,
          attempts: countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
        }))
        .where('id', '=', rowId)
        .execute();
    },

    async fail(rowId, error) {
      await db
        .updateTable(outbox)
        .set((eb) => ({
          status: 'failed',
          claimed_by: null,
          claimed_until: null,
          sent_at: null,
          last_error: error,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', rowId)
        .execute();
    },

    async suppress(rowId, reason) {
      await db
        .updateTable(outbox)
        .set({ status: 'suppressed', claimed_by: null, claimed_until: null, last_error: reason })
        .where('id', '=', rowId)
        .execute();
    },

    async releaseClaims(claimant) {
      await db
        .updateTable(outbox)
        .set({ status: 'queued', claimed_by: null, claimed_until: null })
        .where('claimed_by', '=', claimant)
        .where('status', '=', 'sending')
        .execute();
    },

    async expireClaims(claimants) {
      if (claimants.length === 0) return;
      await db
        .updateTable(outbox)
        .set({ claimed_until: null })
        .where('claimed_by', 'in', claimants)
        .where('status', '=', 'sending')
        .execute();
    },

    async listClaimants() {
      const rows = await db
        .selectFrom(outbox)
        .select('claimed_by')
        .distinct()
        .where('status', '=', 'sending')
        .where('claimed_by', 'is not', null)
        .execute();
      return rows.flatMap((r) => (r.claimed_by === null ? [] : [r.claimed_by]));
    },

    async counts(issueId) {
      const rows = await db
        .selectFrom(outbox)
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .where('issue_id', '=', issueId)
        .groupBy('status')
        .execute();
      const counts: OutboxCounts = { queued: 0, sending: 0, sent: 0, failed: 0, suppressed: 0 };
      for (const row of rows) counts[row.status as keyof OutboxCounts] = Number(row.n);
      return counts;
    },

    async nextRetryAt(issueId) {
      const row = await db
        .selectFrom(outbox)
        .select((eb) => eb.fn.min('claimed_until').as('at'))
        .where('issue_id', '=', issueId)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return (row?.at as string | null | undefined) ?? null;
    },
  };
}
