import { resolve } from 'node:path';
import { backupSite } from '../../backup/backup-site.ts';
import type { ToolEnv } from '../../backup/external-tool.ts';
import type { Config } from '../../config/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/** `dossier backup OUT`: a consistent backup of the running site into the new or empty folder OUT. */
export async function backupCommand(
  config: Config,
  database: Database,
  args: string[],
  env: ToolEnv,
): Promise<number> {
  const [target, ...extra] = args;
  if (target === undefined || extra.length > 0) {
    out.error(
      'dossier backup: name one folder to write into, e.g. dossier backup backups/2026-11-29',
    );
    return 2;
  }
  const started = Date.now();
  const manifest = await backupSite({ config, database, clock: systemClock, env }, resolve(target));
  const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  out.line(
    `${target}: backed up the ${manifest.dialect} database (schema ${manifest.schemaVersion}) and ${manifest.files.length - 1} upload(s), ${(bytes / 1e6).toFixed(1)} MB (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return 0;
}
