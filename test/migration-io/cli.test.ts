import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDossier } from '../helpers/dossier-cli.ts';

const STACK = /\n\s+at /;

const records = [
  { kind: 'network', slug: 'net', name: 'Net', shortName: 'N' },
  { kind: 'center', slug: 'hq', name: 'HQ', shortName: 'HQ', headquarters: true },
  { kind: 'type', slug: 'paper', name: 'Paper', pluralName: 'Papers' },
  { kind: 'person', slug: 'ann', name: 'Ann Author' },
  {
    kind: 'publication',
    slug: 'first',
    type: 'paper',
    title: 'First',
    primaryCenter: 'hq',
    authors: ['ann'],
    publishedAt: '2024-01-01T00:00:00Z',
  },
];

describe('dossier export, backup and restore on the command line', () => {
  let cwd: string;
  const dossier = (args: string[], dataDir = 'data') =>
    runDossier(args, cwd, { DOSSIER_DATA_DIR: dataDir });
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'dossier-migration-cli-'));
    await writeFile(join(cwd, 'site.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    expect((await dossier(['import', 'site.jsonl'])).code).toBe(0);
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('exports into a new folder and refuses one that is not empty', async () => {
    const run = await dossier(['export', 'out']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('dossier export: record');
    expect(run.stdout).toContain('exported 1 network, 1 center, 1 type, 1 person, 1 publication');
    expect((await stat(join(cwd, 'out', 'dossier.jsonl'))).size).toBeGreaterThan(0);

    const again = await dossier(['export', 'out']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
    expect(again.stderr).not.toMatch(STACK);

    const format = await dossier(['export', '--format', 'xml', 'out-xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown format "xml"');
  }, 120_000);

  it('writes password hashes only with --with-password-hashes, and reports bad account records by line', async () => {
    const created = await runDossier(
      ['user', 'create', '--email', 'ed@example.org', '--name', 'Ed', '--password-stdin'],
      cwd,
      { DOSSIER_DATA_DIR: 'data' },
      'a long and proper passphrase\n',
    );
    expect(created.code).toBe(0);

    const plain = await dossier(['export', 'out-plain']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('1 user');
    expect(await readFile(join(cwd, 'out-plain', 'dossier.jsonl'), 'utf8')).not.toContain(
      'passwordHash',
    );

    const withHashes = await dossier(['export', '--with-password-hashes', 'out-hashes']);
    expect(withHashes.code).toBe(0);
    expect(withHashes.stdout).toContain("holds the editors' password hashes");
    expect(await readFile(join(cwd, 'out-hashes', 'dossier.jsonl'), 'utf8')).toMatch(
      /"passwordHash":"scrypt\$32768\$8\$1\$/,
    );

    await writeFile(
      join(cwd, 'accounts.jsonl'),
      [
        { kind: 'user', email: 'ok@example.org', name: 'Ok', role: 'author' },
        { kind: 'user', email: 'boss@example.org', name: 'Boss', role: 'emperor' },
        {
          kind: 'revision',
          publication: 'nope',
          number: 1,
          at: '2026-01-01T00:00:00Z',
          action: 'save',
          record: records[4],
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const imported = await dossier(['import', 'accounts.jsonl']);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(
      'accounts.jsonl:2: record user boss@example.org: field role:',
    );
    expect(imported.stderr).toContain(
      'accounts.jsonl:3: record revision nope/1: field publication: names publication "nope"',
    );
    expect(imported.stdout).toContain('imported 1 user; rejected 2');
  }, 120_000);

  it('backs up, restores into an empty folder, and refuses anything else without a stack', async () => {
    expect((await dossier(['backup', 'backup'])).code).toBe(0);
    const restored = await dossier(['restore', 'backup'], 'restored');
    expect(restored.code).toBe(0);
    expect((await stat(join(cwd, 'restored', 'dossier.sqlite'))).size).toBeGreaterThan(0);

    const again = await dossier(['restore', 'backup'], 'restored');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
    expect(again.stderr).not.toMatch(STACK);

    const missing = await dossier(['restore', 'no-such-folder'], 'never');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is not a Dossier backup');
    expect(missing.stderr).not.toMatch(STACK);
    expect(await stat(join(cwd, 'never')).catch(() => undefined)).toBeUndefined();
  }, 120_000);
});
