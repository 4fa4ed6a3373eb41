import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { checkHtml, formatHtmlProblems, withHtmlProblems } from '../helpers/html-checker.ts';
import { PAGE_TYPE_URLS, pageTypesWorld } from '../helpers/page-types.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

// The markup does not depend on the engine: one dialect is enough for the checker.
const [dialect] = testDialects();
/** The search page with results, filters and chips, and with nothing found. */
const SEARCH_URLS: Record<string, string> = {
  search: '/search?q=europe+piece',
  'search with filters': '/europe/search?q=piece&topic=trade&region=western-europe&page=2',
  'search with no results': '/search?q=zzyzx&topic=trade',
};

describe('every page type passes the W3C Nu HTML checker', () => {
  let site: TestSite;
  beforeAll(async () => {
    if (!dialect) throw new Error('no test dialect');
    site = await openTestSite(dialect);
    await site.seed(pageTypesWorld());
  });
  afterAll(() => site?.close());

  it('has zero errors on each page type', async () => {
    const documents = [];
    for (const [name, url] of Object.entries({ ...PAGE_TYPE_URLS, ...SEARCH_URLS })) {
      const res = await site.app.inject({ method: 'GET', url });
      expect(res.headers['content-type'], name).toContain('text/html');
      documents.push({ name: `${name} (${url})`, html: res.body });
    }
    const problems = await checkHtml(documents);
    expect(withHtmlProblems(problems), formatHtmlProblems(problems)).toEqual({});
  });
});
