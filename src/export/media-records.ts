import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';
import type { ExportSink } from './export-sink.ts';
import { linkRecordsOf } from './item-links.ts';
import { tablePages } from './keyset.ts';

/**
 * The media library: every file with its alt text, credit and size, copied beside the
 * export. Written before people and publications, so the photos and lead images they
 * name are in the library already (and keep the ids' order on a re-import).
 */
export async function writeMedia(db: Kysely<Tables>, sink: ExportSink): Promise<void> {
  for await (const rows of tablePages(db, 'media')) {
    const links = await linkRecordsOf(
      db,
      'media',
      new Map(rows.map((row) => [row.id, { item: 'media' as const, src: row.path }])),
      sink,
    );
    for (const row of rows) {
      await sink.copyUpload(row.path, `media ${row.path}`, 'src');
      await sink.write({
        kind: 'media',
        src: row.path,
        alt: row.alt,
        credit: row.credit,
        width: row.width ?? undefined,
        height: row.height ?? undefined,
      });
      for (const link of links.get(row.id) ?? []) await sink.write(link);
    }
  }
}

/**
 * An image as a record names it (a person's photo, a lead image), from the media row a
 * query joined in; undefined when there is none.
 */
export function imageOf(media: {
  path: string | null;
  alt: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
}) {
  if (media.path === null) return undefined;
  return {
    src: media.path,
    alt: media.alt ?? '',
    credit: media.credit ?? '',
    width: media.width ?? undefined,
    height: media.height ?? undefined,
  };
}
