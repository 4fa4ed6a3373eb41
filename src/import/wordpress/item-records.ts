import { normalizeOldUrl } from '../../domain/old-url.ts';
import type { PublicationStatus, Taxonomy } from '../../domain/publication.ts';
import type { ImportRecordInput } from '../records.ts';
import { type ContentLinks, htmlToMarkdown, htmlToText } from './html-to-markdown.ts';
import type { MetaField, WordpressMap } from './map-file.ts';
import { oldUrlsOf } from './old-urls.ts';
import type { PeoplePlan } from './people-plan.ts';
import type { PostPlan, PostTarget } from './post-plan.ts';
import type { TermPlan } from './term-plan.ts';
import { prepareContent } from './wp-content.ts';
import { itemDate } from './wp-dates.ts';
import { type IndexedPost, sitePath, type WxrIndex } from './wxr-index.ts';
import type { WxrItem } from './wxr-reader.ts';

/*
 * One WordPress item → one import record (a publication, a standing page or a media
 * file), or the reason it is skipped. The record then goes through the ordinary
 * importer, which validates and writes it atomically.
 */

export interface ItemContext {
  index: WxrIndex;
  map: WordpressMap;
  posts: PostPlan;
  terms: TermPlan;
  people: PeoplePlan;
  links: ContentLinks;
  /** Prefix of every external id: `wordpress/<site>`. */
  source: string;
  /** The center that owns what no center term claims, and receives pages. */
  center: string;
  timeZone: string;
  language: string;
  /** Whether a file (path inside the uploads folder) is there to copy. */
  hasFile(file: string): boolean;
}

export type ItemResult =
  | { record: ImportRecordInput; notes: string[] }
  | { skip: { field: string; message: string } }
  /** Brought in another way (a guest author becomes a person with the bylines). */
  | { ignore: true };

/**
 * WordPress statuses → Dossier's workflow. `private` posts are readable only by editors
 * in WordPress, so they stay out of public view here too, as drafts (not "archived",
 * which means once public and withdrawn).
 */
const STATUSES: Record<string, PublicationStatus> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'review',
  private: 'draft',
};

const SKIPPED_STATUSES: Record<string, string> = {
  trash: 'the item is in the trash',
  'auto-draft': 'the item is an unsaved draft',
  inherit: 'the item is a revision',
};

/** Item types that are site machinery, not content. */
const MACHINERY = new Set([
  'revision',
  'customize_changeset',
  'custom_css',
  'oembed_cache',
  'user_request',
  'wp_block',
  'wp_template',
  'wp_template_part',
  'wp_global_styles',
  'wp_navigation',
]);

const TAXONOMY_FIELDS: Record<
  Taxonomy,
  'programs' | 'projects' | 'regions' | 'topics' | 'collections'
> = {
  program: 'programs',
  project: 'projects',
  region: 'regions',
  topic: 'topics',
  collection: 'collections',
};

export function itemToRecord(item: WxrItem, ctx: ItemContext): ItemResult {
  const id = Number(item.id);
  const post = ctx.index.posts.get(id);
  if (!post) return skip('wp:post_id', `is "${item.id.slice(0, 20)}", not a WordPress post id`);
  if (item.postType === 'attachment') return mediaRecord(item, post, ctx);
  if (item.postType === 'guest-author' && ctx.map.coauthors.coAuthorsPlus) return { ignore: true };
  if (item.postType === 'nav_menu_item')
    return skip('wp:post_type', "is a menu item: a center's menus are set in Dossier");
  if (MACHINERY.has(item.postType))
    return skip('wp:post_type', `is "${item.postType}", site machinery rather than content`);
  const rule = ctx.posts.rules[item.postType];
  if (rule === 'skip') return skip('wp:post_type', `is "${item.postType}", which the map skips`);
  if (rule === undefined) {
    return skip(
      'wp:post_type',
      `is "${item.postType}", which the map does not place: add it under "postTypes"`,
    );
  }
  const skipped = SKIPPED_STATUSES[item.status];
  if (skipped) return skip('wp:status', `is "${item.status}": ${skipped}`);
  const target = ctx.posts.targets.get(id);
  if (rule === 'page') return pageRecord(item, post, target, ctx);
  if (target?.kind !== 'publication') return skip('wp:post_type', 'has no place');
  return publicationRecord(item, post, target, ctx);
}

