import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../lib/dates.ts';
import {
  FACETS,
  type FacetName,
  type SearchQuery,
  type SearchResult,
} from '../../../search/search-index.ts';
import { type SearchChange, searchQueryString, searchUrl } from '../../../search/search-params.ts';
import { Layout } from '../../components/layout.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { FACET_LABELS, SearchFacets } from '../../components/search-facets.tsx';
import { SearchHitCard } from '../../components/search-hit.tsx';
import { href, type ViewContext } from '../../components/view-context.ts';

export interface SearchPageProps {
  view: ViewContext;
  query: SearchQuery;
  result: SearchResult;
}

/**
 * The search page: the search box, the filter form with counts, the selected filters as
 * chips that each remove one, the results and pages. Everything is a link or a GET form,
 * so it all works without JavaScript. Result pages are kept out of search engines.
 */
export function SearchPage({ view, query, result }: SearchPageProps) {
  const base = href(view, '/search');
  const link = (change?: SearchChange) => searchUrl(base, query, change);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const heading = query.text === '' ? 'Search' : `Search results for “${query.text}”`;
  const title = result.page > 1 ? `${heading} (page ${result.page})` : heading;
  const carried = new URLSearchParams(
    searchQueryString({ ...query, text: '', sort: 'date', page: 1 }),
  );
  return (
    <Layout
      view={view}
      title={title}
      description={`Search the work of ${view.site.network.name}.`}
      head={<meta name="robots" content="noindex" />}
      searchBox={false}
    >
      <h1>Search</h1>
      <SearchBox
        view={view}
        id="search-q"
        value={query.text}
        label="Search publications, experts and topics"
        hidden={[...carried]}
      />
      <div class="search">
        <section class="search__results" aria-labelledby="results-heading">
          <h2 id="results-heading" class="visually-hidden">
            Results
          </h2>
          <p class="count" id="search-count" role="status" aria-live="polite">
            {countText(view, query, result, pages)}
          </p>
          <p class="search__jump">
            <a href="#facets-heading">Filter results</a>
          </p>
          <Chips view={view} query={query} result={result} link={link} />
          {query.text !== '' && result.total > 1 && <SortSwitch query={query} link={link} />}
          {result.hits.length > 0 ? (
            <>
              <ol class="search-results" start={(result.page - 1) * result.pageSize + 1}>
                {result.hits.map((hit) => (
                  <li key={hit.id}>
                    <SearchHitCard view={view} hit={hit} />
                  </li>
                ))}
              </ol>
              <Pagination
                view={view}
                page={result.page}
                total={result.total}
                pageSize={result.pageSize}
                query={pageQuery(query)}
              />
            </>
          ) : result.total > 0 ? (
            <p class="search-past-end">
              The results end on page {pages}.{' '}
              <a href={link({ page: pages })}>Go to the last page</a> or{' '}
              <a href={link({ page: 1 })}>the first page</a>.
            </p>
          ) : (
            <NoResults view={view} query={query} link={link} />
          )}
        </section>
        <div class="search__filters">
          <SearchFacets view={view} query={query} result={result} />
        </div>
      </div>
    </Layout>
  );
}

function countText(view: ViewContext, query: SearchQuery, result: SearchResult, pages: number) {
  const locale = view.site.center.locale;
  const count =
    result.total === 0
      ? 'No results'
      : `${result.total.toLocaleString(locale)} ${result.total === 1 ? 'result' : 'results'}`;
  const what = query.text === '' ? '' : ` for “${query.text}”`;
  const where = pages > 1 && result.page <= pages ? `, page ${result.page} of ${pages}` : '';
  return `${count}${what}${where}`;
}

