import { attr, markup } from '../web/components/markup.ts';

/**
 * A <meta> element as data. OpenGraph names go in `property` (its RDFa origin); Twitter
 * cards and Highwire (Scholar) tags go in `name`.
 */
export type MetaTag = { name: string; content: string } | { property: string; content: string };

/**
 * Renders tags in order (Scholar reads `citation_author` order as author order). A
 * many-author paper has dozens, so they are written as one string (web/components/markup.ts).
 */
export function MetaTags({ tags }: { tags: MetaTag[] }) {
  let html = '';
  for (const tag of tags) {
    const key = 'property' in tag ? attr('property', tag.property) : attr('name', tag.name);
    html += `<meta${key}${attr('content', tag.content)}/>`;
  }
  return markup(html);
}
