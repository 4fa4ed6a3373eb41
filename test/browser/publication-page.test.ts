import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, type LaunchedBrowser, launchBrowser } from '../helpers/browser.ts';
import { openBrowserSite } from '../helpers/page-types.ts';

/**
 * The reference situation in a real browser: a headquarters piece, affiliated with the
 * Asia center, read on the Europe center's site. Each of DESIGN §1's 17 elements.
 */
describeBrowser('publication page in Chromium', () => {
  let served: Awaited<ReturnType<typeof openBrowserSite>>;
  let browser: LaunchedBrowser;
  let base: string;
  const url = () => `${base}/europe/research/reference-piece`;

  beforeAll(async () => {
    served = await openBrowserSite();
    ({ browser, base } = served);
  });
  afterAll(() => served?.close());

  it('shows all 17 elements of the reference page in the center context', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(url());
    expect(response?.status()).toBe(200);
    const text = (selector: string) => page.locator(selector).first().innerText();

    // 1. header and footer navigation
    await expect(page.locator('nav[aria-label="Main"] a').allInnerTexts()).resolves.toEqual([
      'Research',
      'Experts',
    ]);
    expect(await page.locator('nav[aria-label="Main"] a').first().getAttribute('href')).toBe(
      '/europe/research',
    );
    await expect(page.locator('nav[aria-label="Footer"] a').allInnerTexts()).resolves.toContain(
      'Projects',
    );
    // 2. the center's logo and the network's lettermark
    expect(await page.locator('.brand img').getAttribute('alt')).toBe('Europe Center');
    expect(await page.locator('.network-mark img').getAttribute('alt')).toBe('Test Network');
    // 3. the search record with the reference page's facets
    const record = JSON.parse((await page.locator('#search-record').textContent()) ?? '{}');
    for (const key of [
      'authors',
      'type',
      'centerAffiliationAll',
      'centers',
      'collections',
      'englishNewsletterAll',
      'nonEnglishNewsletterAll',
      'primaryCenter',
      'programAffiliation',
      'programs',
      'projects',
      'regions',
      'topics',
    ]) {
      expect(record, key).toHaveProperty(key);
    }
    expect(record.primaryCenter).toBe('Headquarters Center');
    expect(record.centerAffiliationAll).toEqual(['Headquarters Center', 'Asia Center']);
    // 4. lead image with credit
    const lead = page.locator('.lead-image img');
    expect(await lead.getAttribute('alt')).toBe('A pale circle on a slate background');
    expect(
      await lead.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    expect(await text('.lead-image figcaption')).toBe('Source: Test Agency');
    // 5. type label; 6. title and dek
    expect(await page.locator('.publication__type').textContent()).toBe('Commentary');
    expect(await text('h1')).toBe('Why Grid Interconnectors Matter Now');
    expect(await text('.publication__dek')).toContain('cheapest insurance');
    // 8. byline with linked authors (each ORCID "iD" mark is a link of its own) and the
    // date in the center's locale (en-GB)
    await expect(page.locator('.byline a:not(.orcid)').allInnerTexts()).resolves.toEqual([
      'Alice Archer',
      'Chen Cho',
    ]);
    expect(await text('.dateline')).toBe('Published on 25 Jul 2017');
    // 9. source partner, Read Full Text, originally published by
    expect(await text('.source')).toContain('Source: Harbor Institute');
    expect(await page.getByRole('link', { name: /Read Full Text/ }).getAttribute('href')).toBe(
      'https://harbor.example/full-text',
    );
    expect(await text('.republished')).toBe(
      'This piece was originally published by Harbor Institute.',
    );
    // 10. body sections: intro, Main Argument prose, Policy Implications bullets, footnotes
    expect(await text('.publication__body p')).toContain('nation by nation');
    await expect(page.locator('.publication__body h2').allInnerTexts()).resolves.toEqual([
      'Main Argument',
      'Policy Implications',
    ]);
    expect(await page.locator('#section-policy-implications + ul li').count()).toBe(2);
    expect(await page.locator('.publication__body .footnotes li').count()).toBe(1);
    // 11. about the author
    expect(await text('.about-authors')).toContain('Director and Senior Fellow, Economy Program');
    expect(await text('.about-authors')).toContain('Alice studies energy markets.');
    // 12. recent work, with "First Author +18" expanding to all 19
    const recent = page.locator('section[aria-labelledby="recent-work"]');
    expect(await recent.locator('h2').innerText()).toBe('Recent Work by Alice Archer');
    const truncated = recent.locator('details.authors--truncated').first();
    expect(await truncated.locator('summary').innerText()).toMatch(/^Alice Archer \+18/);
    expect(await truncated.locator('.authors__all').isVisible()).toBe(false);
    await truncated.locator('summary').click();
    expect(await truncated.locator('.authors__all li').count()).toBe(19);
    expect(await truncated.locator('.authors__all').isVisible()).toBe(true);
    // 13. topic and region links
    await expect(page.locator('nav.tags a').allInnerTexts()).resolves.toEqual(['Energy', 'France']);
    expect(await page.locator('nav.tags a').first().getAttribute('href')).toBe(
      '/europe/topics/energy',
    );
    // 14. the showing center's disclaimer
    expect(await text('.disclaimer')).toBe('EUROPE DISCLAIMER.');
    // 15. more work from the showing center: type, title, summary, authors
    const more = page.locator('section[aria-labelledby="more-from-center"]');
    expect(await more.locator('h2').innerText()).toBe('More Work from Europe Center');
    expect(await more.locator('.card').count()).toBe(3);
    const card = more.locator('.card').first();
    for (const part of ['.card__type', '.card__title', '.card__summary', '.authors'])
      expect(await card.locator(part).count(), part).toBe(1);
    // 16. newsletter sign-up for the showing center
    expect(await text('.newsletter h2')).toBe('Get more news and analysis from Europe Center');
    expect(await page.locator('.newsletter input[name="list"]').getAttribute('value')).toBe(
      'europe-weekly',
    );
    // 17. footer: logo, street address, phone, copyright year
    const footer = page.locator('footer.site-footer');
    expect(await footer.locator('img').getAttribute('alt')).toBe('Europe Center');
    expect(await footer.locator('address').innerText()).toContain('2 Canal Road');
    expect(await footer.locator('address').innerText()).toContain('+49 555 0200');
    expect(await footer.locator('.copyright').innerText()).toContain('© 2026 Europe Center');
    await page.close();
  });

  it('copies the link and says "Link Copied" (7)', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await browser.context.newPage();
    await page.goto(url());
    const button = page.getByRole('button', { name: 'Copy link' });
    await button.click();
    await expect.poll(() => page.locator('.share__label').innerText()).toBe('Link Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'http://dossier.test/europe/research/reference-piece',
    );
    await page.close();
  });

  it('copies a citation from "Cite this" as the plain text shown', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await browser.context.newPage();
    await page.goto(url());
    await page.getByRole('button', { name: 'Copy the Chicago (author-date) citation' }).click();
    const label = page.locator('[data-copy-from="cite-chicago"] .cite__copy-label');
    await expect.poll(() => label.innerText()).toBe('Copied');
    const shown = await page.locator('#cite-chicago').innerText();
    expect(shown).toMatch(/^Archer, Alice, and Chen Cho\. 2017\. “Why Grid Interconnectors/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await page.close();
  });

  it('prints the piece without the site furniture, and fits a phone screen', async () => {
    const page = await browser.context.newPage();
    await page.goto(url());
    await page.emulateMedia({ media: 'print' });
    for (const part of [
      '.site-header',
      '.site-footer',
      '.newsletter',
      '.share',
      'section.related',
    ]) {
      expect(await page.locator(part).first().isVisible(), part).toBe(false);
    }
    expect(await page.locator('.publication__body').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('reads completely with JavaScript off', async () => {
    const noScript = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noScript.context.newPage();
      await page.goto(url());
      // Scripts really are off: site.js would have made the copy link a button.
      expect(await page.locator('.share__copy').getAttribute('role')).toBeNull();
      const body = await page.locator('body').innerText();
      for (const part of [
        'Why Grid Interconnectors Matter Now',
        'Main Argument',
        'Policy Implications',
        'An early note.',
        'About the Author',
        'EUROPE DISCLAIMER.',
        'More Work from Europe Center',
        'Copy link',
        'Read Full Text',
      ]) {
        expect(body, part).toContain(part);
      }
      // The copy control stays a plain link to the page; the disclosure still opens natively.
      expect(await page.locator('.share__copy').getAttribute('href')).toBe(
        'http://dossier.test/europe/research/reference-piece',
      );
      const details = page.locator('details.authors--truncated').first();
      await details.locator('summary').click();
      expect(await details.locator('.authors__all li').count()).toBe(19);
      expect(await details.locator('.authors__all').isVisible()).toBe(true);
    } finally {
      await noScript.close();
    }
  });
});
