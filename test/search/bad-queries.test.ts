import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../src/errors.ts';
import { FACETS, type SearchQuery, type SearchResult } from '../../src/search/search-index.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openSearchWorld, prng, query, type SearchWorld, slugsOf } from './search-world.ts';

// Nothing a reader types is an error: whatever arrives, the index answers with results.

const PIECES = [
  makePublication({ slug: 'zebra', title: 'Zebra Crossings', summary: 'Stripes.', body: 'Road.' }),
  makePublication({ slug: 'arabic', title: 'سياسة الطاقة', summary: 'Energy.', body: 'Text.' }),
  makePublication({ slug: 'hebrew', title: 'שלום עולם', summary: 'Hello.', body: 'Text.' }),
  makePublication({ slug: 'emoji', title: 'Giraffe 🦒 Necks', summary: '👩‍👩‍👧', body: 'Text.' }),
];

const random = prng(7);
const noise = Array.from({ length: 10_000 }, () =>
  String.fromCharCode(32 + Math.floor(random() * 95)),
).join('');

const HOSTILE: string[] = [
  '"unbalanced',
  'unbalanced"',
  '"a "b',
  '"',
  '""',
  '"""',
  '*',
  '**',
  'a*',
  '*econ',
  'econ**',
  '"econ*"',
  'AND OR NOT',
  'NEAR(',
  'NEAR(zebra crossings, 3)',
  'title:x',
  'title:',
  ':',
  '-x',
  '-',
  '^',
  'zebra^2',
  '(',
  ')',
  '()',
  '{}',
  '[',
  'x AND',
  'OR',
  '+',
  '\\',
  "'",
  "'; DROP TABLE publications; --",
  '%',
  '_',
  '%_%',
  '$1',
  '?',
  '<script>alert(1)</script>',
  'x'.repeat(10_000),
  'zebra '.repeat(2_000),
  noise,
  '🦓',
  '👩‍👩‍👧',
  'zebra 🦓',
  'سياسة',
  'שלום',
  '\u202Ezebra',
  'ze\u200Bbra',
  '\u200B',
  '\uFEFF',
  '\u0000',
  'zebra\u0000',
  '\u0000'.repeat(10_000),
  '\uD800',
  '\uDFFFzebra\uD800',
  '\u0301\u0301',
  '   ',
  '\n\t\r',
  '',
];

