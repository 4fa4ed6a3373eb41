import { RESERVED_PATH_PREFIXES } from '../records.ts';
import { htmlToText } from './html-to-markdown.ts';
import { DEFAULT_POST_TYPES, type PostTypeRule, type WordpressMap } from './map-file.ts';
import type { ScratchDatabase, ScratchMap } from './scratch-tables.ts';
import { SlugAllocator, toDossierSlug } from './slugs.ts';
import type { IndexedPost, WxrIndex } from './wxr-index.ts';

/*
 * What each post becomes and under which slug, decided once after the first pass so
 * that links between posts can point at pages not yet written. Slugs follow
 * WordPress's own (transliterated when needed); a twin gets a number.
 */

export type PostTarget =
  | { kind: 'publication'; slug: string; type: string }
  | { kind: 'page'; slug: string };

export interface PostPlan {
  rules: Record<string, PostTypeRule>;
  /** Where each post goes, by WordPress id: one row per post, so kept on disk. */
  targets: ScratchMap<number, PostTarget>;
}

/** Statuses WordPress shows to readers (a scheduled post will be, at its time). */
const READABLE = new Set(['publish', 'future']);

export function planPosts(index: WxrIndex, map: WordpressMap, scratch: ScratchDatabase): PostPlan {
  const rules = { ...DEFAULT_POST_TYPES, ...map.postTypes };
  const targets = scratch.map<number, PostTarget>();
  const publicationSlugs = new SlugAllocator(scratch.map());
  const pageSlugs = new SlugAllocator();
  for (const reserved of RESERVED_PATH_PREFIXES) pageSlugs.allocate(reserved, reserved);
  for (const post of index.posts.values()) {
    const rule = rules[post.type];
    if (rule === undefined || rule === 'skip') continue;
    const wanted = slugOf(post);
    const fallback = `${toDossierSlug(post.type) || 'post'}-${post.id}`;
    if (rule === 'page') {
      // Standing pages have no draft state: only published ones are brought over.
      if (post.status === 'publish')
        targets.set(post.id, { kind: 'page', slug: pageSlugs.allocate(wanted, fallback) });
      continue;
    }
    targets.set(post.id, {
      kind: 'publication',
      slug: publicationSlugs.allocate(wanted, fallback),
      type: rule.type,
    });
  }
  return { rules, targets };
}

/** Whether readers of the old site could see the post (and so may follow links to it). */
export function isReadable(post: IndexedPost): boolean {
  return READABLE.has(post.status);
}

function slugOf(post: IndexedPost): string {
  return toDossierSlug(post.postName) || toDossierSlug(htmlToText(post.title));
}
