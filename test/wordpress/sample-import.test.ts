import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WordpressMap, wordpressMap } from '../../src/import/wordpress/map-file.ts';
import { importWordpress } from '../../src/import/wordpress/wordpress-import.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { type SampleItem, sampleWxr } from './wxr-sample.ts';

/** A 1×1 PNG, the smallest image an attachment can be. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const authors = [
  { id: 2, login: 'ann', name: 'Ann Archer' },
  { id: 3, login: 'ben', name: 'Ben Baker' },
];

/** The Co-Authors Plus plugin's shape: `author` terms on posts, guest authors as items. */
const coAuthorsPlus = sampleWxr({
  authors,
  terms: [
    { id: 40, taxonomy: 'author', slug: 'cap-ann', name: 'ann' },
    { id: 41, taxonomy: 'author', slug: 'cap-ben', name: 'ben' },
    { id: 42, taxonomy: 'author', slug: 'cap-carla-cruz', name: 'carla-cruz' },
    { id: 43, taxonomy: 'post_tag', slug: 'energy', name: 'Energy' },
  ],
  items: [
    {
      id: 10,
      title: 'Three hands',
      creator: 'ann',
      terms: [
        { domain: 'author', nicename: 'cap-carla-cruz', name: 'carla-cruz' },
        { domain: 'author', nicename: 'cap-ann', name: 'ann' },
        { domain: 'author', nicename: 'cap-ben', name: 'ben' },
        { domain: 'post_tag', nicename: 'energy', name: 'Energy' },
      ],
    },
    {
      id: 11,
      title: 'One hand',
      creator: 'ben',
      terms: [{ domain: 'author', nicename: 'cap-ben', name: 'ben' }],
    },
    { id: 12, title: 'No plugin terms', creator: 'ann' },
    // The guest author comes after the posts that name them.
    {
      id: 50,
      type: 'guest-author',
      title: 'Carla Cruz',
      name: 'cap-carla-cruz',
      meta: {
        'cap-display_name': 'Carla Cruz',
        'cap-first_name': 'Carla',
        'cap-last_name': 'Cruz',
        'cap-user_login': 'carla-cruz',
        'cap-description': 'Visiting scholar of made-up things.',
      },
    },
  ],
});

