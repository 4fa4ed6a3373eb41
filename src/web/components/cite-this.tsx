import { CITATION_DOWNLOADS, CITATION_STYLES } from '../../citations/formats.ts';
import type { StyledText } from '../../citations/styled-text.ts';
import type { Publication } from '../../domain/publication.ts';
import { citationDownloadPath, citationRecord } from './citation-record.ts';
import { attr, markup, text } from './markup.ts';
import { href, type ViewContext } from './view-context.ts';

/**
 * "Cite this": the piece in Chicago, APA and MLA, and the files citation managers
 * import. Everything is readable and selectable without JavaScript; site.js reveals a
 * copy button beside each rendering (hidden until then, as it would do nothing).
 */
export function CiteThis({ view, publication }: { view: ViewContext; publication: Publication }) {
  const record = citationRecord(view, publication);
  // One string for the block (markup.ts): it is on every publication page, and its
  // renderings are runs of text and italics rather than structure.
  let styles = '';
  for (const style of CITATION_STYLES) {
    const id = `cite-${style.id}`;
    styles +=
      `<div class="cite__style"><h3 class="cite__label">${text(style.label)}</h3>` +
      `<p class="cite__text"${attr('id', id)}>${styledHtml(style.format(record))}</p>` +
      `<button type="button" class="cite__copy"${attr('data-copy-from', id)} hidden>` +
      `<span class="cite__copy-label">Copy</span><span class="visually-hidden"> the ${text(style.label)} citation</span></button>` +
      '<span class="cite__status visually-hidden" role="status" aria-live="polite"></span></div>';
  }
  let downloads = '';
  CITATION_DOWNLOADS.forEach((download, index) => {
    const path = href(view, citationDownloadPath(publication.slug, download));
    downloads += `<span>${index > 0 ? ', ' : ''}<a${attr('href', path)} download>${text(download.label)}</a></span>`;
  });
  return (
    <section class="cite" aria-labelledby="cite-this">
      <h2 id="cite-this">Cite this</h2>
      {markup(`${styles}<p class="cite__downloads">Download the citation: ${downloads}</p>`)}
    </section>
  );
}

function styledHtml(styled: StyledText): string {
  let html = '';
  for (const span of styled) html += span.italic ? `<i>${text(span.text)}</i>` : text(span.text);
  return html;
}
