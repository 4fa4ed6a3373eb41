import type { PersonRecord, PersonRow } from '../../people/person-editor.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

export interface PersonChoices {
  programs: { slug: string; name: string }[];
  centers: { slug: string; name: string }[];
  expertise: { ref: string; name: string }[];
}

export function PeoplePage({
  view,
  people,
  q,
}: {
  view: AdminView;
  people: PersonRow[];
  q: string;
}) {
  return (
    <AdminLayout view={view} title="People">
      <p>
        <a href="/admin/people/new">Add a person</a>
      </p>
      <form method="get" action="/admin/people" class="admin-filters" aria-label="Find people">
        <div>
          <label for="q">Name contains</label>
          <input id="q" name="q" type="search" value={q} maxLength={200} />
        </div>
        <button type="submit">Find</button>
      </form>
      <table class="admin-table">
        <caption class="visually-hidden">People</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Listed as</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/admin/people/${p.id}`}>{p.name}</a>
              </td>
              <td>{p.role}</td>
              <td>{p.isExternal ? 'outside author' : p.isExpert ? 'expert' : 'staff'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

export function PersonPage({
  view,
  id,
  record,
  choices,
  error,
  notice,
}: {
  view: AdminView;
  id: number | undefined;
  record: Partial<PersonRecord>;
  choices: PersonChoices;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const action = id === undefined ? '/admin/people/new' : `/admin/people/${id}`;
  return (
    <AdminLayout view={view} title={id === undefined ? 'New person' : (record.name ?? 'Person')}>
      <p>
        <a href="/admin/people">All people</a>
      </p>
      <Notice message={notice} />
      <FormError message={error} />
      <form method="post" action={action} class="admin-form admin-form--wide">
        <CsrfField view={view} />
        <label for="name">Name</label>
        <input id="name" name="name" required maxLength={200} value={record.name ?? ''} />
        {id === undefined && (
          <>
            <label for="slug">Address (slug)</label>
            <input
              id="slug"
              name="slug"
              maxLength={200}
              value={record.slug ?? ''}
              aria-describedby="slug-help"
            />
            <p id="slug-help" class="admin-help">
              Left empty, it is made from the name.
            </p>
          </>
        )}
        <label for="role">Role</label>
        <input id="role" name="role" maxLength={300} value={record.role ?? ''} />
        <label for="affiliation">Affiliation</label>
        <input
          id="affiliation"
          name="affiliation"
          maxLength={300}
          value={record.affiliation ?? ''}
        />
        <label for="program">Program</label>
        <select id="program" name="program">
          <option value="">(none)</option>
          {choices.programs.map((p) => (
            <option key={p.slug} value={p.slug} selected={p.slug === record.program}>
              {p.name}
            </option>
          ))}
        </select>
        <label for="center">Center</label>
        <select id="center" name="center">
          <option value="">(none)</option>
          {choices.centers.map((c) => (
            <option key={c.slug} value={c.slug} selected={c.slug === record.center}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="expertise">Expertise</label>
        <select id="expertise" name="expertise" multiple size={8}>
          {choices.expertise.map((e) => (
            <option key={e.ref} value={e.ref} selected={(record.expertise ?? []).includes(e.ref)}>
              {e.name}
            </option>
          ))}
        </select>
        <label for="orcid">ORCID iD</label>
        <input id="orcid" name="orcid" maxLength={100} value={record.orcid ?? ''} />
        <label for="email">Email address (shown on the profile)</label>
        <input id="email" name="email" type="email" maxLength={300} value={record.email ?? ''} />
        <label for="bio">Biography</label>
        <textarea id="bio" name="bio" rows={8} maxLength={20000}>
          {record.bio ?? ''}
        </textarea>
        <fieldset>
          <legend>Listed as</legend>
          <label>
            <input type="checkbox" name="expert" value="yes" checked={record.expert === true} /> An
            expert (in the experts directory)
          </label>
          <label>
            <input type="checkbox" name="external" value="yes" checked={record.external === true} />{' '}
            An outside author (no profile until they have published work)
          </label>
        </fieldset>
        <button type="submit">Save</button>
      </form>
    </AdminLayout>
  );
}
