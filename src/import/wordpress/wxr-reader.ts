import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/*
 * A streaming reader of WordPress eXtended RSS (WXR 1.0–1.2) exports, as WordPress's own
 * exporter writes them. It holds one item at a time: memory stays flat however large the
 * file. It never expands entities beyond XML's five (a DOCTYPE is refused outright, which
 * shuts out entity-expansion bombs and external entities alike).
 */

/** The site-wide facts at the top of the export. */
export interface WxrChannel {
  title: string;
  link: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
}

export interface WxrAuthor {
  line: number;
  id: number;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/** A category, tag or other term, from any of the three shapes the exporter writes. */
export interface WxrTerm {
  line: number;
  id: number;
  taxonomy: string;
  slug: string;
  /** The parent's slug, '' at the top. */
  parent: string;
  name: string;
  description: string;
}

export interface WxrItem {
  line: number;
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  /** As written: numbers are checked by whoever uses them. */
  id: string;
  postDate: string;
  postDateGmt: string;
  postName: string;
  status: string;
  parent: string;
  postType: string;
  password: string;
  isSticky: boolean;
  attachmentUrl: string;
  /** `<category domain nicename>` elements, in file order. */
  terms: { domain: string; nicename: string; name: string }[];
  meta: { key: string; value: string }[];
  comments: number;
}

export type WxrEvent =
  | { kind: 'channel'; channel: WxrChannel }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem }
  /** The XML broke off here: nothing after it is read. `item` is what was read of it. */
  | { kind: 'broken'; line: number; message: string; item?: Partial<WxrItem> };

/** The file is not a WordPress export at all (or is one we refuse as a whole). */
export class WxrFileError extends Error {}

/** One text field may not exceed this: a sane post is far smaller, a runaway one is refused. */
const MAX_FIELD_CHARS = 32 * 1024 * 1024;

/** Namespace URIs → the prefixes WordPress writes, so a renamed prefix reads the same. */
function prefixOf(uri: string): string {
  if (/^http:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/.test(uri)) return 'excerpt:';
  if (/^http:\/\/wordpress\.org\/export\/1\.\d+\/$/.test(uri)) return 'wp:';
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content:';
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc:';
  return uri === '' ? '' : `{${uri}}`;
}

const nameOf = (tag: SaxesTagNS) => `${prefixOf(tag.uri)}${tag.local}`;

/**
 * Reads a WXR stream as events: the channel first, then authors and terms, then items.
 * Throws WxrFileError when the file is not a WXR export; a break in the XML part-way
 * (a truncated file) ends the events with a `broken` one.
 */
export async function* readWxr(input: Readable, fileName: string): AsyncGenerator<WxrEvent> {
  const parser = new SaxesParser({ xmlns: true, position: true, fileName });
  const state = new WxrState(fileName);
  parser.on('doctype', () => {
    throw new WxrFileError(
      `${fileName} declares a DOCTYPE, which WordPress exports never do; it is refused so that no entity in it can expand`,
    );
  });
  parser.on('opentag', (tag) => state.open(nameOf(tag), tag, parser.line));
  parser.on('closetag', (tag) => state.close(nameOf(tag)));
  parser.on('text', (text) => state.text(text));
  parser.on('cdata', (text) => state.text(text));

  try {
    for await (const chunk of input) {
      parser.write(typeof chunk === 'string' ? chunk : String(chunk));
      yield* state.drain();
    }
    parser.close();
  } catch (error) {
    if (error instanceof WxrFileError) throw error;
    const message = (error as Error).message.replace(/^[^:]*:\d+:\d+: /, '');
    yield* state.drain();
    if (!state.hasStarted) throw new WxrFileError(`${fileName} is not well-formed XML: ${message}`);
    yield state.broken(parser.line, message);
    return;
  }
  yield* state.drain();
  if (!state.hasStarted) throw new WxrFileError(notWxr(fileName, 'it has no channel'));
}

function notWxr(fileName: string, why: string): string {
  return `${fileName} is not a WordPress export (WXR): ${why}. Export it from WordPress under Tools → Export.`;
}