/** The selected filters, each a link that removes it; then one that removes them all. */
function Chips({
  view,
  query,
  result,
  link,
}: SearchPageProps & { link: (change?: SearchChange) => string }) {
  const chips: { key: string; label: ComponentChildren; href: string }[] = [];
  for (const facet of FACETS) {
    for (const value of query.filters[facet] ?? []) {
      chips.push({
        key: `${facet}=${value}`,
        label: `${FACET_LABELS[facet]}: ${filterLabel(result, facet, value)}`,
        href: link({ remove: { facet, value } }),
      });
    }
  }
  const { locale } = view.site.center;
  const day = (date: string) => formatDate(`${date}T12:00:00Z`, locale, 'UTC');
  if (query.from)
    chips.push({ key: 'from', label: `From ${day(query.from)}`, href: link({ remove: 'from' }) });
  if (query.to)
    chips.push({ key: 'to', label: `To ${day(query.to)}`, href: link({ remove: 'to' }) });
  if (chips.length === 0) return null;
  return (
    <div class="search-chips">
      <h3 class="visually-hidden">Selected filters</h3>
      <ul class="tag-list search-chips__list">
        {chips.map((chip) => (
          <li key={chip.key}>
            <a href={chip.href}>
              <span class="visually-hidden">Remove </span>
              {chip.label}
              <span aria-hidden="true"> ×</span>
            </a>
          </li>
        ))}
        {chips.length > 1 && (
          <li>
            <a class="search-chips__clear" href={link({ remove: 'filters' })}>
              Clear all filters
            </a>
          </li>
        )}
      </ul>
      {result.unknownFilters.length > 0 && (
        <p class="search-notice">
          {result.unknownFilters.length === 1 ? 'One filter names' : 'Some filters name'} nothing on
          this site and {result.unknownFilters.length === 1 ? 'was' : 'were'} ignored:{' '}
          {result.unknownFilters
            .map((u) => `${FACET_LABELS[u.facet].toLowerCase()} “${u.value}”`)
            .join(', ')}
          .
        </p>
      )}
    </div>
  );
}

function filterLabel(result: SearchResult, facet: FacetName, value: string): string {
  const known = result.facets[facet]?.find((v) => v.value === value);
  if (known) return known.label;
  const unknown = result.unknownFilters.some((u) => u.facet === facet && u.value === value);
  return unknown ? `${value} (not found)` : value;
}

function SortSwitch({
  query,
  link,
}: {
  query: SearchQuery;
  link: (change?: SearchChange) => string;
}) {
  const option = (sort: SearchQuery['sort'], label: string) =>
    query.sort === sort ? (
      <strong aria-current="true">{label}</strong>
    ) : (
      <a href={link({ sort })}>{label}</a>
    );
  return (
    <p class="sort-switch">
      Sort by {option('relevance', 'relevance')} or {option('date', 'date (newest first)')}
    </p>
  );
}

function NoResults({
  view,
  query,
  link,
}: {
  view: ViewContext;
  query: SearchQuery;
  link: (change?: SearchChange) => string;
}) {
  const hasFilters =
    query.from !== undefined ||
    query.to !== undefined ||
    FACETS.some((facet) => (query.filters[facet]?.length ?? 0) > 0);
  const words = query.text.split(/\s+/).filter(Boolean).length;
  return (
    <div class="no-results">
      <h3>Nothing found</h3>
      <p>
        {query.text === ''
          ? 'No publications match all of these filters.'
          : `No publications match “${query.text}”${hasFilters ? ' with these filters' : ''}.`}
      </p>
      <ul>
        {query.text !== '' && <li>Check the spelling.</li>}
        {words > 1 && <li>Try fewer words, or more general ones.</li>}
        {query.text !== '' && hasFilters && (
          <li>
            <a href={link({ remove: 'filters' })}>Search for “{query.text}” without filters</a>
          </li>
        )}
        {query.text !== '' && hasFilters && (
          <li>
            <a href={link({ remove: 'text' })}>See everything with these filters</a>
          </li>
        )}
        {query.text === '' && hasFilters && (
          <li>
            Remove a filter above, or <a href={link({ remove: 'filters' })}>remove them all</a>
          </li>
        )}
        <li>
          <a href={href(view, '/research')}>Browse all research</a>
        </li>
      </ul>
    </div>
  );
}

/** The query as the pagination component wants it: every parameter but the page. */
function pageQuery(query: SearchQuery): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(searchQueryString({ ...query, page: 1 }))) {
    record[name] = [...(record[name] ?? []), value];
  }
  return record;
}
