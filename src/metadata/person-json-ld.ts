import type { Center, Network } from '../domain/center.ts';
import { orcidUrl } from '../domain/orcid.ts';
import type { Person } from '../domain/person.ts';
import type { AuthorRef } from '../domain/publication.ts';
import type { JsonLdNode } from './json-ld.ts';
import { centerReference, networkOrganization } from './organization-json-ld.ts';
import type { SiteLinks } from './site-links.ts';

/** What a Person node needs to know about the organisations people belong to. */
export interface Affiliations {
  network: Network;
  centers: ReadonlyMap<number, Center>;
  links: SiteLinks;
}

type PersonFacts = Pick<
  AuthorRef,
  'slug' | 'name' | 'role' | 'orcid' | 'centerId' | 'affiliation' | 'isExternal'
>;

/** A byline author: enough to tell them apart (ORCID) and find their page. */
export function authorPerson(author: PersonFacts, context: Affiliations): JsonLdNode {
  const url = context.links.page(`/experts/${author.slug}`);
  return {
    '@type': 'Person',
    '@id': `${url}#person`,
    name: author.name,
    url,
    jobTitle: author.role,
    affiliation: affiliationOf(author, context),
    sameAs: author.orcid ? [orcidUrl(author.orcid)] : [],
  };
}

/** A person's own page: the byline facts plus photo, bio, links and expertise. */
export function profilePerson(person: Person, context: Affiliations): JsonLdNode {
  const affiliation = affiliationOf(person, context);
  // Object.assign, not a spread with keys after it: those cost a microsecond a key on Node 20.
  return Object.assign(authorPerson(person, context), {
    description: person.bio.split(/\n\s*\n/)[0],
    image: person.photo ? context.links.file(person.photo.path) : undefined,
    worksFor: person.isExternal ? undefined : affiliation,
    sameAs: [...(person.orcid ? [orcidUrl(person.orcid)] : []), ...person.links.map((l) => l.url)],
    knowsAbout: person.expertise.map((term) => term.name),
    knowsLanguage: person.languages,
  });
}

/**
 * Staff belong to their center (or the network when they have none); external authors
 * to the organisation they write from, when the record names one.
 */
function affiliationOf(person: PersonFacts, context: Affiliations): JsonLdNode | undefined {
  if (person.isExternal) {
    return person.affiliation ? { '@type': 'Organization', name: person.affiliation } : undefined;
  }
  const center = person.centerId === null ? undefined : context.centers.get(person.centerId);
  // Twenty authors of one center share one node: the document writes it once and refers
  // to it by @id after (json-ld.ts), so it is built once per document, not per author.
  let built = organizationsBuilt.get(context);
  if (!built) {
    built = new Map();
    organizationsBuilt.set(context, built);
  }
  const key = center?.id ?? 'network';
  let node = built.get(key);
  if (!node) {
    node = center
      ? centerReference(center, context.network, context.links)
      : networkOrganization(context.network, context.links);
    built.set(key, node);
  }
  return node;
}

/** Organisation nodes already built for a document, by the context it is built in. */
const organizationsBuilt = new WeakMap<Affiliations, Map<number | 'network', JsonLdNode>>();
