import { orcidUrl } from '../../domain/orcid.ts';
import type { AuthorRef } from '../../domain/publication.ts';
import { attr, markup, text } from './markup.ts';
import { href, type ViewContext } from './view-context.ts';

/** Above this many authors a list shows "First Author +N" with a control to expand it. */
const SHOWN_BEFORE_TRUNCATING = 3;

/**
 * Linked author names, truncated gracefully: a 19-author piece reads "First Author +18"
 * and a native disclosure (<details>) expands the full list, with or without JavaScript.
 */
export function AuthorList(props: {
  view: ViewContext;
  authors: AuthorRef[];
  linked?: boolean;
  /** A publication's own byline links each author's ORCID record after their name. */
  withOrcid?: boolean;
}) {
  return props.authors.length === 0 ? null : markup(authorListHtml(props));
}

/**
 * The list as a string (markup.ts): a 24-author byline is a hundred elements, and the
 * same list stands, hidden, in every card of a many-author piece. '' for no authors.
 */
export function authorListHtml({
  view,
  authors,
  linked = true,
  withOrcid = false,
}: {
  view: ViewContext;
  authors: AuthorRef[];
  linked?: boolean;
  withOrcid?: boolean;
}): string {
  if (authors.length === 0) return '';
  const name = (a: AuthorRef) =>
    (linked
      ? `<a${attr('href', href(view, `/experts/${a.slug}`))}>${text(a.name)}</a>`
      : text(a.name)) + (withOrcid && a.orcid ? orcidLink(a.orcid, a.name) : '');
  if (authors.length <= SHOWN_BEFORE_TRUNCATING) {
    const names = authors.map((a) => `<span>${name(a)}</span>`);
    return `<span class="authors">${joinNames(names)}</span>`;
  }
  const first = authors[0] as AuthorRef;
  // `+=` rather than map/join: the page is one string in the end, and joining here would
  // copy every name once more.
  let all = '';
  for (const a of authors) all += `<li>${name(a)}</li>`;
  return (
    '<details class="authors authors--truncated"><summary>' +
    `<span class="authors__first">${text(first.name)}</span> ` +
    `<span class="authors__more">+${authors.length - 1}<span class="visually-hidden"> more authors: show all</span></span>` +
    `</summary><ul class="authors__all" aria-label="All authors">${all}</ul></details>`
  );
}

/** A small "iD" mark linking the record; its accessible name says whose record it is. */
function orcidLink(orcid: string, name: string): string {
  return (
    ` <a class="orcid"${attr('href', orcidUrl(orcid))}>` +
    '<span class="visually-hidden">ORCID </span>iD' +
    `<span class="visually-hidden"> of ${text(name)}</span></a>`
  );
}

function joinNames(names: string[]): string {
  return names
    .map((n, i) => {
      if (i === 0) return n;
      return (i === names.length - 1 ? (names.length > 2 ? ', and ' : ' and ') : ', ') + n;
    })
    .join('');
}
