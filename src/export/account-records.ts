import type { Kysely, Selectable } from 'kysely';
import { ENTITIES_BY_ID } from '../import/account-records.ts';
import { passwordHashProblem } from '../import/password-hash.ts';
import { entryKey } from '../import/repeated-entries.ts';
import type { AuditLogTable, Tables } from '../storage/tables.ts';
import { storedJson, writeChecked } from './checked-write.ts';
import type { ExportSink } from './export-sink.ts';
import type { SectionOptions } from './export-site.ts';
import { keysetPages, numberRepeats } from './keyset.ts';

type Db = Kysely<Tables>;

/*
 * Editors' accounts and the audit log. Never sessions, sign-in failures or reset links:
 * those are secrets and counters of one install, worthless (or dangerous) in a copy.
 */

/**
 * Every account, with its byline; its password hash only when asked (`withPasswordHashes`):
 * a hash can be attacked offline, and an export is often handed around.
 */
export async function writeUsers(db: Db, sink: ExportSink, options: SectionOptions) {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('users as u')
      .leftJoin('people as p', 'p.id', 'u.person_id')
      .selectAll('u')
      .select('p.slug as personSlug')
      .where('u.id', '>', after)
      .orderBy('u.id')
      .limit(limit)
      .execute(),
  )) {
    for (const row of rows) {
      const name = `user ${row.email}`;
      let withHash = options.withPasswordHashes;
      if (withHash && passwordHashProblem(row.password_hash) !== undefined) {
        // The import would refuse the whole account for it: the account comes without.
        withHash = false;
        sink.problem({
          record: name,
          field: 'passwordHash',
          message: 'is not a hash the import takes; left out (the account will need a reset)',
        });
      }
      await writeChecked(
        sink,
        {
          kind: 'user',
          email: row.email,
          name: row.name,
          role: row.role,
          person: row.personSlug ?? undefined,
          disabled: row.disabled === 1,
          createdAt: row.created_at,
          ...(withHash
            ? { passwordHash: row.password_hash, passwordChangedAt: row.password_changed_at }
            : {}),
        },
        name,
      );
    }
  }
}

/**
 * The audit log, oldest first. Entities the admin records by row id (publications,
 * accounts) are named by slug or address instead, since ids differ in the copy.
 */
export async function writeAuditLog(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .selectAll('a')
      .select('u.email as account')
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(limit)
      .execute(),
  )) {
    const occurrences = await auditOccurrences(db, rows);
    const keys = await entityKeys(db, rows);
    for (const row of rows) {
      const name = `auditEntry ${row.at} ${row.action}`;
      const entityKey = keys.get(`${row.entity}/${row.entity_id}`);
      if (entityKey === undefined && isRecordedById(row.entity) && row.entity_id !== '')
        sink.problem({
          record: name,
          field: 'entityId',
          message: `names ${row.entity} ${row.entity_id}, which no longer exists; written as it is`,
        });
      const occurrence = occurrences.get(row.id) ?? 1;
      await writeChecked(
        sink,
        {
          kind: 'auditEntry',
          at: row.at,
          user: row.account ?? undefined,
          userEmail: row.user_email,
          action: row.action,
          entity: row.entity,
          ...(entityKey === undefined ? { entityId: row.entity_id } : { entityKey }),
          detail: row.detail === '{}' ? undefined : storedJson(row.detail, sink, name, 'detail'),
          ip: row.ip,
          occurrence: occurrence > 1 ? occurrence : undefined,
        },
        name,
      );
    }
  }
}

type AuditRow = Selectable<AuditLogTable>;

/**
 * Each entry's number among the entries equal to it in every field (repeated-entries.ts),
 * for the entries that have an equal one before them. Equal entries share their time, so
 * only entries at this page's times are read.
 */
async function auditOccurrences(db: Db, rows: AuditRow[]): Promise<Map<number, number>> {
  const last = rows.at(-1)?.id ?? 0;
  const earlier = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('at', 'in', [...new Set(rows.map((row) => row.at))])
    .where('id', '<=', last)
    .orderBy('id')
    .execute();
  return numberRepeats(earlier, (row) => entryKey('audit_log', row));
}

function isRecordedById(entity: string): entity is keyof typeof ENTITIES_BY_ID {
  return Object.hasOwn(ENTITIES_BY_ID, entity);
}

/** The largest id either engine's integer column holds. */
const MAX_ID = 2_147_483_647;

/** `entity/id` → the natural key of that row, for the entities recorded by id. */
async function entityKeys(db: Db, rows: AuditRow[]): Promise<Map<string, string>> {
  // Only what could be an id: anything else (or beyond the column's range) names no row.
  const idsOf = (entity: string) => [
    ...new Set(
      rows
        .filter((row) => row.entity === entity && /^[1-9]\d{0,9}$/.test(row.entity_id))
        .map((row) => Number(row.entity_id))
        .filter((id) => id <= MAX_ID),
    ),
  ];
  const keys = new Map<string, string>();
  const publications = idsOf('publication');
  if (publications.length > 0)
    for (const row of await db
      .selectFrom('publications')
      .select(['id', 'slug'])
      .where('id', 'in', publications)
      .execute())
      keys.set(`publication/${row.id}`, row.slug);
  const users = idsOf('user');
  if (users.length > 0)
    for (const row of await db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('id', 'in', users)
      .execute())
      keys.set(`user/${row.id}`, row.email);
  return keys;
}
