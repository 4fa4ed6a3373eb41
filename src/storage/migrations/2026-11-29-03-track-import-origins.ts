import type { Kysely } from 'kysely';

/*
 * Re-imports from another system (WordPress first) and the old site's URLs.
 * `external_ids` ties an item's id in its source to the row it became, so running the
 * same import again updates that row, even after a rename, instead of adding a twin;
 * `digest` fingerprints what was last written, so an unchanged item is not written again.
 * `old_urls` keeps every address the item had on the old site, each answered with a 301.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('external_ids')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_ids_pk', ['kind', 'external_id'])
    .execute();
  await db.schema
    .createTable('old_urls')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('old_urls').execute();
  await db.schema.dropTable('external_ids').execute();
}
