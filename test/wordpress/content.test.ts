import { describe, expect, it } from 'vitest';
import { type ContentLinks, htmlToMarkdown } from '../../src/import/wordpress/html-to-markdown.ts';
import { toDossierSlug } from '../../src/import/wordpress/slugs.ts';
import { prepareContent } from '../../src/import/wordpress/wp-content.ts';
import { itemDate } from '../../src/import/wordpress/wp-dates.ts';

const keepLinks: ContentLinks = { link: () => undefined, image: () => undefined };
const markdown = (raw: string, links = keepLinks) =>
  htmlToMarkdown(prepareContent(raw).html, links).markdown;

describe('WordPress content → Markdown', () => {
  it('gives classic-editor paragraphs their breaks (wpautop)', () => {
    expect(markdown('First line\nsecond line.\n\nNext <em>paragraph</em>.\n\n<h2>Head</h2>')).toBe(
      'First line\\\nsecond line.\n\nNext *paragraph*.\n\n## Head',
    );
  });

  it('turns a [caption] shortcode into an image with its caption', () => {
    const raw =
      '[caption id="attachment_7" align="alignnone" width="300"]<img class="wp-image-7" src="https://x.example/a.png" alt="A map" /> Source: Agency[/caption]';
    const links: ContentLinks = {
      link: () => undefined,
      image: (_src, id) => (id === 7 ? '/uploads/2020/05/a.png' : undefined),
    };
    expect(markdown(raw, links)).toBe('![A map](/uploads/2020/05/a.png)\n\n*Source: Agency*');
  });

  it('drops block comments and converts blocks, reporting the ones it cannot carry', () => {
    const raw = [
      '<!-- wp:paragraph --><p>Text &amp; more&nbsp;here.</p><!-- /wp:paragraph -->',
      '<!-- wp:more --><!--more--><!-- /wp:more -->',
      '<!-- wp:heading {"level":3} --><h3>Small head</h3><!-- /wp:heading -->',
      '<!-- wp:embed {"url":"https://video.example/1"} --><figure><div>https://video.example/1</div></figure><!-- /wp:embed -->',
    ].join('\n\n');
    const prepared = prepareContent(raw);
    expect(prepared.notes).toEqual([
      'a embed block (wp:embed) was converted as plain content: check it',
    ]);
    expect(htmlToMarkdown(prepared.html, keepLinks).markdown).toBe(
      'Text & more\u00a0here.\n\n### Small head\n\nhttps://video.example/1',
    );
  });

  it('reports shortcodes it leaves as text, but not bracketed words', () => {
    expect(prepareContent('[gallery ids="1,2"] and [sic] and [1]').notes).toEqual([
      'the shortcode [gallery] was left as text: replace it by hand',
    ]);
  });

  it('writes lists, nested lists, quotes with their source and tables', () => {
    const html = `<ul><li>One</li><li>Two<ol><li>Two a</li><li>Two b</li></ol></li></ul>
<blockquote><p>Said so.</p><cite>A. Person</cite></blockquote>
<table><tbody><tr><td>a|b</td><td>2</td></tr><tr><td>c</td><td>3</td></tr></tbody></table>`;
    expect(markdown(html)).toBe(
      [
        '- One',
        '- Two',
        '  1. Two a',
        '  2. Two b',
        '',
        '> Said so.',
        '>',
        '> — A. Person',
        '',
        '|  |  |',
        '| --- | --- |',
        '| a\\|b | 2 |',
        '| c | 3 |',
      ].join('\n'),
    );
  });

  it('makes footnotes of superscript links to notes, and drops the notes heading', () => {
    const html = `<p>Claim.<sup id="r1"><a href="#n1">1</a></sup> Another.<sup><a href="#n2">[2]</a></sup></p>
<hr><h3>Notes</h3>
<ol><li><span id="n1">First <em>source</em>. <a href="#r1">↩</a></span></li></ol>
<p id="n2"><small>[2] Second source.</small></p>`;
    expect(markdown(html)).toBe(
      'Claim.[^1] Another.[^2]\n\n[^1]: First *source*.\n\n[^2]: Second source.',
    );
  });

  it('drops scripts and keeps an embedded frame as a link', () => {
    const converted = htmlToMarkdown(
      '<p>Before</p><script>alert(1)</script><iframe src="https://maps.example/x"></iframe>',
      keepLinks,
    );
    expect(converted.markdown).toBe('Before\n\n[https://maps.example/x](https://maps.example/x)');
    expect(converted.notes).toHaveLength(2);
  });

  it('points links and images through the caller', () => {
    const links: ContentLinks = {
      link: (href) => (href === 'https://old.example/?p=4' ? '/research/four' : undefined),
      image: () => undefined,
    };
    expect(
      markdown(
        '<p><a href="https://old.example/?p=4">four</a> <a href="mailto:a@b.example">mail</a></p>',
        links,
      ),
    ).toBe('[four](/research/four) [mail](mailto:a@b.example)');
  });
});

describe('WordPress slugs', () => {
  it('decodes, transliterates and falls back to nothing for scripts without a Latin spelling', () => {
    expect(toDossierSlug('%d0%bc%d0%b8%d0%b3%d1%80%d0%b0%d1%86%d0%b8%d1%8f-2024')).toBe(
      'migratsiia-2024',
    );
    expect(toDossierSlug('Énergie côtière & Straße')).toBe('energie-cotiere-strasse');
    expect(toDossierSlug('数字治理')).toBe('');
    expect(toDossierSlug(`${'a'.repeat(150)}-${'b'.repeat(150)}`)).toBe('a'.repeat(150));
  });
});

describe('WordPress dates', () => {
  it('prefers the UTC date and reads a floating local date in the site zone', () => {
    expect(itemDate('2020-01-01 12:00:00', '2020-01-01 11:00:00', 'Europe/Berlin')).toEqual({
      kind: 'date',
      iso: '2020-01-01T11:00:00.000Z',
    });
    expect(itemDate('2020-07-01 12:00:00', '0000-00-00 00:00:00', 'Europe/Berlin')).toEqual({
      kind: 'date',
      iso: '2020-07-01T10:00:00.000Z',
    });
    expect(itemDate('', '0000-00-00 00:00:00', 'UTC')).toEqual({ kind: 'none' });
    expect(itemDate('2019-02-29 10:00:00', '', 'UTC')).toMatchObject({
      kind: 'invalid',
      field: 'wp:post_date',
    });
  });
});
