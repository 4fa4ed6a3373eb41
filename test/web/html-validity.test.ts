import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { checkHtml, formatHtmlProblems, withHtmlProblems } from '../helpers/html-checker.ts';
import { PAGE_TYPE_URLS, pageTypesWorld } from '../helpers/page-types.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

// The markup does not depend on the engine: one dialect is enough for the checker.
const [dialect] = testDialects();

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
    for (const [name, url] of Object.entries(PAGE_TYPE_URLS)) {
      const res = await site.app.inject({ method: 'GET', url });
      expect(res.headers['content-type'], name).toContain('text/html');
      documents.push({ name: `${name} (${url})`, html: res.body });
    }
    const problems = await checkHtml(documents);
    expect(withHtmlProblems(problems), formatHtmlProblems(problems)).toEqual({});
  });
});
