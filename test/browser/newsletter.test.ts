import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unsubscribeUrl } from '../../src/newsletter/links.ts';
import { formatAxeViolations, runAxe } from '../helpers/axe.ts';
import { describeBrowser, type LaunchedBrowser, launchBrowser } from '../helpers/browser.ts';
import { testDialects } from '../helpers/dialects.ts';
import { linkIn, type NewsletterSite, openNewsletterSite } from '../newsletter/newsletter-site.ts';
import { type SmtpSink, startSmtpSink } from '../newsletter/smtp-sink.ts';

describeBrowser('newsletter pages in a browser', () => {
  let sink: SmtpSink;
  let site: NewsletterSite;
  let browser: LaunchedBrowser;
  let base: string;
  beforeAll(async () => {
    const [dialect] = testDialects();
    if (!dialect) throw new Error('no test dialect');
    sink = await startSmtpSink();
    site = await openNewsletterSite(dialect, sink.url);
    base = await site.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await sink?.close();
  });

  /** Mailed links point at the public URL; the browser visits this server instead. */
  const local = (url: string) => url.replace('http://dossier.test', base);
  const expectAccessible = async (page: Page) => {
    const violations = await runAxe(page);
    expect(violations, formatAxeViolations(violations)).toEqual([]);
  };

  it('signs up, confirms, changes lists and unsubscribes, every page accessible', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${base}/europe/newsletters`);
      await expectAccessible(page);
      await page.getByLabel('Email address').first().fill('browser@example.org');
      await page.getByRole('button', { name: 'Sign up for Europe Hebdo' }).click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('Check your inbox');
      await expectAccessible(page);

      const [mail] = await sink.waitFor(1);
      await page.goto(
        local(linkIn(mail?.text ?? '', 'http://dossier.test/europe/newsletters/confirm')),
      );
      await expectAccessible(page);
      await page.getByRole('button', { name: /Confirm my subscription/ }).click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('You are subscribed');
      await expectAccessible(page);

      // A second sign-up (past the five-minute window) mails the preferences link instead.
      site.clock.set('2026-06-01T12:10:00Z');
      sink.clear();
      await page.goto(`${base}/europe/newsletters`);
      await page.getByLabel('Email address').first().fill('browser@example.org');
      await page.getByRole('button', { name: 'Sign up for Europe Hebdo' }).click();
      const [note] = await sink.waitFor(1);
      await page.goto(
        local(linkIn(note?.text ?? '', 'http://dossier.test/europe/newsletters/preferences')),
      );
      await expectAccessible(page);
      expect(await page.getByLabel('Europe Hebdo').isChecked()).toBe(true);
      await page.getByLabel('HQ Weekly').check();
      await page.getByRole('button', { name: 'Save my choices' }).click();
      await expect
        .poll(() => page.locator('main [role="status"]').innerText())
        .toBe('Your choices are saved.');
      expect(await page.getByLabel('HQ Weekly').isChecked()).toBe(true);
      await expectAccessible(page);
      await page.setViewportSize({ width: 375, height: 740 });
      await expectAccessible(page);
    } finally {
      await page.close();
    }
  });

  it('unsubscribes with the page’s button after a GET that changed nothing', async () => {
    const row = await site.database.db
      .selectFrom('newsletter_subscribers')
      .select(['id', 'link_key', 'link_secret'])
      .where('email', '=', 'browser@example.org')
      .executeTakeFirstOrThrow();
    const page = await browser.context.newPage();
    try {
      await page.goto(
        local(
          unsubscribeUrl(
            'http://dossier.test',
            { linkKey: row.link_key, linkSecret: row.link_secret },
            'hq-weekly',
          ),
        ),
      );
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Unsubscribe from HQ Weekly' }).click();
      await expect.poll(() => page.locator('h1').innerText()).toBe('You are unsubscribed');
      await expectAccessible(page);
      const statuses = await site.database.db
        .selectFrom('newsletter_subscriptions')
        .select('status')
        .where('subscriber_id', '=', row.id)
        .orderBy('list_id')
        .execute();
      expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'unsubscribed']);
      const last = await site.database.db
        .selectFrom('newsletter_consent_ledger')
        .select(['event', 'channel'])
        .where('subscriber_id', '=', row.id)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      expect(last).toEqual({ event: 'unsubscribe', channel: 'unsubscribe-page' });
    } finally {
      await page.close();
    }
  });
});
