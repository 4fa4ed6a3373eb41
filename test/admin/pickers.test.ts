import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, addEditorAndAuthor, PASSWORD } from './admin-helpers.ts';

/*
 * The JSON the editor's search pickers ask while someone types: people and terms by the
 * words of their names, a few at a time, to signed-in accounts only; and the editor's
 * plain fields the pickers enhance, which keep working without script.
 */

const HOSTILE = '"><img src=x onerror=alert(1)> Zora';

for (const dialect of testDialects()) {
  describe(`${dialect.name}: the admin's search pickers`, () => {
    let site: TestSite;
    let editor: AdminBrowser;
    const json = async (who: AdminBrowser, url: string) => {
      const response = await who.get(url);
      return { status: response.statusCode, headers: response.headers, body: response.json() };
    };
    const names = (list: { name: string }[]) => list.map((p) => p.name);

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed([
        ...baseWorld(),
        ...Array.from({ length: 14 }, (_, i) =>
          makePerson({ slug: `quill-${i}`, name: `Quill Number ${String(i).padStart(2, '0')}` }),
        ),
        makePerson({ slug: 'zora-hostile', name: HOSTILE }),
        makePerson({ slug: 'percent-person', name: 'Rate 100% Person' }),
        makePublication({ slug: 'by-zora', authors: ['zora-hostile'], status: 'draft' }),
      ]);
      await addEditorAndAuthor(site);
      editor = new AdminBrowser(() => site.app);
      await editor.signIn('editor@example.org', PASSWORD);
    });
    afterAll(() => site?.close());

    it('finds people by every word typed, in any case, a few at a time', async () => {
      const found = await json(editor, '/admin/api/people?q=ALI');
      expect(found.status).toBe(200);
      expect(found.headers['content-type']).toMatch(/^application\/json/);
      expect(found.headers['cache-control']).toBe('no-store');
      expect(found.body.people).toEqual([
        {
          slug: 'alice-archer',
          name: 'Alice Archer',
          detail: 'Director and Senior Fellow, Economy Program',
        },
      ]);
      expect(names((await json(editor, '/admin/api/people?q=bell%20bru')).body.people)).toEqual([
        'Bruno Bell',
      ]);
      // An outside author says so, with where they write from.
      expect((await json(editor, '/admin/api/people?q=chen')).body.people[0]).toMatchObject({
        slug: 'chen-cho',
        detail: 'Harbor Institute, outside author',
      });
      const many = (await json(editor, '/admin/api/people?q=quill')).body.people;
      expect(many).toHaveLength(10);
      expect(many[0].name).toBe('Quill Number 00');
      // % and _ are letters, not patterns.
      expect(names((await json(editor, '/admin/api/people?q=100%25')).body.people)).toEqual([
        'Rate 100% Person',
      ]);
      expect((await json(editor, '/admin/api/people?q=%25%25')).body.people).toEqual([]);
      expect((await json(editor, '/admin/api/people?q=_')).body.people).toEqual([]);
      // A hostile name is data: JSON carries it as it is, for the script to show as text.
      expect(names((await json(editor, '/admin/api/people?q=zora')).body.people)).toEqual([
        HOSTILE,
      ]);
    });

    it('finds the terms of one taxonomy', async () => {
      const regions = await json(editor, '/admin/api/terms?taxonomy=region&q=europe');
      expect(regions.status).toBe(200);
      expect(regions.body.terms).toEqual([
        { slug: 'europe', name: 'Europe', detail: '' },
        { slug: 'western-europe', name: 'Western Europe', detail: '' },
      ]);
      expect(names((await json(editor, '/admin/api/terms?taxonomy=topic')).body.terms)).toEqual([
        'Energy',
        'Trade',
      ]);
      expect((await json(editor, '/admin/api/terms?taxonomy=topic&q=europe')).body.terms).toEqual(
        [],
      );
    });

    it('answers a bad question with a 400 in JSON naming the field', async () => {
      for (const [url, field] of [
        ['/admin/api/terms?q=energy', 'taxonomy'],
        ['/admin/api/terms?taxonomy=colour', 'taxonomy'],
        [`/admin/api/terms?taxonomy=topic&q=${'x'.repeat(201)}`, 'q'],
        [`/admin/api/people?q=${'x'.repeat(201)}`, 'q'],
      ] as const) {
        const response = await json(editor, url);
        expect(response.status, url).toBe(400);
        expect(response.body.error, url).toMatchObject({ code: 'BAD_REQUEST', field });
      }
    });

    it('answers signed-in accounts only, authors included', async () => {
      const author = new AdminBrowser(() => site.app);
      await author.signIn('alice@example.org', PASSWORD);
      expect((await json(author, '/admin/api/people?q=bruno')).body.people).toHaveLength(1);
      for (const url of ['/admin/api/people?q=alice', '/admin/api/terms?taxonomy=topic']) {
        const stranger = await site.app.inject(url);
        expect(stranger.statusCode, url).toBe(303);
        expect(stranger.headers.location).toMatch(/^\/admin\/login\?next=/);
        expect(stranger.body).not.toContain('Alice');
      }
    });

    it('marks the plain fields for the pickers, escaped, and keeps them working alone', async () => {
      const id = (
        await site.database.db
          .selectFrom('publications')
          .select('id')
          .where('slug', '=', 'by-zora')
          .executeTakeFirstOrThrow()
      ).id;
      const page = await editor.get(`/admin/publications/${id}`);
      expect(page.body).toContain('data-picker="people"');
      expect(page.body).toContain('data-picker-taxonomy="topic"');
      expect(page.body).toContain('data-picker-taxonomy="region"');
      expect(page.body).not.toContain('<img src=x');
      const names = /data-picker-names="([^"]*)"/.exec(page.body)?.[1] ?? '';
      const decoded = names
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&');
      expect(JSON.parse(decoded)).toEqual({ 'zora-hostile': HOSTILE });

      // Without script: address names in the box, and an outside author by name.
      const saved = await editor.submit(`/admin/publications/${id}`, `/admin/publications/${id}`, {
        title: 'Zora and friends',
        type: 'paper',
        summary: '',
        body: '',
        authors: 'zora-hostile\nbruno-bell',
        newAuthor: 'Olu Outsider',
        primaryCenter: 'hq',
        topics: 'trade',
        status: 'draft',
        publishedAt: '',
        embargoUntil: '',
      });
      expect(saved.statusCode, saved.body).toBe(303);
      const bylines = await site.database.db
        .selectFrom('publication_authors as pa')
        .innerJoin('people', 'people.id', 'pa.person_id')
        .select('people.name')
        .where('pa.publication_id', '=', id)
        .orderBy('pa.position')
        .execute();
      expect(bylines.map((b) => b.name)).toEqual([HOSTILE, 'Bruno Bell', 'Olu Outsider']);
    });
  });
}
