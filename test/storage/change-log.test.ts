import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecordInput } from '../../src/import/records.ts';
import type { Database } from '../../src/storage/database.ts';
import {
  type Change,
  type ChangeEntity,
  type ChangeLogRepository,
  createChangeLogRepository,
} from '../../src/storage/repositories/change-log-repository.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication, seed } from '../helpers/factories.ts';

type Table = 'publications' | 'people' | 'terms' | 'centers' | 'partners' | 'publication_types';

/**
 * The kinds whose tables carry triggers ('search_index' rows come from `dossier reindex`,
 * 'pruned' rows from pruning).
 */
type Logged = Exclude<ChangeEntity, 'search_index' | 'pruned' | 'media'>;
// Media rows have no slug to make them by; read-cache-people.test.ts covers their triggers.

/** Each logged kind: its table, and an import record that adds a fresh one. */
const ITEMS: Record<Logged, { table: Table; record(slug: string): ImportRecordInput }> = {
  publication: { table: 'publications', record: (slug) => makePublication({ slug }) },
  person: { table: 'people', record: (slug) => makePerson({ slug }) },
  term: {
    table: 'terms',
    record: (slug) => ({ kind: 'term', taxonomy: 'topic', slug, name: slug }),
  },
  center: {
    table: 'centers',
    record: (slug) => ({ kind: 'center', slug, name: slug, shortName: slug }),
  },
  partner: { table: 'partners', record: (slug) => ({ kind: 'partner', slug, name: slug }) },
  publication_type: {
    table: 'publication_types',
    record: (slug) => ({ kind: 'type', slug, name: slug, pluralName: slug }),
  },
};

async function idOf(db: Database['db'], table: Table, slug: string): Promise<number> {
  return (
    await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  ).id;
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: change log`, () => {
    let database: Database;
    let changes: ChangeLogRepository;
    let dir: string;
    let seqWhenNew: number;
    beforeAll(async () => {
      database = await dialect.open();
      changes = createChangeLogRepository(database.db, database.dialect);
      seqWhenNew = await changes.latestSeq();
      dir = await mkdtemp(join(tmpdir(), 'changelog-test-'));
      await seed(database, join(dir, 'uploads'), baseWorld());
    });
    afterAll(async () => {
      await database?.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    /** What was logged since `seq`, without the seqs. */
    const loggedSince = async (seq: number) =>
      (await changes.changesAfter(seq, 1000)).map(({ entity, entityId }) => ({ entity, entityId }));
    /** Imports a fresh item of the kind; returns its id. */
    const add = async (entity: Logged, slug: string) => {
      const { table, record } = ITEMS[entity];
      await seed(database, join(dir, 'uploads'), [record(slug)]);
      return idOf(database.db, table, slug);
    };

    it('is empty in a new database', () => {
      expect(seqWhenNew).toBe(0);
    });

    for (const entity of Object.keys(ITEMS) as Logged[]) {
      it(`logs inserting, updating and deleting a ${entity}`, async () => {
        const { db } = database;
        const { table } = ITEMS[entity];
        const before = await changes.latestSeq();
        const id = await add(entity, `logged-${entity.replace('_', '-')}`);
        const change = { entity, entityId: id };
        expect(await loggedSince(before)).toEqual([change]);
        await db
          .updateTable(table)
          .set({ updated_at: '2026-02-01T00:00:00.000Z' })
          .where('id', '=', id)
          .execute();
        await db.deleteFrom(table).where('id', '=', id).execute();
        expect(await loggedSince(before)).toEqual([change, change, change]);
      });
    }

    it('logs a re-imported publication whose only change is its authors or terms', async () => {
      const uploads = join(dir, 'uploads');
      const piece = makePublication({ authors: ['alice-archer'], topics: ['energy'] });
      await seed(database, uploads, [piece]);
      const publication = {
        entity: 'publication',
        entityId: await idOf(database.db, 'publications', piece.slug),
      };

      let before = await changes.latestSeq();
      await seed(database, uploads, [{ ...piece, authors: ['bruno-bell'] }]);
      expect(await loggedSince(before)).toContainEqual(publication);

      before = await changes.latestSeq();
      await seed(database, uploads, [{ ...piece, authors: ['bruno-bell'], topics: ['trade'] }]);
      expect(await loggedSince(before)).toContainEqual(publication);
    });

    it('pages through changes in seq order', async () => {
      const before = await changes.latestSeq();
      const ids: number[] = [];
      for (const n of [1, 2, 3, 4, 5]) ids.push(await add('partner', `page-${n}`));

      const pages: Change[][] = [];
      let seq = before;
      for (let page = await changes.changesAfter(seq, 2); page.length > 0; ) {
        pages.push(page);
        seq = page.at(-1)?.seq ?? seq;
        page = await changes.changesAfter(seq, 2);
      }
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      const seqs = pages.flat().map((change) => change.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(pages.flat().map((change) => change.entityId)).toEqual(ids);
      expect(seq).toBe(await changes.latestSeq());
    });

    it('stamps each change in ISO-8601 UTC and prunes only the older ones', async () => {
      const { db } = database;
      const old = await changes.latestSeq();
      const oldCount = (await changes.changesAfter(0, 100_000)).length;
      // Backdate everything so far; what comes next is "now".
      await db
        .updateTable('change_log')
        .set({ changed_at: '2020-01-01T00:00:00.000Z' })
        .where('seq', '<=', old)
        .execute();
      const id = await add('partner', 'after-the-cut');
      const fresh = await db
        .selectFrom('change_log')
        .select('changed_at')
        .where('seq', '>', old)
        .executeTakeFirstOrThrow();
      expect(fresh.changed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Math.abs(Date.parse(fresh.changed_at) - Date.now())).toBeLessThan(60_000);

      expect(await changes.pruneBefore('2021-01-01T00:00:00.000Z')).toBe(oldCount);
      // A marker names the last seq pruned, for readers that had not got that far.
      expect(await loggedSince(0)).toEqual([
        { entity: 'partner', entityId: id },
        { entity: 'pruned', entityId: old },
      ]);
      expect(await changes.pruneBefore('2021-01-01T00:00:00.000Z')).toBe(0);
    });
  });
}
