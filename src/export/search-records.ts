import { once } from 'node:events';
import { createWriteStream, openSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Clock } from '../lib/clock.ts';
import { centerPageUrl } from '../metadata/site-links.ts';
import { type SearchRecord, toSearchRecord } from '../search/search-record.ts';
import { createCenterRepository } from '../storage/repositories/center-repository.ts';
import { createPublicationRepository } from '../storage/repositories/publication-repository.ts';
import type { Tables } from '../storage/tables.ts';
import { visibleAt } from '../storage/visibility-sql.ts';

/**
 * `dossier export --format search-records OUT`: one JSON line per live publication in
 * the reference page's search-record shape (the same function the page embeds), plus
 * its id, absolute URL and date, for an institute that also feeds a hosted search
 * service. Only what the public may see now is written.
 */
export interface ExportedSearchRecord extends SearchRecord {
  id: number;
  url: string;
  /** The publication date, `YYYY-MM-DD`. */
  date: string | null;
}

const PAGE = 200;

export async function exportSearchRecords(
  deps: { db: Kysely<Tables>; clock: Clock; publicUrl: string },
  options: { outFile: string; onProgress?: (written: number) => void },
): Promise<{ file: string; records: number }> {
  const { db } = deps;
  const now = deps.clock.now();
  const centers = await createCenterRepository(db).listAll();
  const byId = new Map(centers.map((c) => [c.id, c]));
  const languages = new Map(
    centers.flatMap((c) => c.newsletters.map((l) => [l.slug, l.language] as const)),
  );
  const publications = createPublicationRepository(db);
  // Opened before anything is read: an existing file is refused at once, never replaced.
  const stream = createWriteStream('', { fd: openSync(options.outFile, 'wx') });
  let records = 0;
  let after = 0;
  try {
    for (;;) {
      const rows = await db
        .selectFrom('publications')
        .select(['id', 'slug'])
        .where(visibleAt(now.toISOString()))
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const piece = await publications.findBySlug(row.slug, { now });
        if (!piece) continue;
        const center = byId.get(piece.primaryCenter.id);
        const path = `/research/${piece.slug}`;
        const record: ExportedSearchRecord = {
          ...toSearchRecord(piece, languages),
          id: piece.id,
          url: center ? centerPageUrl(deps.publicUrl, center, path) : `${deps.publicUrl}${path}`,
          date: piece.publishedAt?.slice(0, 10) ?? null,
        };
        if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
        records++;
      }
      after = (rows[rows.length - 1] as { id: number }).id;
      options.onProgress?.(records);
    }
  } finally {
    stream.end();
    await once(stream, 'close');
  }
  return { file: options.outFile, records };
}
