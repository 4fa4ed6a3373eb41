import type { Kysely } from 'kysely';
import type { ScheduledJobsTable, Tables } from '../storage/tables.ts';
import {
  type AuditEntryRecord,
  ENTITIES_BY_ID,
  type ScheduledJobRecord,
  type UserRecord,
} from './account-records.ts';
import { type ApplyContext, RecordError, required, unlessUnresolved } from './apply-record.ts';
import { unusablePasswordHash } from './password-hash.ts';
import type { ImportRecord, RevisionRecord } from './records.ts';
import { type EntryRow, storedCopies } from './repeated-entries.ts';
import type { SlugIndex } from './slug-index.ts';

/*
 * Writes the admin's records: accounts (upserted by address), revisions (the n-th of a
 * piece), pending transitions (one queued job per piece and kind, as the scheduler keeps
 * them) and audit entries (appended once). Each runs inside the caller's savepoint.
 */

export type AccountRecord = Extract<
  ImportRecord,
  { kind: 'user' | 'revision' | 'scheduledJob' | 'auditEntry' }
>;

const KINDS = new Set<string>(['user', 'revision', 'scheduledJob', 'auditEntry']);

export function isAccountRecord(record: ImportRecord): record is AccountRecord {
  return KINDS.has(record.kind);
}

export async function applyAccountRecord(record: AccountRecord, ctx: ApplyContext): Promise<void> {
  switch (record.kind) {
    case 'user':
      return applyUser(record, ctx);
    case 'revision':
      return applyRevision(record, ctx);
    case 'scheduledJob':
      return applyJob(record, ctx);
    case 'auditEntry': {
      const row = await auditRow(record, ctx);
      if ((await storedCopies(ctx.db, 'audit_log', row)) >= record.occurrence) return;
      await ctx.db.insertInto('audit_log').values(row).execute();
      return;
    }
  }
}

/** Whether the site holds what the record writes (a dry run counts it as an update). */
export async function holdsAccountRecord(
  db: Kysely<Tables>,
  record: AccountRecord,
  slugs: SlugIndex,
): Promise<boolean> {
  switch (record.kind) {
    case 'user':
      return (await userId(db, record.email)) !== undefined;
    case 'revision': {
      const piece = await slugs.find(db, 'publications', record.publication);
      return piece !== undefined && (await revisionIds(db, piece)).length >= record.number;
    }
    case 'scheduledJob': {
      const piece = await slugs.find(db, 'publications', record.publication);
      return piece !== undefined && (await queuedJob(db, piece, record.action)) !== undefined;
    }
    case 'auditEntry': {
      // References this run would create cannot be resolved in a dry run: a new entry then.
      const row = await auditRow(record, { db, slugs }).catch(unlessUnresolved);
      return row !== undefined && (await storedCopies(db, 'audit_log', row)) >= record.occurrence;
    }
  }
}

async function applyUser(record: UserRecord, ctx: ApplyContext): Promise<void> {
  const { db, at } = ctx;
  const person_id =
    record.person === undefined ? null : await required(ctx, 'people', record.person, 'person');
  // What an account record sets; a new field is one more line here.
  const fields = {
    name: record.name,
    role: record.role,
    person_id,
    disabled: record.disabled ? 1 : 0,
    ...(record.createdAt === undefined ? {} : { created_at: record.createdAt }),
  };
  const stored = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'password_changed_at'])
    .where('email', '=', record.email)
    .executeTakeFirst();
  if (!stored) {
    await db
      .insertInto('users')
      .values({
        email: record.email,
        created_at: at,
        ...fields,
        password_hash: record.passwordHash ?? unusablePasswordHash(),
        password_changed_at: record.passwordChangedAt ?? at,
        updated_at: at,
      })
      .execute();
    return;
  }
  // Without a hash the account keeps its password: re-importing an export made without
  // hashes must not lock out someone who has set one since.
  const isNewPassword =
    record.passwordHash !== undefined &&
    (record.passwordHash !== stored.password_hash ||
      (record.passwordChangedAt ?? stored.password_changed_at) !== stored.password_changed_at);
  await db
    .updateTable('users')
    .set({
      ...fields,
      ...(isNewPassword
        ? {
            password_hash: record.passwordHash,
            password_changed_at: record.passwordChangedAt ?? at,
          }
        : {}),
      updated_at: at,
    })
    .where('id', '=', stored.id)
    .execute();
  // As a reset does: a new password ends every session opened with the old one.
  if (isNewPassword) await db.deleteFrom('sessions').where('user_id', '=', stored.id).execute();
}

