import { z } from 'zod';
import type { JobKind } from '../admin/scheduler/scheduler.ts';
import type { PublicationRevisionsTable, UserRole } from '../storage/tables.ts';
import { passwordHashProblem } from './password-hash.ts';
import { accountEmail, isoTime, jsonDetail, oneLine, slug, text } from './record-fields.ts';

/*
 * Record kinds of the admin's side of a site: editors' accounts, the revisions they
 * saved, the transitions they scheduled, and the audit log of who did what. Documented
 * with the rest of the format in docs/import-format.md. Accounts and revisions are named
 * by natural keys (an account by its address, a revision by its piece's slug and its
 * number among that piece's revisions), so importing a file twice writes each once.
 */

// Written as objects so that the type checker notices a role or action added to storage.
const ROLES = {
  administrator: 'administrator',
  editor: 'editor',
  author: 'author',
} as const satisfies Record<UserRole, UserRole>;
type RevisionAction = PublicationRevisionsTable['kind'];
const REVISION_ACTIONS = {
  save: 'save',
  publish: 'publish',
  restore: 'restore',
} as const satisfies Record<RevisionAction, RevisionAction>;
// The scheduler's kinds of job, as the export writes them.
const JOB_ACTIONS = {
  publish: 'publish',
  unpublish: 'unpublish',
  'publish-revision': 'publish-revision',
} as const satisfies Record<JobKind, JobKind>;

/** A password hash in the form the admin writes and can verify (password-hash.ts). */
const passwordHash = z
  .string()
  .max(400)
  .superRefine((value, ctx) => {
    const problem = passwordHashProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * An editor's account. Without `passwordHash` a new account gets no usable password (its
 * owner sets one through "Forgot your password?"), and an existing one keeps its own.
 */
export const userRecord = z
  .strictObject({
    kind: z.literal('user'),
    email: accountEmail,
    name: oneLine(200).refine((name) => name.trim() !== '', 'must not be empty'),
    role: z.enum(ROLES),
    /** The byline (person slug) this account writes under. */
    person: slug.optional(),
    disabled: z.boolean().default(false),
    createdAt: isoTime.optional(),
    passwordHash: passwordHash.optional(),
    passwordChangedAt: isoTime.optional(),
  })
  .refine((r) => r.passwordChangedAt === undefined || r.passwordHash !== undefined, {
    path: ['passwordChangedAt'],
    message: 'is the time of a password hash, and this record carries none',
  });

/**
 * One saved version of a publication, the `number`-th of that piece (from 1, oldest
 * first). `record` is the whole publication record as the editor saved it; its references
 * are not checked, since an old revision may name what has been renamed since. Made by a
 * factory so that this file need not import the publication schema (records.ts imports
 * this file).
 */
export function revisionRecordOf<P extends z.ZodType>(publicationRecord: P) {
  return z.strictObject({
    kind: z.literal('revision'),
    publication: slug,
    number: z.int().min(1).max(1_000_000),
    at: isoTime,
    /** The account that saved it, by its address now; absent when it no longer exists. */
    user: accountEmail.optional(),
    /** The address as it was when they saved (kept even after the account changes). */
    userEmail: text(254).optional(),
    action: z.enum(REVISION_ACTIONS),
    /** Waiting to replace the live version of the piece (at most one per piece). */
    pending: z.boolean().default(false),
    record: publicationRecord,
  });
}

/**
 * A transition still to happen: a scheduled piece going live, a take-down, or a pending
 * revision published at its time.
 */
export const scheduledJobRecord = z.strictObject({
  kind: z.literal('scheduledJob'),
  publication: slug,
  action: z.enum(JOB_ACTIONS),
  runAt: isoTime,
  createdBy: text(254).default(''),
  createdAt: isoTime.optional(),
});

/**
 * Audit entities whose `entity_id` the admin records as a row id: an export names them
 * by their natural key instead (`entityKey`), which the import turns back into the id
 * they have on the site it writes to. Other entities are recorded by natural key already.
 */
export const ENTITIES_BY_ID = {
  publication: { table: 'publications', key: 'slug' },
  user: { table: 'users', key: 'email' },
} as const;

const hasEntityKey = (entity: string): entity is keyof typeof ENTITIES_BY_ID =>
  Object.hasOwn(ENTITIES_BY_ID, entity);

/** The number of an entry among entries equal in every other field (1 for most). */
export const occurrence = z.int().min(1).max(1_000_000).default(1);

/**
 * One line of the audit log. An import appends it unless the log holds it already:
 * entries equal in every field are told apart by `occurrence`.
 */
export const auditEntryRecord = z
  .strictObject({
    kind: z.literal('auditEntry'),
    at: isoTime,
    user: accountEmail.optional(),
    userEmail: text(254).default(''),
    action: text(200).min(1),
    entity: text(60).default(''),
    entityId: text(300).default(''),
    entityKey: text(300).optional(),
    detail: jsonDetail.default({}),
    ip: text(100).default(''),
    occurrence,
  })
  .refine((r) => r.entityKey === undefined || r.entityId === '', {
    path: ['entityKey'],
    message: 'names the entity a second time: give entityId or entityKey, not both',
  })
  .refine((r) => r.entityKey === undefined || hasEntityKey(r.entity), {
    path: ['entityKey'],
    message: `is only for the entities ${Object.keys(ENTITIES_BY_ID).join(' and ')}`,
  });

export type UserRecord = z.infer<typeof userRecord>;
export type ScheduledJobRecord = z.infer<typeof scheduledJobRecord>;
export type AuditEntryRecord = z.infer<typeof auditEntryRecord>;
