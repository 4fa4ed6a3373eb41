import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import { formatAxeViolations, runAxe } from '../helpers/axe.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { makePerson, seed } from '../helpers/factories.ts';
import { openBrowserSite } from '../helpers/page-types.ts';

/*
 * The admin's search pickers in a real browser, by keyboard alone: type part of a name,
 * arrow down, Enter, and the person joins the byline (a topic joins the topics); save,
 * and the piece has them. And the list's bulk form: "all on this page" ticks every row.
 */

const PASSWORD = 'correct horse battery staple';

describeBrowser('search pickers in the admin, in a browser', () => {
  let served: Awaited<ReturnType<typeof openBrowserSite>>;

  beforeAll(async () => {
    served = await openBrowserSite();
    const { site } = served;
    // Written without rebuilding the server, which is already listening.
    await seed(site.database, join(site.dataDir, 'uploads'), [
      makePerson({ slug: 'kwame-mensah-picker', name: 'Kwame Mensah', role: 'Visiting Fellow' }),
      makePerson({ slug: 'kwabena-osei-picker', name: 'Kwabena Osei', role: 'Fellow' }),
    ]);
    const accounts = createAccounts({
      db: site.database.db,
      clock: site.clock,
      mailer: () => createMailer(loadConfig({ DOSSIER_DATA_DIR: site.dataDir })),
    });
    await accounts.createUser({
      email: 'picker@example.org',
      name: 'Pia Picker',
      role: 'editor',
      password: PASSWORD,
    });
  });
  afterAll(() => served?.close());

  const signIn = async () => {
    await served.browser.context.clearCookies();
    const page = await served.browser.context.newPage();
    await page.goto(`${served.base}/admin/login`);
    await page.fill('#email', 'picker@example.org');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/admin'), page.press('#password', 'Enter')]);
    return page;
  };
  /** The text of the option a combobox names as highlighted ('' for none). */
  const highlighted = async (page: Page, combobox: Locator) => {
    const id = await combobox.getAttribute('aria-activedescendant');
    return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  };

  it('adds an author and a topic by keyboard alone, and saves them', async () => {
    const page = await signIn();
    try {
      await page.goto(`${served.base}/admin/publications/new`);
      await page.fill('#title', 'Picked By Keyboard');
      await page.fill('#slug', 'picked-by-keyboard');

      const people = page.getByRole('combobox', { name: 'Find a person to add as an author' });
      await people.focus();
      await page.keyboard.type('kwam');
      await expect.poll(() => people.getAttribute('aria-expanded')).toBe('true');
      const options = page
        .getByRole('listbox', { name: 'Find a person to add as an author' })
        .getByRole('option');
      await expect.poll(() => options.count()).toBe(1);
      expect(await people.getAttribute('aria-activedescendant')).toBeNull();
      await page.keyboard.press('ArrowDown');
      expect(await highlighted(page, people)).toContain('Kwame Mensah');
      // The open listbox passes the accessibility checks too.
      const open = await runAxe(page);
      expect(open, formatAxeViolations(open)).toEqual([]);
      await page.keyboard.press('Enter');
      await expect.poll(() => people.getAttribute('aria-expanded')).toBe('false');
      expect(await people.inputValue()).toBe('');
      const byline = page.getByRole('list', { name: 'Authors in byline order' });
      expect(await byline.textContent()).toContain('Kwame Mensah');
      expect(await page.inputValue('#authors')).toBe('kwame-mensah-picker');
      // Still on the url: Enter chose, it did not send the form.
      expect(page.url()).toMatch(/\/admin\/publications\/new$/);

      // A second author, then Escape closes the list without choosing.
      await page.keyboard.type('kwab');
      await expect.poll(() => people.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Escape');
      expect(await people.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => people.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Enter');
      expect(await page.inputValue('#authors')).toBe('kwame-mensah-picker\nkwabena-osei-picker');
      // Reordered by keyboard: Kwabena's "Move up" button, then Enter.
      await byline.getByRole('button', { name: /^Move up\s+Kwabena Osei$/ }).focus();
      await page.keyboard.press('Enter');
      expect(await page.inputValue('#authors')).toBe('kwabena-osei-picker\nkwame-mensah-picker');

      const topics = page.getByRole('combobox', { name: 'Find topics to add' });
      await topics.focus();
      await page.keyboard.type('ener');
      await expect.poll(() => topics.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const chosenTopics = await page.$$eval('#topics option:checked', (o) =>
        o.map((x) => (x as HTMLOptionElement).value),
      );
      expect(chosenTopics).toEqual(['energy']);

      const violations = await runAxe(page);
      expect(violations, formatAxeViolations(violations)).toEqual([]);
      await page.focus('form.admin-form--wide button[type="submit"]');
      await Promise.all([
        page.waitForURL(/\/admin\/publications\/\d+\?saved=1$/),
        page.keyboard.press('Enter'),
      ]);
      const { site } = served;
      const piece = await site.database.db
        .selectFrom('publications')
        .select('id')
        .where('slug', '=', 'picked-by-keyboard')
        .executeTakeFirstOrThrow();
      const bylines = await site.database.db
        .selectFrom('publication_authors as pa')
        .innerJoin('people', 'people.id', 'pa.person_id')
        .select('people.slug')
        .where('pa.publication_id', '=', piece.id)
        .orderBy('pa.position')
        .execute();
      expect(bylines.map((b) => b.slug)).toEqual(['kwabena-osei-picker', 'kwame-mensah-picker']);
      const filed = await site.database.db
        .selectFrom('publication_terms as pt')
        .innerJoin('terms', 'terms.id', 'pt.term_id')
        .select('terms.slug')
        .where('pt.publication_id', '=', piece.id)
        .where('terms.taxonomy', '=', 'topic')
        .execute();
      expect(filed.map((t) => t.slug)).toEqual(['energy']);
      // The saved page names them in the list, from the server's data.
      expect(
        await page.getByRole('list', { name: 'Authors in byline order' }).textContent(),
      ).toMatch(/Kwabena Osei.*Kwame Mensah/);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('ticks the whole page and picks a term on the publication list', async () => {
    const page = await signIn();
    try {
      await page.goto(`${served.base}/admin/publications`);
      const rows = page.locator('[data-bulk-item]');
      expect(await rows.count()).toBeGreaterThan(1);
      const all = page.locator('[data-bulk-all]');
      await all.focus();
      await page.keyboard.press('Space');
      expect(
        await rows.evaluateAll((els) => els.every((el) => (el as HTMLInputElement).checked)),
      ).toBe(true);
      await rows.first().focus();
      await page.keyboard.press('Space');
      expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
      // The term fields show only for a term action.
      const term = page.getByRole('combobox', { name: 'Term (its name or address name)' });
      expect(await term.isVisible()).toBe(false);
      await page.selectOption('#bulk-action', 'add-term');
      expect(await term.isVisible()).toBe(true);
      await term.focus();
      await page.keyboard.type('trad');
      await expect.poll(() => term.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await term.inputValue()).toBe('trade');
      const violations = await runAxe(page);
      expect(violations, formatAxeViolations(violations)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
