import { resolve } from 'node:path';
import type { ToolEnv } from '../../backup/external-tool.ts';
import { restoreSite } from '../../backup/restore-site.ts';
import type { Config } from '../../config/schema.ts';
import { out } from '../output.ts';

/**
 * `dossier restore IN`: brings a backup back into an empty install. Runs before the
 * database is opened (opening would create and migrate it, and it would no longer be empty).
 */
export async function restoreCommand(
  config: Config,
  args: string[],
  env: ToolEnv,
): Promise<number> {
  const [source, ...extra] = args;
  if (source === undefined || extra.length > 0) {
    out.error('dossier restore: name one backup folder, e.g. dossier restore backups/2026-11-29');
    return 2;
  }
  const manifest = await restoreSite({ config, env }, resolve(source));
  out.line(
    `${source}: restored the ${manifest.dialect} database of ${manifest.createdAt} (schema ${manifest.schemaVersion}) and ${manifest.files.length - 1} upload(s). Start the site with \`dossier serve\`.`,
  );
  return 0;
}
