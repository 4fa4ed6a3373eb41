import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatAxeViolations, runAxe } from './axe.ts';
import { describeBrowser, type LaunchedBrowser, launchBrowser } from './browser.ts';

const clean = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Clean page</title></head>
<body>
  <header><nav aria-label="Main"><a href="/">Home</a></nav></header>
  <main>
    <h1>Annual report</h1>
    <p>Our findings, summarised.</p>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A chart of findings">
  </main>
</body>
</html>`;

const withoutAlt = clean.replace(' alt="A chart of findings"', '');

describeBrowser('runAxe', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports an image without alt text, with its selector', async () => {
    const page = await browser.context.newPage();
    await page.setContent(withoutAlt);
    const violations = await runAxe(page);
    const imageAlt = violations.find((v) => v.id === 'image-alt');
    expect(imageAlt, formatAxeViolations(violations)).toMatchObject({
      impact: 'critical',
      targets: ['img'],
    });
    expect(formatAxeViolations(violations)).toContain('image-alt');
    await page.close();
  });

  it('finds nothing on a clean page', async () => {
    const page = await browser.context.newPage();
    await page.setContent(clean);
    const violations = await runAxe(page);
    expect(violations, formatAxeViolations(violations)).toEqual([]);
    await page.close();
  });

  it('still runs when the page forbids inline scripts', async () => {
    const page = await browser.context.newPage();
    await page.setContent(
      withoutAlt.replace(
        '<meta charset="utf-8">',
        `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'none'">`,
      ),
    );
    const violations = await runAxe(page);
    expect(violations.map((v) => v.id)).toContain('image-alt');
    await page.close();
  });
});
