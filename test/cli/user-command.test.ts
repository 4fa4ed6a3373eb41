import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDossier } from '../helpers/dossier-cli.ts';

describe('dossier user', () => {
  let cwd: string;
  const env = () => ({ DOSSIER_DATA_DIR: join(cwd, 'data') });

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'dossier-user-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('creates accounts, with a password from standard input or a generated one', async () => {
    const piped = await runDossier(
      ['user', 'create', '--email', 'Ada@Example.org', '--name', 'Ada Admin', '--password-stdin'],
      cwd,
      env(),
      'a long enough passphrase\n',
    );
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('Created administrator ada@example.org (Ada Admin)');
    expect(piped.stdout).not.toContain('Password');

    const generated = await runDossier(
      ['user', 'create', '--email', 'eve@example.org', '--name', 'Eve', '--role', 'editor'],
      cwd,
      env(),
    );
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/Password \(shown once\): [A-Za-z0-9_-]{24}\n/);

    const list = await runDossier(['user', 'list'], cwd, env());
    expect(list.stdout).toBe(
      'ada@example.org\tadministrator\tAda Admin\neve@example.org\teditor\tEve\n',
    );
  }, 60_000);

  it('refuses bad input with a line naming what is wrong, and creates nothing', async () => {
    const cases: [string[], string, RegExp][] = [
      [['--email', 'ada@example.org', '--name', 'Again'], 'x', /already exists/],
      [['--email', 'not an address', '--name', 'X'], 'x', /email address contains a space/],
      [['--email', 'x@example.org', '--name', 'X', '--role', 'owner'], 'x', /role must be one of/],
      [
        ['--email', 'y@example.org', '--name', 'Y', '--password-stdin'],
        'short\n',
        /at least 12 characters/,
      ],
      [['--name', 'No Email'], 'x', /--email and --name are required/],
      [['--email', 'z@example.org', '--name', 'Z', '--colour', 'red'], 'x', /Unknown option/],
    ];
    for (const [args, stdin, message] of cases) {
      const run = await runDossier(['user', 'create', ...args], cwd, env(), stdin);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr).not.toContain('    at ');
    }
    const list = await runDossier(['user', 'list'], cwd, env());
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
  }, 60_000);
});