/** Where we are in the document and what the current record has collected. */
class WxrState {
  private readonly stack: string[] = [];
  private readonly queue: WxrEvent[] = [];
  private readonly channel: WxrChannel = {
    title: '',
    link: '',
    language: '',
    wxrVersion: '',
    baseSiteUrl: '',
  };
  private channelSent = false;
  /** The record being read (author, term or item) and its fields so far. */
  private record: { name: string; line: number; fields: Map<string, string> } | undefined;
  private item: WxrItem | undefined;
  private pendingCategory: { domain: string; nicename: string } | undefined;
  private pendingMeta: { key: string; value: string } | undefined;
  private textBuffer: string[] | undefined;
  private textLength = 0;
  hasStarted = false;
  private readonly fileName: string;

  constructor(fileName: string) {
    this.fileName = fileName;
  }

  open(name: string, tag: SaxesTagNS, line: number): void {
    const depth = this.stack.push(name);
    if (depth === 1) {
      if (name !== 'rss')
        throw new WxrFileError(notWxr(this.fileName, `its root is <${name}>, not <rss>`));
      return;
    }
    if (depth === 2) {
      if (name === 'channel') this.hasStarted = true;
      return;
    }
    if (this.stack[1] !== 'channel') return;
    if (depth === 3) {
      this.openRecord(name, line);
      return;
    }
    if (!this.record) return;
    if (name === 'category' && depth === 4) {
      this.pendingCategory = {
        domain: tag.attributes.domain?.value ?? '',
        nicename: tag.attributes.nicename?.value ?? '',
      };
    }
    if (name === 'wp:postmeta' && depth === 4) this.pendingMeta = { key: '', value: '' };
    if (name === 'wp:comment' && depth === 4 && this.item) this.item.comments++;
    // Text is kept only where a field we read can be: never comment bodies or term meta.
    const isField = depth === 4 && !['wp:comment', 'wp:postmeta', 'wp:termmeta'].includes(name);
    const isMetaField =
      depth === 5 &&
      this.stack[3] === 'wp:postmeta' &&
      (name === 'wp:meta_key' || name === 'wp:meta_value');
    if (isField || isMetaField) {
      this.textBuffer = [];
      this.textLength = 0;
    }
  }

  private openRecord(name: string, line: number): void {
    if (['wp:author', 'wp:category', 'wp:tag', 'wp:term', 'item'].includes(name)) {
      if (!this.channel.wxrVersion)
        throw new WxrFileError(notWxr(this.fileName, 'it has no <wp:wxr_version>'));
      this.sendChannel();
      this.record = { name, line, fields: new Map() };
      if (name === 'item') this.item = emptyItem(line);
      return;
    }
    this.textBuffer = [];
    this.textLength = 0;
  }

  text(text: string): void {
    if (!this.textBuffer) return;
    this.textLength += text.length;
    if (this.textLength > MAX_FIELD_CHARS)
      throw new Error(`a field of this item is over ${MAX_FIELD_CHARS / 1024 / 1024} MB of text`);
    this.textBuffer.push(text);
  }

  close(name: string): void {
    const depth = this.stack.length;
    this.stack.pop();
    const text = this.takeText();
    if (depth === 3 && this.stack[1] === 'channel') {
      this.closeRecord(name, text);
      return;
    }
    if (!this.record || this.stack[1] !== 'channel') return;
    if (depth === 5 && this.pendingMeta) {
      if (name === 'wp:meta_key') this.pendingMeta.key = text ?? '';
      if (name === 'wp:meta_value') this.pendingMeta.value = text ?? '';
      return;
    }
    if (depth !== 4) return;
    if (name === 'category' && this.pendingCategory) {
      this.item?.terms.push({ ...this.pendingCategory, name: text ?? '' });
      this.pendingCategory = undefined;
    } else if (name === 'wp:postmeta' && this.pendingMeta) {
      this.item?.meta.push(this.pendingMeta);
      this.pendingMeta = undefined;
    } else if (text !== undefined) {
      this.record.fields.set(name, text);
    }
  }

  private takeText(): string | undefined {
    const buffer = this.textBuffer;
    this.textBuffer = undefined;
    return buffer?.join('');
  }

  private closeRecord(name: string, text: string | undefined): void {
    const record = this.record;
    if (!record || record.name !== name) {
      this.readChannelField(name, text ?? '');
      return;
    }
    this.record = undefined;
    const event = toEvent(record, this.item);
    this.item = undefined;
    if (event) this.queue.push(event);
  }

