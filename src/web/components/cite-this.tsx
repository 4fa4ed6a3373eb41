import { CITATION_DOWNLOADS, CITATION_STYLES } from '../../citations/formats.ts';
import type { StyledText } from '../../citations/styled-text.ts';
import type { Publication } from '../../domain/publication.ts';
import { citationDownloadPath, citationRecord } from './citation-record.ts';
import { href, type ViewContext } from './view-context.ts';

/**
 * "Cite this": the piece in Chicago, APA and MLA, and the files citation managers
 * import. Everything is readable and selectable without JavaScript; site.js reveals a
 * copy button beside each rendering (hidden until then, as it would do nothing).
 */
export function CiteThis({ view, publication }: { view: ViewContext; publication: Publication }) {
  const record = citationRecord(view, publication);
  const renderings = CITATION_STYLES.map((style) => ({ style, text: style.format(record) }));
  return (
    <section class="cite" aria-labelledby="cite-this">
      <h2 id="cite-this">Cite this</h2>
      {renderings.map(({ style, text }) => (
        <div class="cite__style" key={style.id}>
          <h3 class="cite__label">{style.label}</h3>
          <p class="cite__text" id={`cite-${style.id}`}>
            <Styled text={text} />
          </p>
          <button type="button" class="cite__copy" data-copy-from={`cite-${style.id}`} hidden>
            <span class="cite__copy-label">Copy</span>
            <span class="visually-hidden"> the {style.label} citation</span>
          </button>
          <span class="cite__status visually-hidden" role="status" aria-live="polite" />
        </div>
      ))}
      <p class="cite__downloads">
        Download the citation:{' '}
        {CITATION_DOWNLOADS.map((download, index) => (
          <span key={download.extension}>
            {index > 0 && ', '}
            <a href={href(view, citationDownloadPath(publication.slug, download))} download>
              {download.label}
            </a>
          </span>
        ))}
      </p>
    </section>
  );
}

function Styled({ text }: { text: StyledText }) {
  return <>{text.map((span) => (span.italic ? <i>{span.text}</i> : span.text))}</>;
}
