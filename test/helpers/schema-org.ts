import jsonld from 'jsonld';

/*
 * Offline JSON-LD for the tests: a local stand-in for the https://schema.org context,
 * served by a document loader that refuses every other URL (tests have no network).
 * It names each schema.org term our pages use instead of a catch-all @vocab, so that
 * expanding in safe mode fails on a misspelt or invented property or type.
 */

const SCHEMA = 'http://schema.org/';

const TYPES = [
  'Article',
  'BreadcrumbList',
  'CreativeWork',
  'CreativeWorkSeries',
  'ImageObject',
  'ListItem',
  'OpinionNewsArticle',
  'Organization',
  'Person',
  'PostalAddress',
  'PropertyValue',
  'Report',
  'ScholarlyArticle',
];

/** Properties whose values are links (the real context types these as @id). */
const LINK_PROPERTIES = ['item', 'license', 'logo', 'mainEntityOfPage', 'sameAs', 'url', 'image'];

const TEXT_PROPERTIES = [
  'abstract',
  'address',
  'addressCountry',
  'addressLocality',
  'affiliation',
  'alternateName',
  'articleSection',
  'author',
  'creditText',
  'dateModified',
  'datePublished',
  'description',
  'email',
  'headline',
  'height',
  'identifier',
  'inLanguage',
  'isBasedOn',
  'isPartOf',
  'itemListElement',
  'jobTitle',
  'keywords',
  'knowsAbout',
  'knowsLanguage',
  'name',
  'parentOrganization',
  'position',
  'postalCode',
  'propertyID',
  'publisher',
  'reportNumber',
  'sourceOrganization',
  'streetAddress',
  'telephone',
  'value',
  'width',
  'worksFor',
];

const CONTEXT = {
  '@context': Object.fromEntries([
    ...TYPES.map((t) => [t, `${SCHEMA}${t}`]),
    ...TEXT_PROPERTIES.map((p) => [p, `${SCHEMA}${p}`]),
    ...LINK_PROPERTIES.map((p) => [p, { '@id': `${SCHEMA}${p}`, '@type': '@id' }]),
  ]),
};

async function documentLoader(url: string) {
  if (/^https?:\/\/schema\.org\/?$/.test(url)) {
    return { contextUrl: undefined, documentUrl: url, document: CONTEXT };
  }
  throw new Error(`The tests have no network: refusing to load ${url}`);
}

/** Expanded JSON-LD, or a thrown error for anything the processor would drop or reject. */
export async function expandOffline(document: object): Promise<jsonld.JsonLdDocument[]> {
  // biome-ignore lint/suspicious/noExplicitAny: @types/jsonld lacks the `safe` option jsonld 9 has
  const options: any = { documentLoader, safe: true };
  return (await jsonld.expand(document as jsonld.JsonLdDocument, options)) as never;
}

export const schemaOrg = (term: string) => `${SCHEMA}${term}`;
