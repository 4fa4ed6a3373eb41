import { normalizeOldUrl } from '../../domain/old-url.ts';
import type { ScratchDatabase, ScratchMap } from './scratch-tables.ts';
import type { WxrAuthor, WxrChannel, WxrEvent, WxrItem, WxrTerm } from './wxr-reader.ts';

/*
 * The first of the import's two passes over the export. Items refer to each other in
 * both directions (a post names its featured image, which may come later in the file;
 * a child page may come before its parent), so this pass keeps what such references need
 * — ids, slugs, old addresses, attachment files, bylines — and never a post's content.
 * What it keeps per item goes to scratch tables on disk (scratch-tables.ts), so memory
 * grows with neither the file nor the number of items; only the site's authors and
 * terms stay in memory.
 */

export interface IndexedPost {
  id: number;
  type: string;
  status: string;
  /** WordPress's slug (post_name), still percent-encoded as WordPress keeps it. */
  postName: string;
  title: string;
  /** Old addresses (permalink, first permalink), as paths of the old site. */
  paths: string[];
  /** Byline references in order: `user:ID` or `cap:TERM-SLUG`. */
  byline: string[];
}

export interface IndexedAttachment {
  id: number;
  /** The file's path inside the uploads folder (`2017/07/chart.png`), '' when unknown. */
  file: string;
  alt: string;
  caption: string;
  width: number | undefined;
  height: number | undefined;
}

export interface GuestAuthor {
  line: number;
  id: number;
  /** The Co-Authors Plus term slug that names them on posts (`cap-jane-doe`). */
  termSlug: string;
  name: string;
  firstName: string;
  lastName: string;
  bio: string;
  /** The WordPress login this guest author stands for, when linked to a user. */
  linkedLogin: string;
}

export class WxrIndex {
  channel: WxrChannel | undefined;
  readonly authors = new Map<number, WxrAuthor>();
  readonly authorIdByLogin = new Map<string, number>();
  /** Terms by `taxonomy/slug`: the exporter writes each twice, the first one is kept. */
  readonly terms = new Map<string, WxrTerm>();
  readonly posts: ScratchMap<number, IndexedPost>;
  /** Old paths of posts and pages → their id, to point links in content at new pages. */
  readonly postIdByPath: ScratchMap<string, number>;
  readonly attachments: ScratchMap<number, IndexedAttachment>;
  readonly attachmentIdByFile: ScratchMap<string, number>;
  readonly guestAuthors = new Map<string, GuestAuthor>();
  items = 0;

  constructor(scratch: ScratchDatabase) {
    this.posts = scratch.map();
    this.postIdByPath = scratch.map();
    this.attachments = scratch.map();
    this.attachmentIdByFile = scratch.map();
  }

  term(taxonomy: string, slug: string): WxrTerm | undefined {
    return this.terms.get(`${taxonomy}/${slug}`);
  }
}

export interface IndexOptions {
  /** The post meta key holding co-author user ids, if the map names one. */
  coauthorMetaKey: string | undefined;
  coAuthorsPlus: boolean;
}

/** Reads the whole export once and keeps what references need. */
export async function buildIndex(
  events: AsyncIterable<WxrEvent>,
  options: IndexOptions,
  scratch: ScratchDatabase,
): Promise<WxrIndex> {
  const index = new WxrIndex(scratch);
  for await (const event of events) {
    switch (event.kind) {
      case 'channel':
        index.channel = event.channel;
        break;
      case 'author':
        index.authors.set(event.author.id, event.author);
        index.authorIdByLogin.set(event.author.login, event.author.id);
        break;
      case 'term': {
        const key = `${event.term.taxonomy}/${event.term.slug}`;
        if (!index.terms.has(key)) index.terms.set(key, event.term);
        break;
      }
      case 'item':
        index.items++;
        indexItem(index, event.item, options);
        break;
      case 'broken':
        // The second pass meets the same break and reports it with the item it cut.
        break;
    }
  }
  return index;
}

