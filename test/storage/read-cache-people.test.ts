import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/storage/database.ts';
import { createReadCache } from '../../src/storage/read-cache/read-cache.ts';
import { createChangeLogRepository } from '../../src/storage/repositories/change-log-repository.ts';
import { createPersonRepository } from '../../src/storage/repositories/person-repository.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, seed } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/*
 * Shared profiles (storage/read-cache): a page asks for several people, some already in
 * memory. While the others load, the memory can lose the ones it had (another view's
 * refresh empties it; storing the loaded ones pushes old ones out of a full cache). The
 * answer must still hold every person asked for.
 */
for (const dialect of testDialects()) {
  describe(`${dialect.name}: profiles from the read cache`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(baseWorld());
    });
    afterAll(async () => site?.close());

    it('answers every person asked for even when the cache loses its hits meanwhile', async () => {
      const { db } = site.database;
      const cache = createReadCache(createChangeLogRepository(db, site.database.dialect));
      const people = createPersonRepository(db, { cache });
      const plain = createPersonRepository(db);
      const ids = (await db.selectFrom('people').select('id').orderBy('id').execute()).map(
        (r) => r.id,
      );
      expect(ids.length).toBeGreaterThanOrEqual(2);
      const [first, ...others] = ids as [number, ...number[]];
      await people.listByIds([first], { withExpertise: false });
      // Storing what was loaded empties the cache first, as an eviction or a refresh would.
      const set = cache.people.set.bind(cache.people);
      cache.people.set = (key, value) => {
        cache.people.clear();
        return set(key, value);
      };
      const answer = await people.listByIds(ids, { withExpertise: false });
      expect(answer.map((p) => p.id)).toEqual([first, ...others]);
      expect(answer).toEqual(await plain.listByIds(ids, { withExpertise: false }));
    });

    it("shows a photo's new description after another process changes only its media row", async () => {
      const { db } = site.database;
      const uploads = join(site.dataDir, 'uploads');
      const photo = { src: 'media/lead.svg', alt: 'Before', credit: 'Studio' };
      await seed(site.database, uploads, [makePerson({ slug: 'pat-photo', photo })]);
      const cache = createReadCache(createChangeLogRepository(db, site.database.dialect));
      const people = createPersonRepository(db, { cache });
      const { id } = await db
        .selectFrom('people')
        .select('id')
        .where('slug', '=', 'pat-photo')
        .executeTakeFirstOrThrow();
      const altOf = async () => (await people.listByIds([id]))[0]?.photo?.alt;
      expect(await altOf()).toBe('Before');
      // Another process re-imports the file alone, with a new description.
      const other = createDatabase(site.database.config);
      try {
        await seed(other, uploads, [{ kind: 'media', ...photo, alt: 'After' }]);
      } finally {
        await other.destroy();
      }
      expect(await altOf()).toBe('After');
    });
  });
}
