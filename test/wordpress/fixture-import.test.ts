import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWordpressMap } from '../../src/import/wordpress/map-file.ts';
import {
  importWordpress,
  type WordpressImportOptions,
  type WordpressImportResult,
} from '../../src/import/wordpress/wordpress-import.ts';
import { readWxr } from '../../src/import/wordpress/wxr-reader.ts';
import { testDialects } from '../helpers/dialects.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { wordpressFixture } from './fixture.ts';

const fixture = wordpressFixture();
const MAP = fileURLToPath(new URL('./fixture-map.json', import.meta.url));
const SOURCE = 'wordpress/thinktank.example.org';

interface Counts {
  types: Record<string, number>;
  terms: Record<string, number>;
  meta: Record<string, number>;
  f: Record<string, number>;
}

for (const dialect of testDialects()) {
  describe.skipIf(fixture === undefined)(
    `import wordpress: the fixture export (${dialect.name})`,
    () => {
      const dir = fixture ?? '';
      let site: TestSite;
      let first: WordpressImportResult;
      let counts: Counts;

      async function run(options: Partial<WordpressImportOptions> = {}) {
        const loaded = await loadWordpressMap(MAP);
        if ('error' in loaded) throw new Error(loaded.error);
        const result = await importWordpress(
          { db: site.database.db, uploadsDir: join(site.dataDir, 'uploads'), clock: site.clock },
          { file: join(dir, 'wxr-300.xml'), map: loaded.map, ...options },
        );
        if ('error' in result) throw new Error(result.error);
        return result;
      }
      const db = () => site.database.db;
      /** The Dossier row a WordPress post became. */
      const targetOf = async (postId: number) =>
        (
          await db()
            .selectFrom('external_ids')
            .select('target_id')
            .where('external_id', '=', `${SOURCE}/post/${postId}`)
            .executeTakeFirstOrThrow()
        ).target_id;
      const publication = async (postId: number) =>
        db()
          .selectFrom('publications')
          .selectAll()
          .where('id', '=', await targetOf(postId))
          .executeTakeFirstOrThrow();

      beforeAll(async () => {
        counts = JSON.parse(await readFile(join(dir, 'wxr-300.counts.json'), 'utf8'));
        site = await openTestSite(dialect, '2026-06-01T12:00:00Z');
        first = await run();
        await site.rebuild();
      }, 240_000);
      afterAll(async () => {
        await site?.close();
      });

      it('imports every post, page and attachment, and skips only the menu items', async () => {
        const posts = Object.entries(counts.types)
          .filter(([type]) => type.startsWith('post/'))
          .reduce((sum, [, n]) => sum + n, 0);
        expect(first.items).toBe(Object.values(counts.types).reduce((a, b) => a + b, 0));
        expect(first.report.created).toMatchObject({
          publication: posts,
          page: counts.types['page/publish'],
          media: counts.types['attachment/inherit'],
        });
        expect(first.report.rejected.map((r) => [r.item?.split(' ')[0], r.field])).toEqual(
          Array(counts.types['nav_menu_item/publish']).fill(['nav_menu_item', 'wp:post_type']),
        );
      });

      it('maps WordPress statuses to the workflow, keeping private and protected posts private', async () => {
        const rows = await db()
          .selectFrom('publications')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('status')
          .execute();
        const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
        const isProtected = counts.f['password-protected'] ?? 0;
        expect(byStatus).toEqual({
          published: (counts.types['post/publish'] ?? 0) - isProtected,
          scheduled: counts.types['post/future'],
          review: counts.types['post/pending'],
          draft:
            (counts.types['post/draft'] ?? 0) + (counts.types['post/private'] ?? 0) + isProtected,
        });
        const scheduled = await db()
          .selectFrom('publications')
          .select('published_at')
          .where('status', '=', 'scheduled')
          .execute();
        expect(scheduled.every((p) => p.published_at?.startsWith('2027-'))).toBe(true);
      });

      it('keeps title, slug, excerpt and the UTC date of a post', async () => {
        const post = await publication(4);
        expect(post.title).toBe('Évaluation des réseaux côtiers : défis, priorités et coûts');
        expect(post.slug).toBe('evaluation-des-reseaux-cotiers-defis-priorites-et-couts');
        expect(post.published_at).toBe('2012-10-13T19:23:57.000Z');
        expect((await publication(7)).slug).toBe('migratsiia-i-rynki-truda-novye-otsenki');
        // A title in a script without a Latin spelling keeps a slug made from its id.
        expect((await publication(10)).slug).toBe('post-10');
        const withExcerpt = await db()
          .selectFrom('publications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('summary', '!=', '')
          .executeTakeFirstOrThrow();
        expect(Number(withExcerpt.n)).toBe(counts.f['posts with excerpt']);
      });

      it('lists authors and co-authors in byline order, naming the undescribed ones', async () => {
        const bylines = await expectedBylines(join(dir, 'wxr-300.xml'));
        const rows = await db()
          .selectFrom('publication_authors as pa')
          .innerJoin('people as pe', 'pe.id', 'pa.person_id')
          .innerJoin('external_ids as x', (join) =>
            join.onRef('x.target_id', '=', 'pa.publication_id').on('x.kind', '=', 'publication'),
          )
          .select(['x.external_id', 'pe.slug', 'pa.position'])
          .orderBy('pa.position')
          .execute();
        const actual = new Map<number, string[]>();
        for (const row of rows) {
          const id = Number(row.external_id.split('/').pop());
          actual.set(id, [...(actual.get(id) ?? []), row.slug]);
        }
        expect(actual.size).toBe(bylines.size);
        for (const [id, slugs] of bylines) expect(actual.get(id), `post ${id}`).toEqual(slugs);
        expect([...actual.values()].filter((s) => s.length > 1)).toHaveLength(124);
        expect(actual.get(4)).toEqual(['sara-garcia', 'yuki-garcia']);
        const named = await db()
          .selectFrom('people')
          .select('name')
          .where('slug', '=', 'noor-haddad')
          .executeTakeFirstOrThrow();
        expect(named.name).toBe('Noor Haddad');
      });

      it('files categories and tags as regions, programs, centers and topics with their hierarchy', async () => {
        const terms = await db()
          .selectFrom('terms as t')
          .leftJoin('terms as p', 'p.id', 't.parent_id')
          .select(['t.taxonomy', 't.slug', 'p.slug as parent'])
          .execute();
        const find = (slug: string) => terms.find((t) => t.slug === slug);
        expect(find('baltic-corridor')).toEqual({
          taxonomy: 'region',
          slug: 'baltic-corridor',
          parent: 'eastern-europe',
        });
        expect(find('eastern-europe')?.parent).toBeNull();
        expect(find('grid-storage')).toMatchObject({
          taxonomy: 'program',
          parent: 'energy-transition',
        });
        expect(find('energie-cotiere')?.taxonomy).toBe('topic');
        expect(find('bezopasnost-setei')?.taxonomy).toBe('topic');
        // The grouping categories are not terms themselves; the centers are centers.
        for (const group of ['regions', 'programs', 'centers', 'europe-center'])
          expect(find(group)).toBeUndefined();
        const groups = 4;
        const centerCategories = 8;
        expect(terms).toHaveLength(
          (counts.terms.category ?? 0) + (counts.terms.post_tag ?? 0) - groups - centerCategories,
        );
        const centers = await db().selectFrom('centers').select('slug').execute();
        expect(centers.map((c) => c.slug)).toContain('europe');
        // Post 4 is in the Europe Center category: that center owns it.
        const post = await publication(4);
        const owner = await db()
          .selectFrom('centers')
          .select('slug')
          .where('id', '=', post.primary_center_id)
          .executeTakeFirstOrThrow();
        expect(owner.slug).toBe('europe');
      });

      it('brings attachments as media with alt text and credit, and featured images as lead images', async () => {
        const media = await db().selectFrom('media').selectAll().execute();
        expect(media).toHaveLength(counts.types['attachment/inherit'] ?? 0);
        expect(media.filter((m) => m.alt !== '')).toHaveLength(
          counts.meta._wp_attachment_image_alt ?? 0,
        );
        for (const m of media)
          expect(existsSync(join(site.dataDir, 'uploads', m.path)), m.path).toBe(true);
        const withLead = await db()
          .selectFrom('publications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('lead_media_id', 'is not', null)
          .executeTakeFirstOrThrow();
        expect(Number(withLead.n)).toBe(counts.meta._thumbnail_id);
        const lead = await db()
          .selectFrom('media')
          .selectAll()
          .where('id', '=', (await publication(4)).lead_media_id)
          .executeTakeFirstOrThrow();
        expect(lead).toMatchObject({
          path: '2012/10/figure-001.jpg',
          alt: 'Bar chart of made-up values, figure 1',
          credit: 'Example Agency',
          width: 800,
          height: 500,
        });
      });

      it('fills report numbers and PDFs from post meta named in the map', async () => {
        const rows = await db()
          .selectFrom('publications')
          .select(['report_number', 'pdf_path'])
          .execute();
        expect(rows.filter((r) => r.report_number !== null)).toHaveLength(
          counts.meta.report_number ?? 0,
        );
        const pdfs = rows.map((r) => r.pdf_path).filter((p) => p !== null);
        expect(pdfs).toHaveLength(counts.meta.pdf_url ?? 0);
        for (const pdf of pdfs) expect(existsSync(join(site.dataDir, 'uploads', pdf))).toBe(true);
      });

      it('writes the Markdown of rich posts as expected', async () => {
        for (const id of [4, 7, 9]) {
          const expected = await readFile(
            new URL(`./expected/post-${id}.md.txt`, import.meta.url),
            'utf8',
          );
          expect(`${(await publication(id)).body_markdown}\n`, `post ${id}`).toBe(expected);
        }
      });

      it('answers the old URLs with a 301 to the new page', async () => {
        const cyrillic =
          '/2014/10/27/%d0%bc%d0%b8%d0%b3%d1%80%d0%b0%d1%86%d0%b8%d1%8f-%d0%b8-%d1%80%d1%8b%d0%bd%d0%ba%d0%b8-%d1%82%d1%80%d1%83%d0%b4%d0%b0-%d0%bd%d0%be%d0%b2%d1%8b%d0%b5-%d0%be%d1%86%d0%b5%d0%bd%d0%ba%d0%b8/';
        const cases: [string, string][] = [
          [
            '/2012/10/13/evaluation-des-reseaux-cotiers-defis-priorites-et-couts/',
            '/research/evaluation-des-reseaux-cotiers-defis-priorites-et-couts',
          ],
          ['/?p=4', '/research/evaluation-des-reseaux-cotiers-defis-priorites-et-couts'],
          // Its slug before WordPress renamed it (_wp_old_slug).
          [
            '/2012/10/13/the-the-from-the-regional-of-women-which-of-of-national/',
            '/research/evaluation-des-reseaux-cotiers-defis-priorites-et-couts',
          ],
          [cyrillic, '/research/migratsiia-i-rynki-truda-novye-otsenki'],
          ['/?attachment_id=10008', '/uploads/2013/05/figure-005.jpg'],
          [
            '/2012/10/13/evaluation-des-reseaux-cotiers-defis-priorites-et-couts/secretariat-and-frontier-cohort/',
            '/uploads/2012/10/figure-001.jpg',
          ],
          ['/wp-content/uploads/2012/10/figure-001.jpg', '/uploads/2012/10/figure-001.jpg'],
          ['/?page_id=10075', '/visiting-fellows'],
          ['/category/regions/eastern-europe/baltic-corridor/', '/regions/baltic-corridor'],
          ['/tag/energy/', '/topics/energy'],
          ['/author/sara-garcia/', '/experts/sara-garcia'],
        ];
        for (const [from, to] of cases) {
          const response = await site.app.inject({ url: from });
          expect([from, response.statusCode], from).toEqual([from, 301]);
          const location = String(response.headers.location);
          expect(location, from).toBe(to);
          const landed = await site.app.inject({ url: location });
          expect([location, landed.statusCode]).toEqual([location, 200]);
        }
      });

      it('does not redirect the old URLs of drafts or of posts scheduled for later', async () => {
        const draft = await site.app.inject({ url: '/?p=24' });
        expect(draft.statusCode).toBe(200); // the home page: nothing says the draft exists
        const scheduled = await db()
          .selectFrom('external_ids as x')
          .innerJoin('publications as p', 'p.id', 'x.target_id')
          .select('x.external_id')
          .where('x.kind', '=', 'publication')
          .where('p.status', '=', 'scheduled')
          .executeTakeFirstOrThrow();
        const id = scheduled.external_id.split('/').pop();
        expect((await site.app.inject({ url: `/?p=${id}` })).statusCode).toBe(200);
      });

      it('changes nothing when the same export is imported again', async () => {
        const before = await snapshot();
        const again = await run();
        expect(again.report.imported).toEqual({});
        expect(again.report.unchanged).toMatchObject({
          publication: first.report.created.publication,
          media: first.report.created.media,
        });
        expect(again.report.rejected).toHaveLength(first.report.rejected.length);
        expect(await snapshot()).toEqual(before);
      });

      async function snapshot() {
        const tables = [
          'publications',
          'people',
          'terms',
          'media',
          'pages',
          'old_urls',
          'external_ids',
        ] as const;
        const result: Record<string, unknown[]> = {};
        for (const table of tables)
          result[table] = await db().selectFrom(table).selectAll().execute();
        return result;
      }
    },
  );
}

/** Each post's byline as the fixture states it (peer_coauthors user ids → logins). */
async function expectedBylines(file: string): Promise<Map<number, string[]>> {
  const logins = new Map<number, string>();
  const bylines = new Map<number, string[]>();
  for await (const event of readWxr(createReadStream(file, 'utf8'), 'wxr-300.xml')) {
    if (event.kind === 'author') logins.set(event.author.id, event.author.login);
    if (event.kind !== 'item' || event.item.postType !== 'post') continue;
    const ids = (event.item.meta.find((m) => m.key === 'peer_coauthors')?.value ?? '')
      .split(',')
      .map(Number);
    bylines.set(
      Number(event.item.id),
      ids.map((id) => (id === 134 ? 'noor-haddad' : (logins.get(id) ?? `wordpress-user-${id}`))),
    );
  }
  return bylines;
}
