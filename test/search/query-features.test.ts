import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecordInput } from '../../src/import/records.ts';
import {
  FACETS,
  type FacetName,
  type SearchQuery,
  type SearchResult,
} from '../../src/search/search-index.ts';
import { sitePaths } from '../../src/web/site/site-paths.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import {
  allSlugs,
  countsOf,
  openSearchWorld,
  type PublicationRecord,
  query,
  type SearchWorld,
  slugsOf,
} from './search-world.ts';

// Every piece is published before the clock (2026-06-01), so every piece is live, and the
// expectations for filters and counts are worked out from the import records themselves.

const EXTRA: ImportRecordInput[] = [
  { kind: 'term', taxonomy: 'region', slug: 'germany', name: 'Germany', parent: 'western-europe' },
  { kind: 'term', taxonomy: 'region', slug: 'japan', name: 'Japan', parent: 'asia' },
  { kind: 'term', taxonomy: 'topic', slug: 'housing', name: 'Housing' },
  { kind: 'term', taxonomy: 'project', slug: 'port-watch', name: 'Port Watch' },
  { kind: 'term', taxonomy: 'program', slug: 'security', name: 'Security Program' },
  { kind: 'term', taxonomy: 'collection', slug: 'deep-dives', name: 'Deep Dives' },
  makePerson({ slug: 'zephyr-quill', name: 'Zephyr Quill' }),
  makePerson({ slug: 'tomas-nunez', name: 'Tomás Núñez' }),
];

/** Region → its parent, as baseWorld and EXTRA file them. */
const PARENT: Record<string, string> = {
  'western-europe': 'europe',
  france: 'western-europe',
  germany: 'western-europe',
  japan: 'asia',
};

/** A piece with only the words given (the factory's default text names its slug). */
const piece = (slug: string, publishedAt: string, more: Partial<PublicationRecord> = {}) =>
  makePublication({
    slug,
    title: 'Untitled',
    summary: 'A short piece.',
    body: 'Plain text.',
    publishedAt: `${publishedAt}T09:00:00Z`,
    ...more,
  });

