import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';
import type { StoredUpload } from './uploads.ts';

/**
 * Notes an uploaded image's resized copies on its media row, making the row if the
 * importer has not yet (a lead image of a live piece waits in a pending revision, and the
 * pages' srcset reads the copies from the row). An existing row keeps its alt text and
 * credit: the importer's later writes of the row never touch the copies, so either order
 * of upload and save ends with both.
 */
export async function recordImageVariants(
  db: Kysely<Tables>,
  stored: StoredUpload,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('media')
    .values({
      path: stored.path,
      mime_type: stored.mimeType,
      width: stored.width,
      height: stored.height,
      alt: '',
      credit: '',
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('path').doNothing())
    .execute();
  await db
    .updateTable('media')
    .set({ variants: JSON.stringify(stored.variants) })
    .where('path', '=', stored.path)
    .execute();
}