function indexItem(index: WxrIndex, item: WxrItem, options: IndexOptions): void {
  const id = Number(item.id);
  if (!Number.isSafeInteger(id) || id <= 0) return;
  const site = index.channel?.baseSiteUrl ?? '';
  if (item.postType === 'attachment') {
    const attachment = indexAttachment(id, item);
    index.attachments.set(id, attachment);
    if (attachment.file) index.attachmentIdByFile.set(attachment.file, id);
  }
  if (item.postType === 'guest-author') {
    const guest = guestAuthorOf(id, item);
    index.guestAuthors.set(guest.termSlug, guest);
  }
  for (const term of item.terms) {
    // A term used on an item but missing from the header still deserves a home.
    const key = `${term.domain}/${term.nicename}`;
    if (term.domain !== 'author' && !index.terms.has(key)) {
      index.terms.set(key, {
        line: item.line,
        id: 0,
        taxonomy: own(term.domain),
        slug: own(term.nicename),
        parent: '',
        name: own(term.name),
        description: '',
      });
    }
  }
  const paths = [item.link, item.guid]
    .map((url) => sitePath(url, site))
    .filter(isPrettyPath)
    .map((path) => own(normalizeOldUrl(path) ?? path));
  const post: IndexedPost = {
    id,
    type: own(item.postType),
    status: own(item.status),
    postName: own(item.postName),
    title: own(item.title),
    paths: [...new Set(paths)],
    byline: bylineOf(item, options),
  };
  index.posts.set(id, post);
  for (const path of post.paths)
    if (!index.postIdByPath.has(path)) index.postIdByPath.set(path, id);
}

function indexAttachment(id: number, item: WxrItem): IndexedAttachment {
  const meta = (key: string) => item.meta.find((m) => m.key === key)?.value ?? '';
  const file = meta('_wp_attached_file').trim().replace(/^\/+/, '');
  // The original's size comes first in the serialized metadata, before the sizes array.
  const size = /s:5:"width";i:(\d+);s:6:"height";i:(\d+);/.exec(meta('_wp_attachment_metadata'));
  return {
    id,
    file: file.split('/').includes('..') ? '' : own(file),
    alt: own(meta('_wp_attachment_image_alt').trim()),
    caption: own(item.excerpt.trim()),
    width: size ? Number(size[1]) || undefined : undefined,
    height: size ? Number(size[2]) || undefined : undefined,
  };
}

function guestAuthorOf(id: number, item: WxrItem): GuestAuthor {
  const meta = (key: string) => item.meta.find((m) => m.key === key)?.value.trim() ?? '';
  return {
    line: item.line,
    id,
    termSlug: item.postName.startsWith('cap-') ? item.postName : `cap-${item.postName}`,
    name: meta('cap-display_name') || item.title.trim(),
    firstName: meta('cap-first_name'),
    lastName: meta('cap-last_name'),
    bio: meta('cap-description'),
    linkedLogin: meta('cap-linked_account'),
  };
}

/**
 * A post's byline as references: Co-Authors Plus terms (in the plugin's own order, which
 * the exporter keeps), else the user ids in the co-author meta key, else the author.
 */
function bylineOf(item: WxrItem, options: IndexOptions): string[] {
  if (options.coAuthorsPlus) {
    const cap = item.terms
      .filter((t) => t.domain === 'author')
      .map((t) => own(`cap:${t.nicename}`));
    if (cap.length > 0) return [...new Set(cap)];
  }
  if (options.coauthorMetaKey) {
    const value = item.meta.find((m) => m.key === options.coauthorMetaKey)?.value ?? '';
    const ids = userIdsIn(value).map((id) => `user:${id}`);
    if (ids.length > 0) return [...new Set(ids)];
  }
  return item.creator ? [own(`login:${item.creator}`)] : [];
}

/** "12, 7" or a PHP-serialized array (`a:2:{i:0;i:12;i:1;s:1:"7";}`) → [12, 7]. */
function userIdsIn(value: string): number[] {
  const text = value.trim();
  if (text.startsWith('a:')) {
    return [...text.matchAll(/i:\d+;(?:i:(\d+)|s:\d+:"(\d+)")/g)].map((m) => Number(m[1] ?? m[2]));
  }
  return text
    .split(/[^0-9]+/)
    .filter((part) => part !== '')
    .map(Number)
    .filter((id) => id > 0);
}

/** The path (and query) of a URL on the old site, or undefined for other sites. */
export function sitePath(url: string, site: string): string | undefined {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const parsed = new URL(url);
    const base = new URL(site);
    if (parsed.host !== base.host) return undefined;
    const prefix = base.pathname.replace(/\/+$/, '');
    const path = parsed.pathname.startsWith(prefix) ? parsed.pathname.slice(prefix.length) : '';
    return `${path || '/'}${parsed.search}`;
  } catch {
    return undefined;
  }
}

/** `?p=12` style addresses are added per item by id; these are the readable ones. */
function isPrettyPath(path: string | undefined): path is string {
  return path !== undefined && path !== '/' && !path.startsWith('/?');
}

/**
 * A copy of a string that holds only its own characters. V8 cuts a substring out of its
 * source without copying, so a title read from the file keeps the reader's whole chunk
 * (64 KB) alive; the index keeps a few such strings for every item of the export.
 */
function own(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
