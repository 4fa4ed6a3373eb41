import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLICATION_STATUSES, type PublicationStatus } from '../../src/domain/publication.ts';
import { isPubliclyVisible } from '../../src/domain/visibility.ts';
import { FACETS, type FacetName, type SearchIndex } from '../../src/search/search-index.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import {
  countsOf,
  NOW,
  openSearchWorld,
  prng,
  query,
  type SearchWorld,
  setVisibility,
  slugsOf,
  type VisibilityWrite,
} from './search-world.ts';

// A property test: random status changes, embargoes and clock moves, and after each
// step every answer of the index (hits, every facet count, suggestions) holds exactly the
// pieces the domain rule says the public may see. fast-check is not installed: a seeded
// PRNG drives the run, so a failure replays the same way.

/** SEARCH_PROPERTY_SEED replays or explores another run. */
const SEED = Number(process.env.SEARCH_PROPERTY_SEED ?? 20261206);
const STEPS = 40;
const DAY = 86_400_000;

const NAMES = ['Amber', 'Birch', 'Cedar', 'Dune', 'Ember', 'Fjord', 'Grove', 'Heath'];
const REGIONS = ['france', 'western-europe', 'europe', 'asia'];
const PARENT: Record<string, string> = { france: 'western-europe', 'western-europe': 'europe' };
const TYPES = ['paper', 'commentary', 'report'];
const CENTERS = ['hq', 'europe', 'asia'];

/** Every piece has "zebu" in its title; its author and topic have "Quorra" in their names. */
const PIECES = NAMES.map((name, k) => ({
  record: makePublication({
    slug: `piece-${name.toLowerCase()}`,
    title: `Zebu ${name}`,
    summary: 'A short piece.',
    body: 'Plain text.',
    type: TYPES[k % TYPES.length] as string,
    primaryCenter: CENTERS[k % CENTERS.length] as string,
    authors: [`author-${k}`, ...(k % 2 === 0 ? ['alice-archer'] : [])],
    topics: [`topic-${k}`],
    regions: [REGIONS[k % REGIONS.length] as string],
    language: k % 3 === 0 ? 'fr' : 'en',
  }),
  author: { slug: `author-${k}`, name: `Quorra ${name}son` },
  topic: { slug: `topic-${k}`, name: `Quorra ${name} Affairs` },
}));

