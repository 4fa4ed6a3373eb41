import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { formatDate } from '../../lib/dates.ts';
import type { Tables } from '../../storage/tables.ts';
import { type DigestModel, loadDigest } from './digest-content.ts';
import {
  DIGEST_MAX_PIECES,
  findLivePieceBySlug,
  findLivePieces,
  listPiecesPublishedInto,
} from './digest-pieces.ts';
import { createIssueRepository, type Issue } from './issue-repository.ts';
import { findList } from './list-lookup.ts';

export interface DigestServiceDeps {
  db: Kysely<Tables>;
  clock: Clock;
  /** The origin every link starts with (config.server.publicUrl). */
  origin: string;
}

/**
 * What an editor does with an issue before it goes out: draft one for a list from the
 * pieces published into it since the last issue, reorder, remove and add pieces, write
 * an intro, change the subject, preview, schedule. Only drafts and scheduled issues can
 * change; once sending starts an issue is fixed. Transports (the CLI now, admin screens
 * later) call these.
 */
export function createDigestService(deps: DigestServiceDeps) {
  const { db, clock } = deps;
  const issues = createIssueRepository(db);

  async function getIssue(id: number): Promise<Issue> {
    const issue = await issues.findIssue(id);
    if (!issue)
      throw new NotFoundError({
        code: 'NOT_FOUND',
        message: `There is no newsletter issue ${id}.`,
      });
    return issue;
  }

  async function editable(id: number): Promise<Issue> {
    const issue = await getIssue(id);
    if (issue.status === 'sending' || issue.status === 'sent')
      throw new ConflictError({
        code: 'NEWSLETTER_ISSUE_LOCKED',
        message: `Issue ${id} is ${issue.status === 'sent' ? 'already sent' : 'being sent'}; it cannot change.`,
        hint: 'Draft a new issue instead.',
      });
    return issue;
  }

  async function livePieceId(slug: string): Promise<number> {
    const id = await findLivePieceBySlug(db, slug, clock.now());
    if (id === undefined)
      throw new NotFoundError({
        code: 'NOT_FOUND',
        field: 'publication',
        message: `There is no published piece "${slug}".`,
        hint: 'Only live pieces can go into a newsletter.',
      });
    return id;
  }

  return {
    getIssue,

    /** A new draft for a list, covering what went live since its previous issue. */
    async draft(listSlug: string, options: { subject?: string | undefined } = {}): Promise<Issue> {
      const list = await findList(db, { slug: listSlug });
      if (!list)
        throw new NotFoundError({
          code: 'NOT_FOUND',
          field: 'list',
          message: `There is no newsletter list "${listSlug}".`,
        });
      const now = clock.now();
      const coversFrom = await issues.findLastCoverage(list.id);
      const coversUntil = now.toISOString();
      const publicationIds = await listPiecesPublishedInto(db, list.id, {
        after: coversFrom,
        until: coversUntil,
        now,
      });
      const id = await issues.insertIssue({
        listId: list.id,
        subject: checkSubject(
          options.subject ?? `${list.name}: ${formatDate(coversUntil, 'en-GB', 'UTC')}`,
        ),
        coversFrom,
        coversUntil,
        publicationIds,
        at: now,
      });
      return getIssue(id);
    },

    /** Adds a live piece at `position` (0-based; the end by default). */
    async addPiece(id: number, slug: string, position?: number): Promise<Issue> {
      const issue = await editable(id);
      const pieceId = await livePieceId(slug);
      const rest = issue.publicationIds.filter((p) => p !== pieceId);
      if (rest.length >= DIGEST_MAX_PIECES)
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'publication',
          message: `An issue holds at most ${DIGEST_MAX_PIECES} pieces.`,
        });
      rest.splice(clampPosition(position ?? rest.length, rest.length), 0, pieceId);
      await issues.setItems(id, rest, clock.now());
      return getIssue(id);
    },

    async removePiece(id: number, slug: string): Promise<Issue> {
      const issue = await editable(id);
      const pieceId = await pieceIdInIssue(issue, slug);
      await issues.setItems(
        id,
        issue.publicationIds.filter((p) => p !== pieceId),
        clock.now(),
      );
      return getIssue(id);
    },

    /** Moves a piece of the issue to `position` (0-based). */
    async movePiece(id: number, slug: string, position: number): Promise<Issue> {
      const issue = await editable(id);
      const pieceId = await pieceIdInIssue(issue, slug);
      const rest = issue.publicationIds.filter((p) => p !== pieceId);
      rest.splice(clampPosition(position, rest.length), 0, pieceId);
      await issues.setItems(id, rest, clock.now());
      return getIssue(id);
    },

    async setIntro(id: number, markdown: string): Promise<Issue> {
      await editable(id);
      if (markdown.length > 20_000)
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'intro',
          message: 'The intro is longer than 20,000 characters.',
        });
      await issues.updateIssue(id, { introMarkdown: markdown }, clock.now());
      return getIssue(id);
    },

    async setSubject(id: number, subject: string): Promise<Issue> {
      await editable(id);
      await issues.updateIssue(id, { subject: checkSubject(subject) }, clock.now());
      return getIssue(id);
    },

    /** Sends at `at` (the next `dossier newsletter send` after it); a draft again with null. */
    async schedule(id: number, at: Date | null): Promise<Issue> {
      const issue = await editable(id);
      if (at !== null) await requireLivePieces(issue);
      await issues.updateIssue(
        id,
        at === null
          ? { status: 'draft', scheduledFor: null }
          : { status: 'scheduled', scheduledFor: at.toISOString() },
        clock.now(),
      );
      return getIssue(id);
    },

    /** The issue as it would go out now: live pieces only, every link absolute. */
    async preview(id: number): Promise<DigestModel> {
      const issue = await getIssue(id);
      return loadDigest(db, issue, { now: clock.now(), origin: deps.origin });
    },

    requireLivePieces,
  };

  async function requireLivePieces(issue: Issue): Promise<void> {
    const live = await findLivePieces(db, issue.publicationIds, clock.now());
    if (live.size === 0)
      throw new ValidationError({
        code: 'NEWSLETTER_ISSUE_EMPTY',
        message: `Issue ${issue.id} has no live pieces.`,
        hint: 'Add pieces with `dossier newsletter issue add`.',
      });
  }

  async function pieceIdInIssue(issue: Issue, slug: string): Promise<number> {
    const row = await db
      .selectFrom('publications')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    const id = row === undefined ? undefined : Number(row.id);
    if (id === undefined || !issue.publicationIds.includes(id))
      throw new NotFoundError({
        code: 'NOT_FOUND',
        field: 'publication',
        message: `Issue ${issue.id} has no piece "${slug}".`,
      });
    return id;
  }
}

function clampPosition(position: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(position)));
}

/** A subject is one line of ordinary length; nodemailer encodes whatever it holds. */
function checkSubject(subject: string): string {
  const trimmed = subject.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and controls are what we refuse
  if (trimmed === '' || trimmed.length > 200 || /[\u0000-\u001f\u007f]/.test(trimmed))
    throw new ValidationError({
      code: 'BAD_REQUEST',
      field: 'subject',
      message: 'A subject is one line of 1 to 200 characters.',
    });
  return trimmed;
}

export type DigestService = ReturnType<typeof createDigestService>;
