/*
 * WordPress post content as stored is not yet HTML: the classic editor keeps paragraphs
 * as blank lines (WordPress adds the <p> tags when it shows a post, "wpautop"),
 * shortcodes such as [caption] stand in for markup, and the block editor wraps
 * everything in <!-- wp:… --> comments. This turns it into plain HTML, and says what it
 * could not carry over, for the import report.
 */

/** Blocks whose HTML converts as it is; any other block is named in the report. */
const PLAIN_BLOCKS = new Set([
  'paragraph',
  'heading',
  'list',
  'list-item',
  'table',
  'quote',
  'pullquote',
  'image',
  'separator',
  'more',
  'nextpage',
  'shortcode',
  'preformatted',
  'code',
  'verse',
  'footnotes',
  'group',
  'columns',
  'column',
]);

/** Shortcodes that turn into markup here; others stay as text and are reported. */
const HANDLED_SHORTCODES = new Set(['caption', 'wp_caption']);

export interface PreparedContent {
  html: string;
  /** Things not carried over as they were, one line each, for the report. */
  notes: string[];
}

export function prepareContent(raw: string): PreparedContent {
  const notes: string[] = [];
  const content = raw.replace(/\r\n?/g, '\n');
  const isBlockMarkup = /<!--\s*wp:[a-z]/.test(content);
  if (isBlockMarkup) notes.push(...blockNotes(content));
  let html = replaceCaptions(content);
  notes.push(...shortcodeNotes(html));
  if (!isBlockMarkup) html = autop(html);
  return { html, notes };
}

function blockNotes(content: string): string[] {
  const seen = new Set<string>();
  for (const match of content.matchAll(/<!--\s*wp:([a-z0-9-]+(?:\/[a-z0-9-]+)?)/g)) {
    const name = match[1] ?? '';
    const bare = name.replace(/^core\//, '');
    if (!PLAIN_BLOCKS.has(bare)) seen.add(bare);
  }
  return [...seen].map((name) =>
    name === 'html'
      ? 'a Custom HTML block (wp:html) was converted without its scripts and embeds: check it'
      : `a ${name} block (wp:${name}) was converted as plain content: check it`,
  );
}

/**
 * `[caption id="attachment_12" width="800"]<img …> The caption[/caption]` → a figure.
 * Old posts carry the caption in a `caption="…"` attribute instead.
 */
function replaceCaptions(content: string): string {
  return content.replace(
    /\[(wp_caption|caption)([^\]]*)\]([\s\S]*?)\[\/\1\]/g,
    (_all, _name: string, attributes: string, inner: string) => {
      const image = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)/i.exec(inner);
      const fromAttribute = /\bcaption="([^"]*)"/.exec(attributes)?.[1] ?? '';
      const media = image?.[1] ?? '';
      const caption = (image ? inner.slice(image[0].length) : inner).trim() || fromAttribute;
      return `<figure>${media}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
    },
  );
}

function shortcodeNotes(html: string): string[] {
  const names = new Set<string>();
  // A shortcode is [name], [name attr…] or [name/]; "[1]" and "[sic]" style text is not.
  for (const match of html.matchAll(/\[([a-z][a-z0-9_-]*)(?=[\s\]/])[^\]]*\]/g)) {
    const name = match[1] ?? '';
    const hasCloser = html.includes(`[/${name}]`);
    const hasAttributes = /\[[a-z0-9_-]+\s+[a-z_-]+=/.test(match[0]);
    if (!HANDLED_SHORTCODES.has(name) && (hasCloser || hasAttributes)) names.add(name);
  }
  return [...names].map((name) => `the shortcode [${name}] was left as text: replace it by hand`);
}

/** Tags that start a block: a chunk beginning with one is not wrapped in a paragraph. */
const BLOCK_START =
  /^<(?:h[1-6]|ul|ol|li|dl|table|thead|tbody|tr|blockquote|hr|p|div|figure|pre|section|address|form|iframe|script|style|aside|details|!--)\b/i;

/**
 * WordPress's "wpautop", in brief: blank lines separate paragraphs, a single newline
 * inside a paragraph is a line break, and block elements are left as they are.
 */
export function autop(content: string): string {
  return content
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n\n');
}
