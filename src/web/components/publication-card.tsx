import type { PublicationSummary } from '../../domain/publication.ts';
import { formatDate, isoDate } from '../../lib/dates.ts';
import { AuthorList } from './author-list.tsx';
import { href, type ViewContext } from './view-context.ts';

/** A card in any list: type, title, authors; the summary where `withSummary`. */
export function PublicationCard({
  view,
  item,
  withSummary = false,
  headingLevel = 3,
}: {
  view: ViewContext;
  item: PublicationSummary;
  withSummary?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { center } = view.site;
  return (
    <article class="card">
      <p class="card__type">{item.type.name}</p>
      <Heading class="card__title">
        <a href={href(view, `/research/${item.slug}`)}>{item.title}</a>
      </Heading>
      {withSummary && item.summary && <p class="card__summary">{item.summary}</p>}
      <div class="card__meta">
        <AuthorList view={view} authors={item.authors} />
        {item.publishedAt && (
          <time dateTime={isoDate(item.publishedAt)}>
            {formatDate(item.publishedAt, center.locale, center.timeZone)}
          </time>
        )}
      </div>
    </article>
  );
}

export function CardList(props: {
  view: ViewContext;
  items: PublicationSummary[];
  withSummary?: boolean;
  headingLevel?: 2 | 3;
}) {
  return (
    <ul class="card-list">
      {props.items.map((item) => (
        <li key={item.id}>
          <PublicationCard
            view={props.view}
            item={item}
            withSummary={props.withSummary ?? false}
            headingLevel={props.headingLevel ?? 3}
          />
        </li>
      ))}
    </ul>
  );
}
