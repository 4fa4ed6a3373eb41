import { normalizeOldUrl } from '../../domain/old-url.ts';
import type { ContentLinks } from './html-to-markdown.ts';
import { isReadable, type PostPlan } from './post-plan.ts';
import { type IndexedPost, sitePath, type WxrIndex } from './wxr-index.ts';
import type { WxrItem } from './wxr-reader.ts';

/*
 * The old site's addresses. Every item keeps the paths it answered on (its permalink,
 * its first permalink, `?p=ID`, its slugs before a rename); each becomes a 301 to its
 * new page. Links inside content that point at the old site are rewritten to the new
 * pages directly, so readers do not go through the redirect.
 */

const MAX_OLD_URLS = 50;

/** The old paths of one item, in the spelling old_urls stores. */
export function oldUrlsOf(post: IndexedPost, item: WxrItem, index: WxrIndex): string[] {
  const site = index.channel?.baseSiteUrl ?? '';
  const paths = [...post.paths];
  const query = { page: 'page_id', attachment: 'attachment_id' }[post.type];
  paths.push(`/?p=${post.id}`);
  if (query) paths.push(`/?${query}=${post.id}`);
  // WordPress answers a slug it kept in _wp_old_slug on the same dated path.
  const current = decode(post.postName);
  for (const meta of item.meta) {
    if (meta.key !== '_wp_old_slug' || meta.value.trim() === '' || current === '') continue;
    for (const path of post.paths) {
      if (path.endsWith(`/${current}`))
        paths.push(`${path.slice(0, -current.length)}${decode(meta.value.trim())}`);
    }
  }
  if (post.type === 'attachment') {
    const file = sitePath(item.attachmentUrl, site);
    if (file) paths.push(file);
  }
  const normalized = paths.map((path) => normalizeOldUrl(path)).filter((p) => p !== undefined);
  return [...new Set(normalized)].filter((p) => p.length <= 600).slice(0, MAX_OLD_URLS);
}

/** Where links and images in content go: new pages for old ones, uploads for files. */
export function contentLinks(
  index: WxrIndex,
  posts: PostPlan,
  hasFile: (file: string) => boolean,
): ContentLinks {
  const site = index.channel?.baseSiteUrl ?? '';
  const uploadsUrl = (file: string) =>
    hasFile(file) ? `/uploads/${file.split('/').map(encodeURIComponent).join('/')}` : undefined;
  const fileOf = (path: string) => {
    const match = /^\/wp-content\/uploads\/(.+)$/.exec(path);
    if (!match?.[1]) return undefined;
    const file = decode(match[1]);
    if (index.attachmentIdByFile.has(file) || hasFile(file)) return file;
    // A resized copy ("chart-300x188.png") stands for its original.
    const original = file.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
    return index.attachmentIdByFile.has(original) ? original : undefined;
  };
  const pageOf = (id: number) => {
    const post = index.posts.get(id);
    const target = posts.targets.get(id);
    if (post?.type === 'attachment') {
      const file = index.attachments.get(id)?.file;
      return file ? uploadsUrl(file) : undefined;
    }
    if (!post || !target || !isReadable(post)) return undefined;
    return target.kind === 'page' ? `/${target.slug}` : `/research/${target.slug}`;
  };
  return {
    link(href) {
      const path = sitePath(href, site);
      if (path === undefined) return undefined;
      const [pathname = '', query = ''] = path.split('?');
      const file = fileOf(pathname);
      if (file) return uploadsUrl(file);
      const byQuery = /(?:^|&)(?:p|page_id|attachment_id)=(\d+)(?:&|$)/.exec(query)?.[1];
      const id = byQuery
        ? Number(byQuery)
        : index.postIdByPath.get(normalizeOldUrl(pathname) ?? pathname);
      const moved = id === undefined ? undefined : pageOf(id);
      const hash = href.includes('#') ? href.slice(href.indexOf('#')) : '';
      return moved === undefined ? undefined : `${moved}${hash}`;
    },
    image(src, attachmentId) {
      const byId = attachmentId === undefined ? undefined : index.attachments.get(attachmentId);
      if (byId?.file) return uploadsUrl(byId.file);
      const path = sitePath(src, site);
      const file = path === undefined ? undefined : fileOf(path.split('?')[0] ?? '');
      return file ? uploadsUrl(file) : undefined;
    },
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
