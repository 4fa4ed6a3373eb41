import type {
  FacetName,
  FacetValueCount,
  SearchQuery,
  SearchResult,
} from '../../search/search-index.ts';
import { searchQueryString } from '../../search/search-params.ts';
import { href, type ViewContext } from './view-context.ts';

/** What each facet is called on the page. */
export const FACET_LABELS: Record<FacetName, string> = {
  type: 'Type',
  center: 'Center',
  program: 'Program',
  project: 'Project',
  region: 'Region',
  topic: 'Topic',
  collection: 'Collection',
  author: 'Author',
  language: 'Language',
  year: 'Year',
};

/** The order of the facet lists, most used first. */
const FACET_ORDER: FacetName[] = [
  'type',
  'topic',
  'region',
  'program',
  'project',
  'collection',
  'center',
  'author',
  'year',
  'language',
];

/** Values shown before "Show more"; and at most this many in all (besides selected ones). */
const SHOWN_FIRST = 8;
const SHOWN_AT_MOST = 60;

/**
 * The filter form: a checkbox per facet value with its count (OR within a facet, AND
 * across), regions as a tree, and a date range. A plain GET form with a submit button,
 * so it needs no JavaScript; it carries the search text and sort along.
 */
export function SearchFacets({
  view,
  query,
  result,
}: {
  view: ViewContext;
  query: SearchQuery;
  result: SearchResult;
}) {
  const carried = new URLSearchParams(
    searchQueryString({ text: query.text, filters: {}, sort: query.sort, page: 1 }),
  );
  return (
    <form
      class="facets"
      method="get"
      action={href(view, '/search')}
      aria-labelledby="facets-heading"
    >
      <h2 id="facets-heading" class="facets__heading">
        Filter results
      </h2>
      {[...carried].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {FACET_ORDER.map((facet) => (
        <FacetList
          key={facet}
          facet={facet}
          values={result.facets[facet] ?? []}
          locale={view.site.center.locale}
        />
      ))}
      <fieldset class="facet facet--dates">
        <legend>Published</legend>
        <label for="search-from">From</label>
        <input id="search-from" type="date" name="from" value={query.from ?? ''} />
        <label for="search-to">To</label>
        <input id="search-to" type="date" name="to" value={query.to ?? ''} />
      </fieldset>
      <button type="submit">Apply filters</button>
    </form>
  );
}

function FacetList({
  facet,
  values,
  locale,
}: {
  facet: FacetName;
  values: FacetValueCount[];
  locale: string;
}) {
  if (values.length === 0) return null;
  const kept = [
    ...values.slice(0, SHOWN_AT_MOST),
    ...values.slice(SHOWN_AT_MOST).filter((v) => v.selected),
  ];
  const roots = facetTree(kept);
  const first = roots.slice(0, SHOWN_FIRST);
  const rest = roots.slice(SHOWN_FIRST);
  // A big tree (regions) shows its top level, each one's inner values behind a disclosure.
  const collapse = kept.length > 2 * SHOWN_FIRST && roots.length < kept.length;
  const options = (nodes: FacetNode[]) => (
    <FacetOptions facet={facet} nodes={nodes} locale={locale} collapse={collapse} />
  );
  return (
    <fieldset class="facet">
      <legend>{FACET_LABELS[facet]}</legend>
      {options(first)}
      {rest.length > 0 && (
        <details class="facet__more" open={hasSelected(rest)}>
          <summary>
            Show {rest.length} more
            <span class="visually-hidden"> {FACET_LABELS[facet].toLowerCase()} choices</span>
          </summary>
          {options(rest)}
        </details>
      )}
    </fieldset>
  );
}

function FacetOptions({
  facet,
  nodes,
  locale,
  collapse = false,
}: {
  facet: FacetName;
  nodes: FacetNode[];
  locale: string;
  /** Put each value's inner values behind a "Show N within …" disclosure. */
  collapse?: boolean;
}) {
  return (
    <ul class="facet__options">
      {nodes.map((node) => {
        const { value, children } = node;
        const inner = <FacetOptions facet={facet} nodes={children} locale={locale} />;
        return (
          <li key={value.value}>
            <label class="facet__option">
              <input type="checkbox" name={facet} value={value.value} checked={value.selected} />{' '}
              <span class="facet__label">
                {value.label}{' '}
                <span class="facet__count">({value.count.toLocaleString(locale)})</span>
              </span>
            </label>
            {children.length > 0 &&
              (collapse ? (
                <details class="facet__inner" open={hasSelected(children)}>
                  <summary>
                    Show {countNodes(children)} within {value.label}
                  </summary>
                  {inner}
                </details>
              ) : (
                inner
              ))}
          </li>
        );
      })}
    </ul>
  );
}

function hasSelected(nodes: FacetNode[]): boolean {
  return nodes.some((n) => n.value.selected || hasSelected(n.children));
}

function countNodes(nodes: FacetNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.children), 0);
}

interface FacetNode {
  value: FacetValueCount;
  children: FacetNode[];
}

/**
 * Values as a tree by `parent` (regions): a value whose parent is not in the list is a
 * root. The list's order is kept at every level. Values without parents (every other
 * facet) come out as a flat list of roots.
 */
export function facetTree(values: FacetValueCount[]): FacetNode[] {
  const nodes = new Map(
    values.map((value) => [value.value, { value, children: [] as FacetNode[] }]),
  );
  const roots: FacetNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.value.parent === undefined ? undefined : nodes.get(node.value.parent);
    // A value that names itself (or a cycle back to it) must still be shown once.
    if (parent && parent !== node && !isAncestor(node, parent)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function isAncestor(node: FacetNode, of: FacetNode): boolean {
  return node.children.some((child) => child === of || isAncestor(child, of));
}
