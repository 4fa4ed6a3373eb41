import { formatDate, isoDate } from '../../lib/dates.ts';
import type { SearchHit } from '../../search/search-index.ts';
import { sitePaths } from '../site/site-paths.ts';
import { href, type ViewContext } from './view-context.ts';

/** Authors named before "+N more" in a result. */
const AUTHORS_SHOWN = 3;

/**
 * One search result, in the listing cards' style: type, title, the matching passage,
 * authors and date. `titleHtml` and `snippetHtml` come from the index already escaped,
 * with the matched words in <mark>: they are the only markup this component passes
 * through unescaped.
 */
export function SearchHitCard({ view, hit }: { view: ViewContext; hit: SearchHit }) {
  const { center } = view.site;
  const shown = hit.authors.slice(0, AUTHORS_SHOWN);
  const more = hit.authors.length - shown.length;
  return (
    <article class="card search-hit">
      <p class="card__type">{hit.type.name}</p>
      <h3 class="card__title">
        <a
          href={href(view, sitePaths.publication(hit.slug))}
          dangerouslySetInnerHTML={{ __html: hit.titleHtml }}
        />
      </h3>
      {hit.snippetHtml !== '' && (
        <p class="search-hit__snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
      )}
      <div class="card__meta">
        {shown.length > 0 && (
          <span class="authors">
            {shown.map((author, index) => (
              <span key={author.slug}>
                {index > 0 && ', '}
                <a href={href(view, sitePaths.person(author.slug))}>{author.name}</a>
              </span>
            ))}
            {more > 0 && ` +${more} more`}
          </span>
        )}
        {hit.publishedAt && (
          <time dateTime={isoDate(hit.publishedAt)}>
            {formatDate(hit.publishedAt, center.locale, center.timeZone)}
          </time>
        )}
      </div>
    </article>
  );
}
