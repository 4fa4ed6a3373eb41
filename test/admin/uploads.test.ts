import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniff } from '../../src/admin/media/uploads.ts';
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
 * Uploading a lead image in the admin: checked by its bytes, stored under our own name
 * with resized AVIF, WebP and JPEG copies (no camera metadata), and offered by the public
 * page through srcset. SVG, HTML, overlong files and names with paths are refused, and
 * nothing of a refused upload is kept.
 */

async function photo(width: number, height: number, withExif = false): Promise<Buffer> {
  const image = sharp({
    create: { width, height, channels: 3, background: { r: 30, g: 90, b: 140 } },
  }).jpeg();
  return withExif
    ? image
        .withExif({
          IFD0: { Copyright: 'Somewhere secret', Make: 'Camera Co' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' },
        })
        .toBuffer()
    : image.toBuffer();
}

async function filesUnder(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true }).catch(() => [])).map(String);
}

for (const dialect of testDialects()) {
  describe(`${dialect.name}: lead image uploads`, () => {
    let site: TestSite;
    let draftId: number;
    let othersId: number;
    const browser = () => new AdminBrowser(() => site.app);
    const idOf = (slug: string) => publicationIdOf(site, slug);

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        makePublication({
          slug: 'pictured',
          title: 'Soon Pictured',
          status: 'draft',
          authors: ['chen-cho'],
        }),
        makePublication({ slug: 'bruno-only', status: 'draft', authors: ['bruno-bell'] }),
      ]);
      await addEditorAndAuthor(site);
      draftId = await idOf('pictured');
      othersId = await idOf('bruno-only');
    });
    afterAll(() => site?.close());

    it('stores the image with resized copies and shows them through srcset', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const page = await editor.get(`/admin/publications/${draftId}`);
      const response = await editor.postFile(
        `/admin/publications/${draftId}/lead-image`,
        { _csrf: csrfOf(page.body), alt: 'A blue field', credit: 'Test Agency' },
        {
          name: 'Field Photo (final).jpg',
          bytes: await photo(2400, 1200, true),
          type: 'image/jpeg',
        },
      );
      expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
      const media = await site.database.db
        .selectFrom('publications as p')
        .innerJoin('media as m', 'm.id', 'p.lead_media_id')
        .select(['m.path', 'm.width', 'm.height', 'm.alt', 'm.variants'])
        .where('p.id', '=', draftId)
        .executeTakeFirstOrThrow();
      expect(media.path).toMatch(/^media\/\d{4}\/\d{2}\/field-photo-final-[0-9a-f]{8}\.jpg$/);
      expect([media.width, media.height, media.alt]).toEqual([2400, 1200, 'A blue field']);
      // The original the site serves is written again without the camera's notes too.
      const original = await sharp(join(site.dataDir, 'uploads', media.path)).metadata();
      expect([original.format, original.width, original.exif]).toEqual(['jpeg', 2400, undefined]);
      const variants = JSON.parse(media.variants) as {
        width: number;
        format: string;
        path: string;
      }[];
      expect(variants.map((v) => `${v.format}@${v.width}`).sort()).toEqual(
        ['avif', 'jpeg', 'webp'].flatMap((f) => [480, 960, 1600].map((w) => `${f}@${w}`)).sort(),
      );
      for (const variant of variants) {
        const meta = await sharp(join(site.dataDir, 'uploads', variant.path)).metadata();
        expect(meta.width, variant.path).toBe(variant.width);
        expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(variant.format);
        // The camera's notes (here a copyright and a maker) are not passed on.
        expect(meta.exif, variant.path).toBeUndefined();
      }

      const publish = await editor.post(`/admin/publications/${draftId}/publish`, {
        _csrf: csrfOf((await editor.get(`/admin/publications/${draftId}`)).body),
      });
      expect(publish.statusCode).toBe(303);
      const live = await site.app.inject('/research/pictured');
      expect(live.statusCode).toBe(200);
      expect(live.body).toMatch(
        /<source type="image\/avif" srcset="\/uploads\/media\/[^"]+-480\.avif 480w, [^"]+-960\.avif 960w, [^"]+-1600\.avif 1600w"/,
      );
      expect(live.body).toContain('<source type="image/webp"');
      expect(live.body).toMatch(
        /<img src="\/uploads\/media\/[^"]+\.jpg" srcset="[^"]+-480\.jpg 480w/,
      );
      expect(live.body).toContain('alt="A blue field"');
    });

    it('refuses what is not an image, too large, or named with a path, and keeps nothing', async () => {
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const before = await filesUnder(join(site.dataDir, 'uploads'));
      const cases: [string, Buffer, string, Record<string, string>][] = [
        [
          'drawing.svg',
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          'image/svg+xml',
          {},
        ],
        ['page.png', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png', {}],
        ['../../../outside.jpg', await photo(40, 40), 'image/jpeg', {}],
        ['folder/inside.jpg', await photo(40, 40), 'image/jpeg', {}],
        [
          'broken.jpg',
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]),
          'image/jpeg',
          {},
        ],
        [
          'huge.png',
          Buffer.concat([
            Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
            Buffer.alloc(21 * 1024 * 1024),
          ]),
          'image/png',
          {},
        ],
        ['fine.jpg', await photo(40, 40), 'image/jpeg', { alt: '' }],
      ];
      for (const [name, bytes, type, fields] of cases) {
        const page = await editor.get(`/admin/publications/${draftId}`);
        const response = await editor.postFile(
          `/admin/publications/${draftId}/lead-image`,
          { _csrf: csrfOf(page.body), alt: 'Something', credit: '', ...fields },
          { name, bytes, type },
        );
        expect(response.statusCode, name).toBe(422);
        expect(response.body, name).toContain('role="alert"');
        // Stopped by the multipart parser at the image limit, answered with the form.
        if (name.startsWith('huge')) expect(response.body).toContain('The file is over 20 MB.');
      }
      expect(await filesUnder(join(site.dataDir, 'uploads'))).toEqual(before);
      await expect(stat(join(site.dataDir, 'outside.jpg'))).rejects.toThrow();
    });

    it('keeps uploads to pieces one may edit, with the form token', async () => {
      const author = browser();
      await author.signIn('alice@example.org', PASSWORD);
      const page = await author.get('/admin/publications');
      const response = await author.postFile(
        `/admin/publications/${othersId}/lead-image`,
        { _csrf: csrfOf(page.body), alt: 'x' },
        { name: 'x.jpg', bytes: await photo(40, 40), type: 'image/jpeg' },
      );
      expect(response.statusCode).toBe(403);
      const editor = browser();
      await editor.signIn('editor@example.org', PASSWORD);
      const noToken = await editor.postFile(
        `/admin/publications/${draftId}/lead-image`,
        { alt: 'x' },
        { name: 'x.jpg', bytes: await photo(40, 40), type: 'image/jpeg' },
      );
      expect(noToken.statusCode).toBe(403);
    });

    it('tells files apart by their first bytes', () => {
      expect(sniff(Buffer.from('%PDF-1.7\n'))?.mimeType).toBe('application/pdf');
      expect(sniff(Buffer.from('GIF89a....'))?.mimeType).toBe('image/gif');
      expect(sniff(Buffer.from('<svg></svg>'))).toBeUndefined();
      expect(sniff(Buffer.from('<html>'))).toBeUndefined();
      expect(sniff(Buffer.alloc(0))).toBeUndefined();
    });
  });
}
