import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  findOrigin,
  findSlugHolder,
  type Origin,
  type OriginKind,
  renamePage,
  saveOldUrls,
  saveOrigin,
} from '../storage/repositories/origin-writer.ts';
import type { Tables } from '../storage/tables.ts';
import {
  type AccountRecord,
  holdsAccountRecord,
  isAccountRecord,
} from './apply-account-records.ts';
import { existingLinkRow } from './apply-link-records.ts';
import { holdsReaderRecord, isReaderRecord, type ReaderRecord } from './apply-reader-records.ts';
import { RecordError } from './apply-record.ts';
import type { ImportRecord } from './records.ts';
import type { SlugIndex } from './slug-index.ts';

/*
 * Records that came from another system carry `externalId` (and maybe `oldUrls`). This
 * decides, before a record is written, whether it is new, changed or the same as last
 * time, follows a rename made at the source, and refuses to overwrite an item that
 * someone else made under the same slug; after the write it records the origin.
 */

export type RecordOutcome = 'create' | 'update' | 'unchanged';

type OriginRecord = Extract<ImportRecord, { kind: OriginKind }>;

/** A fingerprint of a validated record: equal records give equal digests. */
export function digestOf(record: ImportRecord): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64url');
}

function hasOrigin(record: ImportRecord): record is OriginRecord {
  return 'oldUrls' in record;
}

/**
 * What writing the record would do, read only (a dry run, or the check that skips an
 * unchanged re-import). Throws RecordError when its slug is another item's.
 */
export async function planRecord(
  db: Kysely<Tables>,
  record: ImportRecord,
  digest: string,
  slugs: SlugIndex,
): Promise<RecordOutcome> {
  if (hasOrigin(record) && record.externalId !== undefined) {
    const origin = await findOrigin(db, record.kind, record.externalId);
    await assertSlugIsFree(db, record, origin, slugs);
    if (!origin) return 'create';
    return origin.digest === digest ? 'unchanged' : 'update';
  }
  if (isAccountRecord(record))
    return (await holdsAccountRecord(db, record, slugs)) ? 'update' : 'create';
  if (isReaderRecord(record))
    return (await holdsReaderRecord(db, record, slugs)) ? 'update' : 'create';
  return (await existingId(db, record, slugs)) === undefined ? 'create' : 'update';
}

/**
 * Readies a record for writing: when its source renamed it, the old slug is carried
 * along so the existing item is renamed (and the old slug redirects), not duplicated.
 * Returns the record to write and what to do once it is written.
 */
export async function prepareOrigin(
  db: Kysely<Tables>,
  record: ImportRecord,
  context: { slugs: SlugIndex; digest: string; at: string },
): Promise<{ record: ImportRecord; finish: () => Promise<void> }> {
  if (!hasOrigin(record) || (record.externalId === undefined && record.oldUrls.length === 0))
    return { record, finish: async () => {} };
  const origin =
    record.externalId === undefined
      ? undefined
      : await findOrigin(db, record.kind, record.externalId);
  if (record.externalId !== undefined) await assertSlugIsFree(db, record, origin, context.slugs);
  const renamed = origin ? await followRename(db, record, origin, context.at) : record;
  const finish = async () => {
    const id = await existingId(db, renamed, context.slugs);
    if (id === undefined) return;
    if (renamed.externalId !== undefined)
      await saveOrigin(db, renamed.kind, renamed.externalId, id, context.digest, context.at);
    await saveOldUrls(db, renamed.kind, id, renamed.oldUrls, context.at);
  };
  return { record: renamed, finish };
}

async function followRename(
  db: Kysely<Tables>,
  record: OriginRecord,
  origin: Origin,
  at: string,
): Promise<OriginRecord> {
  if (origin.slug === slugOf(record)) return record;
  switch (record.kind) {
    case 'publication':
    case 'person':
    case 'term':
      return { ...record, previousSlugs: [...record.previousSlugs, origin.slug] };
    case 'page':
      await renamePage(db, origin.targetId, record.slug, at);
      return { ...record, oldUrls: [...record.oldUrls, `/${origin.slug}`] };
    case 'media':
      return record;
  }
}

async function assertSlugIsFree(
  db: Kysely<Tables>,
  record: OriginRecord,
  origin: Origin | undefined,
  slugs: SlugIndex,
): Promise<void> {
  if (record.kind !== 'publication' && record.kind !== 'person' && record.kind !== 'page') return;
  const centerId =
    record.kind === 'page' ? await slugs.find(db, 'centers', record.center) : undefined;
  const holder = await findSlugHolder(db, record.kind, record.slug, centerId);
  if (holder === undefined || holder === origin?.targetId) return;
  throw new RecordError(
    'slug',
    `is already used by another ${record.kind} that this import did not create; rename one of them`,
  );
}

function slugOf(record: OriginRecord): string {
  return record.kind === 'media' ? record.src : record.slug;
}

/** Kinds whose rows are found by slug alone, and their tables. */
const BY_SLUG = {
  publication: 'publications',
  person: 'people',
  center: 'centers',
  partner: 'partners',
  type: 'publication_types',
  newsletter: 'newsletter_lists',
} as const;

/** The id of the row a record writes to, if it exists already. */
async function existingId(
  db: Kysely<Tables>,
  record: Exclude<ImportRecord, AccountRecord | ReaderRecord>,
  slugs: SlugIndex,
): Promise<number | undefined> {
  switch (record.kind) {
    case 'term':
      return slugs.findTerm(db, record.taxonomy, record.slug);
    case 'page': {
      const centerId = await slugs.find(db, 'centers', record.center);
      return centerId === undefined ? undefined : findSlugHolder(db, 'page', record.slug, centerId);
    }
    case 'media':
      return (
        await db.selectFrom('media').select('id').where('path', '=', record.src).executeTakeFirst()
      )?.id;
    case 'featured':
    case 'oldUrl':
    case 'origin':
      return existingLinkRow(db, record, slugs);
    case 'network':
      return (
        await db
          .selectFrom('networks')
          .select('id')
          .where('slug', '=', record.slug)
          .executeTakeFirst()
      )?.id;
    default:
      return slugs.find(db, BY_SLUG[record.kind], record.slug);
  }
}
