import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/*
 * Newsletter links name the subscriber by a random public key instead of their row id,
 * which another install (after an export and import) cannot keep: the key travels with
 * the subscriber, so links in mail sent before a move keep working after it.
 *
 * Column, backfill and index go together, in one transaction: the unique index is
 * impossible until every existing subscriber has a key, and a crash half-way must leave
 * the table as it was, so that the migration can simply run again.
 */

const BATCH = 500;

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  // Kysely runs PostgreSQL's migrations inside a transaction already, SQLite's not.
  if (isPostgres(db)) return addLinkKeys(db);
  await db.transaction().execute((trx) => addLinkKeys(trx));
}

async function addLinkKeys(db: Kysely<any>): Promise<void> {
  // SQLite adds a NOT NULL column only with a constant default, which a unique key
  // cannot have: there the column stays nullable and the application always sets it.
  await db.schema.alterTable('newsletter_subscribers').addColumn('link_key', 'text').execute();
  for (;;) {
    const rows: Array<{ id: number }> = await db
      .selectFrom('newsletter_subscribers')
      .select('id')
      .where('link_key', 'is', null)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    // One statement per batch: a CASE over the batch's ids, each given a fresh key.
    const cases = sql.join(
      rows.map((row) => sql`when ${row.id} then ${randomBytes(16).toString('base64url')}`),
      sql` `,
    );
    await sql`update newsletter_subscribers set link_key = case id ${cases} end
      where id in (${sql.join(rows.map((row) => row.id))})`.execute(db);
  }
  await db.schema
    .createIndex('newsletter_subscribers_link_key')
    .unique()
    .on('newsletter_subscribers')
    .column('link_key')
    .execute();
  if (isPostgres(db))
    await db.schema
      .alterTable('newsletter_subscribers')
      .alterColumn('link_key', (c) => c.setNotNull())
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('newsletter_subscribers_link_key').execute();
  await db.schema.alterTable('newsletter_subscribers').dropColumn('link_key').execute();
}
