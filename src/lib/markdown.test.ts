import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders sections, lists, tables, quotes and footnotes', () => {
    const html = renderMarkdown(
      'Intro.[^1]\n\n## Main Argument\n\n> A quote.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Policy Implications\n\n- One\n- Two\n\n[^1]: The note.',
    );
    expect(html).toContain('<h2 id="section-main-argument">Main Argument</h2>');
    expect(html).toContain('<h2 id="section-policy-implications">Policy Implications</h2>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<table>');
    expect(html).toContain('<li>One</li>');
    expect(html).toMatch(/<section class="footnotes">[\s\S]*The note\./);
  });

  it('shows raw HTML as text and never links javascript: URLs', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;');
  });

  it('gives repeated headings distinct anchors', () => {
    const html = renderMarkdown('## Notes\n\n## Notes');
    expect(html).toContain('id="section-notes"');
    expect(html).toContain('id="section-notes-2"');
  });

  it('marks outbound links noopener', () => {
    expect(renderMarkdown('[site](https://example.org)')).toContain('rel="noopener"');
  });
});
