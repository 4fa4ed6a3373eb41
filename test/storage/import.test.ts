import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportService, type ImportService } from '../../src/import/import-service.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, FIXTURES_DIR, makePublication } from '../helpers/factories.ts';

for (const dialect of testDialects()) {
  describe(`dossier import (${dialect.name})`, () => {
    let database: Database;
    let service: ImportService;
    let dir: string;
    beforeAll(async () => {
      database = await dialect.open();
      dir = await mkdtemp(join(tmpdir(), 'dossier-import-'));
      service = createImportService({
        db: database.db,
        uploadsDir: join(dir, 'uploads'),
        clock: fixedClock('2026-01-01T00:00:00Z'),
      });
      const world = await service.importRecords(
        baseWorld().map((value, i) => ({ line: i + 1, value })),
        { file: 'world', baseDir: FIXTURES_DIR },
      );
      expect(world.rejected).toEqual([]);
    });
    afterAll(async () => {
      await database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    async function importLines(name: string, lines: string[]) {
      const file = join(dir, name);
      await writeFile(file, `${lines.join('\n')}\n`);
      return service.importFile(file);
    }
    const count = async (table: 'publications' | 'publication_authors' | 'slug_redirects') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('reports each bad record by file, line and field, and loads the rest', async () => {
      const before = await count('publications');
      const report = await importLines('mixed.jsonl', [
        JSON.stringify(makePublication({ slug: 'good-one' })),
        '{ not json',
        JSON.stringify({ ...makePublication({ slug: 'no-type' }), type: 'no-such-type' }),
        JSON.stringify({ ...makePublication({ slug: 'bad-date' }), publishedAt: 'yesterday' }),
        JSON.stringify({ ...makePublication({ slug: 'Bad Slug' }) }),
        JSON.stringify({
          ...makePublication({ slug: 'missing-author' }),
          authors: ['alice-archer', 'nobody-here'],
        }),
        JSON.stringify({ kind: 'spaceship', slug: 'x' }),
        JSON.stringify({ ...makePublication({ slug: 'extra-field' }), colour: 'red' }),
        JSON.stringify({
          ...makePublication({ slug: 'escape' }),
          leadImage: { src: '../../etc/passwd', alt: 'x' },
        }),
        '',
        JSON.stringify(makePublication({ slug: 'good-two' })),
      ]);
      expect(report.imported).toEqual({ publication: 2 });
      const where = report.rejected.map((r) => [r.file, r.line, r.field]);
      expect(where).toEqual([
        ['mixed.jsonl', 2, ''],
        ['mixed.jsonl', 3, 'type'],
        ['mixed.jsonl', 4, 'publishedAt'],
        ['mixed.jsonl', 5, 'slug'],
        ['mixed.jsonl', 6, 'authors.1'],
        ['mixed.jsonl', 7, 'kind'],
        ['mixed.jsonl', 8, ''],
        ['mixed.jsonl', 9, 'leadImage.src'],
      ]);
      expect(await count('publications')).toBe(before + 2);
    });

    it('writes nothing of a record that fails half way (authors resolved, a term missing)', async () => {
      const authorsBefore = await count('publication_authors');
      const report = await importLines('half.jsonl', [
        JSON.stringify(makePublication({ slug: 'half-way', topics: ['energy', 'no-such-topic'] })),
      ]);
      expect(report.rejected.map((r) => r.field)).toEqual(['topics.1']);
      expect(await count('publication_authors')).toBe(authorsBefore);
      expect(
        await database.db
          .selectFrom('publications')
          .select('id')
          .where('slug', '=', 'half-way')
          .executeTakeFirst(),
      ).toBeUndefined();
    });

    it('updates by slug on a second import instead of duplicating', async () => {
      await importLines('v1.jsonl', [
        JSON.stringify(
          makePublication({
            slug: 'again',
            title: 'First title',
            authors: ['alice-archer', 'bruno-bell'],
          }),
        ),
      ]);
      const before = await count('publications');
      const report = await importLines('v2.jsonl', [
        JSON.stringify(
          makePublication({ slug: 'again', title: 'Second title', authors: ['bruno-bell'] }),
        ),
      ]);
      expect(report.rejected).toEqual([]);
      expect(await count('publications')).toBe(before);
      const row = await database.db
        .selectFrom('publications')
        .select(['id', 'title'])
        .where('slug', '=', 'again')
        .executeTakeFirstOrThrow();
      expect(row.title).toBe('Second title');
      const authors = await database.db
        .selectFrom('publication_authors')
        .select('person_id')
        .where('publication_id', '=', row.id)
        .execute();
      expect(authors).toHaveLength(1);
    });

    it('renames through previousSlugs and records a redirect from the old slug', async () => {
      await importLines('old.jsonl', [JSON.stringify(makePublication({ slug: 'old-name' }))]);
      const report = await importLines('new.jsonl', [
        JSON.stringify(makePublication({ slug: 'new-name', previousSlugs: ['old-name'] })),
      ]);
      expect(report.rejected).toEqual([]);
      const slugs = await database.db
        .selectFrom('publications')
        .select('slug')
        .where('slug', 'in', ['old-name', 'new-name'])
        .execute();
      expect(slugs.map((s) => s.slug)).toEqual(['new-name']);
      const redirect = await database.db
        .selectFrom('slug_redirects')
        .selectAll()
        .where('old_slug', '=', 'old-name')
        .executeTakeFirstOrThrow();
      expect(redirect.kind).toBe('publication');
    });

    it('refuses a term whose parent chain would loop', async () => {
      const report = await importLines('loop.jsonl', [
        JSON.stringify({
          kind: 'term',
          taxonomy: 'region',
          slug: 'europe',
          name: 'Europe',
          parent: 'france',
        }),
      ]);
      expect(report.rejected.map((r) => r.field)).toEqual(['parent']);
      const europe = await database.db
        .selectFrom('terms')
        .select('parent_id')
        .where('slug', '=', 'europe')
        .where('taxonomy', '=', 'region')
        .executeTakeFirstOrThrow();
      expect(europe.parent_id).toBeNull();
    });

    it('rejects a center whose host another center already uses, naming the field', async () => {
      const report = await importLines('host.jsonl', [
        JSON.stringify({
          kind: 'center',
          slug: 'copycat',
          name: 'Copycat',
          shortName: 'CC',
          host: 'asia.example.test',
        }),
      ]);
      expect(report.rejected.map((r) => r.field)).toEqual(['host']);
    });

    it("refuses a center prefix that would hide the site's own pages", async () => {
      const report = await importLines('prefix.jsonl', [
        JSON.stringify({
          kind: 'center',
          slug: 'shadow',
          name: 'Shadow',
          shortName: 'S',
          pathPrefix: 'research',
        }),
      ]);
      expect(report.rejected.map((r) => r.field)).toEqual(['pathPrefix']);
    });

    it('refuses menu links that could run script or leave the site by //host', async () => {
      const center = (url: string, slug: string) =>
        JSON.stringify({
          kind: 'center',
          slug,
          name: slug,
          shortName: 'M',
          pathPrefix: slug,
          navigation: {
            header: [
              { label: 'Home', url: '/' },
              { label: 'Bad', url },
            ],
          },
        });
      const bad = [
        'javascript:alert(1)',
        ' javascript:alert(1)',
        'data:text/html,x',
        '//evil.test/',
      ];
      const report = await importLines(
        'menus.jsonl',
        bad
          .map((url, i) => center(url, `menu-bad-${i}`))
          .concat(center('https://ok.test/a?b=ü', 'menu-ok')),
      );
      expect(report.rejected.map((r) => [r.line, r.field])).toEqual(
        bad.map((_, i) => [i + 1, 'navigation.header.1.url']),
      );
      const kept = await database.db
        .selectFrom('centers')
        .select('slug')
        .where('slug', 'like', 'menu-%')
        .execute();
      expect(kept.map((c) => c.slug)).toEqual(['menu-ok']);
    });

    it('reports a missing file without throwing', async () => {
      const report = await service.importFile(join(dir, 'nope.jsonl'));
      expect(report.rejected).toHaveLength(1);
    });
  });
}
