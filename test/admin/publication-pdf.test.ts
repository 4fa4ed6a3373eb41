import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PDF_BYTES } from '../../src/admin/media/uploads.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import {
  AdminBrowser,
  addEditorAndAuthor,
  csrfOf,
  PASSWORD,
  publicationIdOf,
} from './admin-helpers.ts';

/*
 * A publication's PDF in the admin: uploaded (judged by its first bytes, never its name),
 * stored under our own name and linked from the public page, whose link downloads the
 * very bytes as application/pdf. Replacing and removing it are edits like any other: on a
 * live piece they wait in the pending revision. Anything but a PDF, a file over the limit
 * or a name with a path is refused with the field named, and nothing changes.
 */

/** A small file that starts and ends as a PDF does, with bytes of every value inside. */
function pdfBytes(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
    randomBytes(4096),
    Buffer.from('\n%%EOF\n'),
  ]);
}

async function filesUnder(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true }).catch(() => [])).map(String).sort();
}

/** The href of the page's "Download the PDF" link, if it has one. */
function downloadLink(html: string): string | undefined {
  return /<a href="([^"]+)">Download the PDF<\/a>/.exec(html)?.[1];
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: publication PDFs`, () => {
    let site: TestSite;
    const browser = () => new AdminBrowser(() => site.app);
    const signedInEditor = async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      return editor;
    };
    const idOf = (slug: string) => publicationIdOf(site, slug);
    const pdfPathOf = async (slug: string) =>
      (
        await site.database.db
          .selectFrom('publications')
          .select('pdf_path')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow()
      ).pdf_path;
    const audit = async (id: number) =>
      (
        await site.database.db
          .selectFrom('audit_log')
          .select(['action', 'detail'])
          .where('entity', '=', 'publication')
          .where('entity_id', '=', String(id))
          .orderBy('id')
          .execute()
      ).map((row) => ({ action: row.action, detail: JSON.parse(row.detail) }));
    const uploadPdf = async (
      who: AdminBrowser,
      id: number,
      file: { name: string; bytes: Buffer; type?: string },
    ) => {
      const page = await who.get(`/admin/publications/${id}`);
      return who.postFile(
        `/admin/publications/${id}/pdf`,
        { _csrf: csrfOf(page.body) },
        { type: 'application/pdf', ...file },
      );
    };
    const publish = async (who: AdminBrowser, id: number) => {
      const page = await who.get(`/admin/publications/${id}`);
      const response = await who.post(`/admin/publications/${id}/publish`, {
        _csrf: csrfOf(page.body),
      });
      expect(response.statusCode).toBe(303);
    };

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'papered',
          title: 'Soon With a PDF',
          status: 'draft',
          authors: ['chen-cho'],
        }),
        makePublication({ slug: 'live-report', title: 'A Live Report', authors: ['bruno-bell'] }),
        makePublication({
          slug: 'imported-pdf',
          status: 'draft',
          authors: ['bruno-bell'],
          pdf: 'files/report.pdf',
        }),
        makePublication({ slug: 'alices-draft', status: 'draft', authors: ['alice-archer'] }),
      ]);
      await addEditorAndAuthor(site);
    });
    afterAll(() => site?.close());

    it('attaches a PDF whose public link downloads the same bytes as application/pdf', async () => {
      const editor = await signedInEditor();
      const id = await idOf('papered');
      const bytes = pdfBytes();
      const hostileName = '"><img src=x onerror=alert(1)> Annual Report.pdf';
      const response = await uploadPdf(editor, id, { name: hostileName, bytes });
      expect(response.statusCode, response.body.slice(0, 400)).toBe(303);
      const path = await pdfPathOf('papered');
      expect(path).toMatch(
        /^files\/\d{4}\/\d{2}\/img-src-x-onerror-alert-1-annual-report-[0-9a-f]{8}\.pdf$/,
      );

      const page = await editor.get(`/admin/publications/${id}`);
      expect(page.body).toContain(`href="/uploads/${path}"`);
      expect(page.body).toContain('Remove the PDF');
      expect(page.body).not.toContain('<img src=x');

      expect((await site.app.inject('/research/papered')).statusCode).toBe(404);
      await publish(editor, id);
      const live = await site.app.inject('/research/papered');
      expect(live.statusCode).toBe(200);
      const link = downloadLink(live.body);
      expect(link).toBe(`/uploads/${path}`);
      const download = await site.app.inject(link ?? '');
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.equals(bytes)).toBe(true);

      const entries = await audit(id);
      const attached = entries.find((e) => e.action === 'publication.pdf-attach');
      // (The browser's form encoding sends the name's quotation mark as %22.)
      expect(attached?.detail).toEqual({
        path,
        uploadedAs: hostileName.replace('"', '%22'),
        pending: false,
      });
      expect(entries.map((e) => e.action)).toContain('publication.save');
    });

    it('on a live piece, keeps a new or removed PDF in the pending revision until published', async () => {
      const editor = await signedInEditor();
      const id = await idOf('live-report');
      const first = pdfBytes();
      expect((await uploadPdf(editor, id, { name: 'report.pdf', bytes: first })).statusCode).toBe(
        303,
      );
      // The public still sees the live version: no PDF yet.
      expect(await pdfPathOf('live-report')).toBeNull();
      expect(downloadLink((await site.app.inject('/research/live-report')).body)).toBeUndefined();
      const pending = await editor.get(`/admin/publications/${id}`);
      expect(pending.body).toContain('Publish the pending revision');
      expect(pending.body).toContain('the change waits in the pending revision');
      await publish(editor, id);
      const path = await pdfPathOf('live-report');
      expect(path).toMatch(/^files\/\d{4}\/\d{2}\/report-[0-9a-f]{8}\.pdf$/);
      expect(downloadLink((await site.app.inject('/research/live-report')).body)).toBe(
        `/uploads/${path}`,
      );

      // Replaced, then removed: each waits for publication.
      const second = pdfBytes();
      expect(
        (await uploadPdf(editor, id, { name: 'report v2.pdf', bytes: second })).statusCode,
      ).toBe(303);
      expect(await pdfPathOf('live-report')).toBe(path);
      await publish(editor, id);
      const replaced = await pdfPathOf('live-report');
      expect(replaced).toMatch(/report-v2-[0-9a-f]{8}\.pdf$/);
      const downloaded = await site.app.inject(`/uploads/${replaced}`);
      expect(downloaded.rawPayload.equals(second)).toBe(true);

      const page = await editor.get(`/admin/publications/${id}`);
      const removed = await editor.post(`/admin/publications/${id}/pdf/remove`, {
        _csrf: csrfOf(page.body),
      });
      expect(removed.statusCode).toBe(303);
      expect(await pdfPathOf('live-report')).toBe(replaced);
      await publish(editor, id);
      expect(await pdfPathOf('live-report')).toBeNull();
      expect(downloadLink((await site.app.inject('/research/live-report')).body)).toBeUndefined();

      const actions = (await audit(id)).map((e) => e.action);
      expect(actions.filter((a) => a.startsWith('publication.pdf-'))).toEqual([
        'publication.pdf-attach',
        'publication.pdf-replace',
        'publication.pdf-remove',
      ]);
      expect(actions.filter((a) => a === 'publication.save-pending')).toHaveLength(3);
    });

    it('refuses a PNG named .pdf, text, an oversize file or a path, and changes nothing', async () => {
      const editor = await signedInEditor();
      const id = await idOf('papered');
      const pathBefore = await pdfPathOf('papered');
      expect(pathBefore).not.toBeNull();
      const filesBefore = await filesUnder(join(site.dataDir, 'uploads'));
      const auditBefore = (await audit(id)).length;
      const png = await sharp({
        create: { width: 20, height: 20, channels: 3, background: { r: 0, g: 0, b: 0 } },
      })
        .png()
        .toBuffer();
      const cases: { name: string; bytes: Buffer }[] = [
        { name: 'picture.pdf', bytes: png },
        { name: 'notes.pdf', bytes: Buffer.from('Plain text that only claims to be a PDF.') },
        { name: 'page.pdf', bytes: Buffer.from('<!doctype html><script>alert(1)</script>') },
        { name: '../../escape.pdf', bytes: pdfBytes() },
        { name: 'sub/dir.pdf', bytes: pdfBytes() },
        {
          name: 'too-big.pdf',
          bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_PDF_BYTES, 32)]),
        },
      ];
      for (const { name, bytes } of cases) {
        const response = await uploadPdf(editor, id, { name, bytes });
        expect(response.statusCode, name).toBe(422);
        expect(response.body, name).toContain('role="alert"');
        expect(response.body, name).toContain('Edit: Soon With a PDF');
      }
      const page = await editor.get(`/admin/publications/${id}`);
      const noFile = await site.app.inject({
        method: 'POST',
        url: `/admin/publications/${id}/pdf`,
        payload: `--x\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${csrfOf(page.body)}\r\n--x--\r\n`,
        headers: {
          'content-type': 'multipart/form-data; boundary=x',
          cookie: editor.cookieHeader,
        },
      });
      expect(noFile.statusCode).toBe(422);
      expect(noFile.body).toContain('Choose a PDF file to upload.');

      expect(await filesUnder(join(site.dataDir, 'uploads'))).toEqual(filesBefore);
      expect(await pdfPathOf('papered')).toBe(pathBefore);
      expect((await audit(id)).length).toBe(auditBefore);
    });

    it('keeps an imported PDF through an ordinary save of the piece', async () => {
      const editor = await signedInEditor();
      const id = await idOf('imported-pdf');
      const page = await editor.get(`/admin/publications/${id}`);
      expect(page.body).toContain('href="/uploads/files/report.pdf"');
      const form = {
        _csrf: csrfOf(page.body),
        title: 'Renamed With Its PDF',
        type: 'paper',
        summary: '',
        body: 'Text.',
        status: 'draft',
        primaryCenter: 'hq',
        authors: 'bruno-bell',
        publishedAt: '',
        embargoUntil: '',
      };
      const saved = await editor.post(`/admin/publications/${id}`, form);
      expect(saved.statusCode, saved.body.slice(0, 600)).toBe(303);
      expect(await pdfPathOf('imported-pdf')).toBe('files/report.pdf');
    });

    it('lets authors attach PDFs to their own drafts only, and needs the form token', async () => {
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      const others = await idOf('live-report');
      const csrf = csrfOf((await author.get('/admin/publications')).body);
      const refused = await author.postFile(
        `/admin/publications/${others}/pdf`,
        { _csrf: csrf },
        { name: 'x.pdf', bytes: pdfBytes(), type: 'application/pdf' },
      );
      expect(refused.statusCode).toBe(403);
      const removal = await author.post(`/admin/publications/${others}/pdf/remove`, {
        _csrf: csrf,
      });
      expect(removal.statusCode).toBe(403);
      const own = await idOf('alices-draft');
      expect(
        (await uploadPdf(author, own, { name: 'mine.pdf', bytes: pdfBytes() })).statusCode,
      ).toBe(303);
      expect(await pdfPathOf('alices-draft')).toMatch(/mine-[0-9a-f]{8}\.pdf$/);

      const editor = await signedInEditor();
      const noToken = await editor.postFile(
        `/admin/publications/${await idOf('papered')}/pdf`,
        {},
        { name: 'x.pdf', bytes: pdfBytes(), type: 'application/pdf' },
      );
      expect(noToken.statusCode).toBe(403);
    });
  });
}
