import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import { formatAxeViolations, runAxe } from '../helpers/axe.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { openBrowserSite } from '../helpers/page-types.ts';

const PASSWORD = 'correct horse battery staple';
const ADMIN_PAGES = [
  '/admin',
  '/admin/publications',
  '/admin/publications/new',
  '/admin/people',
  '/admin/people/new',
  '/admin/terms?taxonomy=region',
  '/admin/newsletters',
  '/admin/users',
  '/admin/account',
  '/admin/centers',
  '/admin/centers/new',
  '/admin/centers/1',
  '/admin/partners',
  '/admin/partners/new',
  '/admin/publications/1',
];
/** A laptop and a tablet held upright. */
const SCREENS = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
];

describeBrowser('the admin in a browser', () => {
  let served: Awaited<ReturnType<typeof openBrowserSite>>;

  beforeAll(async () => {
    served = await openBrowserSite();
    const accounts = createAccounts({
      db: served.site.database.db,
      clock: served.site.clock,
      mailer: () => createMailer(loadConfig({ DOSSIER_DATA_DIR: served.site.dataDir })),
    });
    await accounts.createUser({
      email: 'admin@example.org',
      name: 'Ada Admin',
      role: 'administrator',
      password: PASSWORD,
    });
  });
  afterAll(() => served?.close());

  it('signs in by keyboard alone, and every page passes axe on a laptop and a tablet', async () => {
    const page = await served.browser.context.newPage();
    try {
      await page.goto(`${served.base}/admin/publications`);
      // Sent to the sign-in form, which remembers where we were going.
      expect(new URL(page.url()).pathname).toBe('/admin/login');
      for (const screen of SCREENS) {
        await page.setViewportSize(screen);
        const violations = await runAxe(page);
        expect(violations, formatAxeViolations(violations)).toEqual([]);
      }
      // Tab from the top of the page: skip link, then the form's fields in order.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Skip');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
      await page.keyboard.type('admin@example.org');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      await page.keyboard.type(PASSWORD);
      await Promise.all([page.waitForURL('**/admin/publications'), page.keyboard.press('Enter')]);
      expect(await page.textContent('h1')).toBe('Publications');

      for (const path of ADMIN_PAGES) {
        await page.goto(`${served.base}${path}`);
        for (const screen of SCREENS) {
          await page.setViewportSize(screen);
          const violations = await runAxe(page);
          expect(
            violations,
            `${path} at ${screen.width}px\n${formatAxeViolations(violations)}`,
          ).toEqual([]);
          // Usable on a tablet: nothing makes the page scroll sideways.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${path} at ${screen.width}px scrolls sideways`).toBeLessThanOrEqual(0);
          expect(await page.textContent('h1'), path).not.toMatch(/not found|error/i);
        }
      }

      // Signing out by keyboard: focus the button and press Enter.
      await page.focus('.admin-signout button');
      await Promise.all([page.waitForURL('**/admin/login'), page.keyboard.press('Enter')]);
      await page.goto(`${served.base}/admin`);
      expect(new URL(page.url()).pathname).toBe('/admin/login');
    } finally {
      await page.close();
    }
  });
});
