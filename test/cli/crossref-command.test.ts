import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeposit } from '../helpers/crossref-reader.ts';
import { runDossier } from '../helpers/dossier-cli.ts';
import { baseWorld, FIXTURES_DIR, makePublication } from '../helpers/factories.ts';

const CROSSREF_ENV = {
  DOSSIER_CROSSREF_DEPOSITOR_NAME: 'Research Office',
  DOSSIER_CROSSREF_DEPOSITOR_EMAIL: 'doi@think.example',
  DOSSIER_CROSSREF_DOI_PREFIX: '10.5555',
  DOSSIER_SERVER_PUBLIC_URL: 'https://think.example',
};

const dossier = (args: string[], cwd: string, env: Record<string, string>) =>
  runDossier(args, cwd, { DOSSIER_DATA_DIR: 'data', ...env });

// The file's validity against Crossref's schema is test/outputs/crossref.test.ts's job.
describe('dossier crossref export', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'dossier-crossref-cli-'));
    // The records name media/… files relative to the import file, as the factories do.
    await symlink(join(FIXTURES_DIR, 'media'), join(cwd, 'media'));
    const records = [
      ...baseWorld(),
      makePublication({ slug: 'with-doi', doi: '10.5555/with-doi', reportNumber: 'WP 1' }),
      makePublication({ slug: 'other-prefix', doi: '10.7777/elsewhere' }),
      makePublication({ slug: 'without-doi' }),
    ];
    await writeFile(join(cwd, 'world.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const imported = await dossier(['import', 'world.jsonl'], cwd, {});
    expect(imported.code, imported.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('writes the valid records to --out, names each left-out one on stderr, and exits 1', async () => {
    const run = await dossier(['crossref', 'export', '--out', 'deposit.xml'], cwd, CROSSREF_ENV);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /publication other-prefix \(id \d+\): field doi: 10\.7777\/elsewhere is not under this site's DOI prefix 10\.5555/,
    );
    expect(run.stderr).toContain('1 deposited in deposit.xml; 1 left out');
    expect(run.stdout).toBe('');
    const xml = await readFile(join(cwd, 'deposit.xml'), 'utf8');
    expect(readDeposit(xml).works.map((w) => [w.doi, w.resource])).toEqual([
      ['10.5555/with-doi', 'https://think.example/research/with-doi'],
    ]);
  }, 120_000);

  it('writes one record to standard output with --slug, and exits 0', async () => {
    const run = await dossier(['crossref', 'export', '--slug', 'with-doi'], cwd, CROSSREF_ENV);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<doi_batch /);
    expect(readDeposit(run.stdout).works).toHaveLength(1);
  }, 120_000);

  it('explains what is missing: settings, a live piece, the subcommand', async () => {
    const unset = await dossier(['crossref', 'export'], cwd, {});
    expect(unset.code).toBe(1);
    for (const name of [
      'DOSSIER_CROSSREF_DEPOSITOR_NAME',
      'DOSSIER_CROSSREF_DEPOSITOR_EMAIL',
      'DOSSIER_CROSSREF_DOI_PREFIX',
      'DOSSIER_SERVER_PUBLIC_URL',
    ])
      expect(unset.stderr).toContain(name);
    const unknown = await dossier(['crossref', 'export', '--slug', 'nope'], cwd, CROSSREF_ENV);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No live publication has the slug "nope"');
    const noDoi = await dossier(['crossref', 'export', '--slug', 'without-doi'], cwd, CROSSREF_ENV);
    expect(noDoi.code).toBe(1);
    expect(noDoi.stderr).toMatch(/publication without-doi \(id \d+\): field doi: is missing/);
    const bare = await dossier(['crossref'], cwd, CROSSREF_ENV);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('dossier crossref export');
    for (const run of [unset, unknown, noDoi, bare]) expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