async function applyRevision(record: RevisionRecord, ctx: ApplyContext): Promise<void> {
  const { db } = ctx;
  const publication_id = await required(ctx, 'publications', record.publication, 'publication');
  const user_id = record.user === undefined ? null : await requiredUser(ctx, record.user, 'user');
  const revisions = await revisionIds(db, publication_id);
  if (record.number > revisions.length + 1)
    throw new RecordError(
      'number',
      `is ${record.number}, but publication "${record.publication}" has ${revisions.length} revision(s) here: revisions are numbered from 1 and imported in order`,
    );
  const target = revisions[record.number - 1];
  if (record.pending) {
    const other = revisions.findIndex((r) => r.pending === 1 && r.id !== target?.id);
    if (other >= 0)
      throw new RecordError(
        'pending',
        `cannot be pending: revision ${other + 1} of "${record.publication}" is pending already, and a piece has at most one`,
      );
  }
  const values = {
    created_at: record.at,
    user_id,
    user_email: record.userEmail ?? record.user ?? '',
    kind: record.action,
    record: JSON.stringify(record.record),
    pending: record.pending ? 1 : 0,
  };
  if (target)
    await db.updateTable('publication_revisions').set(values).where('id', '=', target.id).execute();
  else
    await db
      .insertInto('publication_revisions')
      .values({ publication_id, ...values })
      .execute();
}

async function applyJob(record: ScheduledJobRecord, ctx: ApplyContext): Promise<void> {
  const { db, at } = ctx;
  const publication_id = await required(ctx, 'publications', record.publication, 'publication');
  const values = {
    run_at: record.runAt,
    created_by: record.createdBy,
    ...(record.createdAt === undefined ? {} : { created_at: record.createdAt }),
  };
  const kind = record.action;
  const queued = await queuedJob(db, publication_id, kind);
  if (queued !== undefined) {
    await db.updateTable('scheduled_jobs').set(values).where('id', '=', queued).execute();
    return;
  }
  await db
    .insertInto('scheduled_jobs')
    .values({ kind, publication_id, created_at: at, ...values })
    .execute();
}

async function auditRow(
  record: AuditEntryRecord,
  ctx: Pick<ApplyContext, 'db' | 'slugs'>,
): Promise<EntryRow<'audit_log'>> {
  const user_id = record.user === undefined ? null : await requiredUser(ctx, record.user, 'user');
  let entity_id = record.entityId;
  if (record.entityKey !== undefined) {
    const by = ENTITIES_BY_ID[record.entity as keyof typeof ENTITIES_BY_ID];
    const id =
      by.table === 'users'
        ? await userId(ctx.db, record.entityKey)
        : await ctx.slugs.find(ctx.db, by.table, record.entityKey);
    if (id === undefined)
      throw new RecordError(
        'entityKey',
        `names ${record.entity} "${record.entityKey}", which does not exist (import it first)`,
      );
    entity_id = String(id);
  }
  return {
    at: record.at,
    user_id,
    user_email: record.userEmail,
    action: record.action,
    entity: record.entity,
    entity_id,
    detail: JSON.stringify(record.detail),
    ip: record.ip,
  };
}

function revisionIds(db: Kysely<Tables>, publicationId: number) {
  return db
    .selectFrom('publication_revisions')
    .select(['id', 'pending'])
    .where('publication_id', '=', publicationId)
    .orderBy('id')
    .execute();
}

async function queuedJob(
  db: Kysely<Tables>,
  publicationId: number,
  kind: ScheduledJobsTable['kind'],
): Promise<number | undefined> {
  const row = await db
    .selectFrom('scheduled_jobs')
    .select('id')
    .where('publication_id', '=', publicationId)
    .where('kind', '=', kind)
    .where('status', '=', 'queued')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

async function userId(db: Kysely<Tables>, email: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id;
}

async function requiredUser(
  ctx: Pick<ApplyContext, 'db'>,
  email: string,
  field: string,
): Promise<number> {
  const id = await userId(ctx.db, email);
  if (id === undefined)
    throw new RecordError(field, `names account ${email}, which does not exist (import it first)`);
  return id;
}
