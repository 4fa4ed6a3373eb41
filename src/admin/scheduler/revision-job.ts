import type { Kysely } from 'kysely';
import { DossierError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import { createAuditLog } from '../accounts/audit-log.ts';
import { createUserStore } from '../accounts/user-store.ts';
import { createPublicationEditor } from '../content/publication-editor.ts';
import type { Scheduler } from './scheduler.ts';

/*
 * A pending revision published at its time: the job presses the piece's "Publish the
 * pending revision" button for the editor who scheduled it, through the editor's own
 * publish (its checks, its revision, its audit entry), so a scheduled publication and a
 * pressed button can never differ.
 *
 * It publishes whatever revision is pending when it runs: saving the revision again
 * before its time keeps the time. It does nothing, and says why, when the piece is gone
 * or no longer live (taken down), when nothing is pending (published by hand, or the
 * piece was saved in place after a take-down), or when the account that scheduled it
 * can no longer publish (disabled, made an author, removed).
 *
 * The publish writes through the importer in transactions of its own, so the job cannot
 * share one with it. It still takes effect once: one worker holds the claim while it
 * runs, and publishing leaves nothing pending, so a job run again after a crash finds
 * nothing to publish and ends.
 */

type RevisionJobOutcome =
  | { published: true; slug: string; revision: number }
  | { published: false; reason: string };

export type RevisionJob = (
  publicationId: number,
  scheduledBy: string,
) => Promise<RevisionJobOutcome>;

export function createRevisionJob(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  uploadsDir: string;
  scheduler: Scheduler;
}): RevisionJob {
  const { db, clock } = deps;
  const users = createUserStore(db);
  const editor = createPublicationEditor({ ...deps, audit: createAuditLog(db) });
  const skipped = (reason: string): RevisionJobOutcome => ({ published: false, reason });

  return async (publicationId, scheduledBy) => {
    const piece = await db
      .selectFrom('publications')
      .select(['slug', 'visible_from'])
      .where('id', '=', publicationId)
      .executeTakeFirst();
    if (!piece) return skipped('the piece no longer exists');
    if (piece.visible_from === null || piece.visible_from > clock.now().toISOString())
      return skipped('the piece is not live (it was taken down)');
    const pending = await db
      .selectFrom('publication_revisions')
      .select('id')
      .where('publication_id', '=', publicationId)
      .where('pending', '=', 1)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!pending) return skipped('no revision is pending (it was published or replaced)');
    const account = (await users.withHashByEmail(scheduledBy))?.user;
    if (!account || account.disabled || account.role === 'author')
      return skipped(`the account that scheduled it (${scheduledBy}) may no longer publish`);
    try {
      await editor.publish(publicationId, account);
    } catch (error) {
      // A revision the importer refuses now (a term it names was removed since) waits
      // for an editor: retrying would fail the same way.
      if (error instanceof DossierError && error.status < 500)
        return skipped(`the revision could not be published: ${error.message}`);
      throw error;
    }
    return { published: true, slug: piece.slug, revision: pending.id };
  };
}
