import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';

describe('JSX in tests', () => {
  it('compiles with the preact runtime and escapes text children', () => {
    // preact-render-to-string escapes < and & in text (enough: no tag can start); not >.
    expect(renderToString(<p>{'<b>'}</p>)).toBe('<p>&lt;b></p>');
  });

  it('escapes hostile attribute values', () => {
    expect(renderToString(<a href={'"><script>'}>x</a>)).toBe('<a href="&quot;>&lt;script>">x</a>');
  });
});
