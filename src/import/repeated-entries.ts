import type { Kysely, Selectable } from 'kysely';
import type { Tables } from '../storage/tables.ts';

/*
 * Append-only logs (the audit log, the consent ledger) have no natural key: an entry is
 * all its fields. Two entries can be equal in every field (two failed sign-ins in the same
 * millisecond), so an export numbers equal entries (`occurrence`: 1, 2, …, in id order)
 * and an import writes the n-th only while fewer than n equal ones are stored. Importing
 * the same file twice therefore appends nothing the second time, and loses no repeat.
 */

type EntryTable = 'audit_log' | 'newsletter_consent_ledger';

/** The columns that make up an entry: all but its id. */
const ENTRY_COLUMNS = {
  audit_log: ['at', 'user_id', 'user_email', 'action', 'entity', 'entity_id', 'detail', 'ip'],
  newsletter_consent_ledger: [
    'email_hash',
    'subscriber_id',
    'list_id',
    'event',
    'channel',
    'at',
    'ip',
    'user_agent',
    'form',
    'page',
    'consent_version',
    'detail',
  ],
} as const satisfies { [T in EntryTable]: readonly (keyof Tables[T] & string)[] };

/** An entry as stored: every column of ENTRY_COLUMNS with its stored type. */
export type EntryRow<T extends EntryTable> = Omit<Selectable<Tables[T]>, 'id'>;

/** How many stored entries equal `row` in every column (NULL equal to NULL). */
export async function storedCopies<T extends EntryTable>(
  db: Kysely<Tables>,
  table: T,
  row: EntryRow<T>,
): Promise<number> {
  // Kysely cannot type a query over a table chosen by a type parameter; the columns come
  // from ENTRY_COLUMNS, checked against the table above.
  const loose = db as unknown as Kysely<{ entries: Record<string, string | number | null> }>;
  let query = loose
    .selectFrom(table as 'entries')
    .select((eb) => eb.fn.countAll<string | number>().as('n'));
  const values = row as unknown as Record<string, string | number | null>;
  for (const column of ENTRY_COLUMNS[table])
    query = query.where(column, 'is not distinct from', values[column] ?? null);
  const found = await query.executeTakeFirstOrThrow();
  return Number(found.n);
}

/** The key an export compares entries by: equal keys, equal entries. */
export function entryKey<T extends EntryTable>(table: T, row: EntryRow<T>): string {
  const values = row as unknown as Record<string, string | number | null>;
  return JSON.stringify(ENTRY_COLUMNS[table].map((column) => values[column] ?? null));
}
