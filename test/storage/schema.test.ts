import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.ts';
import { staticMigrationProvider } from '../../src/storage/migrations/index.ts';
import { testDialects } from '../helpers/dialects.ts';
import { dumpSchema } from '../helpers/schema-dump.ts';

const isUpdating = process.env.UPDATE_SNAPSHOTS === '1';

for (const dialect of testDialects()) {
  describe(dialect.name, () => {
    let database: Database;
    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(async () => {
      await database?.destroy();
    });

    it('applies every migration to an empty database', async () => {
      const migrations = await new Migrator({
        db: database.db,
        provider: staticMigrationProvider,
      }).getMigrations();
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.filter((m) => m.executedAt === undefined).map((m) => m.name)).toEqual([]);
    });

    it('applies nothing when migrated a second time', async () => {
      expect(await database.migrate()).toEqual([]);
    });

    it('matches the committed schema snapshot', async () => {
      const file = new URL(`./schema.${dialect.name}.snapshot.txt`, import.meta.url);
      const actual = `${header(dialect.name)}\n${await dumpSchema(database)}`;
      if (isUpdating) {
        await writeFile(file, actual);
        return;
      }
      expect(existsSync(file), `no ${file.pathname}: run with UPDATE_SNAPSHOTS=1`).toBe(true);
      const expected = await readFile(file, 'utf8');
      // On a mismatch: if the change is intended (a new migration), rerun with
      // UPDATE_SNAPSHOTS=1 and commit the snapshot with the migration.
      expect(actual).toBe(expected);
    });
  });
}

function header(dialect: string): string {
  const command =
    dialect === 'postgres'
      ? 'UPDATE_SNAPSHOTS=1 bash scripts/with-postgres.sh npx vitest run test/storage/schema.test.ts'
      : 'UPDATE_SNAPSHOTS=1 npx vitest run test/storage/schema.test.ts';
  return [
    `# The ${dialect} schema after every migration, from test/storage/schema.test.ts.`,
    `# A new migration changes it on purpose: regenerate with`,
    `#   ${command}`,
    '# and commit it with the migration. Any other difference is a bug.',
    '',
  ].join('\n');
}
