import type { Kysely } from 'kysely';

/*
 * Feeds and sitemaps. A center chooses whether its feeds carry each piece's full text
 * (some institutes want readers on the site, others want the text in every reader).
 * Sitemaps page through a center's live pieces by id: this index holds every column they
 * read, so a sitemap of 50,000 pieces walks one index range and never the large rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('centers')
    .addColumn('feed_full_text', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('publications_sitemap')
    .on('publications')
    .columns(['primary_center_id', 'id', 'visible_from', 'updated_at', 'canonical_url', 'slug'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('publications_sitemap').execute();
  await db.schema.alterTable('centers').dropColumn('feed_full_text').execute();
}
