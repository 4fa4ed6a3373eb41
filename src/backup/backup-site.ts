import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { claimEmptyFolder } from '../lib/empty-folder.ts';
import type { Database } from '../storage/database.ts';
import { appliedSchemaVersion } from '../storage/schema-version.ts';
import type { ToolEnv } from './external-tool.ts';
import { copyFolder } from './folder-copy.ts';
import { describeFiles, type Manifest, writeManifest } from './manifest.ts';
import { dumpPostgres } from './postgres-dump.ts';
import { backupSqlite } from './sqlite-backup.ts';

/** Names inside a backup folder. */
export const BACKUP_FILES = {
  sqlite: 'dossier.sqlite',
  postgres: 'dossier.pgdump',
  uploads: 'uploads',
} as const;

export interface BackupDeps {
  config: Pick<Config, 'data' | 'database'>;
  database: Database;
  clock: Clock;
  /** The environment pg_dump runs with (PATH, PG* settings). */
  env: ToolEnv;
}

/**
 * Takes a backup of a running site into `outDir` (new or empty): the database (SQLite's
 * online backup, or pg_dump), the uploads folder, and a manifest listing every file with
 * its size and SHA-256. On failure the folder is left as it was found.
 */
export async function backupSite(deps: BackupDeps, outDir: string): Promise<Manifest> {
  const { config, database } = deps;
  if (database.dialect === 'sqlite' && config.database.sqlitePath === ':memory:') {
    throw new ValidationError({
      code: 'BACKUP_INVALID',
      message: 'The database is in memory only: there is no file to back up.',
    });
  }
  const cleanUp = await claimEmptyFolder(outDir, 'a backup');
  try {
    const schemaVersion = (await appliedSchemaVersion(database.db)) ?? '';
    const createdAt = deps.clock.now().toISOString();
    const databaseFile = BACKUP_FILES[database.dialect];
    if (database.dialect === 'sqlite') {
      await backupSqlite(config.database.sqlitePath, join(outDir, databaseFile));
    } else {
      await dumpPostgres(config.database.url ?? '', join(outDir, databaseFile), deps.env);
    }
    // Uploads after the database: files are added before the rows that name them, so
    // every file the database copy names was there already when this copy began.
    await copyFolder(join(config.data.dir, 'uploads'), join(outDir, BACKUP_FILES.uploads));
    const manifest: Manifest = {
      format: 'dossier-backup',
      version: 1,
      dialect: database.dialect,
      schemaVersion,
      createdAt,
      database: databaseFile,
      files: await describeFiles(outDir),
    };
    await writeManifest(outDir, manifest);
    return manifest;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
