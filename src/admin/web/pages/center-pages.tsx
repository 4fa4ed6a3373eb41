import { uploadUrl } from '../../../web/components/view-context.ts';
import type { CenterRow } from '../../centers/center-editor.ts';
import type { CenterForm } from '../../centers/center-form.ts';
import { MENUS, type MenuName, type MenuRow } from '../../centers/menu-rows.ts';
import { AdminLayout, CsrfField, FormError, Notice } from '../admin-layout.tsx';
import type { AdminView } from '../admin-view.ts';

/** A refused save: its message, and the form field it is about. */
interface FormProblem {
  message: string;
  field: string | undefined;
}

export function CentersPage({
  view,
  centers,
  notice,
}: {
  view: AdminView;
  centers: CenterRow[];
  notice?: string | undefined;
}) {
  return (
    <AdminLayout view={view} title="Centers">
      <Notice message={notice} />
      <p>
        <a href="/admin/centers/new">Add a center</a>
      </p>
      <table class="admin-table">
        <caption class="visually-hidden">Centers</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Answers at</th>
          </tr>
        </thead>
        <tbody>
          {centers.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`/admin/centers/${c.id}`}>{c.name}</a>
              </td>
              <td>{whereItAnswers(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

function whereItAnswers(c: CenterRow): string {
  const places = [c.host, c.pathPrefix ? `/${c.pathPrefix}` : null].filter(Boolean);
  if (c.isHeadquarters) places.push('every other address (headquarters)');
  return places.join(', ');
}

export function CenterPage({
  view,
  id,
  form,
  logoPath,
  problem,
  notice,
}: {
  view: AdminView;
  id: number | undefined;
  form: CenterForm;
  logoPath: string | null;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}) {
  const action = id === undefined ? '/admin/centers/new' : `/admin/centers/${id}`;
  const field = (
    name: Exclude<keyof CenterForm, 'feedFullText' | 'header' | 'footer'>,
    label: string,
    options: { maxLength: number; help?: string; type?: string; rows?: number },
  ) => {
    const invalid = problem?.field === name;
    const describedBy =
      [invalid ? 'form-error' : '', options.help ? `${name}-help` : ''].filter(Boolean).join(' ') ||
      undefined;
    const common = {
      id: name,
      name,
      maxLength: options.maxLength,
      'aria-invalid': invalid ? ('true' as const) : undefined,
      'aria-describedby': describedBy,
    };
    return (
      <>
        <label for={name}>{label}</label>
        {options.rows ? (
          <textarea {...common} rows={options.rows}>
            {form[name]}
          </textarea>
        ) : (
          <input {...common} type={options.type ?? 'text'} value={form[name]} />
        )}
        {options.help && (
          <p id={`${name}-help`} class="admin-help">
            {options.help}
          </p>
        )}
      </>
    );
  };
  return (
    <AdminLayout view={view} title={id === undefined ? 'New center' : form.name || 'Center'}>
      <p>
        <a href="/admin/centers">All centers</a>
      </p>
      <Notice message={notice} />
      <FormError message={problem?.message} />
      <form method="post" action={action} class="admin-form admin-form--wide">
        <CsrfField view={view} />
        {field('name', 'Name', { maxLength: 200 })}
        {id === undefined &&
          field('slug', 'Address (slug)', {
            maxLength: 200,
            help: 'Left empty, it is made from the name. It cannot be changed later.',
          })}
        {field('shortName', 'Short name', { maxLength: 60, help: 'Used in menus and titles.' })}
        {field('tagline', 'Tagline', { maxLength: 300 })}
        {field('description', 'Description', { maxLength: 5000, rows: 4 })}
        {field('host', 'Host name', {
          maxLength: 260,
          help: 'The site’s own host, such as europe.example.org (no http://). Leave empty to use a path prefix only.',
        })}
        {field('pathPrefix', 'Path prefix', {
          maxLength: 201,
          help: 'Where the site answers on the main host, such as /europe. Leave empty to use a host name only.',
        })}
        {field('locale', 'Locale', { maxLength: 20, help: 'Dates and numbers, such as en-GB.' })}
        {field('timeZone', 'Time zone', { maxLength: 100, help: 'Such as Europe/Berlin.' })}
        {field('accentColor', 'Accent colour', { maxLength: 7, help: 'Such as #1f4e79.' })}
        <fieldset>
          <legend>Postal address</legend>
          {field('street', 'Street', { maxLength: 300 })}
          {field('postalCode', 'Postal code', { maxLength: 40 })}
          {field('locality', 'Town or city', { maxLength: 200 })}
          {field('country', 'Country', { maxLength: 100 })}
        </fieldset>
        {field('phone', 'Phone', { maxLength: 60, type: 'tel' })}
        {field('email', 'Email address', { maxLength: 300, type: 'email' })}
        {field('disclaimer', 'Disclaimer', {
          maxLength: 2000,
          rows: 4,
          help: 'Plain text, shown under every piece on this center’s site.',
        })}
        <label>
          <input type="checkbox" name="feedFullText" value="yes" checked={form.feedFullText} />{' '}
          Feeds carry each piece’s full text (not only its summary)
        </label>
        {/* The first submit button is the one Enter presses: Save, not a menu arrow. */}
        <button type="submit">Save</button>
        <MenuFields menu="header" rows={form.header} problem={problem} />
        <MenuFields menu="footer" rows={form.footer} problem={problem} />
        <button type="submit">Save</button>
      </form>
      {id !== undefined && <LogoForm view={view} id={id} logoPath={logoPath} />}
    </AdminLayout>
  );
}

function MenuFields({
  menu,
  rows,
  problem,
}: {
  menu: MenuName;
  rows: MenuRow[];
  problem: FormProblem | undefined;
}) {
  const { title, max } = MENUS[menu];
  const filled = rows.flatMap((r, i) => (r.label !== '' || r.url !== '' ? [i] : []));
  const helpId = `${menu}-help`;
  return (
    <fieldset class="admin-menu">
      <legend>{title}</legend>
      <p id={helpId} class="admin-help">
        Up to {max} links. An address is a path on this site (/research) or a full web address
        (https://…). Change the order numbers, or use the arrows (they save the form); fill a blank
        row to add a link.
      </p>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Label</th>
            <th scope="col">Address</th>
            <th scope="col">Move</th>
            <th scope="col">Remove</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const key = `${menu}-${i}`;
            const where = `${title}, row ${i + 1}`;
            const invalid = (part: string) =>
              problem?.field === `${key}-${part}` ? ('true' as const) : undefined;
            const described = (part: string) =>
              problem?.field === `${key}-${part}` ? 'form-error' : undefined;
            const isFilled = filled.includes(i);
            return (
              <tr key={key}>
                <td>
                  <input
                    name={`${key}-order`}
                    inputMode="numeric"
                    size={3}
                    maxLength={3}
                    value={row.order}
                    aria-label={`${where}: order`}
                    aria-invalid={invalid('order')}
                    aria-describedby={described('order')}
                  />
                </td>
                <td>
                  <input
                    name={`${key}-label`}
                    maxLength={80}
                    value={row.label}
                    aria-label={`${where}: label`}
                    aria-invalid={invalid('label')}
                    aria-describedby={described('label')}
                  />
                </td>
                <td>
                  <input
                    name={`${key}-url`}
                    maxLength={2000}
                    value={row.url}
                    aria-label={`${where}: address`}
                    aria-invalid={invalid('url')}
                    aria-describedby={described('url')}
                  />
                </td>
                <td class="admin-menu__move">
                  {isFilled && i !== filled[0] && (
                    <button
                      type="submit"
                      name="move"
                      value={`${key}-up`}
                      aria-label={`${where}: move up`}
                    >
                      ↑
                    </button>
                  )}
                  {isFilled && i !== filled.at(-1) && (
                    <button
                      type="submit"
                      name="move"
                      value={`${key}-down`}
                      aria-label={`${where}: move down`}
                    >
                      ↓
                    </button>
                  )}
                </td>
                <td>
                  {isFilled && (
                    <input
                      type="checkbox"
                      name={`${key}-remove`}
                      value="yes"
                      checked={row.remove}
                      aria-label={`${where}: remove`}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

function LogoForm({
  view,
  id,
  logoPath,
}: {
  view: AdminView;
  id: number;
  logoPath: string | null;
}) {
  return (
    <>
      <h2>Logo</h2>
      {logoPath ? (
        <p>
          <img class="admin-logo" src={uploadUrl(logoPath)} alt="The current logo" />
        </p>
      ) : (
        <p>No logo yet: the site shows the center’s name instead.</p>
      )}
      <form
        method="post"
        action={`/admin/centers/${id}/logo`}
        enctype="multipart/form-data"
        class="admin-form"
      >
        <CsrfField view={view} />
        <label for="logo-file">New logo</label>
        <input
          id="logo-file"
          name="file"
          type="file"
          required
          accept="image/png,image/jpeg,image/webp,image/avif,image/gif"
          aria-describedby="logo-help"
        />
        <p id="logo-help" class="admin-help">
          A PNG, JPEG, WebP, AVIF or GIF image (not SVG), up to 20 MB, shown about 180 by 48 pixels.
          Its alt text on the site is the center’s name.
        </p>
        <button type="submit">Upload the logo</button>
      </form>
    </>
  );
}
