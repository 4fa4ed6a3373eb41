import { join, resolve } from 'node:path';
import type { Config } from '../../config/schema.ts';
import { exportSite } from '../../export/export-site.ts';
import { exportSearchRecords } from '../../export/search-records.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/**
 * `dossier export [--format jsonl] [--with-password-hashes] OUT`: writes the whole site
 * into the new or empty folder OUT as OUT/dossier.jsonl plus the files it names (editors'
 * password hashes only with the flag). Exit 1 when something could not be carried over
 * exactly (each listed on standard error), 2 for bad usage.
 */
export async function exportCommand(
  config: Config,
  database: Database,
  args: string[],
  options: { format: string | undefined; withPasswordHashes?: boolean },
): Promise<number> {
  const format = options.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'search-records') {
    out.error(
      `dossier export: unknown format "${options.format}"; use jsonl (the whole site, docs/import-format.md) or search-records (docs/search.md).`,
    );
    return 2;
  }
  const [target, ...extra] = args;
  if (target === undefined || extra.length > 0) {
    out.error(
      format === 'jsonl'
        ? 'dossier export: name one folder to write into, e.g. dossier export site-export'
        : 'dossier export: name one new file to write, e.g. dossier export --format search-records records.jsonl',
    );
    return 2;
  }
  if (format === 'search-records') {
    if (options.withPasswordHashes) {
      out.error(
        'dossier export: --with-password-hashes goes with the jsonl format; search records hold no accounts.',
      );
      return 2;
    }
    return exportSearchRecordsCommand(config, database, target);
  }
  const started = Date.now();
  const result = await exportSite(
    { db: database.db, uploadsDir: join(config.data.dir, 'uploads') },
    {
      outDir: resolve(target),
      onProgress: (records) => out.progress(`${target}: ${records} records written`),
      withPasswordHashes: options.withPasswordHashes ?? false,
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
  if (options.withPasswordHashes)
    out.line(
      `${result.file} holds the editors' password hashes: keep it as safe as the database itself.`,
    );
  return result.problems.length > 0 ? 1 : 0;
}

async function exportSearchRecordsCommand(
  config: Config,
  database: Database,
  target: string,
): Promise<number> {
  const started = Date.now();
  let result: Awaited<ReturnType<typeof exportSearchRecords>>;
  try {
    result = await exportSearchRecords(
      {
        db: database.db,
        clock: systemClock,
        publicUrl: config.server.publicUrl ?? `http://localhost:${config.server.port}`,
      },
      {
        outFile: resolve(target),
        onProgress: (records) => out.progress(`${target}: ${records} records written`),
      },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      out.error(
        `dossier export: cannot write ${target}: ${code === 'EEXIST' ? 'it already exists (name a new file)' : (error as Error).message}`,
      );
      return 2;
    }
    throw error;
  }
  out.endProgress();
  out.line(
    `${result.file}: ${result.records} search record(s) of live publications (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return 0;
}
