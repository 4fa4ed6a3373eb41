import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PDF_BYTES } from '../../src/admin/media/uploads.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * A person's photo, links and languages in the admin. The photo is uploaded on its own
 * form, judged by its bytes like a lead image (resized copies, nothing kept when refused),
 * and shows on the profile and under the person's pieces; it can be replaced and removed.
 * Links are rows of label and web address (never `javascript:`), languages are codes the
 * importer takes. Authors change none of it.
 */

async function portrait(format: 'jpeg' | 'png', size: number): Promise<Buffer> {
  const image = sharp({
    create: { width: size, height: size, channels: 3, background: { r: 200, g: 120, b: 40 } },
  });
  return format === 'jpeg' ? image.jpeg().toBuffer() : image.png().toBuffer();
}

/** The `<input>` of that name in a page, attributes and all. */
function inputNamed(html: string, name: string): string {
  const attributes = '(?:[^>"]|"[^"]*")*';
  return new RegExp(`<input\\b${attributes}?\\sname="${name}"${attributes}>`).exec(html)?.[0] ?? '';
}

async function filesUnder(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true }).catch(() => [])).map(String).sort();
}

/** The person form as the page sends it, with the rows it shows. */
const personForm = (fields: Record<string, string>) => ({
  name: 'Bruno Bell',
  role: 'Fellow',
  affiliation: '',
  program: '',
  center: 'europe',
  orcid: '',
  email: '',
  bio: '',
  languages: '',
  expert: 'yes',
  expertise: 'topic:trade',
  'link-0-label': '',
  'link-0-url': '',
  'link-1-label': '',
  'link-1-url': '',
  'link-2-label': '',
  'link-2-url': '',
  ...fields,
});