for (const dialect of testDialects()) {
  describe(`import wordpress: samples and bad input (${dialect.name})`, () => {
    let database: Database;
    let dir: string;
    const map: WordpressMap = wordpressMap.parse({});

    beforeAll(async () => {
      database = await dialect.open();
      dir = await mkdtemp(join(tmpdir(), 'dossier-wp-'));
      await mkdir(join(dir, 'uploads', '2020', '05'), { recursive: true });
      await writeFile(join(dir, 'uploads', '2020', '05', 'there.png'), PNG);
    });
    afterAll(async () => {
      await database?.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    async function importText(name: string, xml: string, options: { dryRun?: boolean } = {}) {
      const file = join(dir, name);
      await writeFile(file, xml);
      return importWordpress(
        {
          db: database.db,
          uploadsDir: join(dir, 'data-uploads'),
          clock: fixedClock('2026-06-01T12:00:00Z'),
        },
        { file, map, uploadsDir: join(dir, 'uploads'), ...options },
      );
    }
    const rows = (table: 'publications' | 'people' | 'media' | 'terms' | 'centers') =>
      database.db.selectFrom(table).selectAll().execute();
    const slugsOf = async (title: string) => {
      const piece = await database.db
        .selectFrom('publications')
        .select('id')
        .where('title', '=', title)
        .executeTakeFirstOrThrow();
      const authors = await database.db
        .selectFrom('publication_authors as pa')
        .innerJoin('people as p', 'p.id', 'pa.person_id')
        .select('p.slug')
        .where('pa.publication_id', '=', piece.id)
        .orderBy('pa.position')
        .execute();
      return authors.map((a) => a.slug);
    };

    it('tells in a dry run what would be created, and writes nothing', async () => {
      const result = await importText('cap-dry.xml', coAuthorsPlus, { dryRun: true });
      if ('error' in result) throw new Error(result.error);
      expect(result.report.created).toMatchObject({
        center: 1,
        type: 1,
        person: 3,
        publication: 3,
      });
      expect(result.report.rejected).toEqual([]);
      for (const table of ['publications', 'people', 'terms', 'centers'] as const)
        expect(await rows(table), table).toEqual([]);
    });

    it('reads Co-Authors Plus bylines in order, guest authors included', async () => {
      const result = await importText('cap.xml', coAuthorsPlus);
      if ('error' in result) throw new Error(result.error);
      expect(result.report.rejected).toEqual([]);
      expect(result.report.created).toMatchObject({ person: 3, publication: 3 });
      expect(await slugsOf('Three hands')).toEqual(['carla-cruz', 'ann', 'ben']);
      expect(await slugsOf('One hand')).toEqual(['ben']);
      expect(await slugsOf('No plugin terms')).toEqual(['ann']);
      const carla = (await rows('people')).find((p) => p.slug === 'carla-cruz');
      expect(carla).toMatchObject({
        name: 'Carla Cruz',
        sort_name: 'Cruz, Carla',
        bio: 'Visiting scholar of made-up things.',
      });
    });

    it('refuses a file that is not a WordPress export, naming it', async () => {
      const html = await importText('page.xml', '<?xml version="1.0"?><html><body/></html>');
      expect(html).toEqual({ error: expect.stringMatching(/page\.xml is not a WordPress export/) });
      const feed = await importText(
        'feed.xml',
        '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title><item><title>x</title></item></channel></rss>',
      );
      expect(feed).toEqual({ error: expect.stringMatching(/wp:wxr_version/) });
      const notXml = await importText('notes.xml', 'just some words');
      expect(notXml).toEqual({ error: expect.stringMatching(/notes\.xml is not well-formed XML/) });
    });

    it('refuses entity expansion (an XML bomb) and external entities without expanding them', async () => {
      const lol = Array.from({ length: 9 }, (_, i) =>
        i === 0
          ? '<!ENTITY lol0 "lololololololololololol">'
          : `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`,
      ).join('');
      const bomb = coAuthorsPlus
        .replace('<rss', `<!DOCTYPE rss [${lol}]>\n<rss`)
        .replace('<title>Sample Institute</title>', '<title>&lol8;</title>');
      const before = process.memoryUsage().heapUsed;
      expect(await importText('bomb.xml', bomb)).toEqual({
        error: expect.stringMatching(/DOCTYPE/),
      });
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
      const external = coAuthorsPlus
        .replace('<rss', '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss')
        .replace('<title>Sample Institute</title>', '<title>&xxe;</title>');
      expect(await importText('xxe.xml', external)).toEqual({
        error: expect.stringMatching(/DOCTYPE/),
      });
    });

    it('imports what comes before a truncation and names the item it cut', async () => {
      const before = (await rows('publications')).length;
      const whole = sampleWxr({
        authors,
        items: [
          { id: 20, title: 'Whole one' },
          { id: 21, title: 'Whole two' },
          { id: 22, title: 'Cut short' },
        ],
      });
      const cut = whole.slice(0, whole.indexOf('<wp:post_id>22</wp:post_id>') + 30);
      const result = await importText('cut.xml', cut);
      if ('error' in result) throw new Error(result.error);
      expect(result.report.rejected).toEqual([
        expect.objectContaining({
          file: 'cut.xml',
          item: 'item 22 “Cut short”',
          message: expect.stringMatching(/truncated/),
        }),
      ]);
      const titles = (await rows('publications')).map((p) => p.title);
      expect(titles).toEqual(expect.arrayContaining(['Whole one', 'Whole two']));
      expect(titles).not.toContain('Cut short');
      expect(titles).toHaveLength(before + 2);
    });

    it('skips a missing attachment file, a huge title and impossible dates, naming item and field', async () => {
      const items: SampleItem[] = [
        {
          id: 30,
          type: 'attachment',
          title: 'Present',
          attachmentUrl: 'https://sample.example.org/wp-content/uploads/2020/05/there.png',
          excerpt: 'Source: Example Agency',
          meta: { _wp_attached_file: '2020/05/there.png', _wp_attachment_image_alt: 'A dot' },
        },
        {
          id: 31,
          type: 'attachment',
          title: 'Absent',
          attachmentUrl: 'https://sample.example.org/wp-content/uploads/2020/05/gone.png',
          meta: { _wp_attached_file: '2020/05/gone.png' },
        },
        { id: 32, title: 'Pictured', meta: { _thumbnail_id: '30' } },
        { id: 33, title: 'Picture lost', meta: { _thumbnail_id: '31' } },
        { id: 34, title: 'x'.repeat(10_000) },
        { id: 35, title: 'February 31st', dateGmt: '2019-02-31 10:00:00' },
        { id: 36, title: 'Some day', date: 'yesterday', dateGmt: '0000-00-00 00:00:00' },
        { id: 37, title: 'Fine' },
      ];
      const result = await importText('bad.xml', sampleWxr({ authors, items }));
      if ('error' in result) throw new Error(result.error);
      const rejected = result.report.rejected.map((r) => [
        r.item?.split(' ').slice(0, 2).join(' '),
        r.field,
      ]);
      expect(rejected).toEqual([
        ['attachment 31', '_wp_attached_file'],
        ['post 34', 'title'],
        ['post 35', 'wp:post_date_gmt'],
        ['post 36', 'wp:post_date'],
      ]);
      expect(result.notes).toContainEqual(
        expect.objectContaining({
          item: 'post 33 “Picture lost”',
          message: expect.stringMatching(/featured image/),
        }),
      );
      const pieces = await rows('publications');
      const titles = pieces.map((p) => p.title);
      expect(titles).toEqual(expect.arrayContaining(['Pictured', 'Picture lost', 'Fine']));
      expect(titles.some((t) => t.length > 500 || t === 'February 31st' || t === 'Some day')).toBe(
        false,
      );
      const media = await rows('media');
      expect(media).toEqual([
        expect.objectContaining({
          path: '2020/05/there.png',
          alt: 'A dot',
          credit: 'Example Agency',
        }),
      ]);
      expect(pieces.find((p) => p.title === 'Pictured')?.lead_media_id).toBe(media[0]?.id);
      expect(pieces.find((p) => p.title === 'Picture lost')?.lead_media_id).toBeNull();
    });

    it('follows a post renamed in WordPress instead of adding a twin', async () => {
      const first = await importText(
        'v1.xml',
        sampleWxr({ authors, items: [{ id: 60, name: 'first-name', title: 'Renamed' }] }),
      );
      if ('error' in first) throw new Error(first.error);
      const second = await importText(
        'v2.xml',
        sampleWxr({ authors, items: [{ id: 60, name: 'second-name', title: 'Renamed' }] }),
      );
      if ('error' in second) throw new Error(second.error);
      expect(second.report.created).toEqual({});
      const renamed = (await rows('publications')).filter((p) => p.title === 'Renamed');
      expect(renamed.map((p) => p.slug)).toEqual(['second-name']);
      const redirect = await database.db
        .selectFrom('slug_redirects')
        .select('target_id')
        .where('old_slug', '=', 'first-name')
        .executeTakeFirstOrThrow();
      expect(redirect.target_id).toBe(renamed[0]?.id);
    });

    it('refuses to overwrite a publication it did not create under the same slug', async () => {
      const result = await importText(
        'clash.xml',
        sampleWxr({ authors, items: [{ id: 70, name: 'second-name', title: 'Impostor' }] }),
      );
      if ('error' in result) throw new Error(result.error);
      expect(result.report.rejected.map((r) => r.field)).toEqual(['slug']);
      expect((await rows('publications')).some((p) => p.title === 'Impostor')).toBe(false);
    });
  });
}
