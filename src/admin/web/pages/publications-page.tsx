import { PUBLICATION_STATUSES, TAXONOMIES } from '../../../domain/publication.ts';
import type { BulkAction, BulkOutcome } from '../../content/bulk-actions.ts';
import {
  type AdminPublicationRow,
  type FilterChoices,
  type ListFilter,
  PAGE_SIZE,
} from '../../content/publication-list.ts';
import { AdminLayout, CsrfField } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export function PublicationsPage({
  view,
  filter,
  choices,
  items,
  total,
  outcome,
}: {
  view: AdminView;
  filter: ListFilter;
  choices: FilterChoices;
  items: AdminPublicationRow[];
  total: number;
  /** What a bulk action just did, shown above the list. */
  outcome?: BulkOutcome | undefined;
}) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageQuery = (page: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter))
      if (value !== undefined && value !== '' && key !== 'page') query.set(key, String(value));
    query.set('page', String(page));
    return query.toString();
  };
  const pageUrl = (page: number) => `/admin/publications?${pageQuery(page)}`;
  return (
    <AdminLayout view={view} title="Publications">
      {outcome && <BulkResult outcome={outcome} />}
      <p>
        <a href="/admin/publications/new">New publication</a>
      </p>
      <form
        method="get"
        action="/admin/publications"
        class="admin-filters"
        aria-label="Filter publications"
      >
        <div>
          <label for="q">Title contains</label>
          <input id="q" name="q" type="search" value={filter.q ?? ''} maxLength={200} />
        </div>
        <Choice
          id="status"
          label="Status"
          value={filter.status}
          options={PUBLICATION_STATUSES.map((s) => ({ id: s, name: s }))}
        />
        <Choice id="type" label="Type" value={filter.type} options={choices.types} />
        <Choice id="center" label="Center" value={filter.center} options={choices.centers} />
        {view.user?.role !== 'author' && (
          <Choice id="author" label="Author" value={filter.author} options={choices.authors} />
        )}
        <button type="submit">Filter</button>
      </form>
      <p role="status">
        {total === 0
          ? 'No publications match.'
          : `${total} publication${total === 1 ? '' : 's'}, newest change first.`}
      </p>
      {items.length > 0 && (
        <form
          method="post"
          action={`/admin/publications/bulk?${pageQuery(filter.page)}`}
          class="admin-bulk"
        >
          <CsrfField view={view} />
          {items.map((item) => (
            <input key={item.id} type="hidden" name="pageIds" value={String(item.id)} />
          ))}
          <BulkBar view={view} count={items.length} />
          {/* A narrow screen scrolls the table, not the page; focusable so keys scroll it. */}
          <section class="admin-table-scroll" aria-label="Publications" tabindex={0}>
            <table class="admin-table">
              <caption class="visually-hidden">Publications</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Type</th>
                  <th scope="col">Center</th>
                  <th scope="col">Authors</th>
                  <th scope="col">Changed (UTC)</th>
                  <th scope="col">Select</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <a href={`/admin/publications/${item.id}`}>{item.title}</a>
                    </td>
                    <td>{item.status}</td>
                    <td>{item.typeName}</td>
                    <td>{item.centerName}</td>
                    <td>{item.authors.join(', ')}</td>
                    <td>
                      <time dateTime={item.updatedAt}>
                        {item.updatedAt.slice(0, 16).replace('T', ' ')}
                      </time>
                    </td>
                    <td>
                      <label class="admin-bulk__pick">
                        <input type="checkbox" name="ids" value={String(item.id)} data-bulk-item />
                        <span class="visually-hidden">Select {item.title}</span>
                      </label>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </form>
      )}
      {pages > 1 && (
        <nav aria-label="Pages of publications" class="admin-pages">
          {filter.page > 1 && <a href={pageUrl(filter.page - 1)}>Previous</a>}
          <span>
            Page {filter.page} of {pages}
          </span>
          {filter.page < pages && <a href={pageUrl(filter.page + 1)}>Next</a>}
        </nav>
      )}
    </AdminLayout>
  );
}

function Choice({
  id,
  label,
  value,
  options,
}: {
  id: string;
  label: string;
  value: string | number | undefined;
  options: { id: string | number; name: string }[];
}) {
  return (
    <div>
      <label for={id}>{label}</label>
      <select id={id} name={id}>
        <option value="">Any</option>
        {options.map((option) => (
          <option
            key={option.id}
            value={String(option.id)}
            selected={String(option.id) === String(value ?? '')}
          >
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}

const ACTION_LABELS: Record<BulkAction, string> = {
  publish: 'Publish (a live piece: its pending revision)',
  unpublish: 'Unpublish: back to draft',
  archive: 'Archive (take down)',
  review: 'Submit for review',
  'add-term': 'Add a term',
  'remove-term': 'Remove a term',
};
/** Authors never publish: they see only what they may do to their own drafts. */
const AUTHOR_ACTIONS: BulkAction[] = ['review', 'add-term', 'remove-term'];

/** The bulk form's controls: which pieces (ticked, or the whole page) and what to do. */
function BulkBar({ view, count }: { view: AdminView; count: number }) {
  const actions =
    view.user?.role === 'author' ? AUTHOR_ACTIONS : (Object.keys(ACTION_LABELS) as BulkAction[]);
  return (
    <fieldset class="admin-bulk__bar">
      <legend>With the ticked publications</legend>
      <label class="admin-bulk__all">
        <input type="checkbox" name="allOnPage" value="1" data-bulk-all />
        All {count} on this page
      </label>
      <div>
        <label for="bulk-action">Action</label>
        <select id="bulk-action" name="action" required>
          <option value="">Choose…</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      </div>
      <div data-bulk-term>
        <label for="bulk-taxonomy">Taxonomy</label>
        <select id="bulk-taxonomy" name="taxonomy">
          {TAXONOMIES.map((taxonomy) => (
            <option key={taxonomy} value={taxonomy} selected={taxonomy === 'topic'}>
              {taxonomy}
            </option>
          ))}
        </select>
      </div>
      <div data-bulk-term>
        <label for="bulk-term">Term (its name or address name)</label>
        <input
          id="bulk-term"
          name="term"
          maxLength={200}
          autocomplete="off"
          data-picker="terms"
          data-picker-taxonomy="bulk-taxonomy"
        />
      </div>
      <button type="submit">Apply</button>
    </fieldset>
  );
}

/** How many pieces a bulk action changed, and each one it refused with the reason. */
function BulkResult({ outcome }: { outcome: BulkOutcome }) {
  const { changed, refused } = outcome;
  const plural = (n: number) => `${n} publication${n === 1 ? '' : 's'}`;
  return (
    <section class="admin-bulk-result" aria-labelledby="bulk-result-title">
      <h2 id="bulk-result-title">Result</h2>
      <p role="status">
        {`${plural(changed.length)} changed`}
        {refused.length > 0 ? `; ${plural(refused.length)} not changed (see why below).` : '.'}
      </p>
      {changed.length > 0 && (
        <ul>
          {changed.map((item) => (
            <li key={item.id}>
              <a href={`/admin/publications/${item.id}`}>{item.title}</a>: {item.what}
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <>
          <h3>Not changed</h3>
          <ul class="admin-bulk-result__refused">
            {refused.map((item) => (
              <li key={item.id}>
                {item.title}: {item.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
