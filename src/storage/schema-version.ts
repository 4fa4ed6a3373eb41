import { type Kysely, Migrator } from 'kysely';
import { staticMigrationProvider } from './migrations/index.ts';
import type { Tables } from './tables.ts';

/*
 * The schema version of a database is the name of the last migration applied to it
 * (`2026-11-29-03-track-import-origins`). Backups record it, so a restore can refuse one
 * made by a newer Dossier than the one restoring it.
 */

/** Every migration this build knows, oldest first. */
export async function knownSchemaVersions(): Promise<string[]> {
  return Object.keys(await staticMigrationProvider.getMigrations());
}

/** The last migration applied to the database, or undefined for an unmigrated one. */
export async function appliedSchemaVersion(db: Kysely<Tables>): Promise<string | undefined> {
  const migrator = new Migrator({ db, provider: staticMigrationProvider });
  const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined);
  return applied.at(-1)?.name;
}
