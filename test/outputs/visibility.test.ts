import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/demo/random.ts';
import { PUBLICATION_STATUSES } from '../../src/domain/publication.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { FEED_READERS, readSitemap } from './readers.ts';

/*
 * A property, checked on generated worlds: at any moment, every feed and every sitemap
 * lists exactly the pieces the public may see then (published or scheduled, publication
 * time passed, embargo lifted) within its scope. Not one more — a draft, a piece in
 * review, an archived one, a scheduled one a millisecond early, an embargoed one — and not
 * one fewer: each appears once its time has come. The oracle below is written from the
 * rule in docs/import-format.md, not from the code under test.
 */

type Piece = Extract<ImportRecordInput, { kind: 'publication' }>;

const SEEDS = [7, 1234, 99];
const PIECES_PER_WORLD = 24;
/** Moments to look at; the pieces' times are drawn around them, some exactly on them. */
const MOMENTS = [
  '2026-05-01T00:00:00.000Z',
  '2026-06-01T12:00:00.000Z',
  '2026-06-01T12:00:00.001Z',
  '2026-07-01T00:00:00.000Z',
  '2026-09-01T00:00:00.000Z',
];
const CENTERS = ['hq', 'europe', 'asia'];
const TYPES = ['paper', 'commentary', 'report'];

/** A world from a seed (the demo's seeded generator), so a failure names a seed to replay. */
function generate(seed: number): Piece[] {
  const { next, pick } = createRandom(seed);
  const near = () => {
    const base = Date.parse(pick(MOMENTS));
    // On the moment, a millisecond either side, well before, well after.
    const shifts = [0, 0, -1, 1, -86_400_000 * 40, 86_400_000 * 20];
    return new Date(base + pick(shifts)).toISOString();
  };
  return Array.from({ length: PIECES_PER_WORLD }, (_, i) => {
    const primaryCenter = pick(CENTERS);
    return makePublication({
      slug: `p${seed}-${i}`,
      title: `Piece ${i} of world ${seed}`,
      // Half the pieces could be live; the rest never may be, whatever the time.
      status: next() < 0.5 ? pick(['published', 'scheduled'] as const) : pick(PUBLICATION_STATUSES),
      publishedAt: near(),
      ...(next() < 0.4 ? { embargoUntil: near() } : {}),
      type: pick(TYPES),
      primaryCenter,
      centers: next() < 0.3 ? [pick(CENTERS)].filter((c) => c !== primaryCenter) : [],
      topics: next() < 0.5 ? ['energy'] : [],
      regions: next() < 0.5 ? [pick(['europe', 'france'])] : [],
    });
  });
}

/** The rule, restated: who may see a piece at a moment. */
function isLive(piece: Piece, at: string): boolean {
  if (piece.status !== 'published' && piece.status !== 'scheduled') return false;
  const from = [piece.publishedAt, piece.embargoUntil].filter((t) => t !== undefined);
  return from.every((t) => Date.parse(t ?? '') <= Date.parse(at));
}

/** Each feed, and the pieces in its scope. */
const FEEDS: [url: string, inScope: (p: Piece) => boolean, host?: string][] = [
  ['/research/feed.xml', () => true],
  ['/research/feed.atom', () => true],
  ['/research/feed.json', () => true],
  ['/feed.xml', (p) => p.primaryCenter === 'hq' || (p.centers ?? []).includes('hq')],
  [
    '/europe/feed.atom',
    (p) => p.primaryCenter === 'europe' || (p.centers ?? []).includes('europe'),
  ],
  [
    '/feed.json',
    (p) => p.primaryCenter === 'asia' || (p.centers ?? []).includes('asia'),
    'asia.example.test',
  ],
  ['/topics/energy/feed.atom', (p) => (p.topics ?? []).includes('energy')],
  ['/regions/europe/feed.json', (p) => (p.regions ?? []).length > 0],
  ['/regions/france/feed.xml', (p) => (p.regions ?? []).includes('france')],
  ['/experts/alice-archer/feed.json', () => true],
  ...TYPES.map((type): [string, (p: Piece) => boolean] => [
    `/types/${type}/feed.atom`,
    (p) => p.type === type,
  ]),
];
const SITEMAPS: [index: string, host?: string][] = [
  ['/sitemap.xml'],
  ['/europe/sitemap.xml'],
  ['/sitemap.xml', 'asia.example.test'],
];

for (const dialect of testDialects()) {
  describe.each(SEEDS)(
    `feeds and sitemaps show exactly the live pieces (${dialect.name}, seed %i)`,
    (seed) => {
      const pieces = generate(seed);
      let site: TestSite;
      beforeAll(async () => {
        site = await openTestSite(dialect);
        await site.seed([...baseWorld(), ...pieces]);
      });
      afterAll(() => site.close());

      const get = async (url: string, host?: string) => {
        const res = await site.app.inject({
          method: 'GET',
          url,
          ...(host ? { headers: { host } } : {}),
        });
        expect(res.statusCode, url).toBe(200);
        return res.body;
      };
      const slugsOf = (urls: string[]) =>
        urls.flatMap((u) => /\/research\/(p[\w-]+)$/.exec(u)?.[1] ?? []).sort();
      const expected = (at: string, inScope: (p: Piece) => boolean) =>
        pieces
          .filter((p) => inScope(p) && isLive(p, at))
          .map((p) => p.slug)
          .sort();

      it.each(MOMENTS)('at %s', async (at) => {
        site.clock.set(at);
        for (const [url, inScope, host] of FEEDS) {
          const format = url.endsWith('.xml') ? 'rss' : url.endsWith('.atom') ? 'atom' : 'json';
          const feed = await FEED_READERS[format](await get(url, host));
          expect(slugsOf(feed.items.map((i) => i.link)), `${url} at ${at}`).toEqual(
            expected(at, inScope),
          );
        }
        const listed: string[] = [];
        for (const [index, host] of SITEMAPS) {
          for (const child of await readSitemap(await get(index, host), 'sitemapindex')) {
            const { pathname } = new URL(child.loc);
            listed.push(...(await readSitemap(await get(pathname, host))).map((l) => l.loc));
          }
        }
        expect(slugsOf(listed), `sitemaps at ${at}`).toEqual(expected(at, () => true));
      });
    },
  );
}
