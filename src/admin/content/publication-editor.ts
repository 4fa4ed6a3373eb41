import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { visibleFrom } from '../../domain/visibility.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { publicationRecordOf } from '../../export/publication-records.ts';
import { type ImportRecordInput, publicationRecord } from '../../import/records.ts';
import { toDossierSlug } from '../../import/wordpress/slugs.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import type { AuditLog } from '../accounts/audit-log.ts';
import type { User } from '../accounts/user-store.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import { checkRecord, writeThroughImporter } from './import-write.ts';

/*
 * Editing a publication in the admin. The editable form of a piece is the import format's
 * publication record, and every write goes through the importer, the one write path
 * (its checks, its links, its triggers). Around it:
 *
 * - Every save is a revision (publication_revisions), restorable.
 * - A piece that is live is never changed by a save: the save becomes a pending
 *   revision, and the public keeps seeing the live version until an editor publishes the
 *   revision. A piece that is not live is saved in place.
 * - Authors edit only pieces that carry their own byline, and only as drafts or for
 *   review: never published, scheduled or archived.
 */

/** A publication record as the importer reads it: every default filled in. */
export type PublicationRecord = z.output<typeof publicationRecord>;

export interface EditorState {
  id: number;
  /** What the form shows: the pending revision if there is one, else the stored piece. */
  record: PublicationRecord;
  /** Whether the stored piece is visible to the public now. */
  live: boolean;
  /** Whether `record` is a pending revision waiting to replace the live version. */
  pending: boolean;
}

export interface RevisionSummary {
  id: number;
  createdAt: string;
  userEmail: string;
  kind: string;
  pending: boolean;
}

const AUTHOR_STATUSES = new Set(['draft', 'review']);

