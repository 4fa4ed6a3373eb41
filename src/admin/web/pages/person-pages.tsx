import { uploadUrl } from '../../../web/components/view-context.ts';
import { MAX_IMAGE_BYTES } from '../../media/uploads.ts';
import { MAX_LINKS } from '../../people/link-rows.ts';
import type { PersonRecord, PersonRow } from '../../people/person-editor.ts';
import type { PersonForm } from '../../people/person-form.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

/** A refused save: its message, and the form field it is about. */
interface FormProblem {
  message: string;
  field: string | undefined;
}

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
  form,
  photo,
  choices,
  problem,
  notice,
}: {
  view: AdminView;
  id: number | undefined;
  form: PersonForm;
  photo: PersonRecord['photo'];
  choices: PersonChoices;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const action = id === undefined ? '/admin/people/new' : `/admin/people/${id}`;
  /** Marks the field a refused save was about, and points it at the message. */
  const flag = (name: string, help?: string) => {
    const invalid = problem?.field === name;
    const describedBy = [invalid ? 'form-error' : '', help ?? ''].filter(Boolean).join(' ');
    return {
      'aria-invalid': invalid ? ('true' as const) : undefined,
      'aria-describedby': describedBy || undefined,
    };
  };
  return (
    <AdminLayout view={view} title={id === undefined ? 'New person' : form.name || 'Person'}>
      <p>
        <a href="/admin/people">All people</a>
      </p>
      <Notice message={notice} />
      <FormError message={problem?.message} />
      <form method="post" action={action} class="admin-form admin-form--wide">
        <CsrfField view={view} />
        <label for="name">Name</label>
        <input id="name" name="name" required maxLength={200} value={form.name} {...flag('name')} />
        {id === undefined && (
          <>
            <label for="slug">Address (slug)</label>
            <input
              id="slug"
              name="slug"
              maxLength={200}
              value={form.slug}
              {...flag('slug', 'slug-help')}
            />
            <p id="slug-help" class="admin-help">
              Left empty, it is made from the name.
            </p>
          </>
        )}
        <label for="role">Role</label>
        <input id="role" name="role" maxLength={300} value={form.role} {...flag('role')} />
        <label for="affiliation">Affiliation</label>
        <input
          id="affiliation"
          name="affiliation"
          maxLength={300}
          value={form.affiliation}
          {...flag('affiliation')}
        />
        <label for="program">Program</label>
        <select id="program" name="program" {...flag('program')}>
          <option value="">(none)</option>
          {choices.programs.map((p) => (
            <option key={p.slug} value={p.slug} selected={p.slug === form.program}>
              {p.name}
            </option>
          ))}
        </select>
        <label for="center">Center</label>
        <select id="center" name="center" {...flag('center')}>
          <option value="">(none)</option>
          {choices.centers.map((c) => (
            <option key={c.slug} value={c.slug} selected={c.slug === form.center}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="expertise">Expertise</label>
        <select id="expertise" name="expertise" multiple size={8} {...flag('expertise')}>
          {choices.expertise.map((e) => (
            <option key={e.ref} value={e.ref} selected={form.expertise.includes(e.ref)}>
              {e.name}
            </option>
          ))}
        </select>
        <label for="orcid">ORCID iD</label>
        <input id="orcid" name="orcid" maxLength={100} value={form.orcid} {...flag('orcid')} />
        <label for="email">Email address (shown on the profile)</label>
        <input
          id="email"
          name="email"
          type="email"
          maxLength={300}
          value={form.email}
          {...flag('email')}
        />
        <label for="languages">Languages</label>
        <input
          id="languages"
          name="languages"
          maxLength={500}
          value={form.languages}
          {...flag('languages', 'languages-help')}
        />
        <p id="languages-help" class="admin-help">
          The languages they work in, as codes separated by commas: en, fr, pt-BR.
        </p>
        <label for="bio">Biography</label>
        <textarea id="bio" name="bio" rows={8} maxLength={20000} {...flag('bio')}>
          {form.bio}
        </textarea>
        <LinkFields form={form} problem={problem} />
        <fieldset>
          <legend>Listed as</legend>
          <label>
            <input type="checkbox" name="expert" value="yes" checked={form.expert} /> An expert (in
            the experts directory)
          </label>
          <label>
            <input type="checkbox" name="external" value="yes" checked={form.external} /> An outside
            author (no profile until they have published work)
          </label>
        </fieldset>
        <button type="submit">Save</button>
      </form>
      {id !== undefined && <PhotoForms view={view} id={id} name={form.name} photo={photo} />}
    </AdminLayout>
  );
}

/** The links as rows of label and address, with blank rows to add more. */
function LinkFields({ form, problem }: { form: PersonForm; problem: FormProblem | undefined }) {
  return (
    <fieldset class="admin-menu">
      <legend>Links</legend>
      <p id="links-help" class="admin-help">
        Up to {MAX_LINKS} links shown on the profile, such as a personal site or a social profile.
        An address is a full web address (https://…). Fill a blank row to add a link; empty a row to
        remove one.
      </p>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {form.links.map((row, i) => {
            const key = `link-${i}`;
            const flag = (part: string) =>
              problem?.field === `${key}-${part}`
                ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'form-error' }
                : { 'aria-describedby': 'links-help' };
            return (
              <tr key={key}>
                <td>
                  <input
                    name={`${key}-label`}
                    maxLength={80}
                    value={row.label}
                    aria-label={`Link ${i + 1}: label`}
                    {...flag('label')}
                  />
                </td>
                <td>
                  <input
                    name={`${key}-url`}
                    type="url"
                    maxLength={2000}
                    value={row.url}
                    aria-label={`Link ${i + 1}: address`}
                    {...flag('url')}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

/** The photo: shown, replaced by an upload of its own, or removed. */
function PhotoForms({
  view,
  id,
  name,
  photo,
}: {
  view: AdminView;
  id: number;
  name: string;
  photo: PersonRecord['photo'];
}) {
  return (
    <>
      <form
        method="post"
        action={`/admin/people/${id}/photo`}
        enctype="multipart/form-data"
        class="admin-form"
      >
        <CsrfField view={view} />
        <h2>Photo</h2>
        {photo ? (
          <p>
            <img class="admin-photo" src={uploadUrl(photo.src)} alt={photo.alt} />
            {photo.credit && <span class="admin-help"> Credit: {photo.credit}</span>}
          </p>
        ) : (
          <p class="admin-help">No photo yet.</p>
        )}
        <label for="photo-file">
          {photo ? 'A new photo in its place' : 'Photo'} (JPEG, PNG, WebP, AVIF or GIF, up to{' '}
          {Math.round(MAX_IMAGE_BYTES / 1024 / 1024)} MB)
        </label>
        <input
          id="photo-file"
          name="file"
          type="file"
          required
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
        />
        <label for="photo-alt">Description for readers who cannot see it</label>
        <input id="photo-alt" name="alt" required maxLength={500} value={photo?.alt ?? name} />
        <label for="photo-credit">Credit</label>
        <input id="photo-credit" name="credit" maxLength={300} value={photo?.credit ?? ''} />
        <button type="submit">Upload the photo</button>
      </form>
      {photo && (
        <form method="post" action={`/admin/people/${id}/photo/remove`} class="admin-form">
          <CsrfField view={view} />
          <button type="submit">Remove the photo</button>
        </form>
      )}
    </>
  );
}
