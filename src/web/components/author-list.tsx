import { orcidUrl } from '../../domain/orcid.ts';
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
  withOrcid = false,
}: {
  view: ViewContext;
  authors: AuthorRef[];
  linked?: boolean;
  /** A publication's own byline links each author's ORCID record after their name. */
  withOrcid?: boolean;
}) {
  if (authors.length === 0) return null;
  const name = (a: AuthorRef) => (
    <>
      {linked ? <a href={href(view, `/experts/${a.slug}`)}>{a.name}</a> : a.name}
      {withOrcid && a.orcid && <OrcidLink orcid={a.orcid} name={a.name} />}
    </>
  );
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

/** A small "iD" mark linking the record; its accessible name says whose record it is. */
function OrcidLink({ orcid, name }: { orcid: string; name: string }) {
  return (
    <>
      {' '}
      <a class="orcid" href={orcidUrl(orcid)}>
        <span class="visually-hidden">ORCID </span>iD
        <span class="visually-hidden"> of {name}</span>
      </a>
    </>
  );
}

function joinNames(names: preact.JSX.Element[]) {
  return names.flatMap((n, i) => {
    if (i === 0) return [n];
    return [i === names.length - 1 ? (names.length > 2 ? ', and ' : ' and ') : ', ', n];
  });
}
