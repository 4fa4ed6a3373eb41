import { type CslRecord, toCslRecord } from '../../citations/csl-record.ts';
import type { CitationDownload } from '../../citations/formats.ts';
import type { Publication } from '../../domain/publication.ts';
import { sitePaths } from '../site/site-paths.ts';
import { absoluteUrl, type ViewContext } from './view-context.ts';

/**
 * A publication's citation record as read on this site: the URL of its page here, and
 * its date in this site's time zone, as the dateline above the "Cite this" block shows
 * it. The block and the downloads both come from this, so they always agree.
 */
export function citationRecord(view: ViewContext, publication: Publication): CslRecord {
  return toCslRecord(publication, {
    url: absoluteUrl(view, sitePaths.publication(publication.slug)),
    timeZone: view.site.center.timeZone,
  });
}

/** Where a download lives, beside the page: `/research/<slug>/cite.bib`. */
export function citationDownloadPath(slug: string, download: CitationDownload): string {
  return `${sitePaths.publication(slug)}/cite.${download.extension}`;
}