function skip(field: string, message: string): ItemResult {
  return { skip: { field, message } };
}

function publicationRecord(
  item: WxrItem,
  post: IndexedPost,
  target: Extract<PostTarget, { kind: 'publication' }>,
  ctx: ItemContext,
): ItemResult {
  const notes: string[] = [];
  let status = STATUSES[item.status];
  if (status === undefined)
    return skip('wp:status', `is "${item.status}", a status we do not know`);
  if (item.password !== '' && (status === 'published' || status === 'scheduled')) {
    status = 'draft';
    notes.push('was password-protected: imported as a draft so that it stays private');
  }
  const date = itemDate(item.postDate, item.postDateGmt, ctx.timeZone);
  if (date.kind === 'invalid') return skip(date.field, date.message);
  const isLive = status === 'published' || status === 'scheduled';
  if (isLive && date.kind === 'none')
    return skip('wp:post_date', 'is empty, and a published post needs a date');
  // A draft WordPress never dated ("0000-00-00" in UTC) gets its date when published.
  const isFloating = !isLive && /^0000-00-00/.test(item.postDateGmt || '0000-00-00');
  const body = convert(item.content, ctx.links, notes);
  const terms = termFields(item, ctx);
  const lead = leadImage(item, ctx, notes);
  const record: ImportRecordInput = {
    kind: 'publication',
    slug: target.slug,
    type: target.type,
    title: titleOf(item, notes),
    summary: htmlToText(item.excerpt),
    body,
    ...(lead ? { leadImage: lead } : {}),
    authors: bylineSlugs(post, ctx),
    status,
    ...(date.kind === 'date' && !isFloating ? { publishedAt: date.iso } : {}),
    primaryCenter: terms.primaryCenter,
    centers: terms.centers,
    ...terms.fields,
    language: ctx.language,
    ...metaFields(item, ctx, notes),
    ...(item.isSticky ? { featuredIn: [terms.primaryCenter] } : {}),
    externalId: `${ctx.source}/post/${post.id}`,
    oldUrls: oldUrlsOf(post, item, ctx.index),
  };
  return { record, notes };
}

function pageRecord(
  item: WxrItem,
  post: IndexedPost,
  target: PostTarget | undefined,
  ctx: ItemContext,
): ItemResult {
  if (target?.kind !== 'page' || item.password !== '') {
    return skip(
      'wp:status',
      `is "${item.status}"${item.password ? ' with a password' : ''}: standing pages are public as soon as they exist, so only published, open pages are imported`,
    );
  }
  const notes: string[] = [];
  const record: ImportRecordInput = {
    kind: 'page',
    center: ctx.center,
    slug: target.slug,
    title: titleOf(item, notes),
    summary: htmlToText(item.excerpt),
    body: convert(item.content, ctx.links, notes),
    externalId: `${ctx.source}/post/${post.id}`,
    oldUrls: oldUrlsOf(post, item, ctx.index),
  };
  return { record, notes };
}

function mediaRecord(item: WxrItem, post: IndexedPost, ctx: ItemContext): ItemResult {
  const attachment = ctx.index.attachments.get(post.id);
  if (!attachment?.file)
    return skip('_wp_attached_file', 'is missing: the attachment names no file');
  if (!ctx.hasFile(attachment.file)) {
    return skip(
      '_wp_attached_file',
      `names ${attachment.file}, which is not in the uploads folder (give it with --uploads)`,
    );
  }
  const notes: string[] = [];
  const record: ImportRecordInput = {
    kind: 'media',
    src: attachment.file,
    alt: clip(attachment.alt, 500, 'alt text', notes),
    credit: creditOf(attachment.caption, notes),
    ...(attachment.width ? { width: attachment.width } : {}),
    ...(attachment.height ? { height: attachment.height } : {}),
    externalId: `${ctx.source}/post/${post.id}`,
    oldUrls: oldUrlsOf(post, item, ctx.index),
  };
  return { record, notes };
}

