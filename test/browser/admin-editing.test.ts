import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import { formatAxeViolations, runAxe } from '../helpers/axe.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { openBrowserSite } from '../helpers/page-types.ts';

/*
 * An editor's day in a real browser: sign in, write a piece with the toolbar and by
 * pasting from a word processor, add an outside author inline, schedule it a minute
 * ahead and see it appear on the public site at that time; the unsaved-changes guard
 * and this browser's autosave; an author kept from publishing and from another's draft.
 */

const PASSWORD = 'correct horse battery staple';
const WORD_HTML =
  '<html><body><!--StartFragment--><p class="MsoNormal"><b>Pasted</b> from a <i>word processor</i><o:p></o:p></p>' +
  '<table><tr><th>Basin</th><th>Price</th></tr><tr><td>North</td><td>12</td></tr></table>' +
  '<ul><li>First point</li><li>Second point</li></ul><!--EndFragment--></body></html>';

describeBrowser('editing in the admin, in a browser', () => {
  let served: Awaited<ReturnType<typeof openBrowserSite>>;

  beforeAll(async () => {
    served = await openBrowserSite();
    const { site } = served;
    const accounts = createAccounts({
      db: site.database.db,
      clock: site.clock,
      mailer: () => createMailer(loadConfig({ DOSSIER_DATA_DIR: site.dataDir })),
    });
    await accounts.createUser({
      email: 'ed@example.org',
      name: 'Ed Editor',
      role: 'editor',
      password: PASSWORD,
    });
    // Another byline than the piece written below (which takes the first person).
    const person = await site.database.db
      .selectFrom('people')
      .select(['id'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await accounts.createUser({
      email: 'author@example.org',
      name: 'An Author',
      role: 'author',
      password: PASSWORD,
      personId: person.id,
    });
  });
  afterAll(() => served?.close());

  const signIn = async (email: string) => {
    // One browser profile for all tests: start each signed out.
    await served.browser.context.clearCookies();
    const page = await served.browser.context.newPage();
    await page.goto(`${served.base}/admin/login`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/admin'), page.press('#password', 'Enter')]);
    return page;
  };

  it('writes, pastes, previews, schedules and sees the piece go live on time', async () => {
    const { site } = served;
    const people = await site.database.db
      .selectFrom('people')
      .select(['slug', 'name'])
      .orderBy('id')
      .limit(1)
      .execute();
    const staff = people[0] as { slug: string; name: string };
    const page = await signIn('ed@example.org');
    try {
      await page.goto(`${served.base}/admin/publications/new`);
      const violations = await runAxe(page);
      expect(violations, formatAxeViolations(violations)).toEqual([]);
      await page.fill('#title', 'Water Prices Under Drought');
      await page.fill('#slug', 'water-prices-under-drought');
      await page.fill('#authors', staff.slug);
      await page.fill('#newAuthor', 'Ines Outsider');

      // The toolbar: a heading, then a footnote and a table at the cursor.
      await page.fill('#body', 'Opening paragraph.');
      await page.focus('#body');
      await page.keyboard.press('End');
      await page.click('button[data-action="footnote"]');
      await page.click('button[data-action="table"]');
      const written = await page.inputValue('#body');
      expect(written).toContain('[^1]');
      expect(written).toMatch(/\[\^1\]: Note text\./);
      expect(written).toContain('|---|---|');

      // Pasting HTML from a word processor becomes Markdown at the cursor.
      await page.evaluate((html) => {
        const area = document.querySelector('#body') as HTMLTextAreaElement;
        area.focus();
        area.setSelectionRange(area.value.length, area.value.length);
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', 'Pasted from a word processor');
        area.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, WORD_HTML);
      await expect
        .poll(() => page.inputValue('#body'))
        .toContain('**Pasted** from a *word processor*');
      const pasted = await page.inputValue('#body');
      expect(pasted).toMatch(/\| Basin \| Price \|/);
      expect(pasted).toMatch(/^- First point$/m);
      expect(pasted).not.toContain('MsoNormal');
      expect(pasted).not.toContain('<');

      // The preview is the site's renderer: a real table and footnote.
      await expect
        .poll(() => page.locator('.editor-preview__body table').count())
        .toBeGreaterThan(0);
      expect(
        await page
          .locator('.editor-preview__body .footnotes, .editor-preview__body .footnote-ref')
          .count(),
      ).toBeGreaterThan(0);

      // Scheduled a minute ahead of the site's clock.
      await page.selectOption('#status', 'scheduled');
      await page.fill('#publishedAt', '2026-06-01T12:01');
      await Promise.all([
        page.waitForURL(/\/admin\/publications\/\d+\?saved=1$/),
        page.click('form.admin-form--wide button[type="submit"]'),
      ]);
      expect(await page.textContent('.admin-notice')).toContain('Saved');
      expect(await page.textContent('main')).toContain('Goes live at');

      const publicPage = await served.browser.context.newPage();
      try {
        const early = await publicPage.goto(`${served.base}/research/water-prices-under-drought`);
        expect(early?.status()).toBe(404);
        site.clock.set('2026-06-01T12:01:00Z');
        const onTime = await publicPage.goto(`${served.base}/research/water-prices-under-drought`);
        expect(onTime?.status()).toBe(200);
        const text = await publicPage.textContent('main');
        expect(text).toContain('Ines Outsider');
        expect(text).toContain(staff.name);
        expect(await publicPage.locator('main table').count()).toBeGreaterThan(0);
      } finally {
        await publicPage.close();
        site.clock.set('2026-06-01T12:00:00Z');
      }
    } finally {
      await page.close();
    }
  }, 60_000);

  it('warns before leaving unsaved changes and keeps them in the browser', async () => {
    const page = await signIn('ed@example.org');
    await page.goto(`${served.base}/admin/publications/new`);
    await page.fill('#title', 'Kept by the autosave');
    await page.fill('#body', 'Words typed and not saved.');
    // The autosave writes every 5 seconds while there are changes.
    await page.waitForTimeout(5500);
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.type());
      await dialog.accept();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toContain('beforeunload');

    const again = await served.browser.context.newPage();
    try {
      await again.goto(`${served.base}/admin/publications/new`);
      await again.click('text=Restore them');
      expect(await again.inputValue('#title')).toBe('Kept by the autosave');
      expect(await again.inputValue('#body')).toBe('Words typed and not saved.');
    } finally {
      await again.close({ runBeforeUnload: false });
    }
  }, 60_000);

  it('keeps an author from publishing and from another author’s draft', async () => {
    const { site } = served;
    const other = await site.database.db
      .selectFrom('publications')
      .select('id')
      .where('slug', '=', 'water-prices-under-drought')
      .executeTakeFirstOrThrow();
    const page = await signIn('author@example.org');
    try {
      const response = await page.goto(`${served.base}/admin/publications/${other.id}`);
      expect(response?.status()).toBe(403);
      await page.goto(`${served.base}/admin/publications/new`);
      const statuses = await page.locator('#status option').allTextContents();
      expect(statuses).toEqual(['draft', 'review']);
    } finally {
      await page.close();
    }
  }, 60_000);
});
