import type { PublicationSummary } from '../../domain/publication.ts';
import { formatDate, isoDate } from '../../lib/dates.ts';
import { authorListHtml } from './author-list.tsx';
import { attr, markup, text } from './markup.ts';
import { href, type ViewContext } from './view-context.ts';

/*
 * Cards are what every list page is made of (a topic's page shows twenty, a publication
 * page two short lists), so they are written as strings (markup.ts), not walked element
 * by element.
 */

/** A card in any list: type, title, authors; the summary where `withSummary`. */
function cardHtml(
  view: ViewContext,
  item: PublicationSummary,
  withSummary: boolean,
  heading: 'h2' | 'h3',
): string {
  const { center } = view.site;
  const summary =
    withSummary && item.summary ? `<p class="card__summary">${text(item.summary)}</p>` : '';
  const date = item.publishedAt
    ? `<time${attr('datetime', isoDate(item.publishedAt))}>${text(formatDate(item.publishedAt, center.locale, center.timeZone))}</time>`
    : '';
  return (
    `<article class="card"><p class="card__type">${text(item.type.name)}</p>` +
    `<${heading} class="card__title"><a${attr('href', href(view, `/research/${item.slug}`))}>${text(item.title)}</a></${heading}>` +
    `${summary}<div class="card__meta">${authorListHtml({ view, authors: item.authors })}${date}</div></article>`
  );
}

export function CardList(props: {
  view: ViewContext;
  items: PublicationSummary[];
  withSummary?: boolean;
  headingLevel?: 2 | 3;
}) {
  const heading = props.headingLevel === 2 ? 'h2' : 'h3';
  let html = '<ul class="card-list">';
  for (const item of props.items)
    html += `<li>${cardHtml(props.view, item, props.withSummary ?? false, heading)}</li>`;
  return markup(`${html}</ul>`);
}
