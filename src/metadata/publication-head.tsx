import type { Publication } from '../domain/publication.ts';
import { JsonScript } from '../web/components/json-script.tsx';
import type { ViewContext } from '../web/components/view-context.ts';
import { MetaTags } from './meta-tags.tsx';
import { publicationJsonLd } from './publication-json-ld.ts';
import { scholarTags } from './scholar-tags.ts';
import { viewLinks } from './site-links.ts';
import { publicationSocialTags } from './social-tags.ts';

/** Everything machines read in a publication page's <head>: link previews, Scholar, JSON-LD. */
export function PublicationHead({
  view,
  publication,
  pageUrl,
}: {
  view: ViewContext;
  publication: Publication;
  pageUrl: string;
}) {
  const { center, centers, network } = view.site;
  const links = viewLinks(view);
  return (
    <>
      <MetaTags
        tags={publicationSocialTags({ publication, pageUrl, siteName: center.name, links })}
      />
      <MetaTags tags={scholarTags({ publication, pageUrl, timeZone: center.timeZone, links })} />
      <JsonScript
        id="structured-data"
        type="application/ld+json"
        data={publicationJsonLd({ publication, pageUrl, site: center, network, centers, links })}
      />
    </>
  );
}
