import type { PartnerRow } from '../../partners/partner-editor.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export interface PartnerDraft {
  slug: string;
  name: string;
  url: string;
}

export function PartnersPage({ view, partners }: { view: AdminView; partners: PartnerRow[] }) {
  return (
    <AdminLayout view={view} title="Partners">
      <p>
        <a href="/admin/partners/new">Add a partner</a>
      </p>
      <table class="admin-table">
        <caption class="visually-hidden">Partners</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Website</th>
            <th scope="col">Pieces</th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/admin/partners/${p.id}`}>{p.name}</a>
              </td>
              <td>{p.url ?? ''}</td>
              <td>{p.pieces}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export function PartnerPage({
  view,
  id,
  draft,
  pieces,
  error,
  errorField,
  notice,
}: {
  view: AdminView;
  id: number | undefined;
  draft: PartnerDraft;
  /** Pieces credited to the partner (an existing one). */
  pieces?: number | undefined;
  error?: string | undefined;
  errorField?: string | undefined;
  notice?: string | undefined;
}) {
  const action = id === undefined ? '/admin/partners/new' : `/admin/partners/${id}`;
  const invalid = (field: string) => (errorField === field ? ('true' as const) : undefined);
  const describedBy = (field: string, help?: string) =>
    [errorField === field ? 'form-error' : '', help ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <AdminLayout view={view} title={id === undefined ? 'New partner' : draft.name || 'Partner'}>
      <p>
        <a href="/admin/partners">All partners</a>
      </p>
      <Notice message={notice} />
      <FormError message={error} />
      {pieces !== undefined && (
        <p>{pieces === 1 ? 'One piece is' : `${pieces} pieces are`} credited to this partner.</p>
      )}
      <form method="post" action={action} class="admin-form">
        <CsrfField view={view} />
        <label for="name">Name</label>
        <input
          id="name"
          name="name"
          required
          maxLength={300}
          value={draft.name}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('name')}
        />
        {id === undefined ? (
          <>
            <label for="slug">Address (slug)</label>
            <input
              id="slug"
              name="slug"
              maxLength={200}
              value={draft.slug}
              aria-invalid={invalid('slug')}
              aria-describedby={describedBy('slug', 'slug-help')}
            />
            <p id="slug-help" class="admin-help">
              How import files name the partner. Left empty, it is made from the name; it cannot be
              changed later.
            </p>
          </>
        ) : (
          <p class="admin-help">Address (slug): {draft.slug}</p>
        )}
        <label for="url">Website</label>
        <input
          id="url"
          name="url"
          type="url"
          maxLength={2000}
          value={draft.url}
          aria-invalid={invalid('url')}
          aria-describedby={describedBy('url', 'url-help')}
        />
        <p id="url-help" class="admin-help">
          A full address starting with https:// (or http://), linked from the pieces credited to the
          partner. May be left empty.
        </p>
        <button type="submit">Save</button>
      </form>
    </AdminLayout>
  );
}
