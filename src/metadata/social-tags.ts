import type { Publication } from '../domain/publication.ts';
import type { MetaTag } from './meta-tags.tsx';
import type { SiteLinks } from './site-links.ts';

/**
 * OpenGraph and Twitter card tags for a publication: what a link preview shows. The card
 * is the large-image kind when the piece has a lead image.
 */
export function publicationSocialTags(input: {
  publication: Publication;
  pageUrl: string;
  siteName: string;
  links: SiteLinks;
}): MetaTag[] {
  const { publication: p, pageUrl, links } = input;
  // Pushed in order rather than spread from small arrays: one tag an author.
  const tags: MetaTag[] = [];
  const og = (property: string, content: string | number | null | undefined) => {
    if (content !== null && content !== undefined && content !== '')
      tags.push({ property, content: String(content) });
  };
  const twitter = (name: string, content: string | null | undefined) => {
    if (content) tags.push({ name, content });
  };
  const image = p.leadImage;
  const imageUrl = image ? links.file(image.path) : undefined;
  og('og:type', 'article');
  og('og:site_name', input.siteName);
  og('og:title', p.title);
  og('og:description', p.summary);
  og('og:url', pageUrl);
  og('og:image', imageUrl);
  og('og:image:type', image?.mimeType);
  og('og:image:width', image?.width);
  og('og:image:height', image?.height);
  og('og:image:alt', image?.alt);
  og('article:published_time', p.publishedAt);
  og('article:modified_time', p.revisedAt);
  og('article:section', p.type.name);
  for (const a of p.authors) og('article:author', links.page(`/experts/${a.slug}`));
  for (const t of p.terms.topic) og('article:tag', t.name);
  twitter('twitter:card', imageUrl ? 'summary_large_image' : 'summary');
  twitter('twitter:title', p.title);
  twitter('twitter:description', p.summary);
  twitter('twitter:image', imageUrl);
  twitter('twitter:image:alt', image?.alt);
  return tags;
}