export function createPublicationEditor(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  uploadsDir: string;
  audit: AuditLog;
  scheduler: Scheduler;
}) {
  const { db, clock } = deps;

  async function state(id: number, user: User): Promise<EditorState> {
    const found = await publicationRecordOf(db, id);
    if (!found) throw notFound();
    // What the database holds passed these checks when it was written.
    const parsed = publicationRecord.safeParse(found);
    const stored = parsed.success ? parsed.data : (found as PublicationRecord);
    const row = await db
      .selectFrom('publications')
      .select('visible_from')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const live = row.visible_from !== null && row.visible_from <= clock.now().toISOString();
    const pendingRow = await db
      .selectFrom('publication_revisions')
      .select('record')
      .where('publication_id', '=', id)
      .where('pending', '=', 1)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const record = pendingRow ? (JSON.parse(pendingRow.record) as PublicationRecord) : stored;
    await assertMayEdit(user, stored);
    return { id, record, live, pending: pendingRow !== undefined };
  }

  /** Authors: only their own bylines. Others: everything. */
  async function assertMayEdit(user: User, record: PublicationRecord): Promise<void> {
    if (user.role !== 'author') return;
    const own = await ownSlug(user);
    if (own === undefined || !record.authors.includes(own))
      throw new ForbiddenError({
        code: 'FORBIDDEN',
        message: 'Authors may open only the pieces that carry their own byline.',
      });
  }

  async function ownSlug(user: User): Promise<string | undefined> {
    if (user.personId === null) return undefined;
    const person = await db
      .selectFrom('people')
      .select('slug')
      .where('id', '=', user.personId)
      .executeTakeFirst();
    return person?.slug;
  }

  function assertStatusAllowed(user: User, status: string): void {
    if (user.role === 'author' && !AUTHOR_STATUSES.has(status))
      throw new ForbiddenError({
        code: 'FORBIDDEN',
        message: 'Authors may save drafts and submit them for review; an editor publishes.',
      });
  }

  /** Checks a record as the importer would, naming the first bad field. */
  function validate(record: unknown): PublicationRecord {
    return checkRecord(publicationRecord, record, fieldLabel);
  }

  /** Writes records through the importer (see import-write.ts), with their uploaded files. */
  async function write(records: ImportRecordInput[]): Promise<void> {
    // A PDF given as a web address is only linked; one of ours is a file in uploads.
    const files = records.flatMap((r) =>
      r.kind === 'publication'
        ? [r.leadImage?.src, r.pdf].filter(
            (file): file is string => file !== undefined && !/^https?:/.test(file),
          )
        : [],
    );
    await writeThroughImporter(deps, records, { files, label: fieldLabel });
  }

  async function addRevision(
    id: number,
    user: User,
    kind: 'save' | 'publish' | 'restore',
    record: PublicationRecord,
    pending: boolean,
  ): Promise<number> {
    const at = clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      // One pending revision at a time: the newest.
      await trx
        .updateTable('publication_revisions')
        .set({ pending: 0 })
        .where('publication_id', '=', id)
        .where('pending', '=', 1)
        .execute();
      const row = await trx
        .insertInto('publication_revisions')
        .values({
          publication_id: id,
          created_at: at,
          user_id: user.id,
          user_email: user.email,
          kind,
          record: JSON.stringify(record),
          pending: pending ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  async function idOf(slug: string): Promise<number> {
    const row = await db
      .selectFrom('publications')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Saves `record` for a piece: in place when it is not live, else as a pending revision. */
  async function saveRecord(
    id: number,
    user: User,
    record: PublicationRecord,
    kind: 'save' | 'restore',
    extra: ImportRecordInput[] = [],
  ) {
    const current = await state(id, user);
    const checked = validate({ ...record, slug: current.record.slug });
    assertStatusAllowed(user, checked.status);
    if (user.role === 'author') {
      const own = await ownSlug(user);
      if (own && !checked.authors.includes(own))
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'authors',
          message:
            'Keep your own name among the authors, or an editor will have to reopen it for you.',
        });
    }
    if (current.live) {
      // Authors and people created inline are written now (they show nowhere until used).
      if (extra.length > 0) await write(extra);
      await addRevision(id, user, kind, checked, true);
    } else {
      await write([...extra, checked]);
      await addRevision(id, user, kind, checked, false);
      await syncPublishJob(id, checked, user);
    }
    await deps.audit.record({
      at: clock.now().toISOString(),
      userId: user.id,
      userEmail: user.email,
      action: current.live ? `publication.${kind}-pending` : `publication.${kind}`,
      entity: 'publication',
      entityId: String(id),
      detail: { slug: checked.slug, status: checked.status },
    });
    return state(id, user);
  }

  /**
   * A scheduled piece goes live by itself at its time (visibility is computed from it);
   * the job then moves its status to published, so lists of statuses tell the truth.
   */
  async function syncPublishJob(id: number, record: PublicationRecord, user: User) {
    const at = visibleFrom({
      status: record.status,
      publishedAt: record.publishedAt ?? null,
      embargoUntil: record.embargoUntil ?? null,
    });
    if (record.status === 'scheduled' && at !== null)
      await deps.scheduler.schedule('publish', id, at, user.email);
    else await deps.scheduler.cancel('publish', id);
  }

  return {
    state,

    /** Takes a live piece down at a time (editors only); null clears a queued take-down. */
    async scheduleUnpublish(id: number, user: User, at: string | null) {
      if (user.role === 'author')
        throw new ForbiddenError({ code: 'FORBIDDEN', message: 'Only editors unpublish.' });
      await state(id, user);
      if (at === null) await deps.scheduler.cancel('unpublish', id);
      else await deps.scheduler.schedule('unpublish', id, at, user.email);
      await deps.audit.record({
        at: clock.now().toISOString(),
        userId: user.id,
        userEmail: user.email,
        action: at === null ? 'publication.unpublish-cancelled' : 'publication.unpublish-scheduled',
        entity: 'publication',
        entityId: String(id),
        detail: { at },
      });
    },

    /**
     * Publishes a live piece's pending revision at a time, as its Publish button would
     * (editors only); null cancels. The job publishes whatever is pending when it runs,
     * so saving the revision again keeps the time (see scheduler/revision-job.ts).
     */
    async schedulePublishRevision(id: number, user: User, at: string | null) {
      if (user.role === 'author')
        throw new ForbiddenError({ code: 'FORBIDDEN', message: 'Only editors publish.' });
      const current = await state(id, user);
      const invalid = (message: string) =>
        new ValidationError({ code: 'BAD_REQUEST', field: 'publishRevisionAt', message });
      if (at !== null && !(current.live && current.pending))
        throw invalid('This piece has no pending revision to publish: save a change first.');
      if (at !== null && at <= clock.now().toISOString())
        throw invalid(
          'The time to publish the revision has passed: choose a later one, or publish it now.',
        );
      if (at === null) await deps.scheduler.cancel('publish-revision', id);
      else await deps.scheduler.schedule('publish-revision', id, at, user.email);
      await deps.audit.record({
        at: clock.now().toISOString(),
        userId: user.id,
        userEmail: user.email,
        action: at === null ? 'publication.revision-cancelled' : 'publication.revision-scheduled',
        entity: 'publication',
        entityId: String(id),
        detail: { slug: current.record.slug, at },
      });
    },

    jobs: (id: number) => deps.scheduler.queued(id),

    /** Records an editor's action on a piece that is not a save (press previews…). */
    audit: (entry: { user: User; action: string; id: number; detail: Record<string, unknown> }) =>
      deps.audit.record({
        at: clock.now().toISOString(),
        userId: entry.user.id,
        userEmail: entry.user.email,
        action: entry.action,
        entity: 'publication',
        entityId: String(entry.id),
        detail: entry.detail,
      }),

    async create(user: User, record: PublicationRecord, extra: ImportRecordInput[] = []) {
      const own = await ownSlug(user);
      if (user.role === 'author' && own === undefined)
        throw new ForbiddenError({
          code: 'FORBIDDEN',
          message: 'Your account has no byline (Person) yet: ask an administrator to link one.',
        });
      const withOwn =
        user.role === 'author' && own && !record.authors.includes(own)
          ? { ...record, authors: [own, ...record.authors] }
          : record;
      const checked = validate(withOwn);
      assertStatusAllowed(user, checked.status);
      const taken = await db
        .selectFrom('publications')
        .select('id')
        .where('slug', '=', checked.slug)
        .executeTakeFirst();
      if (taken)
        throw new ConflictError({
          code: 'SLUG_TAKEN',
          field: 'slug',
          message: `Another publication already uses the address ${checked.slug}.`,
        });
      await write([...extra, checked]);
      const id = await idOf(checked.slug);
      await addRevision(id, user, 'save', checked, false);
      await syncPublishJob(id, checked, user);
      await deps.audit.record({
        at: clock.now().toISOString(),
        userId: user.id,
        userEmail: user.email,
        action: 'publication.create',
        entity: 'publication',
        entityId: String(id),
        detail: { slug: checked.slug, status: checked.status },
      });
      return id;
    },

    save: (id: number, user: User, record: PublicationRecord, extra: ImportRecordInput[] = []) =>
      saveRecord(id, user, record, 'save', extra),

    /** Makes the pending revision (or the draft itself) the published version. Editors only. */
    async publish(id: number, user: User) {
      if (user.role === 'author')
        throw new ForbiddenError({ code: 'FORBIDDEN', message: 'Only editors publish.' });
      const current = await state(id, user);
      const publishedAt =
        current.record.publishedAt ??
        clock
          .now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z');
      const status =
        current.record.status === 'scheduled' || current.record.status === 'published'
          ? current.record.status
          : 'published';
      const record = validate({ ...current.record, status, publishedAt });
      await write([record]);
      await addRevision(id, user, 'publish', record, false);
      await syncPublishJob(id, record, user);
      // Published by hand, the revision's time is spent: a later edit must not go out then.
      await deps.scheduler.cancel('publish-revision', id);
      await deps.audit.record({
        at: clock.now().toISOString(),
        userId: user.id,
        userEmail: user.email,
        action: 'publication.publish',
        entity: 'publication',
        entityId: String(id),
        detail: { slug: record.slug, status, publishedAt },
      });
      return state(id, user);
    },

    async revisions(id: number, user: User): Promise<RevisionSummary[]> {
      await state(id, user);
      const rows = await db
        .selectFrom('publication_revisions')
        .select(['id', 'created_at', 'user_email', 'kind', 'pending'])
        .where('publication_id', '=', id)
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        userEmail: r.user_email,
        kind: r.kind,
        pending: r.pending === 1,
      }));
    },

    async revision(id: number, revisionId: number, user: User): Promise<PublicationRecord> {
      await state(id, user);
      const row = await db
        .selectFrom('publication_revisions')
        .select('record')
        .where('publication_id', '=', id)
        .where('id', '=', revisionId)
        .executeTakeFirst();
      if (!row) throw notFound();
      return JSON.parse(row.record) as PublicationRecord;
    },

    /** Saves an old revision's record as the newest (pending when the piece is live). */
    async restore(id: number, revisionId: number, user: User) {
      const old = await this.revision(id, revisionId, user);
      const current = await state(id, user);
      // Restoring text never restores a status an author may not set.
      const status =
        user.role === 'author' && !AUTHOR_STATUSES.has(old.status)
          ? current.record.status
          : old.status;
      return saveRecord(id, user, { ...old, status }, 'restore');
    },
  };
}

export type PublicationEditor = ReturnType<typeof createPublicationEditor>;

/**
 * A slug for a new piece, person or term from its title or name: the importer's own
 * spelling of names as slugs, or a random one when nothing of the text is spellable.
 */
export function slugFrom(text: string): string {
  return toDossierSlug(text) || `item-${randomBytes(3).toString('hex')}`;
}

function notFound() {
  return new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such publication.' });
}

const LABELS: Record<string, string> = {
  title: 'The title',
  slug: 'The address (slug)',
  type: 'The type',
  summary: 'The summary',
  body: 'The body',
  authors: 'The authors',
  status: 'The status',
  publishedAt: 'The publication time',
  embargoUntil: 'The embargo time',
  primaryCenter: 'The center',
  topics: 'The topics',
  regions: 'The regions',
  pdf: 'The PDF',
};

function fieldLabel(field: string): string {
  return LABELS[field] ?? (field ? `The field ${field}` : 'The piece');
}
