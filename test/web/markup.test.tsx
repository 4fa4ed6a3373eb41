import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { attr, markup, text } from '../../src/web/components/markup.ts';

const hostile = [
  'plain',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='x",
  'Tom & Jerry &amp; &#60;',
  '</a></li></ul></details>',
  'déjà — “quoted” 😀 \u2028',
  '',
];

describe('markup written as strings escapes exactly as JSX does', () => {
  it('texts and attributes', () => {
    for (const value of hostile) {
      const asString = renderToString(
        markup(`<p><a${attr('href', value)}${attr('title', value)}>${text(value)}</a></p>`),
      );
      const asJsx = renderToString(
        <p>
          <a href={value} title={value}>
            {value}
          </a>
        </p>,
      );
      // JSX leaves an empty attribute as its bare name; attr writes name="": both mean "".
      expect(asString).toBe(
        value === '' ? asJsx.replace(' href title', ' href="" title=""') : asJsx,
      );
    }
  });

  it('leaves out null, undefined and false attributes and writes true as a bare name', () => {
    const html = renderToString(
      markup(
        `<input${attr('a', null)}${attr('b', undefined)}${attr('c', false)}${attr('hidden', true)}${attr('n', 0)}/>`,
      ),
    );
    expect(html).toBe('<input hidden n="0"/>');
  });
});
