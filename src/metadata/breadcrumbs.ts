import type { JsonLdNode } from './json-ld.ts';

/** A trail from the site's home to this page; the last item is the page itself. */
export function breadcrumbList(trail: { name: string; url: string }[]): JsonLdNode {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((step, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: step.name,
      item: step.url,
    })),
  };
}
