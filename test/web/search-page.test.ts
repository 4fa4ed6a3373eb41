import { createElement as h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { FACETS, type FacetValueCount, type SearchResult } from '../../src/search/search-index.ts';
import { parseSearchQuery } from '../../src/search/search-params.ts';
import { facetTree, SearchFacets } from '../../src/web/components/search-facets.tsx';
import type { ViewContext } from '../../src/web/components/view-context.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { checkHtml, formatHtmlProblems, withHtmlProblems } from '../helpers/html-checker.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

const HOSTILE = '<script>alert("t")</script><img src=x onerror=alert(1)> Turbine';

/** Pieces to find: 25 on wind power (two pages), a few on trade, hostile text, a draft. */
function searchWorld(): ImportRecordInput[] {
  return [
    ...baseWorld(),
    ...Array.from({ length: 25 }, (_, i) =>
      makePublication({
        slug: `wind-${i + 1}`,
        title: `Offshore Wind Auctions ${i + 1}`,
        summary: `How auctions for offshore wind capacity set prices, part ${i + 1}.`,
        type: i % 5 === 0 ? 'report' : 'paper',
        topics: ['energy'],
        regions: i % 2 === 0 ? ['france'] : ['western-europe'],
        primaryCenter: i % 3 === 0 ? 'europe' : 'hq',
        authors: i % 4 === 0 ? ['alice-archer', 'bruno-bell'] : ['alice-archer'],
        publishedAt: `${2020 + (i % 5)}-03-${String(1 + i).padStart(2, '0')}T12:00:00Z`,
      }),
    ),
    makePublication({
      slug: 'tariff-truce',
      title: 'A Tariff Truce for Steel',
      summary: 'Why a truce on steel tariffs would help both sides.',
      type: 'commentary',
      topics: ['trade'],
      regions: ['asia'],
      authors: ['bruno-bell'],
      publishedAt: '2025-01-10T12:00:00Z',
    }),
    makePublication({
      slug: 'hostile-turbine',
      title: HOSTILE,
      summary: `${HOSTILE} summary`,
      topics: ['energy'],
      publishedAt: '2019-01-01T12:00:00Z',
    }),
    makePublication({
      slug: 'secret-draft',
      title: 'Secret Wind Draft',
      summary: 'Offshore wind plans not yet public.',
      status: 'draft',
    }),
  ];
}

for (const dialect of testDialects()) {
  describe(`search page (${dialect.name})`, () => {
    let site: TestSite;
    const get = (url: string, headers: Record<string, string> = {}) =>
      site.app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(searchWorld());
    });
    afterAll(() => site?.close());

    it('shows matching results with highlighted titles, types, dates and authors', async () => {
      const res = await get('/search?q=offshore+wind');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<meta name="robots" content="noindex"/>');
      expect(res.body).toMatch(/25 results for “offshore wind”/);
      expect(res.body).toMatch(/<a href="\/research\/wind-\d+">[^<]*<mark>Offshore<\/mark>/);
      expect(res.body).toContain('<p class="card__type">Paper</p>');
      // Equally relevant pieces come newest first, so the 2020 reports are on page 2.
      const reports = await get('/search?q=offshore+wind&type=report');
      expect(reports.body).toContain('<p class="card__type">Report</p>');
      expect(res.body).toContain('href="/experts/alice-archer"');
      expect(res.body).toMatch(/<time datetime="20\d\d-\d\d-\d\d">/i);
      expect(res.body).not.toContain('secret-draft');
      expect(res.body).not.toContain('Secret Wind Draft');
    });

    it('links results and forms within the current center', async () => {
      const res = await get('/europe/search?q=wind');
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/href="\/europe\/research\/wind-\d+"/);
      expect(res.body).toContain('action="/europe/search"');
      expect(res.body).toContain('data-suggest="/europe/api/search/suggest"');
      const onHost = await get('/search?q=wind', { host: 'asia.example.test' });
      expect(onHost.body).toMatch(/href="\/research\/wind-\d+"/);
    });

    it('lists facets with counts, regions as a tree, the selected ones checked', async () => {
      const res = await get('/search?q=wind&topic=energy');
      const body = res.body;
      expect(body).toMatch(
        /<input type="checkbox" name="topic" value="energy" checked\/> <span class="facet__label">Energy <span class="facet__count">\(25\)<\/span><\/span>/,
      );
      expect(body).toMatch(/name="type" value="report"\/> <span class="facet__label">Report/);
      // France sits inside Western Europe's list, which sits inside Europe's.
      const europe = body.indexOf('value="europe"/>');
      const western = body.indexOf('value="western-europe"');
      const france = body.indexOf('value="france"');
      expect(europe).toBeGreaterThan(0);
      expect(western).toBeGreaterThan(europe);
      expect(france).toBeGreaterThan(western);
      const between = body.slice(europe, france);
      expect(between.match(/<ul class="facet__options">/g)?.length).toBe(2);
      // The filter form carries the text along and has a submit button.
      expect(body).toMatch(/<form class="facets" method="get" action="\/search"/);
      expect(body).toContain('<input type="hidden" name="q" value="wind"/>');
      expect(body).toContain('Apply filters</button>');
    });

    it('narrows by a filter and shows a chip that removes just that filter', async () => {
      const res = await get('/search?q=wind&type=report&region=france');
      expect(res.statusCode).toBe(200);
      const chips = /<div class="search-chips">.*?<\/ul>/s.exec(res.body)?.[0] ?? '';
      expect(chips).toContain('href="/search?q=wind&amp;region=france"');
      expect(chips).toContain('href="/search?q=wind&amp;type=report"');
      expect(chips).toContain('<span class="visually-hidden">Remove </span>Type: Report');
      expect(chips).toContain('href="/search?q=wind">Clear all filters');
      const total = Number(/(\d+) results? for/.exec(res.body)?.[1]);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThan(25);
    });

    it('shows a date range as chips and filters by it', async () => {
      const res = await get('/search?from=2024-01-01&to=2024-12-31&topic=energy');
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/(\d+) results?/);
      expect(res.body).toContain('value="2024-01-01"');
      expect(res.body).toContain('From Jan 1, 2024');
      expect(res.body).toContain('href="/search?topic=energy&amp;to=2024-12-31"');
      const years = [...res.body.matchAll(/<time datetime="(\d{4})/g)].map((m) => m[1]);
      expect(years.length).toBeGreaterThan(0);
      expect(new Set(years)).toEqual(new Set(['2024']));
    });

    it('pages through results, keeping the query, and says when a page is past the end', async () => {
      const first = await get('/search?q=wind');
      expect(first.body).toContain('Page 1 of 2');
      expect(first.body).toContain('href="/search?q=wind&amp;page=2" rel="next"');
      const second = await get('/search?q=wind&page=2');
      expect(second.statusCode).toBe(200);
      expect(second.body).toMatch(/page 2 of 2/);
      expect(second.body).toContain('<ol class="search-results" start="21">');
      const past = await get('/search?q=wind&page=1000000000');
      expect(past.statusCode).toBe(200);
      expect(past.body).toContain('The results end on page 2');
      expect(past.body).toContain('href="/search?q=wind&amp;page=2">Go to the last page');
    });

    it('offers a sort switch when there is text, and sorts by date without it', async () => {
      const res = await get('/search?q=wind');
      expect(res.body).toContain('<strong aria-current="true">relevance</strong>');
      expect(res.body).toContain('href="/search?q=wind&amp;sort=date"');
      const byDate = await get('/search?q=wind&sort=date');
      const dates = [...byDate.body.matchAll(/<time datetime="([\d-]+)"/g)].map((m) => m[1]);
      expect(dates.length).toBe(20);
      expect([...dates].sort().reverse()).toEqual(dates);
      const none = await get('/search');
      expect(none.statusCode).toBe(200);
      expect(none.body).not.toContain('class="sort-switch"');
      expect(none.body).toMatch(/27 results/);
    });

    it('helps when nothing is found', async () => {
      const res = await get('/search?q=zzyzx+qqq&topic=trade');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('No results for “zzyzx qqq”');
      expect(res.body).toContain('Check the spelling.');
      expect(res.body).toContain('Try fewer words');
      expect(res.body).toContain(
        'href="/search?q=zzyzx+qqq">Search for “zzyzx qqq” without filters',
      );
      expect(res.body).toContain('href="/search?topic=trade">See everything with these filters');
      expect(res.body).toContain('href="/research">Browse all research');
    });

    it('reports and ignores filter values that name nothing', async () => {
      const res = await get('/search?q=wind&topic=no-such-topic');
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/25 results/);
      expect(res.body).toContain('Topic: no-such-topic (not found)');
      expect(res.body).toContain('topic “no-such-topic”');
    });

    it('escapes hostile titles and summaries; only <mark> comes through', async () => {
      const res = await get('/search?q=turbine');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/research/hostile-turbine"');
      expect(res.body).not.toMatch(/<script>alert|<img src=x/);
      expect(res.body).toContain('&lt;script&gt;');
      expect(res.body).toContain('<mark>Turbine</mark>');
      const inBox = await get(`/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
      expect(inBox.statusCode).toBe(200);
      expect(inBox.body).not.toContain('<script>alert(1)');
    });

    it('puts a search box in every page header, except on the search page', async () => {
      const home = await get('/europe');
      expect(home.body).toMatch(
        /<search class="search-box search-box--header"><form method="get" action="\/europe\/search">/,
      );
      expect(home.body).toContain('id="site-search-q"');
      const page = await get('/search?q=wind');
      expect(page.body).not.toContain('id="site-search-q"');
      expect(page.body).toContain('id="search-q"');
      // The page's box carries the filters along, not the sort or page.
      const filtered = await get('/search?q=wind&topic=energy&sort=date&page=2');
      const box = /<search class="search-box search-box--page">.*?<\/search>/s.exec(filtered.body);
      expect(box?.[0]).toContain('<input type="hidden" name="topic" value="energy"/>');
      expect(box?.[0]).not.toContain('name="page"');
      expect(box?.[0]).not.toContain('name="sort"');
    });

    it('answers every bad input with 200 or a 400 that names the parameter, never 500', async () => {
      const cases: [string, number, string?][] = [
        ['q=%22unbalanced', 200],
        ['q=*', 200],
        ['q=**', 200],
        ['q=%22%22', 200],
        ['q=-', 200],
        ['q=wind*', 200],
        ['q=%00%01', 200],
        ['q=%ED%A0%80', 200],
        ['q=%F0%9F%92%A9', 200],
        ['q=AND+OR+NOT', 200],
        ['q=(((', 200],
        [`q=${'wind '.repeat(99)}`, 200],
        [`q=${'x'.repeat(10_000)}`, 400, 'q'],
        ['q=a&q=b', 400, 'q'],
        ['q[]=x', 200],
        ['q[a]=x', 200],
        ['topic=no-such-topic', 200],
        ['topic=Energy', 400, 'topic'],
        ['topic=%3Cscript%3E', 400, 'topic'],
        ['topic=energy&topic=energy', 200],
        ['topic=&type=', 200],
        [`topic=${'a'.repeat(10_000)}`, 400, 'topic'],
        [Array.from({ length: 60 }, (_, i) => `topic=t${i}`).join('&'), 400, 'topic'],
        ['year=20x4', 400, 'year'],
        ['year=1850', 200],
        ['language=english!', 400, 'language'],
        ['language=pt-BR', 200],
        ['page=1000000000', 200],
        ['page=10000000000', 400, 'page'],
        ['page=abc', 400, 'page'],
        ['page=0', 400, 'page'],
        ['page=-1', 400, 'page'],
        ['page=2.5', 400, 'page'],
        ['page=1&page=2', 400, 'page'],
        ['page=', 200],
        ['from=2026-13-45', 400, 'from'],
        ['from=2026-02-30', 400, 'from'],
        ['to=yesterday', 400, 'to'],
        ['from=2025-01-01&to=2024-01-01', 400, 'from'],
        ['from=2024-02-29&to=2024-02-29', 200],
        ['sort=best', 400, 'sort'],
        ['sort=date&sort=date', 400, 'sort'],
        ['unknown=1&__proto__[x]=1&constructor=1', 200],
        ['%=%', 200],
        ['region[a]=b', 200],
      ];
      for (const [query, status, field] of cases) {
        const res = await get(`/search?${query}`);
        expect(res.statusCode, `${query.slice(0, 80)} → ${res.statusCode}`).toBe(status);
        expect(res.body).not.toMatch(/at .*\.ts:\d+|SQLITE|syntax error/i);
        if (field) {
          const api = await get(`/api/search?${query}`);
          expect(api.statusCode).toBe(400);
          expect(api.json().error.field, query.slice(0, 80)).toBe(field);
        }
      }
      const long = await get(`/search?q=${'x'.repeat(10_000)}`);
      expect(long.body).toContain('The search text (q) is 10000 characters long; the limit is 500');
      const month = await get('/search?from=2026-13-45');
      expect(month.body).toContain('The start date (from) &quot;2026-13-45&quot; is not a date');
    });
  });
}

describe('search pages pass the W3C Nu HTML checker', () => {
  const [dialect] = testDialects();
  let site: TestSite;
  beforeAll(async () => {
    if (!dialect) throw new Error('no test dialect');
    site = await openTestSite(dialect);
    await site.seed(searchWorld());
  });
  afterAll(() => site?.close());

  it('has zero errors on results, filters, no results and past the end', async () => {
    const urls = [
      '/search',
      '/search?q=wind',
      '/europe/search?q=wind&type=report&region=france&from=2020-01-01&sort=date',
      '/search?q=zzyzx&topic=trade',
      '/search?q=wind&page=99',
      '/search?q=turbine',
    ];
    const documents = [];
    for (const url of urls) {
      const res = await site.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      documents.push({ name: url, html: res.body });
    }
    const problems = await checkHtml(documents);
    expect(withHtmlProblems(problems), formatHtmlProblems(problems)).toEqual({});
  });
});

describe('facet lists', () => {
  const view = {
    site: { basePath: '/europe', center: { locale: 'en-US' } },
  } as unknown as ViewContext;
  const value = (v: string, parent?: string, selected = false): FacetValueCount => ({
    value: v,
    label: v.toUpperCase(),
    count: 3,
    selected,
    ...(parent ? { parent } : {}),
  });
  const render = (facet: 'region' | 'author', values: FacetValueCount[]) => {
    const facets = Object.fromEntries(
      FACETS.map((f) => [f, []]),
    ) as unknown as SearchResult['facets'];
    facets[facet] = values;
    const result = {
      total: 0,
      page: 1,
      pageSize: 20,
      hits: [],
      facets,
      unknownFilters: [],
      tookMs: 0,
    };
    return renderToString(h(SearchFacets, { view, query: parseSearchQuery({ q: 'x' }), result }));
  };

  it('builds a tree by parent, keeping order, and survives cycles and self-parents', () => {
    const tree = facetTree([
      value('a'),
      value('b', 'a'),
      value('c', 'b'),
      value('d', 'missing'),
      value('e', 'e'),
      value('f', 'g'),
      value('g', 'f'),
    ]);
    expect(tree.map((n) => n.value.value)).toEqual(['a', 'd', 'e', 'g']);
    expect(tree[0]?.children[0]?.children[0]?.value.value).toBe('c');
    expect(tree[3]?.children.map((n) => n.value.value)).toEqual(['f']);
  });

  it('shows a big tree by its top level, opening the branch that holds a choice', () => {
    const values = ['africa', 'europe', 'asia'].flatMap((root) => [
      value(root),
      ...Array.from({ length: 6 }, (_, i) =>
        value(`${root}-${i}`, root, root === 'asia' && i === 4),
      ),
    ]);
    const html = render('region', values);
    expect(html).toContain('<summary>Show 6 within AFRICA</summary>');
    expect(html.match(/<details class="facet__inner">/g)?.length).toBe(2);
    expect(html).toMatch(/<details class="facet__inner" open><summary>Show 6 within ASIA/);
    expect(html).toContain('name="region" value="asia-4" checked');
  });

  it('puts long flat lists behind "Show more", open when it holds a choice', () => {
    const values = Array.from({ length: 12 }, (_, i) => value(`p${i}`, undefined, i === 10));
    const html = render('author', values);
    expect(html).toMatch(/<details class="facet__more" open><summary>Show 4 more/);
    expect(html.match(/type="checkbox"/g)?.length).toBe(12);
  });
});
