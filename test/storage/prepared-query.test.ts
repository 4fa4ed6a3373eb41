import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.ts';
import { preparedQuery } from '../../src/storage/prepared-query.ts';
import { testDialects } from '../helpers/dialects.ts';

for (const dialect of testDialects()) {
  describe(`${dialect.name}: prepared queries`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await dialect.open();
      const now = '2026-01-01T00:00:00.000Z';
      await database.db
        .insertInto('publication_types')
        .values(
          ['alpha', 'beta', 'gamma', 'delta'].map((slug, i) => ({
            slug,
            name: slug.toUpperCase(),
            plural_name: `${slug}s`,
            position: i,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    });
    afterAll(async () => {
      await database?.destroy();
    });

    const slugsWhere = (db: Database['db']) =>
      preparedQuery(db, (ids: readonly number[], minPosition: number, limit: number) =>
        db
          .selectFrom('publication_types')
          .select('slug')
          .where('id', 'in', ids)
          .where('position', '>=', minPosition)
          .orderBy('position')
          .limit(limit),
      );

    it('binds new values on each call and answers like the query built afresh', async () => {
      const { db } = database;
      const ids = (await db.selectFrom('publication_types').select('id').execute()).map(
        (r) => r.id,
      );
      const query = slugsWhere(db);
      for (const [some, min, limit] of [
        [ids.slice(0, 3), 0, 10],
        [ids.slice(1, 4), 2, 10],
        [ids.slice(0, 3), 1, 1],
        [ids.slice(2, 3), 0, 5],
        [ids, 0, 2],
      ] as const) {
        const fresh = await db
          .selectFrom('publication_types')
          .select('slug')
          .where('id', 'in', some)
          .where('position', '>=', min)
          .orderBy('position')
          .limit(limit)
          .execute();
        expect(await query(some, min, limit)).toEqual(fresh);
      }
    });

    it('keeps constants written into the query', async () => {
      const { db } = database;
      const query = preparedQuery(db, (slug: string) =>
        db
          .selectFrom('publication_types')
          .select('name')
          .where('slug', '=', slug)
          .where('plural_name', '!=', 'never'),
      );
      expect(await query('beta')).toEqual([{ name: 'BETA' }]);
      expect(await query('gamma')).toEqual([{ name: 'GAMMA' }]);
      expect(await query("beta' or '1'='1")).toEqual([]);
    });

    it('refuses a builder that reads its arguments instead of passing them on', async () => {
      const { db } = database;
      const query = preparedQuery(db, (position: number) =>
        db
          .selectFrom('publication_types')
          .select('slug')
          .where('position', '=', Number(position) + 1),
      );
      await expect(query(1)).rejects.toThrow(/argument 0 does not reach the SQL/);
    });
  });
}
