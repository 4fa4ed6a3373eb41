import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatAxeViolations, runAxe } from '../helpers/axe.ts';
import { describeBrowser, type LaunchedBrowser, launchBrowser } from '../helpers/browser.ts';
import { openBrowserSite } from '../helpers/page-types.ts';

/**
 * Search in Chromium, on the page-types world (25 "Europe Piece" items on trade, the
 * reference piece on grids): the forms without JavaScript, chips, typeahead by keyboard,
 * and axe on every state of the page.
 */
describeBrowser('search in Chromium', () => {
  let served: Awaited<ReturnType<typeof openBrowserSite>>;
  let browser: LaunchedBrowser;
  let base: string;

  beforeAll(async () => {
    served = await openBrowserSite();
    ({ browser, base } = served);
  });
  afterAll(() => served?.close());

  it('searches from the header and filters with the form, without JavaScript', async () => {
    const noScript = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noScript.context.newPage();
      await page.goto(`${base}/europe`);
      await page.getByRole('searchbox', { name: 'Search' }).fill('europe piece');
      await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
      await page.waitForURL(/\/europe\/search\?q=europe\+piece$/);
      expect(await page.locator('#search-count').innerText()).toBe(
        '25 results for “europe piece”, page 1 of 2',
      );
      expect(await page.getByRole('searchbox').inputValue()).toBe('europe piece');

      await page.getByRole('checkbox', { name: /^Western Europe/ }).check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/region=western-europe/);
      expect(new URL(page.url()).searchParams.get('q')).toBe('europe piece');
      expect(await page.getByRole('checkbox', { name: /^Western Europe/ }).isChecked()).toBe(true);
      await expect(
        page.getByRole('link', { name: 'Remove Region: Western Europe' }).count(),
      ).resolves.toBe(1);

      await page.getByRole('link', { name: 'Next' }).click();
      await page.waitForURL(/page=2/);
      expect(await page.locator('.search-results > li').count()).toBe(5);
      // The results link to pieces on this center's site.
      const first = page.locator('.search-results .card__title a').first();
      expect(await first.getAttribute('href')).toMatch(/^\/europe\/research\/europe-piece-\d+$/);
    } finally {
      await noScript.close();
    }
  });

  it('removes one filter with its chip, keeping the others', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${base}/search?q=piece&topic=trade&region=western-europe`);
      await page.getByRole('link', { name: 'Remove Topic: Trade' }).click();
      await page.waitForURL((url) => !url.searchParams.has('topic'));
      const params = new URL(page.url()).searchParams;
      expect(params.get('q')).toBe('piece');
      expect(params.get('region')).toBe('western-europe');
      expect(await page.getByRole('checkbox', { name: /^Trade/ }).isChecked()).toBe(false);
      await expect(page.locator('.search-chips a').allTextContents()).resolves.toEqual([
        'Remove Region: Western Europe ×',
      ]);
    } finally {
      await page.close();
    }
  });

  it('submits the page form with Enter when no suggestion is chosen', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${base}/search`);
      const box = page.getByRole('combobox', { name: 'Search publications, experts and topics' });
      await box.fill('interconnectors');
      await box.press('Enter');
      await page.waitForURL(/\/search\?q=interconnectors$/);
      await expect(page.locator('.search-results mark').first().innerText()).resolves.toBe(
        'Interconnectors',
      );
    } finally {
      await page.close();
    }
  });

  it('offers suggestions as a listbox driven by the keyboard', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${base}/europe`);
      const box = page.getByRole('combobox', { name: 'Search' });
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      await box.focus();
      await page.keyboard.type('europ');
      const listbox = page.getByRole('listbox', { name: 'Suggestions' });
      await listbox.waitFor();
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      const options = listbox.getByRole('option');
      expect(await options.count()).toBeGreaterThan(1);

      await page.keyboard.press('ArrowDown');
      const firstId = await options.nth(0).getAttribute('id');
      expect(await box.getAttribute('aria-activedescendant')).toBe(firstId);
      expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe(
        await options.nth(1).getAttribute('id'),
      );
      await page.keyboard.press('ArrowUp');
      expect(await box.getAttribute('aria-activedescendant')).toBe(firstId);
      // Focus never leaves the box.
      expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);

      await page.keyboard.press('Escape');
      expect(await listbox.isHidden()).toBe(true);
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      expect(await box.getAttribute('aria-activedescendant')).toBeNull();
      expect(await box.inputValue()).toBe('europ');

      // Down opens the list again; Enter goes to the chosen suggestion on this center.
      await page.keyboard.press('ArrowDown');
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      const label = (await options.nth(0).innerText()).split('\n')[0] ?? '';
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/europe\/(research|regions|topics|experts)\//);
      expect(await page.locator('h1').innerText()).toBe(label);
    } finally {
      await page.close();
    }
  });

  it('has no axe violations on results, filters, no results and open suggestions', async () => {
    const page = await browser.context.newPage();
    try {
      for (const url of [
        '/search',
        '/europe/search?q=piece&topic=trade&region=western-europe&from=2015-01-01&page=2',
        '/search?q=zzyzx&topic=trade',
        '/search?q=piece&page=40',
      ]) {
        await page.goto(`${base}${url}`);
        await page.setViewportSize({ width: 1280, height: 800 });
        const wide = await runAxe(page);
        expect(wide, `${url}\n${formatAxeViolations(wide)}`).toEqual([]);
        await page.setViewportSize({ width: 375, height: 740 });
        const narrow = await runAxe(page);
        expect(narrow, `${url} (narrow)\n${formatAxeViolations(narrow)}`).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${base}/search?q=grid`);
      await page.getByRole('combobox').fill('europ');
      await page.getByRole('listbox').waitFor();
      await page.keyboard.press('ArrowDown');
      const open = await runAxe(page);
      expect(open, formatAxeViolations(open)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
