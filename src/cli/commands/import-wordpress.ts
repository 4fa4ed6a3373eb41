import { join } from 'node:path';
import type { Config } from '../../config/schema.ts';
import { formatReport } from '../../import/wordpress/import-report.ts';
import { loadWordpressMap } from '../../import/wordpress/map-file.ts';
import { importWordpress } from '../../import/wordpress/wordpress-import.ts';
import { systemClock } from '../../lib/clock.ts';
import { keepHeapNearLiveSize } from '../../lib/heap-growth.ts';
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
  // Flat in the export's size: see lib/heap-growth.ts.
  keepHeapNearLiveSize(50);
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