interface PieceState extends VisibilityWrite {
  exists: boolean;
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: search never shows an unpublished piece`, () => {
    let world: SearchWorld;
    const state = new Map<string, PieceState>();

    beforeAll(async () => {
      world = await openSearchWorld(dialect, [
        ...baseWorld(),
        ...PIECES.map((p) => makePerson(p.author)),
        ...PIECES.map((p) => ({ kind: 'term' as const, taxonomy: 'topic' as const, ...p.topic })),
      ]);
    });
    afterAll(() => world?.close());

    const visible = () =>
      PIECES.filter((p) => {
        const s = state.get(p.record.slug);
        return s?.exists === true && isPubliclyVisible(s, world.clock.now());
      });

    function expectedCounts(): Record<FacetName, Record<string, number>> {
      const out = Object.fromEntries(FACETS.map((f) => [f, {}])) as Record<
        FacetName,
        Record<string, number>
      >;
      const add = (facet: FacetName, value: string) => {
        out[facet][value] = (out[facet][value] ?? 0) + 1;
      };
      for (const { record } of visible()) {
        const s = state.get(record.slug) as PieceState;
        add('type', record.type);
        add('center', record.primaryCenter);
        add('language', record.language ?? 'en');
        add('year', (s.publishedAt ?? '').slice(0, 4));
        for (const a of record.authors ?? []) add('author', a);
        for (const t of record.topics ?? []) add('topic', t);
        for (let r: string | undefined = record.regions?.[0]; r; r = PARENT[r]) add('region', r);
      }
      return out;
    }

    /** Why pieces were hidden at some step: the run must have met every reason. */
    const reasons = new Set<string>();
    function noteReasons() {
      const now = world.clock.now().toISOString();
      for (const s of state.values()) {
        if (!s.exists) reasons.add('deleted');
        else if (['draft', 'review', 'archived'].includes(s.status)) reasons.add(s.status);
        else if (s.publishedAt !== null && s.publishedAt > now) reasons.add(`future ${s.status}`);
        else if (s.embargoUntil !== null && s.embargoUntil > now) reasons.add('embargoed');
        else reasons.add('visible');
      }
    }

    async function expectOnlyVisible(index: SearchIndex, step: string) {
      noteReasons();
      const live = visible();
      const titles = live.map((p) => p.record.title).sort();
      const hits = await index.search(query('zebu', { pageSize: 100 }));
      expect(slugsOf(hits).sort(), step).toEqual(live.map((p) => p.record.slug).sort());
      expect(hits.total, step).toBe(live.length);

      const all = await index.search(query(''));
      const expected = expectedCounts();
      for (const facet of FACETS)
        expect(countsOf(all, facet), `${step}: ${facet}`).toEqual(expected[facet]);

      const pieces = await index.suggest('zebu', 40);
      expect(pieces.map((s) => s.label).sort(), step).toEqual(titles);
      const named = await index.suggest('quorra', 40);
      const of = (kind: string) =>
        named
          .filter((s) => s.kind === kind)
          .map((s) => s.label)
          .sort();
      expect(of('publication'), step).toEqual(titles);
      expect(of('person'), step).toEqual(live.map((p) => p.author.name).sort());
      expect(of('term'), step).toEqual(live.map((p) => p.topic.name).sort());
    }

    it(`holds over ${STEPS} random steps (seed ${SEED})`, async () => {
      const random = prng(SEED);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      /** A moment near the clock: before, after, or exactly now. */
      const near = () => {
        const offset = pick([-3, -1, -0.01, 0, 0, 0.01, 1, 3]) * DAY;
        return new Date(world.clock.now().getTime() + Math.round(offset)).toISOString();
      };
      const randomFacts = (): VisibilityWrite => {
        const status: PublicationStatus = pick(PUBLICATION_STATUSES);
        return {
          status,
          publishedAt: status === 'draft' && random() < 0.5 ? null : near(),
          embargoUntil: random() < 0.5 ? null : near(),
        };
      };
      const importRecord = (p: (typeof PIECES)[number], facts: VisibilityWrite) => ({
        ...p.record,
        status: facts.status,
        ...(facts.publishedAt === null ? {} : { publishedAt: facts.publishedAt }),
        ...(facts.embargoUntil === null ? {} : { embargoUntil: facts.embargoUntil }),
      });

      // Every piece starts by import, with random facts; the index is built after.
      for (const p of PIECES) {
        const facts = randomFacts();
        await world.seed([importRecord(p, facts)]);
        state.set(p.record.slug, { ...facts, exists: true });
      }
      await expectOnlyVisible(world.index, 'start');

      for (let n = 1; n <= STEPS; n++) {
        const p = pick(PIECES);
        const slug = p.record.slug;
        const current = state.get(slug) as PieceState;
        const roll = random();
        let action: string;
        if (roll < 0.1 && current.exists) {
          await world.database.db.deleteFrom('publications').where('slug', '=', slug).execute();
          state.set(slug, { ...current, exists: false });
          action = `delete ${slug}`;
        } else if (roll < 0.45) {
          const facts = randomFacts();
          await world.seed([importRecord(p, facts)]);
          state.set(slug, { ...facts, exists: true });
          action = `import ${slug} ${JSON.stringify(facts)}`;
        } else if (roll < 0.85 && current.exists) {
          const facts = randomFacts();
          await setVisibility(world.database, slug, facts);
          state.set(slug, { ...facts, exists: true });
          action = `update ${slug} ${JSON.stringify(facts)}`;
        } else {
          action = 'no write';
        }
        if (random() < 0.5) {
          const ms = Math.round(pick([0.001, 0.5, 1, 2]) * DAY);
          world.clock.set(new Date(world.clock.now().getTime() + ms));
          action += `, clock → ${world.clock.now().toISOString()}`;
        }
        await expectOnlyVisible(world.index, `step ${n}: ${action}`);
        if (n % 10 === 0) {
          // A process started now, built from scratch, agrees.
          await expectOnlyVisible(world.openIndex(), `fresh index after step ${n}`);
        }
      }
      expect(world.clock.now().getTime()).toBeGreaterThan(Date.parse(NOW));
      // The default run meets every reason a piece may be hidden for (another seed may not).
      if (process.env.SEARCH_PROPERTY_SEED === undefined)
        expect([...reasons].sort()).toEqual(
          [
            'archived',
            'deleted',
            'draft',
            'embargoed',
            'future published',
            'future scheduled',
            'review',
            'visible',
          ].sort(),
        );
    });
  });
}
