import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDossier } from '../helpers/dossier-cli.ts';
import { baseWorld, FIXTURES_DIR, makePublication } from '../helpers/factories.ts';

const dossier = (args: string[], cwd: string) =>
  runDossier(args, cwd, {
    DOSSIER_DATA_DIR: 'data',
    DOSSIER_SERVER_PUBLIC_URL: 'https://think.example',
  });

// The SQLite default: these commands touch the database only through the same index and
// repositories the server uses, which the search and storage suites run on both engines.
describe('dossier export --format search-records, and dossier reindex', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'dossier-search-cli-'));
    await symlink(join(FIXTURES_DIR, 'media'), join(cwd, 'media'));
    const records = [
      ...baseWorld(),
      makePublication({ slug: 'live-piece', title: 'Tidal Power in Small Harbours' }),
      makePublication({ slug: 'europe-piece', primaryCenter: 'europe', title: 'Grid Links' }),
      makePublication({ slug: 'draft-piece', status: 'draft' }),
      makePublication({
        slug: 'embargoed-piece',
        status: 'scheduled',
        publishedAt: '2099-01-01T00:00:00Z',
      }),
    ];
    await writeFile(join(cwd, 'world.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const imported = await dossier(['import', 'world.jsonl'], cwd);
    expect(imported.code, imported.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('writes one record per live publication, in the search-record shape, with url and date', async () => {
    const run = await dossier(['export', '--format', 'search-records', 'records.jsonl'], cwd);
    expect(run.code, run.stderr).toBe(0);
    const lines = (await readFile(join(cwd, 'records.jsonl'), 'utf8')).trim().split('\n');
    const records = lines.map((line) => JSON.parse(line));
    expect(records.map((r) => r.slug).sort()).toEqual(['europe-piece', 'live-piece']);
    const live = records.find((r) => r.slug === 'live-piece');
    for (const key of [
      'authors',
      'type',
      'centerAffiliationAll',
      'centers',
      'collections',
      'englishNewsletterAll',
      'nonEnglishNewsletterAll',
      'primaryCenter',
      'programAffiliation',
      'programs',
      'projects',
      'regions',
      'topics',
      'id',
      'title',
      'summary',
      'url',
      'date',
    ]) {
      expect(live, key).toHaveProperty(key);
    }
    expect(live.title).toBe('Tidal Power in Small Harbours');
    expect(live.url).toBe('https://think.example/research/live-piece');
    expect(live.date).toBe('2024-03-01');
    expect(typeof live.id).toBe('number');
    // On its primary center's site.
    const europe = records.find((r) => r.slug === 'europe-piece');
    expect(europe.url).toBe('https://think.example/europe/research/europe-piece');
  });

  it('never overwrites a file, and refuses an unknown format', async () => {
    await writeFile(join(cwd, 'taken.jsonl'), 'keep me');
    const run = await dossier(['export', '--format', 'search-records', 'taken.jsonl'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already exists');
    expect(await readFile(join(cwd, 'taken.jsonl'), 'utf8')).toBe('keep me');
    const odd = await dossier(['export', '--format', 'algolia', 'x.jsonl'], cwd);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain('unknown format "algolia"');
  });

  it('reindex builds the index, reports its size, and tells running servers to rebuild', async () => {
    const run = await dossier(['reindex'], cwd);
    expect(run.code, run.stderr).toBe(0);
    // Two live pieces; the draft and the embargoed one are not in the index.
    expect(run.stdout).toMatch(/Search index: 2 live publications, \d+ terms/);
    expect(run.stdout).toContain('Running servers will rebuild theirs.');
  });
});