function titleOf(item: WxrItem, notes: string[]): string {
  const title = htmlToText(item.title);
  if (title !== '') return title;
  notes.push('had no title: imported as "Untitled"');
  return `Untitled (${item.postType} ${item.id})`;
}

function convert(content: string, links: ContentLinks, notes: string[]): string {
  const prepared = prepareContent(content);
  const converted = htmlToMarkdown(prepared.html, links);
  notes.push(...prepared.notes, ...converted.notes);
  return converted.markdown;
}

/** The caption of an attachment, as the credit line the site prefixes with "Source:". */
function creditOf(caption: string, notes: string[]): string {
  const text = htmlToText(caption).replace(/^source:\s*/i, '');
  return clip(text, 300, 'caption (credit)', notes);
}

function clip(text: string, max: number, what: string, notes: string[]): string {
  if (text.length <= max) return text;
  notes.push(`its ${what} was cut to ${max} characters`);
  return `${text.slice(0, max - 1)}…`;
}

function leadImage(item: WxrItem, ctx: ItemContext, notes: string[]) {
  const id = Number(item.meta.find((m) => m.key === '_thumbnail_id')?.value);
  if (!id) return undefined;
  const attachment = ctx.index.attachments.get(id);
  if (!attachment?.file || !ctx.hasFile(attachment.file)) {
    notes.push(
      `its featured image (attachment ${id}) is not in the export or the uploads folder: imported without it`,
    );
    return undefined;
  }
  return {
    src: attachment.file,
    alt: clip(attachment.alt, 500, 'featured image alt text', []),
    credit: creditOf(attachment.caption, []),
    ...(attachment.width ? { width: attachment.width } : {}),
    ...(attachment.height ? { height: attachment.height } : {}),
  };
}

function bylineSlugs(post: IndexedPost, ctx: ItemContext): string[] {
  const slugs = post.byline
    .map((ref) => ctx.people.byRef.get(ref)?.slug)
    .filter((slug) => slug !== undefined);
  return [...new Set(slugs)];
}

function termFields(item: WxrItem, ctx: ItemContext) {
  const fields: Record<(typeof TAXONOMY_FIELDS)[Taxonomy], string[]> = {
    programs: [],
    projects: [],
    regions: [],
    topics: [],
    collections: [],
  };
  const centers: string[] = [];
  for (const term of item.terms) {
    const planned = ctx.terms.byKey.get(`${term.domain}/${term.nicename}`);
    if (!planned) continue;
    const list = planned.target === 'center' ? centers : fields[TAXONOMY_FIELDS[planned.target]];
    if (!list.includes(planned.slug)) list.push(planned.slug);
  }
  const [primaryCenter = ctx.center, ...others] = centers;
  return { primaryCenter, centers: others, fields };
}

/** Post meta named in the map → publication fields; a PDF on the old site → its file. */
function metaFields(item: WxrItem, ctx: ItemContext, notes: string[]) {
  const fields: Partial<Record<MetaField, string>> = {};
  for (const [key, field] of Object.entries(ctx.map.meta)) {
    const value = item.meta.find((m) => m.key === key)?.value.trim();
    if (!value) continue;
    if (field !== 'pdf') {
      fields[field] = value;
      continue;
    }
    const path = sitePath(value, ctx.index.channel?.baseSiteUrl ?? '');
    const file = normalizeOldUrl(path ?? '')?.match(/^\/wp-content\/uploads\/([^?]+)/)?.[1];
    if (file && ctx.hasFile(file)) fields.pdf = file;
    else if (!path && /^https?:\/\//.test(value)) fields.pdf = value;
    else notes.push(`its ${key} (${value.slice(0, 100)}) is not in the uploads folder: no PDF`);
  }
  return fields;
}
