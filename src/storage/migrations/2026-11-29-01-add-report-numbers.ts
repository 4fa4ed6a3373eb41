import type { Kysely } from 'kysely';

/*
 * Report series and numbers ("Working Paper", "WP 24-3"): citations, Scholar tags and
 * Crossref deposits name the issuing institution's number for a report.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publications').addColumn('series', 'text').execute();
  await db.schema.alterTable('publications').addColumn('report_number', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publications').dropColumn('report_number').execute();
  await db.schema.alterTable('publications').dropColumn('series').execute();
}
