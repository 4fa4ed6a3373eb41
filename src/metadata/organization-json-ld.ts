import type { Center, Network } from '../domain/center.ts';
import type { JsonLdNode } from './json-ld.ts';
import type { SiteLinks } from './site-links.ts';

/** The network as an Organization: parent of every center. */
export function networkOrganization(network: Network, links: SiteLinks): JsonLdNode {
  const url = network.url ?? links.page('/');
  return {
    '@type': 'Organization',
    // Not #organization: without a URL of its own the network shares the headquarters'
    // address, and two organisations must never share an @id.
    '@id': `${url}#network`,
    name: network.name,
    alternateName: network.shortName === network.name ? undefined : network.shortName,
    url,
    logo: network.lettermarkPath ? links.file(network.lettermarkPath) : undefined,
  };
}

/**
 * A center in full, for its own home page: contact details and its place in the network.
 * Other nodes refer to it with `centerReference`, which carries the same @id.
 */
export function centerOrganization(center: Center, network: Network, links: SiteLinks): JsonLdNode {
  const address = [center.streetAddress, center.locality, center.postalCode, center.country];
  return {
    ...centerReference(center, network, links),
    alternateName: center.shortName === center.name ? undefined : center.shortName,
    description: center.description || center.tagline,
    address: address.some(Boolean)
      ? {
          '@type': 'PostalAddress',
          streetAddress: center.streetAddress,
          addressLocality: center.locality,
          postalCode: center.postalCode,
          addressCountry: center.country,
        }
      : undefined,
    telephone: center.phone,
    email: center.email,
  };
}

/** A center as publisher, source or affiliation: name, site, logo and parent organisation. */
export function centerReference(center: Center, network: Network, links: SiteLinks): JsonLdNode {
  const url = links.centerHome(center);
  return {
    '@type': 'Organization',
    '@id': `${url}#organization`,
    name: center.name,
    url,
    logo: center.logoPath ? links.file(center.logoPath) : undefined,
    parentOrganization: networkOrganization(network, links),
  };
}