const PIECES: PublicationRecord[] = [
  // Facets: every kind of value, with the word "ledger" in some bodies.
  piece('facet-paper-france', '2024-02-10', {
    title: 'Power in Provence',
    body: 'Ledger entries for the grid.',
    regions: ['france'],
    topics: ['energy'],
    programs: ['economy'],
  }),
  piece('facet-commentary-germany', '2024-05-20', {
    type: 'commentary',
    title: 'Tariffs on the Rhine',
    body: 'A ledger of tariffs.',
    primaryCenter: 'europe',
    centers: ['hq'],
    regions: ['germany'],
    topics: ['trade'],
    projects: ['grid-futures'],
    authors: ['bruno-bell'],
  }),
  piece('facet-report-japan', '2023-11-03', {
    type: 'report',
    title: 'Housing in Hokkaido',
    primaryCenter: 'asia',
    regions: ['japan'],
    topics: ['energy', 'housing'],
    collections: ['briefs'],
    authors: ['chen-cho', 'alice-archer'],
  }),
  piece('facet-paper-europe', '2025-03-15', {
    title: 'Le logement en Europe',
    body: 'Registre ledger.',
    primaryCenter: 'europe',
    regions: ['europe'],
    topics: ['housing'],
    programs: ['security'],
    projects: ['port-watch'],
    authors: ['bruno-bell'],
    language: 'fr',
  }),
  piece('facet-commentary-asia', '2023-07-07', {
    type: 'commentary',
    title: 'Monsoon Markets',
    body: 'A ledger.',
    centers: ['asia'],
    regions: ['asia'],
    collections: ['deep-dives'],
    programs: ['economy', 'security'],
  }),
  piece('facet-report-western', '2025-09-30', {
    type: 'report',
    title: 'Westlicher Bericht',
    primaryCenter: 'europe',
    regions: ['western-europe', 'france'],
    topics: ['trade', 'energy'],
    collections: ['briefs', 'deep-dives'],
    authors: ['alice-archer', 'bruno-bell'],
    language: 'de',
  }),
  piece('facet-paper-none', '2022-12-31', {
    title: 'Year-End Accounts',
    body: 'Ledger notes.',
    authors: ['chen-cho'],
  }),
  piece('facet-late-2025', '2025-12-01', {
    type: 'commentary',
    title: 'Late Shipments',
    primaryCenter: 'asia',
    regions: ['japan', 'france'],
    topics: ['trade'],
    projects: ['grid-futures'],
    authors: ['bruno-bell'],
  }),
  // Stemming and typeahead.
  piece('stem-policy', '2021-01-05', { title: 'Harbour Policy in Practice' }),
  piece('stem-policies', '2021-01-06', {
    title: 'Comparing Harbour Rules',
    body: 'Three policies for harbour authorities.',
  }),
  piece('stem-trading', '2021-01-07', {
    title: 'Notes on Bilateral Exchange',
    body: 'Trading volumes rose.',
  }),
  piece('stem-trade', '2021-01-08', { title: 'Trade Winds' }),
  piece('stem-negotiating', '2021-01-09', { title: 'Negotiating Fisheries Quotas' }),
  // Phrases.
  piece('phrase-exact', '2021-02-01', { body: 'The cost of living keeps climbing in every city.' }),
  piece('phrase-apart', '2021-02-02', {
    body: 'The cost of rent and the price of living space diverge.',
  }),
  piece('phrase-union', '2021-02-03', { title: 'The State of the Union' }),
  piece('phrase-state-union', '2021-02-04', { body: 'A state union was formed in 1901.' }),
  piece('phrase-reversed', '2021-02-05', { body: 'Living costs are rising.' }),
  // Prefixes.
  piece('prefix-economy', '2021-03-01', { title: 'Economy Watch' }),
  piece('prefix-economics', '2021-03-02', { title: 'The Economics of Ports' }),
  piece('prefix-econometric', '2021-03-03', { title: 'Econometric Methods' }),
  piece('prefix-ecology', '2021-03-04', { title: 'Ecology Notes' }),
  // Case and accents (the third title is in decomposed form, as macOS and some pastes give).
  piece('accent-economie', '2021-04-01', { title: 'Économie politique du littoral' }),
  piece('accent-sao', '2021-04-02', { title: 'Ports of São Tomé' }),
  piece('accent-nfd', '2021-04-03', { title: 'E\u0301tudes re\u0301gionales', language: 'fr' }),
  piece('accent-author', '2021-04-04', { title: 'Island Outlook', authors: ['tomas-nunez'] }),
  // Ranking: the same word in a title, an author's name, and only in a body.
  piece('rank-title', '2021-05-01', { title: 'Zephyr Patterns', body: 'Notes on wind.' }),
  piece('rank-author', '2021-05-02', { title: 'Wind Notes', authors: ['zephyr-quill'] }),
  piece('rank-body', '2021-05-03', {
    title: 'Coastal Weather',
    body: 'Some text about the zephyr, and more on the zephyr that follows.',
  }),
  // Hostile text.
  piece('hostile-script', '2021-06-01', {
    title: '<script>alert(1)</script> Quokka habitats',
    summary: `Quokka <b>bold</b> & "quotes" '><img src=x onerror=alert(1)>`,
    body: 'Body about the quokka. <script>alert(2)</script> &amp; more',
  }),
  piece('hostile-img', '2021-06-02', {
    title: '"><img src=x onerror=alert(1)> quokka counts',
    summary: '',
    body: 'Text "><img src=x onerror=alert(1)> with a quokka <mark>inside</mark>.',
  }),
  piece('hostile-amp', '2021-06-03', { title: 'Fish &amp; Chips &lt;quokka&gt;' }),
  piece('hostile-mark', '2021-06-04', { title: '<mark>fake</mark> quokka', summary: '' }),
];

const ALL = PIECES.map((p) => p.slug).sort();
const bySlug = new Map(PIECES.map((p) => [p.slug, p]));

function withAncestors(regions: string[]): string[] {
  const out = new Set<string>();
  for (const region of regions)
    for (let r: string | undefined = region; r !== undefined; r = PARENT[r]) out.add(r);
  return [...out];
}

/** The facet values a piece carries, by its import record. */
function valuesOf(p: PublicationRecord): Record<FacetName, string[]> {
  return {
    type: [p.type],
    center: [...new Set([p.primaryCenter, ...(p.centers ?? [])])],
    program: p.programs ?? [],
    project: p.projects ?? [],
    region: withAncestors(p.regions ?? []),
    topic: p.topics ?? [],
    collection: p.collections ?? [],
    author: p.authors ?? [],
    language: [p.language ?? 'en'],
    year: [(p.publishedAt as string).slice(0, 4)],
  };
}

