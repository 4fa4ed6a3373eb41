import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';

/*
 * The one Markdown renderer: publication bodies, bios, pages, and (later) the editor's
 * live preview all go through it, so what an editor previews is what readers get.
 * Raw HTML in the source is not passed through (html: false): Markdown is the only
 * markup an author controls, so stored text can never inject a script.
 */
const renderer = new MarkdownIt({ html: false, linkify: true, typographer: true }).use(footnote);

// Section headings get stable anchors ("section-main-argument") that cannot collide
// with the ids of the page around the body.
renderer.core.ruler.push('heading_ids', (state) => {
  const seen = new Map<string, number>();
  for (let i = 0; i < state.tokens.length; i++) {
    const token = state.tokens[i];
    if (token?.type !== 'heading_open') continue;
    const inline = state.tokens[i + 1];
    const base =
      (inline?.content ?? '')
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '') || 'section';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    token.attrSet('id', `section-${n === 0 ? base : `${base}-${n + 1}`}`);
  }
});

// Links out of the body open where they are, but tell the browser not to leak the page.
const defaultLinkOpen =
  renderer.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
renderer.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]?.attrGet('href') ?? '');
  if (/^https?:\/\//i.test(href)) tokens[idx]?.attrSet('rel', 'noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Renders Markdown (with footnotes, tables, quotes) to safe HTML. */
export function renderMarkdown(source: string): string {
  return renderer.render(source);
}
