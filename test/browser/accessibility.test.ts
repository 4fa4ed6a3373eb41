import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatAxeViolations, runAxe } from '../helpers/axe.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { openBrowserSite, PAGE_TYPE_URLS } from '../helpers/page-types.ts';

describeBrowser('every page type has no axe-core violations', () => {
  let served: Awaited<ReturnType<typeof openBrowserSite>>;
  let base: string;

  beforeAll(async () => {
    served = await openBrowserSite();
    base = served.base;
  });
  afterAll(() => served?.close());

  it.each(Object.entries(PAGE_TYPE_URLS))('%s (%s)', async (_name, url) => {
    const page = await served.browser.context.newPage();
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
