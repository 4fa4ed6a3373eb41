import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeJsonLinesCorpus } from '../../bench/import/jsonl-corpus.mts';
import { type WxrCorpus, writeWxrCorpus } from '../../bench/import/wxr-corpus.mts';
import { createDatabase, type Database } from '../../src/storage/database.ts';
import { createPostgresDatabase, testDialects } from '../helpers/dialects.ts';
import { DOSSIER_BIN, runDossier } from '../helpers/dossier-cli.ts';

/*
 * Issue 7: an import killed outright (SIGKILL: no handler runs, the open transaction is
 * cut off mid-write) and then run again ends with every item exactly once, each whole.
 * The real command on each engine, against a database of its own.
 */

/**
 * Issue 7 names 10,000 items. PostgreSQL proves the same with fewer: each of a record's ten
 * statements is a round trip to the server there (about 300 publications/s), and the suite
 * must stay short.
 */
const SIZES = {
  sqlite: { publications: 10_000, posts: 1_500 },
  postgres: { publications: 2_500, posts: 1_000 },
} as const;

/** Where one run of the command writes, and a way to look at it from outside. */
interface Target {
  env: Record<string, string>;
  /** Publications committed so far: 0 while the database or its tables do not exist yet. */
  countPublications(): Promise<number>;
  /** The database, for the checks once every run has ended. */
  open(): Database;
  remove(): Promise<void>;
}

