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
  const og = (property: string, content: string | number | null | undefined): MetaTag[] =>
    content === null || content === undefined || content === ''
      ? []
      : [{ property, content: String(content) }];
  const twitter = (name: string, content: string | null | undefined): MetaTag[] =>
    content ? [{ name, content }] : [];
  const image = p.leadImage;
  const imageUrl = image ? links.file(image.path) : undefined;
  return [
    ...og('og:type', 'article'),
    ...og('og:site_name', input.siteName),
    ...og('og:title', p.title),
    ...og('og:description', p.summary),
    ...og('og:url', pageUrl),
    ...og('og:image', imageUrl),
    ...og('og:image:type', image?.mimeType),
    ...og('og:image:width', image?.width),
    ...og('og:image:height', image?.height),
    ...og('og:image:alt', image?.alt),
    ...og('article:published_time', p.publishedAt),
    ...og('article:modified_time', p.revisedAt),
    ...og('article:section', p.type.name),
    ...p.authors.flatMap((a) => og('article:author', links.page(`/experts/${a.slug}`))),
    ...p.terms.topic.flatMap((t) => og('article:tag', t.name)),
    ...twitter('twitter:card', imageUrl ? 'summary_large_image' : 'summary'),
    ...twitter('twitter:title', p.title),
    ...twitter('twitter:description', p.summary),
    ...twitter('twitter:image', imageUrl),
    ...twitter('twitter:image:alt', image?.alt),
  ];
}
