import { htmlToMarkdown } from '../../import/wordpress/html-to-markdown.ts';

/**
 * What an editor pasted from a word processor or a web page (the clipboard's HTML), as
 * the clean Markdown the body is written in: the WordPress importer's converter, which
 * keeps headings, emphasis, links, lists, quotes, tables and footnotes and drops styles,
 * scripts and the rest. Links stay as they are.
 */
export function pastedMarkdown(html: string): string {
  const fragment = html
    // Word and Google Docs wrap the fragment in a whole document and comments.
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?o:p>/gi, '');
  return htmlToMarkdown(fragment, {
    link: () => undefined,
    image: () => undefined,
  }).markdown.trim();
}
