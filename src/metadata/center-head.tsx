import { JsonScript } from '../web/components/json-script.tsx';
import type { ViewContext } from '../web/components/view-context.ts';
import { jsonLdDocument } from './json-ld.ts';
import { centerOrganization } from './organization-json-ld.ts';
import { viewLinks } from './site-links.ts';

/** A center home page's JSON-LD: the center as an Organization within the network. */
export function CenterHead({ view }: { view: ViewContext }) {
  const { center, network } = view.site;
  const node = centerOrganization(center, network, viewLinks(view));
  return (
    <JsonScript id="structured-data" type="application/ld+json" data={jsonLdDocument([node])} />
  );
}