function expectResult(result: SearchResult, label: string) {
  expect(Array.isArray(result.hits), label).toBe(true);
  expect(Number.isInteger(result.total), label).toBe(true);
  expect(result.total, label).toBeGreaterThanOrEqual(result.hits.length);
  expect(result.hits.length, label).toBeLessThanOrEqual(result.pageSize);
  for (const facet of FACETS) expect(Array.isArray(result.facets[facet]), label).toBe(true);
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: search survives bad queries`, () => {
    let world: SearchWorld;
    const search = (q: SearchQuery) => world.index.search(q);

    beforeAll(async () => {
      world = await openSearchWorld(dialect, [...baseWorld(), ...PIECES]);
    });
    afterAll(() => world?.close());

    it('answers every hostile text, in both sorts, and suggests for it', async () => {
      for (const text of HOSTILE) {
        const label = JSON.stringify(text.slice(0, 40));
        expectResult(await search(query(text)), label);
        expectResult(await search(query(text, { sort: 'date', page: 2, pageSize: 1 })), label);
        expect(Array.isArray(await world.index.suggest(text)), label).toBe(true);
      }
    });

    it('reads operators and stray characters as the words around them', async () => {
      for (const text of [
        '"zebra crossings',
        'zebra crossings"',
        '(zebra)',
        '-zebra',
        'zebra^',
        'zebra AND crossings',
        'zebra*',
        'zebra\u0000',
        'zebra\u200B',
        'zebra 🦓',
      ])
        expect(slugsOf(await search(query(text))), JSON.stringify(text.slice(0, 40))).toEqual([
          'zebra',
        ]);
    });

    it('cuts an overlong query between words, not inside one', async () => {
      // 12,000 characters of "zebra ": the cut at 500 must not leave a stray "ze" to match.
      expect(slugsOf(await search(query('zebra '.repeat(2_000))))).toEqual(['zebra']);
      expect(slugsOf(await search(query(`${'crossings '.repeat(49)}zebra`)))).toEqual(['zebra']);
    });

    it('finds right-to-left words', async () => {
      expect(slugsOf(await search(query('سياسة')))).toEqual(['arabic']);
      expect(slugsOf(await search(query('שלום')))).toEqual(['hebrew']);
    });

    it('answers pages far past the end with no hits and the right total', async () => {
      for (const page of [2, 1_000, 1_000_000_000, Number.MAX_SAFE_INTEGER]) {
        const result = await search(query('', { page }));
        expect(result.hits, String(page)).toEqual([]);
        expect(result.total).toBe(PIECES.length);
      }
    });

    it('reads a page before the first as the first', async () => {
      for (const page of [0, -1, -1_000_000_000, 0.5]) {
        const result = await search(query('', { page, sort: 'date' }));
        expect(result.page, String(page)).toBe(1);
        expect(result.hits, String(page)).toHaveLength(PIECES.length);
      }
    });

    it('answers a page past any number with no hits', async () => {
      const result = await search(query('', { page: Number.POSITIVE_INFINITY }));
      expect(result.hits).toEqual([]);
      expect(result.total).toBe(PIECES.length);
    });

    it('answers nonsense page numbers and sizes with a real page', async () => {
      // Not a number is read as the default: page 1, 20 a page.
      const cases: [number, number | undefined][] = [
        [Number.NaN, undefined],
        [1, 0],
        [1, -5],
        [1, Number.NaN],
        [1, 1_000_000_000],
        [1, 2.5],
      ];
      const wrong: string[] = [];
      for (const [page, pageSize] of cases) {
        const result = await search(
          query('', { page, ...(pageSize === undefined ? {} : { pageSize }) }),
        );
        expect(Array.isArray(result.hits)).toBe(true);
        const fine =
          Number.isSafeInteger(result.page) &&
          Number.isSafeInteger(result.pageSize) &&
          result.pageSize >= 1 &&
          result.hits.length === Math.min(result.pageSize, PIECES.length);
        if (!fine)
          wrong.push(
            `page ${page}, size ${pageSize} → page ${result.page}, size ${result.pageSize}`,
          );
      }
      expect(wrong).toEqual([]);
    });

    it('reports unknown facet values and answers as if they were not there', async () => {
      const result = await search(
        query('zebra', {
          filters: {
            type: ['<script>'],
            region: ['../../etc/passwd'],
            author: ["'; DROP TABLE people; --"],
            topic: ['\u0000'],
          },
        }),
      );
      expect(slugsOf(result)).toEqual(['zebra']);
      expect(result.unknownFilters).toEqual(
        [
          { facet: 'region', value: '../../etc/passwd' },
          { facet: 'topic', value: '\u0000' },
          { facet: 'author', value: "'; DROP TABLE people; --" },
          { facet: 'type', value: '<script>' },
        ].sort((a, b) => FACETS.indexOf(a.facet as never) - FACETS.indexOf(b.facet as never)),
      );
    });

    it('answers odd filters: many values, empty lists, unknown facets, bad years and dates', async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => `topic-${i}`);
      expectResult(await search(query('', { filters: { topic: many } })), 'many values');
      const empty = await search(query('', { filters: { topic: [], type: [] } }));
      expect(empty.total).toBe(PIECES.length);
      const unknownFacet = { bogus: ['x'] } as unknown as SearchQuery['filters'];
      expect((await search(query('', { filters: unknownFacet }))).total).toBe(PIECES.length);
      for (const year of ['abcd', '', '99999', '\u0000'])
        expectResult(await search(query('', { filters: { year: [year] } })), `year ${year}`);
      for (const language of ['', 'xx-INVALID-!!', '\u0000'])
        expectResult(await search(query('', { filters: { language: [language] } })), language);
      for (const [from, to] of [
        ['yesterday', 'tomorrow'],
        ['2024-13-45', '2024-02-30'],
        ['', ''],
        ['2030-01-01', '2020-01-01'],
        ['-271821-04-20', '+275760-09-13'],
      ] as const)
        expectResult(await search(query('', { from, to })), `${from}..${to}`);
    });

    it('answers many queries at once, each the same as alone', async () => {
      const alone = await search(query('zebra'));
      const together = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          search(query(i % 2 === 0 ? 'zebra' : (HOSTILE[i] ?? ''))),
        ),
      );
      for (let i = 0; i < together.length; i += 2)
        expect(slugsOf(together[i] as SearchResult)).toEqual(slugsOf(alone));
    });

    it('suggests for odd limits', async () => {
      for (const limit of [0, -1, 1, 1_000_000, Number.NaN]) {
        const suggestions = await world.index.suggest('zeb', limit);
        expect(Array.isArray(suggestions), String(limit)).toBe(true);
        expect(suggestions.length, String(limit)).toBeLessThanOrEqual(Math.max(0, limit || 0) + 8);
      }
      expect((await world.index.suggest('zeb', 1)).map((s) => s.label)).toEqual([
        'Zebra Crossings',
      ]);
    });
  });
}

describe('search while the first build is still running', () => {
  const dialect = testDialects()[0];
  it('answers a clear 503 "warming up" instead of waiting, then answers once built', async () => {
    if (!dialect) throw new Error('no test dialect');
    const world = await openSearchWorld(dialect, []);
    try {
      // No wait at all for the first build: the first search cannot be ready.
      const index = world.openIndex({ firstBuildWaitMs: 0 });
      const early = await index.search(query('anything')).catch((error: unknown) => error);
      expect(early).toBeInstanceOf(ServiceUnavailableError);
      expect((early as ServiceUnavailableError).code).toBe('SEARCH_WARMING_UP');
      expect((early as ServiceUnavailableError).status).toBe(503);
      // The build it started goes on; a moment later the index answers.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const later = await index.search(query('anything'));
      expect(later.total).toBe(0);
    } finally {
      await world.close();
    }
  });
});
