import { type Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.ts';
import { staticMigrationProvider } from '../../src/storage/migrations/index.ts';
import type { NewsletterSubscribersTable } from '../../src/storage/tables.ts';
import { testDialects } from '../helpers/dialects.ts';

/*
 * The migration that gives subscribers their link keys, run over a database that holds
 * subscribers from before it: each gets a key of its own, and the keys are unique.
 */

const MIGRATION = '2026-12-06-12-subscriber-link-keys';
/** More than one batch of the migration's backfill (500). */
const EXISTING = 1_203;

for (const dialect of testDialects()) {
  describe(`the subscriber link key migration (${dialect.name})`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await dialect.open();
      const migrator = new Migrator({ db: database.db, provider: staticMigrationProvider });
      const names = (await migrator.getMigrations()).map((m) => m.name);
      const before = names[names.indexOf(MIGRATION) - 1];
      if (before === undefined) throw new Error(`${MIGRATION} is not registered`);
      const { error } = await migrator.migrateTo(before);
      if (error) throw error;
      // The table as it was before the migration, without the column it adds.
      const oldSchema = database.db as unknown as Kysely<{
        newsletter_subscribers: Omit<NewsletterSubscribersTable, 'link_key'>;
      }>;
      const at = '2026-01-01T00:00:00.000Z';
      for (let start = 0; start < EXISTING; start += 400) {
        const count = Math.min(400, EXISTING - start);
        await oldSchema
          .insertInto('newsletter_subscribers')
          .values(
            Array.from({ length: count }, (_, i) => ({
              email: `old-${start + i}@example.test`,
              email_hash: `${start + i}`.padStart(64, '0'),
              status: 'active' as const,
              link_secret: `secret-${start + i}`.padEnd(43, 'x'),
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
      }
    });
    afterAll(() => database?.destroy());

    it('gives every existing subscriber a unique random key, and the column refuses a twin', async () => {
      // This migration first, then any that came after it.
      expect((await database.migrate())[0]).toBe(MIGRATION);
      const rows = await database.db
        .selectFrom('newsletter_subscribers')
        .select(['link_key', 'link_secret'])
        .execute();
      expect(rows).toHaveLength(EXISTING);
      for (const row of rows) expect(row.link_key).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(new Set(rows.map((r) => r.link_key)).size).toBe(EXISTING);
      // The secrets, which signed every link sent so far, are untouched.
      expect(rows.map((r) => r.link_secret).sort()).toEqual(
        Array.from({ length: EXISTING }, (_, i) => `secret-${i}`.padEnd(43, 'x')).sort(),
      );

      const taken = rows[0]?.link_key ?? '';
      const twin = database.db
        .insertInto('newsletter_subscribers')
        .values({
          email: 'twin@example.test',
          email_hash: 'f'.repeat(64),
          status: 'active',
          link_key: taken,
          link_secret: 'x'.repeat(43),
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      await expect(twin).rejects.toThrow();
    });
  });
}