interface Ask {
  /** One word every expected piece has in its title, summary or body, or none. */
  word?: string;
  filters?: Partial<Record<FacetName, string[]>>;
  from?: string;
  to?: string;
}

function passes(p: PublicationRecord, ask: Ask, except?: FacetName): boolean {
  const text = `${p.title} ${p.summary} ${p.body}`.toLowerCase();
  if (ask.word !== undefined && !text.includes(ask.word)) return false;
  const day = (p.publishedAt as string).slice(0, 10);
  if ((ask.from && day < ask.from) || (ask.to && day > ask.to)) return false;
  const values = valuesOf(p);
  return Object.entries(ask.filters ?? {}).every(
    ([facet, wanted]) =>
      facet === except || (wanted ?? []).some((v) => values[facet as FacetName].includes(v)),
  );
}

const expectedSlugs = (ask: Ask) =>
  PIECES.filter((p) => passes(p, ask))
    .map((p) => p.slug)
    .sort();

/** Each facet counted over the matches with every other facet's filter applied. */
function expectedCounts(ask: Ask): Record<FacetName, Record<string, number>> {
  const out = Object.fromEntries(FACETS.map((f) => [f, {}])) as Record<
    FacetName,
    Record<string, number>
  >;
  for (const facet of FACETS) {
    for (const p of PIECES.filter((piece) => passes(piece, ask, facet)))
      for (const value of valuesOf(p)[facet]) out[facet][value] = (out[facet][value] ?? 0) + 1;
  }
  return out;
}

const asQuery = (ask: Ask): SearchQuery =>
  query(ask.word ?? '', {
    filters: ask.filters ?? {},
    ...(ask.from ? { from: ask.from } : {}),
    ...(ask.to ? { to: ask.to } : {}),
  });

