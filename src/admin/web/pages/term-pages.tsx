import { TAXONOMIES, type Taxonomy } from '../../../domain/publication.ts';
import type { TermRow } from '../../taxonomy/term-editor.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

const PLURAL: Record<Taxonomy, string> = {
  program: 'Programs',
  project: 'Projects',
  region: 'Regions',
  topic: 'Topics',
  collection: 'Collections',
};

export function TermsPage({
  view,
  taxonomy,
  terms,
  error,
  notice,
  draft = { name: '', slug: '', description: '', parent: '' },
}: {
  view: AdminView;
  taxonomy: Taxonomy;
  terms: TermRow[];
  error?: string | undefined;
  notice?: string | undefined;
  draft?: { name: string; slug: string; description: string; parent: string };
}) {
  const names = new Map(terms.map((t) => [t.slug, t.name]));
  return (
    <AdminLayout view={view} title={PLURAL[taxonomy]}>
      <nav aria-label="Taxonomies" class="admin-tabs">
        <ul>
          {TAXONOMIES.map((t) => (
            <li key={t}>
              <a
                href={`/admin/terms?taxonomy=${t}`}
                aria-current={t === taxonomy ? 'page' : undefined}
              >
                {PLURAL[t]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Notice message={notice} />
      <table class="admin-table">
        <caption class="visually-hidden">{PLURAL[taxonomy]}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Within</th>
          </tr>
        </thead>
        <tbody>
          {terms.map((term) => (
            <tr key={term.id}>
              <td>
                <a href={`/admin/terms/${term.id}`}>{term.name}</a>
              </td>
              <td>{term.slug}</td>
              <td>{term.parentSlug ? (names.get(term.parentSlug) ?? term.parentSlug) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add to {PLURAL[taxonomy].toLowerCase()}</h2>
      <FormError message={error} />
      <form method="post" action="/admin/terms" class="admin-form">
        <CsrfField view={view} />
        <input type="hidden" name="taxonomy" value={taxonomy} />
        <label for="name">Name</label>
        <input id="name" name="name" required maxLength={200} value={draft.name} />
        <label for="slug">Address (slug)</label>
        <input
          id="slug"
          name="slug"
          maxLength={200}
          value={draft.slug}
          aria-describedby="slug-help"
        />
        <p id="slug-help" class="admin-help">
          Lower-case words joined by hyphens; left empty, it is made from the name.
        </p>
        <ParentSelect terms={terms} value={draft.parent} />
        <label for="description">Description</label>
        <textarea id="description" name="description" rows={4} maxLength={5000}>
          {draft.description}
        </textarea>
        <button type="submit">Add</button>
      </form>
    </AdminLayout>
  );
}

export function TermPage({
  view,
  term,
  siblings,
  error,
  notice,
}: {
  view: AdminView;
  term: TermRow;
  siblings: TermRow[];
  error?: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <AdminLayout view={view} title={`${term.name}`}>
      <p>
        <a href={`/admin/terms?taxonomy=${term.taxonomy}`}>
          All {PLURAL[term.taxonomy].toLowerCase()}
        </a>{' '}
        · address <code>{term.slug}</code>
      </p>
      <Notice message={notice} />
      <FormError message={error} />
      <form method="post" action={`/admin/terms/${term.id}`} class="admin-form">
        <CsrfField view={view} />
        <label for="name">Name</label>
        <input id="name" name="name" required maxLength={200} value={term.name} />
        <ParentSelect
          terms={siblings.filter((t) => t.id !== term.id)}
          value={term.parentSlug ?? ''}
        />
        <label for="description">Description</label>
        <textarea id="description" name="description" rows={6} maxLength={5000}>
          {term.description}
        </textarea>
        <button type="submit">Save</button>
      </form>
    </AdminLayout>
  );
}

function ParentSelect({ terms, value }: { terms: TermRow[]; value: string }) {
  return (
    <>
      <label for="parent">Within</label>
      <select id="parent" name="parent">
        <option value="">(nothing: at the top)</option>
        {terms.map((t) => (
          <option key={t.slug} value={t.slug} selected={t.slug === value}>
            {t.name}
          </option>
        ))}
      </select>
    </>
  );
}
