import type { Person } from '../domain/person.ts';
import { JsonScript } from '../web/components/json-script.tsx';
import type { ViewContext } from '../web/components/view-context.ts';
import { jsonLdDocument } from './json-ld.ts';
import { profilePerson } from './person-json-ld.ts';
import { viewLinks } from './site-links.ts';

/** A person page's JSON-LD: the Person, with ORCID and links in `sameAs`. */
export function PersonHead({ view, person }: { view: ViewContext; person: Person }) {
  const { centers, network } = view.site;
  const node = profilePerson(person, { network, centers, links: viewLinks(view) });
  return (
    <JsonScript id="structured-data" type="application/ld+json" data={jsonLdDocument([node])} />
  );
}
