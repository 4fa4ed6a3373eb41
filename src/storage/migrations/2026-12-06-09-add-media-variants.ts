import type { Kysely } from 'kysely';

/*
 * Images uploaded in the admin are kept with resized copies (AVIF, WebP and JPEG at
 * several widths) for `srcset`: their paths and sizes, as JSON. Imported media have none
 * and are shown as they are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('media')
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('variants').execute();
}
