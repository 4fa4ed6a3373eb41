import type { Center } from '../domain/center.ts';
import { licenceUrl } from '../domain/licence.ts';
import type { Publication } from '../domain/publication.ts';
import { breadcrumbList } from './breadcrumbs.ts';
import { type JsonLdNode, jsonLdDocument } from './json-ld.ts';
import { centerReference } from './organization-json-ld.ts';
import { type Affiliations, authorPerson } from './person-json-ld.ts';
import { SCHEMA_TYPE_OF_KIND, workKind } from './work-kind.ts';

export interface PublicationJsonLdInput extends Affiliations {
  publication: Publication;
  /** Absolute URL of this page (not the canonical one: a republished piece's points away). */
  pageUrl: string;
  /** The center whose site shows the page: the breadcrumb trail starts at its home. */
  site: Center;
}

/**
 * The page's JSON-LD: the work (typed by `workKind`) with every author in byline order,
 * and the breadcrumb trail. The primary center is publisher and source organisation; a
 * republished piece names the partner's original in `isBasedOn`.
 */
export function publicationJsonLd(input: PublicationJsonLdInput): Record<string, unknown> {
  const { publication: p, pageUrl, links } = input;
  const kind = workKind(p);
  const home = input.centers.get(p.primaryCenter.id);
  const primary = home ? centerReference(home, input.network, links) : undefined;
  const work: JsonLdNode = {
    '@type': SCHEMA_TYPE_OF_KIND[kind],
    '@id': `${pageUrl}#work`,
    url: pageUrl,
    mainEntityOfPage: pageUrl,
    headline: p.title,
    name: p.title,
    description: p.summary,
    abstract: p.summary,
    image: p.leadImage
      ? {
          '@type': 'ImageObject',
          url: links.file(p.leadImage.path),
          width: p.leadImage.width ?? undefined,
          height: p.leadImage.height ?? undefined,
          description: p.leadImage.alt,
          creditText: p.leadImage.credit,
        }
      : undefined,
    author: p.authors.map((a) => authorPerson(a, input)),
    publisher: primary,
    sourceOrganization: primary,
    datePublished: p.publishedAt ?? undefined,
    dateModified: p.revisedAt ?? p.publishedAt ?? undefined,
    inLanguage: p.language,
    license: licenceUrl(p.licence) ?? p.licence,
    identifier: p.doi
      ? {
          '@type': 'PropertyValue',
          propertyID: 'DOI',
          value: p.doi,
          url: `https://doi.org/${p.doi}`,
        }
      : undefined,
    articleSection: p.type.name,
    keywords: [...p.terms.topic, ...p.terms.region].map((t) => t.name),
    isBasedOn: p.partner ? basedOn(p) : undefined,
    // Report-only properties: schema.org defines them on Report alone.
    reportNumber: kind === 'report' ? p.reportNumber : undefined,
    isPartOf:
      kind === 'report' && p.series ? { '@type': 'CreativeWorkSeries', name: p.series } : undefined,
  };
  const trail = [
    { name: input.site.name, url: links.page('/') },
    { name: p.type.pluralName, url: links.page(`/types/${p.type.slug}`) },
    { name: p.title, url: pageUrl },
  ];
  return jsonLdDocument([work, breadcrumbList(trail)]);
}

/** The partner's original: its address (canonical, else the full-text link) and publisher. */
function basedOn(p: Publication): JsonLdNode {
  return {
    '@type': 'CreativeWork',
    url: p.canonicalUrl ?? p.externalUrl ?? undefined,
    name: p.title,
    publisher: p.partner
      ? { '@type': 'Organization', name: p.partner.name, url: p.partner.url ?? undefined }
      : undefined,
  };
}
