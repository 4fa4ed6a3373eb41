import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/export/export-site.ts';
import { testDialects } from '../helpers/dialects.ts';
import { addLiveActivity } from './live-activity.ts';
import { richWorld, writeRichWorldFiles } from './rich-world.ts';
import { expectSameFolders, exportTo, importFile, load, type SiteCopy } from './site-copies.ts';
import { snapshotTables } from './table-snapshot.ts';

const WITH_HASHES = { withPasswordHashes: true };
const AS_EXPORT = { as: 'export' } as const;

for (const dialect of testDialects()) {
  describe(`export, import into an empty database, export again (${dialect.name})`, () => {
    let dir: string;
    let source: SiteCopy;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-round-trip-'));
      await writeRichWorldFiles(join(dir, 'world'));
      source = { database: await dialect.open(), uploadsDir: join(dir, 'uploads-source') };
      await load(source, richWorld(), join(dir, 'world'));
      await addLiveActivity(source, join(dir, 'data-source'));
    });
    afterAll(async () => {
      await source?.database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    it('reproduces every table row for row, the uploads, and the same files again, once', async () => {
      const first = await exportTo(source, join(dir, 'export-1'), WITH_HASHES);
      expect(first.counts).toMatchObject({
        featured: 3,
        origin: 6,
        oldUrl: 16,
        user: 4,
        revision: 6,
        scheduledJob: 5,
        consentText: 2,
        subscriber: 5,
        suppression: 3,
        newsletterIssue: 4,
      });
      const copy: SiteCopy = {
        database: await dialect.open(),
        uploadsDir: join(dir, 'uploads-copy'),
      };
      try {
        const report = await importFile(copy, first.file);
        expect(report.rejected).toEqual([]);
        expect(await snapshotTables(copy.database, AS_EXPORT)).toEqual(
          await snapshotTables(source.database, AS_EXPORT),
        );
        await expectSameFolders(source.uploadsDir, copy.uploadsDir);
        await exportTo(copy, join(dir, 'export-2'), WITH_HASHES);
        await expectSameFolders(join(dir, 'export-1'), join(dir, 'export-2'));

        // The same file again changes nothing: no second revision, ledger or audit entry.
        expect((await importFile(copy, first.file)).rejected).toEqual([]);
        expect(await snapshotTables(copy.database, AS_EXPORT)).toEqual(
          await snapshotTables(source.database, AS_EXPORT),
        );
      } finally {
        await copy.database.destroy();
      }
    }, 180_000);

    it('writes records so that each names only what an earlier line made', async () => {
      const lines = (await readFile(join(dir, 'export-1', 'dossier.jsonl'), 'utf8'))
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map(
          (line) =>
            JSON.parse(line) as {
              kind: string;
              slug?: string;
              translationOf?: string;
              parent?: string;
            },
        );
      const seen = new Set<string>();
      for (const record of lines) {
        if (record.kind === 'term' && record.parent)
          expect(seen).toContain(`term:${record.parent}`);
        if (record.kind === 'publication' && record.translationOf)
          expect(seen).toContain(`publication:${record.translationOf}`);
        seen.add(`${record.kind}:${record.slug}`);
      }
      // The loop is broken by writing one piece twice, the second time in full.
      const loopA = lines.filter((r) => r.kind === 'publication' && r.slug === 'loop-a');
      expect(loopA.map((r) => r.translationOf)).toEqual([undefined, 'loop-b']);
    });

    it('refuses a folder that is not empty, and leaves it as it was', async () => {
      const out = join(dir, 'occupied');
      await exportTo(source, out);
      await writeFile(join(out, 'note.txt'), 'mine');
      const before = await readFile(join(out, 'dossier.jsonl'));
      await expect(
        exportSite({ db: source.database.db, uploadsDir: source.uploadsDir }, { outDir: out }),
      ).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
      expect((await readFile(join(out, 'dossier.jsonl'))).equals(before)).toBe(true);
      expect(await readFile(join(out, 'note.txt'), 'utf8')).toBe('mine');
    });
  });
}
