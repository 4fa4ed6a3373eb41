import { createDocument } from '@mixmark-io/domino';
import TurndownService from 'turndown';

/*
 * Post HTML → the Markdown Dossier stores (CommonMark with tables and footnotes, no raw
 * HTML: the renderer shows HTML as text). Links and images on the old site are pointed
 * at their new places by the caller; footnote-like superscripts that link to a note in
 * the same post become real footnotes; scripts, styles and embeds are dropped and named
 * in the notes for the report. (domino, the DOM used here as by turndown itself, answers
 * a failed query with undefined rather than null: the tests below are on truthiness.)
 */

export interface ContentLinks {
  /** The new address of a link on the old site, or undefined to leave it as it is. */
  link(href: string): string | undefined;
  /** The new address of an image: by its attachment id (class wp-image-ID) or its URL. */
  image(src: string, attachmentId: number | undefined): string | undefined;
}

export interface ConvertedContent {
  markdown: string;
  notes: string[];
}

/** Elements whose content is code or chrome, never prose: dropped with a note. */
const DROPPED = ['script', 'style', 'noscript', 'object', 'embed', 'form', 'input', 'button'];
const NOTES_HEADING = /^(notes?|footnotes|endnotes|references|sources)$/i;
const FOOTNOTE_REF = (n: string) => `\uE000${n}\uE001`;

const service = createTurndown();

