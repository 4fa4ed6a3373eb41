import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatAxeViolations, runAxe } from '../helpers/axe.ts';
import { describeBrowser, type LaunchedBrowser, launchBrowser } from '../helpers/browser.ts';
import { testDialects } from '../helpers/dialects.ts';
import { PAGE_TYPE_URLS, pageTypesWorld } from '../helpers/page-types.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

const [dialect] = testDialects();

describeBrowser('every page type has no axe-core violations', () => {
  let site: TestSite;
  let browser: LaunchedBrowser;
  let base: string;

  beforeAll(async () => {
    if (!dialect) throw new Error('no test dialect');
    site = await openTestSite(dialect);
    await site.seed(pageTypesWorld());
    base = await site.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(Object.entries(PAGE_TYPE_URLS))('%s (%s)', async (_name, url) => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${base}${url}`);
      const violations = await runAxe(page);
      expect(violations, formatAxeViolations(violations)).toEqual([]);
      // Narrow screens too: menus and cards reflow, and must stay accessible.
      await page.setViewportSize({ width: 375, height: 740 });
      const narrow = await runAxe(page);
      expect(narrow, formatAxeViolations(narrow)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