  private readChannelField(name: string, text: string): void {
    const field = {
      title: 'title',
      link: 'link',
      language: 'language',
      'wp:wxr_version': 'wxrVersion',
      'wp:base_site_url': 'baseSiteUrl',
    }[name] as keyof WxrChannel | undefined;
    if (field) this.channel[field] = text.trim();
  }

  private sendChannel(): void {
    if (this.channelSent) return;
    this.channelSent = true;
    this.queue.push({ kind: 'channel', channel: { ...this.channel } });
  }

  *drain(): Generator<WxrEvent> {
    if (this.queue.length === 0 && this.hasStarted && this.stack.length === 0) this.finish();
    while (this.queue.length > 0) {
      const event = this.queue.shift();
      if (event) yield event;
    }
  }

  /** A channel with no records still says who it is (an empty site exports so). */
  private finish(): void {
    if (!this.channel.wxrVersion)
      throw new WxrFileError(notWxr(this.fileName, 'it has no <wp:wxr_version>'));
    this.sendChannel();
  }

  broken(line: number, message: string): WxrEvent {
    const record = this.record;
    if (!record) return { kind: 'broken', line, message };
    const partial =
      record.name === 'item' ? toItem(record.fields, this.item, record.line) : undefined;
    return {
      kind: 'broken',
      line: record.line,
      message,
      ...(partial ? { item: partial } : {}),
    };
  }
}

function emptyItem(line: number): WxrItem {
  return toItem(new Map(), undefined, line);
}

function toEvent(
  record: { name: string; line: number; fields: Map<string, string> },
  item: WxrItem | undefined,
): WxrEvent | undefined {
  const f = (key: string) => (record.fields.get(key) ?? '').trim();
  const id = (key: string) => Number.parseInt(f(key), 10) || 0;
  switch (record.name) {
    case 'item':
      return { kind: 'item', item: toItem(record.fields, item, record.line) };
    case 'wp:author':
      return {
        kind: 'author',
        author: {
          line: record.line,
          id: id('wp:author_id'),
          login: f('wp:author_login'),
          email: f('wp:author_email'),
          displayName: f('wp:author_display_name'),
          firstName: f('wp:author_first_name'),
          lastName: f('wp:author_last_name'),
        },
      };
    case 'wp:category':
      return term(record.line, id('wp:term_id'), 'category', f('wp:category_nicename'), {
        parent: f('wp:category_parent'),
        name: f('wp:cat_name'),
        description: f('wp:category_description'),
      });
    case 'wp:tag':
      return term(record.line, id('wp:term_id'), 'post_tag', f('wp:tag_slug'), {
        parent: '',
        name: f('wp:tag_name'),
        description: f('wp:tag_description'),
      });
    case 'wp:term':
      return term(record.line, id('wp:term_id'), f('wp:term_taxonomy'), f('wp:term_slug'), {
        parent: f('wp:term_parent'),
        name: f('wp:term_name'),
        description: f('wp:term_description'),
      });
    default:
      return undefined;
  }
}

function term(
  line: number,
  id: number,
  taxonomy: string,
  slug: string,
  rest: { parent: string; name: string; description: string },
): WxrEvent {
  return { kind: 'term', term: { line, id, taxonomy, slug, ...rest } };
}

function toItem(fields: Map<string, string>, item: WxrItem | undefined, line: number): WxrItem {
  const f = (key: string) => fields.get(key) ?? '';
  return {
    line,
    title: f('title'),
    link: f('link').trim(),
    guid: f('guid').trim(),
    creator: f('dc:creator').trim(),
    content: f('content:encoded'),
    excerpt: f('excerpt:encoded'),
    id: f('wp:post_id').trim(),
    postDate: f('wp:post_date').trim(),
    postDateGmt: f('wp:post_date_gmt').trim(),
    postName: f('wp:post_name').trim(),
    status: f('wp:status').trim(),
    parent: f('wp:post_parent').trim(),
    postType: f('wp:post_type').trim(),
    password: f('wp:post_password'),
    isSticky: f('wp:is_sticky').trim() === '1',
    attachmentUrl: f('wp:attachment_url').trim(),
    terms: item?.terms ?? [],
    meta: item?.meta ?? [],
    comments: item?.comments ?? 0,
  };
}
