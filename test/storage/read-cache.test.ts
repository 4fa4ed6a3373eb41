import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/demo/random.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { createDatabase, type Database } from '../../src/storage/database.ts';
import { createReadCache } from '../../src/storage/read-cache/read-cache.ts';
import { createChangeLogRepository } from '../../src/storage/repositories/change-log-repository.ts';
import {
  createPersonRepository,
  type PersonRepository,
} from '../../src/storage/repositories/person-repository.ts';
import {
  createPublicationRepository,
  type PublicationFilter,
  type PublicationRepository,
} from '../../src/storage/repositories/publication-repository.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication, seed } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/*
 * A server keeps cards and list totals in memory (storage/read-cache). The property: a
 * repository with that memory answers exactly what one without it answers, after any
 * write made by another process (a second connection here) and at any moment, including
 * the moment a scheduled piece goes live with no write at all.
 */

const PEOPLE = ['alice-archer', 'bruno-bell', 'chen-cho'];
const TOPICS = ['energy', 'trade'];
const FILTERS = (ids: Ids): PublicationFilter[] => [
  { by: 'all' },
  ...PEOPLE.map((slug) => ({ by: 'author' as const, personId: ids.people.get(slug) ?? -1 })),
  { by: 'center', centerId: ids.centers.get('hq') ?? -1 },
  { by: 'center', centerId: ids.centers.get('europe') ?? -1 },
  ...TOPICS.map((slug) => ({ by: 'terms' as const, termIds: [ids.terms.get(slug) ?? -1] })),
  { by: 'terms', termIds: [...ids.terms.values()] },
  { by: 'type', typeId: ids.types.get('paper') ?? -1 },
];
const MOMENTS = [
  '2026-06-01T12:00:00.000Z',
  '2026-06-01T12:00:00.001Z',
  '2026-06-15T00:00:00.000Z',
  '2026-08-01T00:00:00.000Z',
];

interface Ids {
  people: Map<string, number>;
  centers: Map<string, number>;
  terms: Map<string, number>;
  types: Map<string, number>;
}

async function idsOf(database: Database): Promise<Ids> {
  const { db } = database;
  const pairs = async (rows: Promise<{ id: number; slug: string }[]>) =>
    new Map((await rows).map((r) => [r.slug, r.id]));
  return {
    people: await pairs(db.selectFrom('people').select(['id', 'slug']).execute()),
    centers: await pairs(db.selectFrom('centers').select(['id', 'slug']).execute()),
    terms: await pairs(
      db.selectFrom('terms').select(['id', 'slug']).where('taxonomy', '=', 'topic').execute(),
    ),
    types: await pairs(db.selectFrom('publication_types').select(['id', 'slug']).execute()),
  };
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: the read cache`, () => {
    let site: TestSite;
    let other: Database;
    let cached: PublicationRepository;
    let plain: PublicationRepository;
    let cachedPeople: PersonRepository;
    let plainPeople: PersonRepository;
    let ids: Ids;

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(baseWorld());
      // "Another process": its own connection, writing through the real import path.
      other = createDatabase(site.database.config);
      const { db } = site.database;
      const cache = createReadCache(createChangeLogRepository(db, site.database.dialect));
      cached = createPublicationRepository(db, { cache });
      plain = createPublicationRepository(db);
      cachedPeople = createPersonRepository(db, { cache });
      plainPeople = createPersonRepository(db);
      ids = await idsOf(site.database);
    });
    afterAll(async () => {
      await other?.destroy();
      await site?.close();
    });

    const write = (records: ImportRecordInput[]) =>
      seed(other, join(site.dataDir, 'uploads'), records);

    /** Every filter, two pages of each, and every piece's own page, cached against uncached. */
    async function expectSameAnswers(now: Date, step: string, slugs: string[] = []) {
      // Profiles first: before any list has caught the cache up with the writes.
      const people = [...ids.people.values()];
      for (const withExpertise of [true, false])
        expect(await cachedPeople.listByIds(people, { withExpertise }), `${step}: people`).toEqual(
          await plainPeople.listByIds(people, { withExpertise }),
        );
      for (const slug of slugs)
        expect(await cached.findBySlug(slug, { now }), `${step}: ${slug}`).toEqual(
          await plain.findBySlug(slug, { now }),
        );
      for (const filter of FILTERS(ids))
        for (const offset of [0, 3]) {
          const options = { now, limit: 3, offset };
          const [a, b] = [
            await cached.listSummaries(filter, options),
            await plain.listSummaries(filter, options),
          ];
          expect(a, `${step}: ${JSON.stringify(filter)} at ${now.toISOString()}`).toEqual(b);
        }
      // First pages of 20 and the related-work blocks come from a list's kept head.
      for (const filter of FILTERS(ids)) {
        const options = { now, limit: 20, offset: 0 };
        expect(await cached.listSummaries(filter, options), `${step}: page 1`).toEqual(
          await plain.listSummaries(filter, options),
        );
      }
      const groups = [
        { filter: { by: 'all' } as const, options: { now, limit: 4, excludeIds: [1, 2] } },
        ...FILTERS(ids).map((filter) => ({ filter, options: { now, limit: 3, excludeIds: [3] } })),
      ];
      expect(await cached.listSummaryGroups(groups)).toEqual(await plain.listSummaryGroups(groups));
    }

    it('answers as the database does after random writes by another process', async () => {
      const { next, pick } = createRandom(2026);
      const slugs: string[] = [];
      for (let step = 0; step < 40; step++) {
        const roll = next();
        const slug = slugs.length > 0 && roll < 0.5 ? pick(slugs) : `cache-piece-${step}`;
        if (!slugs.includes(slug)) slugs.push(slug);
        if (roll < 0.85) {
          await write([
            makePublication({
              slug,
              title: `Cached piece ${step}`,
              status: pick(['published', 'scheduled', 'draft', 'archived'] as const),
              publishedAt: pick(MOMENTS),
              authors: [pick(PEOPLE), ...(next() < 0.4 ? [pick(PEOPLE)] : [])].filter(
                (p, i, all) => all.indexOf(p) === i,
              ),
              primaryCenter: pick(['hq', 'europe']),
              topics: next() < 0.6 ? [pick(TOPICS)] : [],
              type: pick(['paper', 'report']),
            }),
          ]);
        } else {
          // A renamed author must show in every card that names them.
          const person = pick(PEOPLE);
          await write([makePerson({ slug: person, name: `Renamed ${person} ${step}` })]);
        }
        // Look before and after the moments pieces are scheduled for: no write happens
        // when one goes live, and the cached totals must notice anyway.
        for (const moment of MOMENTS)
          await expectSameAnswers(new Date(moment), `step ${step}`, slugs);
      }
    });

    it('shows another process’s new piece on the next page view', async () => {
      const before = await site.app.inject('/experts/chen-cho');
      expect(before.statusCode).toBe(200);
      expect(before.body).not.toContain('Fresh from elsewhere');
      await write([
        makePublication({
          slug: 'fresh-from-elsewhere',
          title: 'Fresh from elsewhere',
          authors: ['chen-cho'],
          publishedAt: '2026-05-31T00:00:00Z',
        }),
      ]);
      const after = await site.app.inject('/experts/chen-cho');
      expect(after.body).toContain('Fresh from elsewhere');
      await write([
        makePublication({
          slug: 'fresh-from-elsewhere',
          title: 'Fresh from elsewhere',
          authors: ['chen-cho'],
          status: 'draft',
        }),
      ]);
      const gone = await site.app.inject('/experts/chen-cho');
      expect(gone.body).not.toContain('Fresh from elsewhere');
    });
  });
}
