import { constants } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { claimEmptyFolder, isAbsentOrEmpty } from '../lib/empty-folder.ts';
import { createDatabase } from '../storage/database.ts';
import { knownSchemaVersions } from '../storage/schema-version.ts';
import { BACKUP_FILES } from './backup-site.ts';
import type { ToolEnv } from './external-tool.ts';
import { copyFolder } from './folder-copy.ts';
import { type Manifest, readManifest, verifyFiles } from './manifest.ts';
import { restorePostgres } from './postgres-dump.ts';

export interface RestoreDeps {
  config: Pick<Config, 'data' | 'database'>;
  /** The environment pg_restore runs with (PATH, PG* settings). */
  env: ToolEnv;
}

/**
 * Brings a backup back into an empty install: the database (a SQLite file copied into
 * place, or pg_restore into an empty PostgreSQL database) and the uploads. Everything is
 * checked first (manifest, every file's checksum, the engine, the schema version, that
 * the target holds nothing); a refused restore changes nothing.
 */
export async function restoreSite(deps: RestoreDeps, inDir: string): Promise<Manifest> {
  const { config } = deps;
  const manifest = await readManifest(inDir);
  const dialect = config.database.url === undefined ? 'sqlite' : 'postgres';
  if (manifest.dialect !== dialect) {
    throw new ValidationError({
      code: 'BACKUP_INVALID',
      message: `${inDir} is a backup of a ${name(manifest.dialect)} site, but this install uses ${name(dialect)}${dialect === 'postgres' ? ' (DATABASE_URL is set)' : ' (DATABASE_URL is not set)'}.`,
      hint: 'Restore on the engine the backup was taken from; to move a site between engines use `dossier export` and `dossier import`.',
    });
  }
  if (!(await knownSchemaVersions()).includes(manifest.schemaVersion)) {
    throw new ValidationError({
      code: 'BACKUP_INVALID',
      message: `${inDir} was made by a newer Dossier (schema ${manifest.schemaVersion}) than this one knows.`,
      hint: 'Upgrade Dossier, then restore.',
    });
  }
  await verifyFiles(inDir, manifest);

  const uploadsDir = join(config.data.dir, 'uploads');
  await assertTargetEmpty(config, uploadsDir);
  const removeUploads = await claimEmptyFolder(uploadsDir, 'a restore');
  try {
    // Uploads first: if the database then fails to load, removing them undoes everything.
    await copyFolder(join(inDir, BACKUP_FILES.uploads), uploadsDir);
    const source = join(inDir, manifest.database);
    if (dialect === 'sqlite') await placeSqliteFile(source, config.database.sqlitePath);
    else await restorePostgres(config.database.url ?? '', source, deps.env);
  } catch (error) {
    await removeUploads();
    throw error;
  }
  return manifest;
}

function name(dialect: 'sqlite' | 'postgres'): string {
  return dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

async function assertTargetEmpty(
  config: Pick<Config, 'database'>,
  uploadsDir: string,
): Promise<void> {
  const refuse = (what: string, hint: string) =>
    new ConflictError({
      code: 'TARGET_NOT_EMPTY',
      message: `${what}: a restore goes only into an empty install, so nothing there is overwritten.`,
      hint,
    });
  if (config.database.url === undefined) {
    const path = config.database.sqlitePath;
    for (const file of [path, `${path}-wal`]) {
      if (await stat(file).catch(() => undefined))
        throw refuse(
          `${file} exists`,
          'Point DOSSIER_DATA_DIR at a new folder, or move the old database away first.',
        );
    }
  } else if (await hasTables(config.database)) {
    throw refuse(
      'The PostgreSQL database named by DATABASE_URL has tables',
      'Create a new, empty database (createdb) and point DATABASE_URL at it.',
    );
  }
  if (!(await isAbsentOrEmpty(uploadsDir)))
    throw refuse(`${uploadsDir} is not empty`, 'Point DOSSIER_DATA_DIR at a new folder.');
}

async function hasTables(databaseConfig: Config['database']): Promise<boolean> {
  // Opened without migrating: a migrated database would no longer be empty.
  const database = createDatabase(databaseConfig);
  try {
    const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
    return tables.length > 0;
  } finally {
    await database.destroy();
  }
}

/** Copies the database file in under a temporary name, then moves it into place at once. */
async function placeSqliteFile(source: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.restoring`;
  try {
    await copyFile(source, partial, constants.COPYFILE_EXCL);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