for (const dialect of testDialects()) {
  describe(`${dialect.name}: person photos, links and languages`, () => {
    let site: TestSite;
    let brunoId: number;
    const browser = () => new AdminBrowser(() => site.app);
    const signedInEditor = async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      return editor;
    };
    const bruno = () =>
      site.database.db
        .selectFrom('people as p')
        .leftJoin('media as m', 'm.id', 'p.photo_media_id')
        .select([
          'p.photo_media_id',
          'p.links',
          'p.languages',
          'm.path',
          'm.alt',
          'm.credit',
          'm.width',
          'm.height',
          'm.variants',
        ])
        .where('p.slug', '=', 'bruno-bell')
        .executeTakeFirstOrThrow();
    const auditActions = async () =>
      (
        await site.database.db
          .selectFrom('audit_log')
          .select(['action', 'entity', 'entity_id', 'detail'])
          .where('entity', '=', 'person')
          .orderBy('id')
          .execute()
      ).map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
    const uploadPhoto = async (
      who: AdminBrowser,
      fields: Record<string, string>,
      file: { name: string; bytes: Buffer; type: string },
    ) => {
      const page = await who.get(`/admin/people/${brunoId}`);
      return who.postFile(
        `/admin/people/${brunoId}/photo`,
        { _csrf: csrfOf(page.body), ...fields },
        file,
      );
    };

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({ slug: 'bell-piece', title: 'A Piece by Bell', authors: ['bruno-bell'] }),
      ]);
      await addEditorAndAuthor(site);
      brunoId = (
        await site.database.db
          .selectFrom('people')
          .select('id')
          .where('slug', '=', 'bruno-bell')
          .executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(() => site?.close());

    it('shows an uploaded photo on the profile and under the pieces, then replaces and removes it', async () => {
      const editor = await signedInEditor();
      const hostile = '<script>alert(1)</script> "Bruno" at his desk';
      const uploaded = await uploadPhoto(
        editor,
        { alt: hostile, credit: 'Studio <b>North</b>' },
        {
          name: 'Bruno Portrait (2026).jpg',
          bytes: await portrait('jpeg', 1200),
          type: 'image/jpeg',
        },
      );
      expect(uploaded.statusCode, uploaded.body.slice(0, 400)).toBe(303);
      const first = await bruno();
      expect(first.path).toMatch(/^media\/2026\/06\/bruno-portrait-2026-[0-9a-f]{8}\.jpg$/);
      expect([first.alt, first.credit, first.width, first.height]).toEqual([
        hostile,
        'Studio <b>North</b>',
        1200,
        1200,
      ]);
      const variants = JSON.parse(first.variants ?? '[]') as { width: number; format: string }[];
      expect(variants.map((v) => `${v.format}@${v.width}`).sort()).toEqual(
        ['avif', 'jpeg', 'webp'].flatMap((f) => [480, 960, 1200].map((w) => `${f}@${w}`)).sort(),
      );

      const profile = await site.app.inject('/experts/bruno-bell');
      expect(profile.statusCode).toBe(200);
      expect(profile.body).toContain(
        `<img class="person-header__photo" src="/uploads/${first.path}" alt="&lt;script>alert(1)&lt;/script> &quot;Bruno&quot; at his desk"`,
      );
      const served = await site.app.inject(`/uploads/${first.path}`);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      const piece = await site.app.inject('/research/bell-piece');
      expect(piece.body).toContain(`class="author-profile__photo" src="/uploads/${first.path}"`);

      // The admin shows the photo with its description and credit, escaped.
      const adminPage = await editor.get(`/admin/people/${brunoId}?saved=1`);
      expect(adminPage.body).toContain(`src="/uploads/${first.path}"`);
      expect(adminPage.body).toContain('alt="&lt;script>alert(1)&lt;/script> &quot;Bruno&quot;');
      expect(adminPage.body).not.toContain('<script>alert(1)');
      expect(adminPage.body).toContain('Credit: Studio &lt;b>North&lt;/b>');

      const replaced = await uploadPhoto(
        editor,
        { alt: 'Bruno Bell, smiling', credit: '' },
        { name: 'new.png', bytes: await portrait('png', 300), type: 'image/png' },
      );
      expect(replaced.statusCode).toBe(303);
      const second = await bruno();
      expect(second.path).toMatch(/^media\/2026\/06\/new-[0-9a-f]{8}\.png$/);
      expect([second.alt, second.width]).toEqual(['Bruno Bell, smiling', 300]);
      expect((await site.app.inject('/experts/bruno-bell')).body).toContain(
        `src="/uploads/${second.path}"`,
      );

      const page = await editor.get(`/admin/people/${brunoId}`);
      const removed = await editor.post(`/admin/people/${brunoId}/photo/remove`, {
        _csrf: csrfOf(page.body),
      });
      expect(removed.statusCode).toBe(303);
      expect((await bruno()).photo_media_id).toBeNull();
      const bare = await site.app.inject('/experts/bruno-bell');
      expect(bare.statusCode).toBe(200);
      expect(bare.body).not.toContain('person-header__photo');
      expect((await site.app.inject('/research/bell-piece')).body).not.toContain(
        'author-profile__photo',
      );

      const audit = await auditActions();
      expect(audit.map((a) => `${a.action} ${a.entity_id}`)).toEqual([
        'person.photo-add bruno-bell',
        'person.photo-replace bruno-bell',
        'person.photo-remove bruno-bell',
      ]);
      expect(audit[0]?.detail).toMatchObject({
        path: first.path,
        uploadedAs: 'Bruno Portrait (2026).jpg',
      });
      expect(audit[2]?.detail).toMatchObject({ path: second.path });
    });

    it('refuses SVG, HTML, text named .jpg, oversize and unreadable images, and paths, changing nothing', async () => {
      const editor = await signedInEditor();
      const photo = await portrait('jpeg', 200);
      await uploadPhoto(
        editor,
        { alt: 'Bruno Bell', credit: '' },
        { name: 'kept.jpg', bytes: photo, type: 'image/jpeg' },
      );
      const before = await bruno();
      expect(before.path).toMatch(/kept-/);
      const filesBefore = await filesUnder(join(site.dataDir, 'uploads'));
      const auditBefore = (await auditActions()).length;
      const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
      const cases: [string, Buffer, string, Record<string, string>][] = [
        [
          'face.svg',
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          'image/svg+xml',
          {},
        ],
        ['face.html', Buffer.from('<!doctype html><script>alert(1)</script>'), 'text/html', {}],
        [
          'face.jpg',
          Buffer.from('Just some notes, renamed to look like a photo.'),
          'image/jpeg',
          {},
        ],
        ['broken.jpg', Buffer.concat([jpegStart, Buffer.alloc(400, 9)]), 'image/jpeg', {}],
        [
          'huge.jpg',
          Buffer.concat([jpegStart, Buffer.alloc(21 * 1024 * 1024, 1)]),
          'image/jpeg',
          {},
        ],
        ['../../outside.jpg', photo, 'image/jpeg', {}],
        ['folder\\inside.jpg', photo, 'image/jpeg', {}],
        ['no-description.jpg', photo, 'image/jpeg', { alt: '' }],
        ['long-credit.jpg', photo, 'image/jpeg', { credit: 'c'.repeat(301) }],
      ];
      for (const [name, bytes, type, fields] of cases) {
        const response = await uploadPhoto(
          editor,
          { alt: 'Bruno Bell', credit: '', ...fields },
          { name, bytes, type },
        );
        expect(response.statusCode, name).toBe(422);
        expect(response.body, name).toContain('role="alert"');
        if (name.startsWith('huge')) expect(response.body).toContain('The file is over 20 MB.');
        // The page is the person's, as stored.
        expect(response.body, name).toContain(`src="/uploads/${before.path}"`);
      }
      expect(await filesUnder(join(site.dataDir, 'uploads'))).toEqual(filesBefore);
      expect(await bruno()).toEqual(before);
      expect((await auditActions()).length).toBe(auditBefore);
    });

    it('edits links and languages, refusing anything but web addresses and language codes', async () => {
      const editor = await signedInEditor();
      const saved = await editor.submit(
        `/admin/people/${brunoId}`,
        `/admin/people/${brunoId}`,
        personForm({
          languages: 'en, fr pt-BR, en',
          'link-0-label': 'Personal site',
          'link-0-url': 'https://bruno.example/',
          'link-2-label': '<img src=x onerror=alert(1)>',
          'link-2-url': 'http://example.org/?a=1&b="2"',
        }),
      );
      expect(saved.statusCode, saved.body.slice(0, 400)).toBe(303);
      const stored = await bruno();
      expect(JSON.parse(stored.links)).toEqual([
        { label: 'Personal site', url: 'https://bruno.example/' },
        { label: '<img src=x onerror=alert(1)>', url: 'http://example.org/?a=1&b="2"' },
      ]);
      expect(JSON.parse(stored.languages)).toEqual(['en', 'fr', 'pt-BR']);

      const profile = await site.app.inject('/experts/bruno-bell');
      expect(profile.body).toContain('<a href="https://bruno.example/" rel="noopener me">');
      expect(profile.body).toContain('&lt;img src=x onerror=alert(1)>');
      expect(profile.body).not.toContain('<img src=x');

      // The form shows both links, then blank rows to add more, and the languages.
      const page = await editor.get(`/admin/people/${brunoId}`);
      expect(inputNamed(page.body, 'link-1-url')).toContain(
        'value="http://example.org/?a=1&amp;b=&quot;2&quot;"',
      );
      expect(page.body).toContain('name="link-4-label"');
      expect(page.body).not.toContain('name="link-5-label"');
      expect(page.body).toContain('value="en, fr, pt-BR"');

      const auditBefore = (await auditActions()).length;
      const kept = { 'link-0-label': 'Personal site', 'link-0-url': 'https://bruno.example/' };
      for (const [fields, field] of [
        [{ 'link-0-url': 'javascript:alert(1)' }, 'link-0-url'],
        [{ 'link-0-url': 'JavaScript:alert(document.cookie)' }, 'link-0-url'],
        [
          { 'link-1-label': 'x', 'link-1-url': 'data:text/html,<script>alert(1)</script>' },
          'link-1-url',
        ],
        [{ 'link-1-label': 'x', 'link-1-url': '//evil.example/' }, 'link-1-url'],
        [{ 'link-1-label': 'x', 'link-1-url': 'https://' }, 'link-1-url'],
        [{ 'link-1-label': 'x', 'link-1-url': 'https://a.example/ space' }, 'link-1-url'],
        [{ 'link-1-label': '', 'link-1-url': 'https://a.example/' }, 'link-1-label'],
        [{ 'link-1-label': 'y'.repeat(81), 'link-1-url': 'https://a.example/' }, 'link-1-label'],
        [{ languages: 'english' }, 'languages'],
        [{ languages: 'en, EN' }, 'languages'],
        [{ languages: 'en_GB' }, 'languages'],
      ] as const) {
        const response = await editor.submit(
          `/admin/people/${brunoId}`,
          `/admin/people/${brunoId}`,
          personForm({ ...kept, ...fields }),
        );
        const label = JSON.stringify(fields);
        expect(response.statusCode, label).toBe(422);
        expect(response.body, label).toContain('role="alert"');
        // The field at fault is marked and points at the message.
        expect(inputNamed(response.body, field), label).toMatch(
          /aria-invalid="true" aria-describedby="form-error[ "]/,
        );
      }
      expect(await bruno()).toEqual(stored);
      expect((await auditActions()).length).toBe(auditBefore);

      // Emptying a row removes its link.
      const emptied = await editor.submit(
        `/admin/people/${brunoId}`,
        `/admin/people/${brunoId}`,
        personForm({ 'link-0-label': 'Personal site', 'link-0-url': 'https://bruno.example/' }),
      );
      expect(emptied.statusCode).toBe(303);
      expect(JSON.parse((await bruno()).links)).toEqual([
        { label: 'Personal site', url: 'https://bruno.example/' },
      ]);
      expect(JSON.parse((await bruno()).languages)).toEqual([]);
    });

    it('keeps authors from changing people or their photos, and needs the form token', async () => {
      const before = await bruno();
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      const csrf = csrfOf((await author.get('/admin/publications')).body);
      expect((await author.get(`/admin/people/${brunoId}`)).statusCode).toBe(403);
      const edit = await author.post(`/admin/people/${brunoId}`, {
        ...personForm({ name: 'Taken Over' }),
        _csrf: csrf,
      });
      expect(edit.statusCode).toBe(403);
      const upload = await author.postFile(
        `/admin/people/${brunoId}/photo`,
        { _csrf: csrf, alt: 'x', credit: '' },
        { name: 'x.jpg', bytes: await portrait('jpeg', 100), type: 'image/jpeg' },
      );
      expect(upload.statusCode).toBe(403);
      // Past the multipart parser's own limit too, where the refusal is made before the route.
      const huge = await author.postFile(
        `/admin/people/${brunoId}/photo`,
        { _csrf: csrf, alt: 'x', credit: '' },
        {
          name: 'huge.jpg',
          bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_PDF_BYTES)]),
          type: 'image/jpeg',
        },
      );
      expect(huge.statusCode).toBe(403);
      expect(huge.body).not.toContain('Bruno Bell');
      const remove = await author.post(`/admin/people/${brunoId}/photo/remove`, { _csrf: csrf });
      expect(remove.statusCode).toBe(403);

      const editor = await signedInEditor();
      const noToken = await editor.postFile(
        `/admin/people/${brunoId}/photo`,
        { alt: 'x', credit: '' },
        { name: 'x.jpg', bytes: await portrait('jpeg', 100), type: 'image/jpeg' },
      );
      expect(noToken.statusCode).toBe(403);
      expect(await bruno()).toEqual(before);
    });
  });
}
