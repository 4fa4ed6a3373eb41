import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from './dialects.ts';

async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await database.db.introspection.getTables()) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table.name)}`.execute(database.db);
    counts[table.name] = Number(rows[0]?.n);
  }
  return counts;
}

function addNetwork(database: Database, slug: string) {
  const now = new Date().toISOString();
  return database.db
    .insertInto('networks')
    .values({ slug, name: slug, short_name: slug, created_at: now, updated_at: now })
    .execute();
}

for (const dialect of testDialects()) {
  describe(dialect.name, () => {
    it('opens a migrated, empty database of its own each time', async () => {
      const first = await dialect.open();
      const second = await dialect.open();
      try {
        expect(first.dialect).toBe(dialect.name);
        const counts = await rowCounts(first);
        expect(Object.keys(counts)).toContain('publications');
        expect(Object.values(counts).every((n) => n === 0)).toBe(true);

        await addNetwork(first, 'only-in-first');
        const inSecond = await second.db.selectFrom('networks').select('slug').execute();
        expect(inSecond).toEqual([]);
      } finally {
        await first.destroy();
        await second.destroy();
      }
    });

    it('removes the database on destroy, and tolerates a second destroy', async () => {
      const database = await dialect.open();
      if (database.dialect === 'sqlite') {
        const { rows } = await sql<{ file: string }>`
          select file from pragma_database_list where name = 'main'`.execute(database.db);
        const file = rows[0]?.file ?? '';
        expect(existsSync(file)).toBe(true);
        await database.destroy();
        expect(existsSync(file)).toBe(false);
      } else {
        const { rows } = await sql<{ name: string }>`
          select current_database() as name`.execute(database.db);
        const name = rows[0]?.name;
        expect(name).toMatch(/^dossier_test_[0-9a-f]{12}$/);
        await database.destroy();
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        try {
          const left = await admin.query('select 1 from pg_database where datname = $1', [name]);
          expect(left.rowCount).toBe(0);
        } finally {
          await admin.end();
        }
      }
      await database.destroy();
    });

    it('passes onQuery through to the database', async () => {
      const seen: string[] = [];
      const database = await dialect.open({ onQuery: (event) => seen.push(event.query.sql) });
      try {
        seen.length = 0;
        await database.db.selectFrom('networks').selectAll().execute();
        expect(seen).toHaveLength(1);
        expect(seen[0]).toContain('networks');
      } finally {
        await database.destroy();
      }
    });
  });
}
