import { join, resolve } from 'node:path';
import type { Config } from '../../config/schema.ts';
import { exportSite } from '../../export/export-site.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/**
 * `dossier export [--format jsonl] OUT`: writes the whole site into the new or empty
 * folder OUT as OUT/dossier.jsonl plus the files it names. Exit 1 when something could not
 * be carried over exactly (each listed on standard error), 2 for bad usage.
 */
export async function exportCommand(
  config: Config,
  database: Database,
  args: string[],
  options: { format: string | undefined },
): Promise<number> {
  if (options.format !== undefined && options.format !== 'jsonl') {
    out.error(
      `dossier export: unknown format "${options.format}"; the one format is jsonl (docs/import-format.md).`,
    );
    return 2;
  }
  const [target, ...extra] = args;
  if (target === undefined || extra.length > 0) {
    out.error('dossier export: name one folder to write into, e.g. dossier export site-export');
    return 2;
  }
  const started = Date.now();
  const result = await exportSite(
    { db: database.db, uploadsDir: join(config.data.dir, 'uploads') },
    {
      outDir: resolve(target),
      onProgress: (records) => out.progress(`${target}: ${records} records written`),
    },
  );
  out.endProgress();
  for (const p of result.problems) {
    out.error(`dossier export: record ${p.record}: field ${p.field}: ${p.message}`);
  }
  const counts = Object.entries(result.counts).map(([kind, n]) => `${n} ${kind}`);
  out.line(
    `${result.file}: exported ${counts.join(', ') || 'nothing'} and ${result.files} file(s); ${result.problems.length} problem(s) (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return result.problems.length > 0 ? 1 : 0;
}
