import type { AuthorRef } from '../../domain/publication.ts';
import { href, type ViewContext } from './view-context.ts';

/** Above this many authors a list shows "First Author +N" with a control to expand it. */
const SHOWN_BEFORE_TRUNCATING = 3;

/**
 * Linked author names, truncated gracefully: a 19-author piece reads "First Author +18"
 * and a native disclosure (<details>) expands the full list, with or without JavaScript.
 */
export function AuthorList({
  view,
  authors,
  linked = true,
}: {
  view: ViewContext;
  authors: AuthorRef[];
  linked?: boolean;
}) {
  if (authors.length === 0) return null;
  const name = (a: AuthorRef) =>
    linked ? <a href={href(view, `/experts/${a.slug}`)}>{a.name}</a> : a.name;
  if (authors.length <= SHOWN_BEFORE_TRUNCATING) {
    return (
      <span class="authors">
        {joinNames(authors.map((a) => <span key={a.id}>{name(a)}</span>))}
      </span>
    );
  }
  const [first, ...rest] = authors as [AuthorRef, ...AuthorRef[]];
  return (
    <details class="authors authors--truncated">
      <summary>
        <span class="authors__first">{first.name}</span>{' '}
        <span class="authors__more">
          +{rest.length}
          <span class="visually-hidden"> more authors: show all</span>
        </span>
      </summary>
      <ul class="authors__all" aria-label="All authors">
        {authors.map((a) => (
          <li key={a.id}>{name(a)}</li>
        ))}
      </ul>
    </details>
  );
}

function joinNames(names: preact.JSX.Element[]) {
  return names.flatMap((n, i) => {
    if (i === 0) return [n];
    return [i === names.length - 1 ? (names.length > 2 ? ', and ' : ' and ') : ', ', n];
  });
}
