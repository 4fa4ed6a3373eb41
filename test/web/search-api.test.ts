import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierError } from '../../src/errors.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { FACETS, type SearchQuery } from '../../src/search/search-index.ts';
import {
  changeSearchQuery,
  parseSearchQuery,
  searchQueryString,
  searchUrl,
} from '../../src/search/search-params.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/** 25 pieces on offshore wind (two pages of results) and a draft that must stay hidden. */
function apiWorld(): ImportRecordInput[] {
  return [
    ...baseWorld(),
    ...Array.from({ length: 25 }, (_, i) =>
      makePublication({
        slug: `wind-${i + 1}`,
        title: `Offshore Wind Auctions ${i + 1}`,
        topics: ['energy'],
        regions: i % 2 === 0 ? ['france'] : ['western-europe'],
        authors: ['alice-archer', 'bruno-bell'],
        publishedAt: `${2020 + (i % 5)}-03-${String(1 + i).padStart(2, '0')}T12:00:00Z`,
      }),
    ),
    makePublication({ slug: 'secret-draft', title: 'Secret Wind Draft', status: 'draft' }),
  ];
}

describe('search parameters', () => {
  const fails = (raw: Record<string, unknown>) => {
    try {
      parseSearchQuery(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(DossierError);
      const { status, code, field } = error as DossierError;
      return { status, code, field };
    }
    throw new Error(`accepted ${JSON.stringify(raw).slice(0, 100)}`);
  };

  it('reads text, repeated facets, dates, sort and page', () => {
    expect(
      parseSearchQuery({
        q: '  grid   power ',
        topic: ['energy', 'trade', 'energy', ''],
        region: 'france',
        year: '2024',
        language: 'pt-BR',
        from: '2024-01-01',
        to: '2024-12-31',
        sort: 'date',
        page: '3',
        utm_source: 'x',
      }),
    ).toEqual({
      text: 'grid   power',
      filters: {
        topic: ['energy', 'trade'],
        region: ['france'],
        year: ['2024'],
        language: ['pt-BR'],
      },
      from: '2024-01-01',
      to: '2024-12-31',
      sort: 'date',
      page: 3,
      pageSize: 20,
    });
  });

  it('defaults to relevance with text and to date without', () => {
    expect(parseSearchQuery({ q: 'x' }).sort).toBe('relevance');
    expect(parseSearchQuery({}).sort).toBe('date');
    expect(parseSearchQuery({ sort: 'relevance' }).sort).toBe('date');
    expect(parseSearchQuery({ q: 'x', sort: '' }).sort).toBe('relevance');
    expect(parseSearchQuery(null)).toMatchObject({ text: '', page: 1, filters: {} });
  });

  it('refuses malformed values with a 400 naming the parameter', () => {
    expect(fails({ q: 'x'.repeat(501) })).toEqual({ status: 400, code: 'BAD_REQUEST', field: 'q' });
    expect(fails({ q: ['a', 'b'] }).field).toBe('q');
    expect(fails({ topic: 'Not A Slug' }).field).toBe('topic');
    expect(fails({ author: { a: 'b' } }).field).toBe('author');
    expect(fails({ year: '24' }).field).toBe('year');
    expect(fails({ from: '2026-13-45' }).field).toBe('from');
    expect(fails({ to: '2023-02-29' }).field).toBe('to');
    expect(fails({ from: '2024-02-02', to: '2024-02-01' }).field).toBe('from');
    expect(fails({ sort: 'score' }).field).toBe('sort');
    expect(fails({ page: 'abc' }).field).toBe('page');
    expect(fails({ page: '0' }).field).toBe('page');
    expect(fails({ page: '1e3' }).field).toBe('page');
    expect(parseSearchQuery({ q: 'x'.repeat(500) }).text).toHaveLength(500);
    expect(parseSearchQuery({ from: '2024-02-29' }).from).toBe('2024-02-29');
    expect(parseSearchQuery({ q: 'a\u0000b\u0007' }).text).toBe('a b');
  });

  it('builds URLs in one order, defaults left out, and reads them back', () => {
    const query = parseSearchQuery({
      q: 'grid & "power"',
      topic: ['trade', 'energy'],
      region: 'france',
      to: '2025-01-01',
      sort: 'date',
      page: '2',
    });
    const url = searchUrl('/europe/search', query);
    expect(url).toBe(
      '/europe/search?q=grid+%26+%22power%22&region=france&topic=trade&topic=energy&to=2025-01-01&sort=date&page=2',
    );
    expect(parseSearchQuery(Object.fromEntries(groupParams(url)))).toEqual(query);
    expect(searchUrl('/search', parseSearchQuery({}))).toBe('/search');
  });

  it('adds and removes one value, changes the sort, and goes back to page 1', () => {
    const query: SearchQuery = parseSearchQuery({
      q: 'wind',
      topic: ['energy', 'trade'],
      from: '2020-01-01',
      page: '4',
    });
    expect(searchUrl('/s', query, { remove: { facet: 'topic', value: 'energy' } })).toBe(
      '/s?q=wind&topic=trade&from=2020-01-01',
    );
    expect(searchUrl('/s', query, { add: { facet: 'type', value: 'paper' } })).toBe(
      '/s?q=wind&type=paper&topic=energy&topic=trade&from=2020-01-01',
    );
    expect(searchUrl('/s', query, { add: { facet: 'topic', value: 'energy' } })).toBe(
      '/s?q=wind&topic=energy&topic=trade&from=2020-01-01',
    );
    expect(searchUrl('/s', query, { remove: 'from' })).toBe('/s?q=wind&topic=energy&topic=trade');
    expect(searchUrl('/s', query, { remove: 'filters' })).toBe('/s?q=wind');
    expect(searchUrl('/s', query, { remove: 'text' })).toBe(
      '/s?topic=energy&topic=trade&from=2020-01-01',
    );
    expect(searchUrl('/s', query, { sort: 'date' })).toBe(
      '/s?q=wind&topic=energy&topic=trade&from=2020-01-01&sort=date',
    );
    expect(searchUrl('/s', query, { page: 5 })).toContain('&page=5');
    // The query itself is never changed.
    expect(query.filters.topic).toEqual(['energy', 'trade']);
    expect(changeSearchQuery(query, {}).page).toBe(1);
    expect(searchQueryString({ text: '', filters: {}, sort: 'relevance', page: 1 })).toBe(
      'sort=relevance',
    );
  });
});

/** A URL's query as Fastify hands it over: repeated names become arrays. */
function groupParams(url: string): Map<string, string | string[]> {
  const grouped = new Map<string, string | string[]>();
  for (const [name, value] of new URL(url, 'http://x').searchParams) {
    const seen = grouped.get(name);
    grouped.set(name, seen === undefined ? value : [...[seen].flat(), value]);
  }
  return grouped;
}

for (const dialect of testDialects()) {
  describe(`search API (${dialect.name})`, () => {
    let site: TestSite;
    const get = (url: string, headers: Record<string, string> = {}) =>
      site.app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(apiWorld());
    });
    afterAll(() => site?.close());

    it('answers hits, facets and counts as JSON with site-relative paths', async () => {
      const res = await get('/europe/api/search?q=offshore+wind&topic=energy&page=2');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(
        ['facets', 'hits', 'page', 'pageSize', 'tookMs', 'total', 'unknownFilters'].sort(),
      );
      expect(body).toMatchObject({ total: 25, page: 2, pageSize: 20, unknownFilters: [] });
      expect(body.hits).toHaveLength(5);
      const hit = body.hits[0];
      expect(hit.path).toBe(`/research/${hit.slug}`);
      expect(hit.url).toBe(`http://dossier.test/europe/research/${hit.slug}`);
      expect(hit.titleHtml).toContain('<mark>');
      expect(hit.type).toEqual({ slug: expect.any(String), name: expect.any(String) });
      expect(hit.authors[0]).toEqual({
        slug: 'alice-archer',
        name: 'Alice Archer',
        path: '/experts/alice-archer',
      });
      expect(typeof hit.publishedAt).toBe('string');
      expect(Object.keys(body.facets).sort()).toEqual([...FACETS].sort());
      expect(body.facets.topic).toContainEqual(
        expect.objectContaining({ value: 'energy', label: 'Energy', count: 25, selected: true }),
      );
      expect(body.facets.region).toContainEqual(
        expect.objectContaining({ value: 'france', parent: 'western-europe' }),
      );
      expect(typeof body.tookMs).toBe('number');
    });

    it('reports filter values that name nothing', async () => {
      const body = (await get('/api/search?topic=no-such-topic&author=nobody')).json();
      expect(body.unknownFilters).toEqual(
        expect.arrayContaining([
          { facet: 'topic', value: 'no-such-topic' },
          { facet: 'author', value: 'nobody' },
        ]),
      );
    });

    it('never lists what is not published', async () => {
      const body = (await get('/api/search?q=secret')).json();
      expect(body.total).toBe(0);
      const all = (await get('/api/search?q=wind&page=2')).json();
      expect(JSON.stringify(all)).not.toContain('secret-draft');
    });

    it('answers bad parameters with a 400 JSON error naming the field', async () => {
      for (const [query, field] of [
        ['page=abc', 'page'],
        ['from=2026-13-45', 'from'],
        [`q=${'x'.repeat(10_000)}`, 'q'],
        ['topic=%3Cb%3E', 'topic'],
        ['sort=a&sort=b', 'sort'],
      ] as const) {
        const res = await get(`/api/search?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.headers['content-type']).toContain('application/json');
        expect(res.headers['cache-control']).toBe('no-store');
        const { error } = res.json();
        expect(error).toMatchObject({ code: 'BAD_REQUEST', field });
        expect(error.message).toMatch(/^The /);
      }
      const missing = await get('/api/nothing-here');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('NOT_FOUND');
    });

    it('suggests publications, people and terms with site-relative paths', async () => {
      const res = await get('/europe/api/search/suggest?q=offsh');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const { suggestions } = res.json();
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(8);
      for (const s of suggestions) {
        expect(['publication', 'person', 'term']).toContain(s.kind);
        expect(s.path).toMatch(/^\/[a-z]/);
        expect(s.path).not.toMatch(/^\/europe\//);
      }
      const people = (await get('/api/search/suggest?q=alice')).json().suggestions;
      expect(people).toContainEqual(
        expect.objectContaining({
          kind: 'person',
          label: 'Alice Archer',
          path: '/experts/alice-archer',
        }),
      );
    });

    it('refuses a missing, empty, repeated or too long suggestion text', async () => {
      for (const query of ['', 'q=', 'q=%20%20', 'q=a&q=b', `q=${'x'.repeat(101)}`, 'q[]=x']) {
        const res = await get(`/api/search/suggest?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', field: 'q' });
      }
      for (const query of ['q=*', 'q=%22', 'q=%00', `q=${'x'.repeat(100)}`, 'q=%ED%A0%80']) {
        const res = await get(`/api/search/suggest?${query}`);
        expect(res.statusCode, query).toBe(200);
        expect(Array.isArray(res.json().suggestions)).toBe(true);
      }
    });
  });
}
