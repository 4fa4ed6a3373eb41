import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Config } from '../../config/schema.ts';
import { formatReport } from '../../import/wordpress/import-report.ts';
import { loadWordpressMap } from '../../import/wordpress/map-file.ts';
import { importWordpress } from '../../import/wordpress/wordpress-import.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/**
 * `dossier import wordpress EXPORT.xml [--map MAP.json] [--uploads DIR] [--dry-run]`:
 * exit 0 when every item came in, 1 when some were skipped or the file was refused.
 */
export async function importWordpressCommand(
  config: Config,
  database: Database,
  files: string[],
  options: { map: string | undefined; uploads: string | undefined; dryRun: boolean },
): Promise<number> {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) {
    out.error(
      'dossier import wordpress: name one export file, e.g. dossier import wordpress site.WordPress.xml --uploads wp-content/uploads',
    );
    return 2;
  }
  keepHeapNearLiveSize();
  const loaded = await loadWordpressMap(options.map);
  if ('error' in loaded) {
    out.error(`dossier import wordpress: ${loaded.error}`);
    return 1;
  }
  const result = await importWordpress(
    { db: database.db, uploadsDir: join(config.data.dir, 'uploads'), clock: systemClock },
    {
      file,
      map: loaded.map,
      uploadsDir: options.uploads,
      dryRun: options.dryRun,
      onProgress: (p) =>
        out.progress(`${file}: ${p.items} items, ${p.perSecond}/s, ${p.rejected} skipped`),
    },
  );
  out.endProgress();
  if ('error' in result) {
    out.error(`dossier import wordpress: ${result.error}`);
    return 1;
  }
  const text = formatReport(result, options.dryRun);
  for (const line of text.problems) out.error(line);
  for (const line of text.summary) out.line(line);
  return result.report.rejected.length > 0 ? 1 : 0;
}

/**
 * What the import keeps between items is small and bounded (the first pass's index:
 * tens of MB for 10,000 posts), but each item's conversion (a DOM of its HTML) makes a
 * lot of short-lived garbage. By default V8 lets the heap grow to about four times what
 * survived the last full collection before collecting again, so a longer export ended
 * with a higher peak (224 MB for 2,500 posts, 288 MB for 10,000, with the same 35-41 MB
 * live). Growing by half instead keeps the peak near what is live (bench/import measures
 * both speed and peak). Set before the reading starts, for this process only.
 */
function keepHeapNearLiveSize(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