export function htmlToMarkdown(html: string, links: ContentLinks): ConvertedContent {
  const notes: string[] = [];
  const body = createDocument(`<!doctype html><html><body>${html}</body></html>`).body;
  dropChrome(body, notes);
  pointLinks(body, links);
  const footnotes = extractFootnotes(body);
  const main = tidy(service.turndown(body));
  const definitions = footnotes.map(
    ({ label, element }) =>
      `[^${label}]: ${tidy(service.turndown(element)).replace(/\n\n/g, '\n\n    ')}`,
  );
  const markdown = [
    main.replace(/\uE000([^\uE001]+)\uE001/g, '[^$1]'),
    ...(definitions.length > 0 ? [definitions.join('\n\n')] : []),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
  return { markdown, notes };
}

/** Plain text of a fragment (titles and excerpts may carry tags and entities). */
export function htmlToText(html: string): string {
  const body = createDocument(`<!doctype html><html><body>${html}</body></html>`).body;
  return (body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function dropChrome(body: HTMLElement, notes: string[]): void {
  for (const name of DROPPED) {
    const found = Array.from(body.querySelectorAll(name));
    for (const element of found) element.remove();
    if (found.length > 0) notes.push(`${found.length} <${name}> element(s) dropped`);
  }
  // An embedded player or map is kept as a link to what it showed.
  for (const frame of Array.from(body.querySelectorAll('iframe'))) {
    const src = frame.getAttribute('src') ?? '';
    if (/^https?:\/\//.test(src)) {
      const link = body.ownerDocument.createElement('a');
      link.setAttribute('href', src);
      link.textContent = src;
      const paragraph = body.ownerDocument.createElement('p');
      paragraph.appendChild(link);
      frame.replaceWith(paragraph);
    } else {
      frame.remove();
    }
    notes.push(`an embedded frame was replaced by a link to ${src || 'nothing'}`);
  }
}

interface Footnote {
  label: string;
  element: HTMLElement;
}

/**
 * Finds superscript links to a note inside the same post (`<sup><a href="#fn-1">1</a>`),
 * puts a marker in their place and takes the notes out of the body, with the "Notes"
 * heading and rule that introduced them when nothing else follows.
 */
function extractFootnotes(body: HTMLElement): Footnote[] {
  const footnotes: Footnote[] = [];
  const byTarget = new Map<string, string>();
  for (const anchor of Array.from(body.querySelectorAll('a[href^="#"]'))) {
    const id = decodeURIComponent((anchor.getAttribute('href') ?? '').slice(1));
    const sup = anchor.closest('sup') ?? anchor.querySelector('sup');
    const target = id === '' ? null : body.ownerDocument.getElementById(id);
    if (!sup || !target || target.contains(anchor)) continue;
    let label = byTarget.get(id);
    if (label === undefined) {
      const text = (anchor.textContent ?? '').replace(/[[\]\s]/g, '');
      label =
        /^[A-Za-z0-9-]+$/.test(text) && !footnotes.some((f) => f.label === text)
          ? text
          : String(footnotes.length + 1);
      byTarget.set(id, label);
      footnotes.push({ label, element: noteContent(target) });
    }
    const marker = body.ownerDocument.createTextNode(FOOTNOTE_REF(label));
    (sup.contains(anchor) ? sup : anchor).replaceWith(marker);
  }
  for (const id of byTarget.keys()) removeNote(body, id);
  trimTrailingNoteChrome(body);
  return footnotes;
}

/** The note's own words: a copy without its back-link (↩) or its leading "[1]". */
function noteContent(target: HTMLElement): HTMLElement {
  const copy = target.cloneNode(true) as HTMLElement;
  for (const back of Array.from(copy.querySelectorAll('a[href^="#"]'))) {
    if (/^\s*(↩|↑|\^|⏎|back)?\s*$/i.test(back.textContent ?? '') || back.textContent === '↩︎')
      back.remove();
  }
  const walker = copy.ownerDocument.createTreeWalker(copy, 4 /* text */);
  const first = walker.nextNode();
  if (first?.textContent) first.textContent = first.textContent.replace(/^\s*\[?\d+[\].)]?\s+/, '');
  return copy;
}

function removeNote(body: HTMLElement, id: string): void {
  const target = body.ownerDocument.getElementById(id);
  if (!target) return;
  const item = target.parentElement;
  const container = item?.tagName === 'LI' && item.children.length === 1 ? item : target;
  const list = container.parentElement;
  container.remove();
  if (list && /^(OL|UL)$/.test(list.tagName) && !list.querySelector('li')) list.remove();
}

function trimTrailingNoteChrome(body: HTMLElement): void {
  for (let last = body.lastElementChild; last; last = body.lastElementChild) {
    const text = (last.textContent ?? '').trim();
    const isChrome =
      last.tagName === 'HR' ||
      (/^H[1-6]$/.test(last.tagName) && NOTES_HEADING.test(text)) ||
      (text === '' && !last.querySelector('img') && last.tagName !== 'IMG');
    if (!isChrome) return;
    last.remove();
  }
}

function pointLinks(body: HTMLElement, links: ContentLinks): void {
  for (const anchor of Array.from(body.querySelectorAll('a[href]'))) {
    const moved = links.link(anchor.getAttribute('href') ?? '');
    if (moved !== undefined) anchor.setAttribute('href', moved);
  }
  for (const image of Array.from(body.querySelectorAll('img'))) {
    const id = /\bwp-image-(\d+)\b/.exec(image.getAttribute('class') ?? '')?.[1];
    const moved = links.image(image.getAttribute('src') ?? '', id ? Number(id) : undefined);
    if (moved !== undefined) image.setAttribute('src', moved);
  }
}

/** Blank lines at most two in a row, no trailing spaces, no blank start or end. */
function tidy(markdown: string): string {
  return markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function createTurndown(): TurndownService {
  const turndown = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    br: '\\',
  });
  turndown.addRule('listItem', {
    filter: 'li',
    replacement(content, node) {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? '1') || 1;
        prefix = `${start + Array.from(parent.children).indexOf(node as HTMLElement)}. `;
      }
      const text = content
        .replace(/^\n+|\n+$/g, '')
        .replace(/\n/g, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${text}${node.nextSibling ? '\n' : ''}`;
    },
  });
  turndown.addRule('figureCaption', {
    filter: 'figcaption',
    replacement: (content) => (content.trim() ? `\n\n*${content.trim()}*\n\n` : ''),
  });
  turndown.addRule('quoteSource', {
    filter: (node) => node.nodeName === 'CITE' && Boolean(node.closest('blockquote')),
    replacement: (content) => `\n\n— ${content.trim()}\n\n`,
  });
  turndown.addRule('strikethrough', {
    filter: ['del', 's'],
    replacement: (content) => `~~${content}~~`,
  });
  turndown.addRule('preformatted', {
    filter: (node) => node.nodeName === 'PRE' && !node.querySelector('code'),
    replacement: (_content, node) => `\n\n\`\`\`\n${node.textContent ?? ''}\n\`\`\`\n\n`,
  });
  addTableRules(turndown);
  return turndown;
}

/**
 * Tables as pipe tables. turndown-plugin-gfm leaves a table without a heading row as raw
 * HTML, which Dossier would show as text; here such a table gets an empty heading row.
 */
function addTableRules(turndown: TurndownService): void {
  turndown.addRule('tableCaption', {
    filter: 'caption',
    replacement: (content) => (content.trim() ? `\n\n*${content.trim()}*\n\n` : ''),
  });
  turndown.addRule('table', {
    filter: 'table',
    replacement(_content, node) {
      const table = node as HTMLElement;
      const rowElements = tableRows(table);
      const rows = rowElements.map((row) =>
        cellsOf(row).map((cell) => cellText(turndown.turndown(cell.innerHTML))),
      );
      const width = Math.max(1, ...rows.map((cells) => cells.length));
      const first = rowElements[0];
      const hasHeading =
        first !== undefined &&
        (first.parentElement?.tagName === 'THEAD' ||
          cellsOf(first).every((cell) => cell.tagName === 'TH'));
      const head = hasHeading ? (rows.shift() ?? []) : [];
      const line = (cells: string[]) =>
        `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      const caption = Array.from(table.children)
        .find((child) => child.tagName === 'CAPTION')
        ?.textContent?.trim();
      return [
        '\n\n',
        line(head),
        `\n|${' --- |'.repeat(width)}\n`,
        rows.map(line).join('\n'),
        caption ? `\n\n*${caption}*` : '',
        '\n\n',
      ].join('');
    },
  });
}

/** The table's own rows, in order, not those of a table nested in a cell. */
function tableRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const child of Array.from(table.children) as HTMLElement[]) {
    if (child.tagName === 'TR') rows.push(child);
    else if (/^T(HEAD|BODY|FOOT)$/.test(child.tagName))
      rows.push(
        ...(Array.from(child.children) as HTMLElement[]).filter((row) => row.tagName === 'TR'),
      );
  }
  return rows;
}

function cellsOf(row: HTMLElement): HTMLElement[] {
  return (Array.from(row.children) as HTMLElement[]).filter((cell) => /^T[DH]$/.test(cell.tagName));
}

function cellText(markdown: string): string {
  return markdown
    .replace(/\s*\n+\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}