async function sqliteTarget(dataDir: string): Promise<Target> {
  const path = join(dataDir, 'dossier.sqlite');
  return {
    env: { DOSSIER_DATA_DIR: dataDir },
    async countPublications() {
      // Read-only and never creating the file: the command under test creates and migrates it.
      try {
        const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('select count(*) as n from publications').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    },
    open: () => createDatabase({ sqlitePath: path, poolSize: 1 }),
    remove: async () => {},
  };
}

async function postgresTarget(dataDir: string): Promise<Target> {
  const { url, drop } = await createPostgresDatabase(process.env.DATABASE_URL ?? '');
  const watcher = createDatabase({ url, sqlitePath: ':memory:', poolSize: 1 });
  return {
    env: { DOSSIER_DATA_DIR: dataDir, DATABASE_URL: url },
    async countPublications() {
      try {
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from publications`.execute(watcher.db);
        return rows[0]?.n ?? 0;
      } catch {
        return 0;
      }
    },
    open: () => createDatabase({ url, sqlitePath: ':memory:', poolSize: 2 }),
    async remove() {
      await watcher.destroy();
      await drop();
    },
  };
}

/**
 * Starts the command and kills it (SIGKILL) as soon as some publications are committed;
 * returns how many there were once it was dead. Fails when it ended before that.
 */
async function killMidway(args: string[], cwd: string, target: Target): Promise<number> {
  const child = spawn(process.execPath, [DOSSIER_BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...target.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + 60_000;
  while (!hasExited && Date.now() < deadline && (await target.countPublications()) === 0)
    await sleep(20);
  if (hasExited)
    throw new Error(`the import ended (${await exited}) before it could be killed:\n${stderr}`);
  child.kill('SIGKILL');
  await exited;
  return target.countPublications();
}

/** Per publication slug: how many authors and distinct terms its record names. */
async function expectedLinks(
  file: string,
): Promise<Map<string, { authors: number; terms: number }>> {
  const links = new Map<string, { authors: number; terms: number }>();
  for await (const line of createInterface({ input: createReadStream(file, 'utf8') })) {
    const record = JSON.parse(line);
    if (record.kind !== 'publication') continue;
    const terms = ['programs', 'projects', 'regions', 'topics', 'collections'].flatMap((field) =>
      (record[field] ?? []).map((slug: string) => `${field}:${slug}`),
    );
    links.set(record.slug, { authors: record.authors.length, terms: new Set(terms).size });
  }
  return links;
}

/** Each publication with its links and whether an external id names it. */
async function publicationRows(database: Database) {
  const { rows } = await sql<{
    slug: string;
    authors: number;
    terms: number;
    primaries: number;
    origins: number;
  }>`
    select p.slug,
      (select count(*) from publication_authors a where a.publication_id = p.id) as authors,
      (select count(*) from publication_terms t where t.publication_id = p.id) as terms,
      (select count(*) from publication_centers c
        where c.publication_id = p.id and c.is_primary = 1) as primaries,
      (select count(*) from external_ids e
        where e.kind = 'publication' and e.target_id = p.id) as origins
    from publications p`.execute(database.db);
  return rows.map((r) => ({
    slug: r.slug,
    authors: Number(r.authors),
    terms: Number(r.terms),
    primaries: Number(r.primaries),
    origins: Number(r.origins),
  }));
}

/** Opens the target's database for a look, and closes it again before the next run. */
async function inspect<T>(target: Target, look: (database: Database) => Promise<T>): Promise<T> {
  const database = target.open();
  try {
    return await look(database);
  } finally {
    await database.destroy();
  }
}

for (const dialect of testDialects()) {
  describe(`an import killed with SIGKILL, then run again (${dialect.name})`, () => {
    const size = SIZES[dialect.name];
    let dir: string;
    let wxr: WxrCorpus;
    const targets: Target[] = [];
    const targetIn = async (dataDir: string) => {
      const target = await (dialect.name === 'sqlite' ? sqliteTarget : postgresTarget)(dataDir);
      targets.push(target);
      return target;
    };
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-import-crash-'));
      writeJsonLinesCorpus(join(dir, 'site.jsonl'), { publications: size.publications, seed: 7 });
      wxr = writeWxrCorpus(join(dir, 'wordpress'), { posts: size.posts });
    });
    afterAll(async () => {
      for (const target of targets) await target.remove();
      await rm(dir, { recursive: true, force: true });
    });

    it('JSON lines: leaves only whole publications, then every one exactly once', async () => {
      const target = await targetIn(join(dir, 'data-jsonl'));
      const expected = await expectedLinks(join(dir, 'site.jsonl'));
      const isWhole = (row: Awaited<ReturnType<typeof publicationRows>>[number]) => {
        const want = expected.get(row.slug);
        return want?.authors === row.authors && want.terms === row.terms && row.primaries === 1;
      };
      const command = ['import', 'site.jsonl'];
      const committed = await killMidway(command, dir, target);
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(size.publications);
      const killed = await inspect(target, publicationRows);
      expect(killed.filter((row) => !isWhole(row))).toEqual([]);

      const rerun = await runDossier(command, dir, target.env);
      expect(rerun.stdout).toContain('rejected 0');
      expect(rerun.code).toBe(0);
      const rows = await inspect(target, publicationRows);
      expect(rows).toHaveLength(size.publications);
      expect(new Set(rows.map((r) => r.slug)).size).toBe(size.publications);
      expect(rows.filter((row) => !isWhole(row))).toEqual([]);
    }, 120_000);

    it('WordPress: leaves only whole items, then every one exactly once by its WordPress id', async () => {
      const target = await targetIn(join(dir, 'data-wordpress'));
      // Every post has an author, a program, a region and two tags (topics), and its origin.
      const isWhole = (row: Awaited<ReturnType<typeof publicationRows>>[number]) =>
        row.authors >= 1 && row.terms >= 4 && row.primaries === 1 && row.origins === 1;
      const cwd = join(dir, 'wordpress');
      const command = ['import', 'wordpress', 'site.xml', '--map', 'map.json'];
      const committed = await killMidway(command, cwd, target);
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(size.posts);
      const killed = await inspect(target, publicationRows);
      expect(killed.filter((row) => !isWhole(row))).toEqual([]);

      const rerun = await runDossier(command, cwd, target.env);
      expect(rerun.stdout).toContain('skipped: 0 item(s)');
      expect(rerun.code).toBe(0);
      const { rows, origins, media, pages } = await inspect(target, async (database) => ({
        rows: await publicationRows(database),
        origins: await database.db
          .selectFrom('external_ids')
          .select(['kind', 'external_id'])
          .execute(),
        media: await database.db.selectFrom('media').select('id').execute(),
        pages: await database.db.selectFrom('pages').select('id').execute(),
      }));
      expect(rows).toHaveLength(size.posts);
      expect(rows.filter((row) => !isWhole(row))).toEqual([]);
      const postIds = (kind: string) =>
        origins
          .filter((o) => o.kind === kind)
          .map((o) => Number(o.external_id.slice(o.external_id.lastIndexOf('/') + 1)))
          .sort((a, b) => a - b);
      expect(postIds('publication')).toEqual(
        Array.from({ length: size.posts }, (_, i) => 1000 + i),
      );
      expect(postIds('media')).toHaveLength(wxr.attachments);
      expect(new Set(postIds('media')).size).toBe(wxr.attachments);
      expect(postIds('page')).toHaveLength(wxr.pages);
      expect(media).toHaveLength(wxr.attachments);
      expect(pages).toHaveLength(wxr.pages);
    }, 120_000);
  });
}
