import { PUBLICATION_STATUSES } from '../../../domain/publication.ts';
import {
  type AdminPublicationRow,
  type FilterChoices,
  type ListFilter,
  PAGE_SIZE,
} from '../../content/publication-list.ts';
import { AdminLayout } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export function PublicationsPage({
  view,
  filter,
  choices,
  items,
  total,
}: {
  view: AdminView;
  filter: ListFilter;
  choices: FilterChoices;
  items: AdminPublicationRow[];
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageUrl = (page: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter))
      if (value !== undefined && value !== '' && key !== 'page') query.set(key, String(value));
    query.set('page', String(page));
    return `/admin/publications?${query}`;
  };
  return (
    <AdminLayout view={view} title="Publications">
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
              </tr>
            ))}
          </tbody>
        </table>
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
