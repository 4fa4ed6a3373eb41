import { describe, expect, it } from 'vitest';
import { checkHtml, formatHtmlProblems, withHtmlProblems } from './html-checker.ts';

const valid = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Valid</title></head>
<body><main><h1>Hello</h1><p>A paragraph.</p></main></body>
</html>`;

// No <title>, a stray </div>, and an unknown attribute on line 4.
const broken = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"></head>
<body><p bogus-attribute="1">Hi</p></div></body>
</html>`;

describe('checkHtml', () => {
  it('flags a broken document and passes a valid one, in one batch', async () => {
    const result = await checkHtml([
      { name: 'valid', html: valid },
      { name: 'broken/page name é', html: broken },
    ]);

    expect(result.get('valid'), formatHtmlProblems(result)).toEqual([]);
    const problems = result.get('broken/page name é') ?? [];
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('title'),
        expect.stringContaining('bogus-attribute'),
        expect.stringContaining('Stray end tag “div”'),
      ]),
    );
    expect(problems.find((p) => p.message.includes('bogus-attribute'))?.line).toBe(4);
    expect(Object.keys(withHtmlProblems(result))).toEqual(['broken/page name é']);
    expect(formatHtmlProblems(result)).toMatch(/^broken\/page name é:\d+:\d+: /m);
  });

  it('leaves warnings out', async () => {
    // A redundant role is only an 'info' warning for the checker.
    const warned = valid.replace('<main>', '<main role="main">');
    const result = await checkHtml([{ name: 'warned', html: warned }]);
    expect(result.get('warned')).toEqual([]);
  });

  it('returns an empty map for no documents without starting Java', async () => {
    expect((await checkHtml([])).size).toBe(0);
  });
});