const decodeEntities = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The HTML is escaped text plus <mark> pairs, and every marked word is one of `words`. */
function expectSafeHighlight(html: string, words: RegExp): string {
  const marked = [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1] as string);
  for (const word of marked) expect(word).toMatch(words);
  const text = html.replace(/<\/?mark>/g, '');
  expect(text).not.toMatch(/[<>"']/);
  expect(text.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  return decodeEntities(text);
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: search query features`, () => {
    let world: SearchWorld;
    const search = (q: SearchQuery) => world.index.search(q);
    const find = async (text: string) => (await allSlugs(world.index, query(text))).sort();

    beforeAll(async () => {
      world = await openSearchWorld(dialect, [...baseWorld(), ...EXTRA, ...PIECES]);
    });
    afterAll(() => world?.close());

    it('has one piece per day, so date order is unambiguous', () => {
      const days = PIECES.map((p) => (p.publishedAt as string).slice(0, 10));
      expect(new Set(days).size).toBe(days.length);
    });

    it('finds every word form by its English stem', async () => {
      expect(await find('policies')).toEqual(['stem-policies', 'stem-policy']);
      expect(await find('policy')).toEqual(['stem-policies', 'stem-policy']);
      const trade = ['facet-commentary-germany', 'facet-late-2025', 'facet-report-western'];
      expect(await find('trading')).toEqual([...trade, 'stem-trade', 'stem-trading'].sort());
      expect(await find('trade')).toEqual(await find('trading'));
    });

    it('matches a phrase only where its words stand together, stopwords in place', async () => {
      expect(await find('"cost of living"')).toEqual(['phrase-exact']);
      expect(await find('cost living')).toEqual([
        'phrase-apart',
        'phrase-exact',
        'phrase-reversed',
      ]);
      expect(await find('"state of the union"')).toEqual(['phrase-union']);
      expect(await find('"The State of the Union"')).toEqual(['phrase-union']);
      expect(await find('"state union"')).toEqual(['phrase-state-union']);
    });

    it('expands a word* prefix to every word that starts so', async () => {
      const econ = await find('econ*');
      for (const slug of ['prefix-economy', 'prefix-economics', 'prefix-econometric'])
        expect(econ).toContain(slug);
      // Pieces in the Economy Program match by their program's name.
      expect(econ).toContain('facet-paper-france');
      expect(econ).not.toContain('prefix-ecology');
      const result = await search(query('econ*', { pageSize: 100 }));
      const hit = result.hits.find((h) => h.slug === 'prefix-economics');
      expect(hit?.titleHtml).toBe('The <mark>Economics</mark> of Ports');
    });

    it('suggests pieces, people and terms as the reader types', async () => {
      const econ = await world.index.suggest('econ');
      const labels = econ.map((s) => s.label);
      expect(labels.some((l) => /^Econ/.test(l))).toBe(true);
      expect(econ).toContainEqual({
        kind: 'term',
        label: 'Economy Program',
        path: sitePaths.term('program', 'economy'),
        detail: 'program',
      });
      expect(await world.index.suggest('zeph')).toContainEqual({
        kind: 'person',
        label: 'Zephyr Quill',
        path: sitePaths.person('zephyr-quill'),
      });
      expect(await world.index.suggest('tomas nu')).toContainEqual(
        expect.objectContaining({ kind: 'person', label: 'Tomás Núñez' }),
      );
      expect(await world.index.suggest('')).toEqual([]);
    });

    it('keeps suggesting a piece at every letter typed, not only at whole words', async () => {
      const word = 'negotiating';
      const missing: string[] = [];
      for (let n = 3; n <= word.length; n++) {
        const typed = word.slice(0, n);
        const labels = (await world.index.suggest(typed)).map((s) => s.label);
        if (!labels.includes('Negotiating Fisheries Quotas')) missing.push(typed);
      }
      expect(missing).toEqual([]);
    });

    it('matches a typed word* prefix even where it runs past the stem', async () => {
      for (const typed of ['negotia*', 'negotiat*', 'tradi*', 'tradin*'])
        expect((await find(typed)).length, typed).toBeGreaterThan(0);
    });

    it('ignores case and accents in text and queries', async () => {
      // French "économie" and English "economy" share their stem: both forms find both.
      const economie = await find('economie');
      expect(economie).toContain('accent-economie');
      for (const text of ['ÉCONOMIE', 'Économie']) expect(await find(text), text).toEqual(economie);
      for (const text of ['sao tome', 'SÃO TOMÉ', '"são tomé"'])
        expect(await find(text), text).toEqual(['accent-sao']);
      expect(await find('nunez')).toEqual(['accent-author']);
      expect(await find('Núñez')).toEqual(['accent-author']);
      const hit = (await search(query('LITTORAL economie'))).hits[0];
      expect(hit?.titleHtml).toBe('<mark>Économie</mark> politique du <mark>littoral</mark>');
    });

    it('matches decomposed accents (NFD, as macOS and some pastes give) like precomposed', async () => {
      // The title is stored decomposed: "E\u0301tudes re\u0301gionales".
      for (const text of ['etudes', 'études', 'e\u0301tudes', 'regionales'])
        expect(await find(text), text).toEqual(['accent-nfd']);
      // A decomposed query finds the precomposed title.
      expect(await find('E\u0301conomie')).toEqual(await find('Économie'));
    });

    it('ranks title and author matches above a match in the body only', async () => {
      const result = await search(query('zephyr'));
      expect(result.total).toBe(3);
      expect(slugsOf(result).slice(0, 2).sort()).toEqual(['rank-author', 'rank-title']);
      expect(slugsOf(result)[2]).toBe('rank-body');
    });

    it('filters on every value of every facet', async () => {
      for (const facet of FACETS) {
        const values = new Set(PIECES.flatMap((p) => valuesOf(p)[facet]));
        expect(values.size, facet).toBeGreaterThan(1);
        for (const value of values) {
          const ask: Ask = { filters: { [facet]: [value] } };
          expect(await allSlugs(world.index, asQuery(ask)), `${facet}=${value}`).toEqual(
            expectedSlugs(ask),
          );
        }
      }
    });

    it('filters on publication dates, both bounds inclusive', async () => {
      for (const ask of [
        { from: '2024-01-01', to: '2024-12-31' },
        { from: '2025-03-15' },
        { to: '2023-07-07' },
        { from: '2024-02-10', to: '2024-02-10' },
        { from: '2030-01-01' },
      ]) {
        const expected = expectedSlugs(ask);
        expect(await allSlugs(world.index, asQuery(ask)), JSON.stringify(ask)).toEqual(expected);
      }
      expect(expectedSlugs({ from: '2024-02-10', to: '2024-02-10' })).toEqual([
        'facet-paper-france',
      ]);
    });

    it('ORs values within a facet and ANDs across facets', async () => {
      const asks: Ask[] = [
        { filters: { topic: ['energy', 'trade'] } },
        { filters: { region: ['japan', 'germany'] } },
        { filters: { topic: ['energy'], type: ['report'] } },
        { filters: { topic: ['energy', 'housing'], author: ['alice-archer'], year: ['2023'] } },
        { word: 'ledger', filters: { center: ['hq'] } },
        { word: 'ledger', filters: { language: ['fr', 'de'] } },
      ];
      for (const ask of asks) {
        const expected = expectedSlugs(ask);
        expect(expected.length, JSON.stringify(ask)).toBeGreaterThan(0);
        expect(await allSlugs(world.index, asQuery(ask)), JSON.stringify(ask)).toEqual(expected);
      }
    });

    it("counts every facet over the whole match, a facet's own selection left out", async () => {
      const asks: Ask[] = [
        {},
        { word: 'ledger' },
        { filters: { type: ['paper'] } },
        { filters: { type: ['paper'], topic: ['energy'] } },
        { filters: { region: ['europe'], author: ['bruno-bell'] } },
        { word: 'ledger', filters: { center: ['hq'], year: ['2024', '2023'] } },
        { from: '2024-01-01', filters: { collection: ['briefs'] } },
      ];
      for (const ask of asks) {
        const result = await search(asQuery(ask));
        const expected = expectedCounts(ask);
        expect(result.total, JSON.stringify(ask)).toBe(expectedSlugs(ask).length);
        for (const facet of FACETS)
          expect(countsOf(result, facet), `${JSON.stringify(ask)} ${facet}`).toEqual(
            expected[facet],
          );
        for (const facet of FACETS) {
          const selected = result.facets[facet].filter((e) => e.selected).map((e) => e.value);
          expect(selected.sort(), facet).toEqual([...(ask.filters?.[facet] ?? [])].sort());
        }
      }
    });

    it('lists a selected value that the other filters leave empty, with count 0', async () => {
      const ask: Ask = { filters: { type: ['report'], language: ['fr'] } };
      const result = await search(asQuery(ask));
      expect(result.total).toBe(0);
      expect(result.facets.type.find((e) => e.value === 'report')).toEqual({
        value: 'report',
        label: 'Report',
        count: 0,
        selected: true,
      });
      expect(countsOf(result, 'type')).toEqual(expectedCounts(ask).type);
      expect(countsOf(result, 'type')).toEqual({ paper: 2 });
    });

    it('counts and filters a parent region with its child regions', async () => {
      const result = await search(query('', { filters: { region: ['europe'] }, pageSize: 100 }));
      expect(slugsOf(result).sort()).toEqual([
        'facet-commentary-germany',
        'facet-late-2025',
        'facet-paper-europe',
        'facet-paper-france',
        'facet-report-western',
      ]);
      const regions = countsOf(result, 'region');
      // The report filed under both Western Europe and France counts once for each.
      expect(regions).toMatchObject({ europe: 5, 'western-europe': 4, france: 3, germany: 1 });
      const entry = (value: string) => result.facets.region.find((e) => e.value === value);
      expect(entry('france')?.parent).toBe('western-europe');
      expect(entry('western-europe')?.parent).toBe('europe');
      expect(entry('europe')?.parent).toBeUndefined();
      expect(entry('france')?.label).toBe('France');
      const french = await search(query('', { filters: { region: ['western-europe'] } }));
      expect(french.total).toBe(4);
    });

    it('labels facet values for people to read', async () => {
      const result = await search(query(''));
      expect(result.facets.language.find((e) => e.value === 'fr')?.label).toBe('French');
      expect(result.facets.author.find((e) => e.value === 'tomas-nunez')?.label).toBe(
        'Tomás Núñez',
      );
      expect(result.facets.type.find((e) => e.value === 'commentary')?.label).toBe('Commentary');
      const years = result.facets.year.map((e) => e.value);
      expect(years).toEqual([...years].sort().reverse());
    });

    it('sorts by date, newest first', async () => {
      const newestFirst = [...PIECES]
        .sort((a, b) => (b.publishedAt as string).localeCompare(a.publishedAt as string))
        .map((p) => p.slug);
      const result = await search(query('', { sort: 'date', pageSize: 100 }));
      expect(slugsOf(result)).toEqual(newestFirst);
      const ledger = await search(query('ledger', { sort: 'date' }));
      expect(slugsOf(ledger)).toEqual(
        newestFirst.filter((s) => expectedSlugs({ word: 'ledger' }).includes(s)),
      );
      const dates = result.hits.map((h) => Date.parse(h.publishedAt));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    });

    it('sorts by relevance, best score first', async () => {
      for (const text of ['zephyr', 'quokka', 'harbour policy', 'econ*', 'ledger']) {
        const scores = (await search(query(text))).hits.map((h) => h.score);
        expect(scores.length, text).toBeGreaterThan(0);
        expect(scores, text).toEqual([...scores].sort((a, b) => b - a));
      }
    });

    it('pages through the results without gaps or repeats', async () => {
      const everything = await search(query('', { sort: 'date', pageSize: 100 }));
      const pages: string[] = [];
      for (let page = 1; page <= 7; page++) {
        const result = await search(query('', { sort: 'date', page, pageSize: 5 }));
        expect(result).toMatchObject({ total: ALL.length, page, pageSize: 5 });
        pages.push(...slugsOf(result));
      }
      expect(pages).toEqual(slugsOf(everything));
      const first = await search(query(''));
      expect(first.pageSize).toBe(20);
      expect(first.hits).toHaveLength(20);
      expect((await search(query('', { page: 2 }))).hits).toHaveLength(ALL.length - 20);
      for (const page of [3, 8, 1_000_000_000]) {
        const past = await search(query('', { page }));
        expect(past.hits, String(page)).toEqual([]);
        expect(past.total).toBe(ALL.length);
        expect(past.page).toBe(page);
      }
      const one = await search(query('quokka', { pageSize: 1, page: 4 }));
      expect(one.hits).toHaveLength(1);
      expect(one.total).toBe(4);
    });

    it('escapes hostile titles, summaries and bodies, marking only the words asked for', async () => {
      const result = await search(query('quokka'));
      expect(slugsOf(result).sort()).toEqual([
        'hostile-amp',
        'hostile-img',
        'hostile-mark',
        'hostile-script',
      ]);
      for (const hit of result.hits) {
        expect(expectSafeHighlight(hit.titleHtml, /^quokka$/i)).toBe(bySlug.get(hit.slug)?.title);
        expect(hit.titleHtml).toMatch(/<mark>quokka<\/mark>/i);
        expectSafeHighlight(hit.snippetHtml, /^quokka$/i);
      }
      // Where the summary or body has the word, the snippet shows it marked.
      for (const slug of ['hostile-script', 'hostile-img'])
        expect(result.hits.find((h) => h.slug === slug)?.snippetHtml).toMatch(
          /<mark>quokka<\/mark>/i,
        );
      const amp = result.hits.find((h) => h.slug === 'hostile-amp');
      expect(amp?.titleHtml).toBe('Fish &amp;amp; Chips &amp;lt;<mark>quokka</mark>&amp;gt;');
      for (const text of ['script alert', 'img onerror', 'mark', '"><img', 'amp']) {
        for (const hit of (await search(query(text))).hits) {
          expect(expectSafeHighlight(hit.titleHtml, /./)).toBe(bySlug.get(hit.slug)?.title);
          expectSafeHighlight(hit.snippetHtml, /./);
        }
      }
    });

    it('reports filter values that name nothing, and ignores them', async () => {
      const check = async (filters: SearchQuery['filters'], unknown: [FacetName, string][]) => {
        const result: SearchResult = await search(query('', { filters, pageSize: 100 }));
        expect(result.unknownFilters).toEqual(unknown.map(([facet, value]) => ({ facet, value })));
        return result;
      };
      expect((await check({ type: ['no-such-type'] }, [['type', 'no-such-type']])).total).toBe(
        ALL.length,
      );
      // A region's slug is no topic.
      expect((await check({ topic: ['france'] }, [['topic', 'france']])).total).toBe(ALL.length);
      const mixed = await check({ type: ['paper', 'nope'], author: ['nobody'] }, [
        ['type', 'nope'],
        ['author', 'nobody'],
      ]);
      expect(slugsOf(mixed).sort()).toEqual(expectedSlugs({ filters: { type: ['paper'] } }));
      for (const facet of ['center', 'program', 'project', 'region', 'collection'] as const)
        await check({ [facet]: ['missing-value'] }, [[facet, 'missing-value']]);
      // A year nobody published in is a real year: it matches nothing.
      expect((await check({ year: ['1999'] }, [])).total).toBe(0);
    });
  });
}
