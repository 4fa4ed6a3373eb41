import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Accounts, createAccounts } from '../../src/admin/accounts/accounts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import { systemClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
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

const PASSWORD = 'correct horse battery staple';
const CLIENT = { ip: '192.0.2.1', userAgent: 'test' };

for (const dialect of testDialects()) {
  describe(`${dialect.name}: dossier user disable and enable`, () => {
    let cwd: string;
    let database: Database;
    let accounts: Accounts;
    const env = (): Record<string, string> =>
      database.dialect === 'postgres'
        ? { DATABASE_URL: String(database.config.url) }
        : { DOSSIER_DATABASE_SQLITE_PATH: database.config.sqlitePath };
    const dossier = (...args: string[]) => runDossier(['user', ...args], cwd, env());
    const isDisabled = async (email: string) =>
      (await accounts.users.withHashByEmail(email))?.user.disabled;
    const auditOf = (action: string) =>
      database.db
        .selectFrom('audit_log')
        .select(['user_id', 'user_email', 'detail'])
        .where('action', '=', action)
        .orderBy('id')
        .execute();

    beforeAll(async () => {
      cwd = await mkdtemp(join(tmpdir(), 'dossier-user-status-'));
      database = await dialect.open();
      accounts = createAccounts({
        db: database.db,
        clock: systemClock,
        mailer: () => createMailer(loadConfig({ DOSSIER_DATA_DIR: cwd })),
      });
      for (const [email, role] of [
        ['root@example.org', 'administrator'],
        ['eve@example.org', 'editor'],
      ] as const)
        await accounts.createUser({ email, name: email.slice(0, 3), role, password: PASSWORD });
    });
    afterAll(async () => {
      await database?.destroy();
      await rm(cwd, { recursive: true, force: true });
    });

    it('disables an account, ending its sessions, and enables it again', async () => {
      await accounts.signIn('eve@example.org', PASSWORD, CLIENT);
      const disabled = await dossier('disable', 'Eve@Example.org');
      expect(disabled.stderr).toBe('');
      expect(disabled.code).toBe(0);
      expect(disabled.stdout).toContain('Disabled editor eve@example.org (eve)');
      expect(disabled.stdout).toContain('1 session(s) ended');
      expect(await isDisabled('eve@example.org')).toBe(true);
      const eve = await accounts.users.withHashByEmail('eve@example.org');
      const sessions = await database.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', eve?.user.id ?? -1)
        .execute();
      expect(sessions).toEqual([]);
      await expect(accounts.signIn('eve@example.org', PASSWORD, CLIENT)).rejects.toMatchObject({
        code: 'SIGN_IN_FAILED',
      });
      // The audit log says who: the command line, which has no account.
      const [entry] = await auditOf('user.disable');
      expect(entry?.user_id).toBeNull();
      expect(entry?.user_email).toBe('(command line)');
      expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({ email: 'eve@example.org' });

      const again = await dossier('disable', 'eve@example.org');
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('already disabled: nothing changed');
      expect(await auditOf('user.disable')).toHaveLength(1);
      expect((await dossier('list')).stdout).toContain('eve@example.org\teditor (disabled)');

      const enabled = await dossier('enable', 'eve@example.org');
      expect(enabled.stderr).toBe('');
      expect(enabled.code).toBe(0);
      expect(enabled.stdout).toContain('Enabled editor eve@example.org (eve)');
      expect(await isDisabled('eve@example.org')).toBe(false);
      await expect(accounts.signIn('eve@example.org', PASSWORD, CLIENT)).resolves.toBeDefined();
      expect((await auditOf('user.enable')).map((a) => a.user_email)).toEqual(['(command line)']);
    }, 60_000);

    it('never disables the last enabled administrator', async () => {
      const refused = await dossier('disable', 'root@example.org');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/root@example\.org is the last enabled administrator/);
      expect(refused.stderr).not.toContain('    at ');
      expect(await isDisabled('root@example.org')).toBe(false);

      await accounts.createUser({
        email: 'ada@example.org',
        name: 'Ada',
        role: 'administrator',
        password: PASSWORD,
      });
      expect((await dossier('disable', 'root@example.org')).code).toBe(0);
      const last = await dossier('disable', 'ada@example.org');
      expect(last.code).toBe(1);
      expect(last.stderr).toMatch(/ada@example\.org is the last enabled administrator/);
      expect(await isDisabled('ada@example.org')).toBe(false);
      expect((await dossier('enable', 'root@example.org')).code).toBe(0);
    }, 60_000);

    it('names an unknown or malformed address and bad usage, changing nothing', async () => {
      const cases: [string[], number, RegExp][] = [
        [['disable', 'nobody@example.org'], 1, /no account has the address nobody@example\.org/],
        [['enable', 'Nobody@Example.org'], 1, /no account has the address nobody@example\.org/],
        [
          ['disable', 'not an address'],
          2,
          /dossier user disable: The email address contains a space/,
        ],
        [['disable'], 2, /give one email address/],
        [['enable', 'eve@example.org', 'root@example.org'], 2, /give one email address/],
        [['disable', '--force', 'eve@example.org'], 2, /Unknown option/],
      ];
      for (const [args, code, message] of cases) {
        const run = await dossier(...args);
        expect(run.code, args.join(' ')).toBe(code);
        expect(run.stderr, args.join(' ')).toMatch(message);
        expect(run.stderr).not.toContain('    at ');
      }
      for (const email of ['eve@example.org', 'root@example.org', 'ada@example.org'])
        expect(await isDisabled(email)).toBe(false);
      expect(await auditOf('user.enable')).toHaveLength(2);
    }, 60_000);
  });
}
