import type { ComponentChildren } from 'preact';
import { PAGE_SIZE } from '../../../services/reading.ts';
import type { PublicationPage as WorkPage } from '../../../storage/repositories/publication-repository.ts';
import type { FeedLink } from '../../components/feed-links.ts';
import { Layout } from '../../components/layout.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { CardList } from '../../components/publication-card.tsx';
import type { ViewContext } from '../../components/view-context.ts';

/** A titled, paginated list of work: term pages, type pages, all research. */
export function ListingPage({
  view,
  title,
  description,
  intro,
  work,
  page,
  feeds,
}: {
  view: ViewContext;
  title: string;
  description?: string;
  intro?: ComponentChildren;
  work: WorkPage;
  page: number;
  feeds?: FeedLink[];
}) {
  return (
    <Layout
      view={view}
      title={page > 1 ? `${title} (page ${page})` : title}
      description={description ?? ''}
      feeds={feeds}
    >
      <h1>{title}</h1>
      {description && <p class="lede">{description}</p>}
      {intro}
      <p class="count">
        {work.total} {work.total === 1 ? 'publication' : 'publications'}
      </p>
      {work.items.length > 0 ? (
        <CardList view={view} items={work.items} withSummary headingLevel={2} />
      ) : (
        <p>Nothing published here yet.</p>
      )}
      <Pagination view={view} page={page} total={work.total} pageSize={PAGE_SIZE} />
    </Layout>
  );
}
