import type { Migration, MigrationProvider } from 'kysely';
import * as createContentModel from './2026-11-28-01-create-content-model.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so the set is
 * fixed at build time and a stray file can never run. `npm run migrate:new` appends here.
 */
const migrations: Record<string, Migration> = {
  '2026-11-28-01-create-content-model': createContentModel,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
