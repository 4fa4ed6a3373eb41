import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDialects } from '../helpers/dialects.ts';
import { runDossier } from '../helpers/dossier-cli.ts';
import { baseWorld, FIXTURES_DIR } from '../helpers/factories.ts';

const READERS = [
  'email,consented_at,consent_source,ip',
  'ada@example.org,2025-03-01T09:00:00Z,Signed up at the spring conference,198.51.100.20',
  'bob@example.org,2025-03-02,Old CRM export (double opt-in 2019),',
  'carl@example.org,,Old CRM export,',
].join('\n');

for (const dialect of testDialects()) {
  describe(`dossier newsletter (${dialect.name})`, () => {
    let cwd: string;
    let env: Record<string, string>;
    let drop: (() => Promise<void>) | undefined;
    const dossier = (args: string[]) => runDossier(args, cwd, env);

    beforeAll(async () => {
      cwd = await mkdtemp(join(tmpdir(), 'dossier-newsletter-cli-'));
      env = { DOSSIER_DATA_DIR: 'data' };
      if (dialect.name === 'postgres') {
        const created = await createPostgresDatabase(process.env.DATABASE_URL ?? '');
        env.DATABASE_URL = created.url;
        drop = created.drop;
      }
      await symlink(join(FIXTURES_DIR, 'media'), join(cwd, 'media'));
      await writeFile(
        join(cwd, 'world.jsonl'),
        baseWorld()
          .map((r) => JSON.stringify(r))
          .join('\n'),
      );
      await writeFile(join(cwd, 'readers.csv'), READERS);
      const imported = await dossier(['import', 'world.jsonl']);
      expect(imported.code, imported.stderr).toBe(0);
    }, 120_000);
    afterAll(async () => {
      await drop?.();
      await rm(cwd, { recursive: true, force: true });
    });

    it('lists the lists with their center, language, cadence and sender', async () => {
      const run = await dossier(['newsletter', 'lists']);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toBe('slug\tcenter\tlanguage\tcadence\tsender\tactive\tpending');
      expect(lines).toContain('europe-hebdo\teurope\tfr\tweekly\t(site default)\t0\t0');
      expect(lines).toHaveLength(5);
    }, 60_000);

    it('imports the rows with consent evidence and names the refused ones by file, line and field', async () => {
      const run = await dossier(['newsletter', 'import', 'readers.csv', '--list', 'hq-weekly']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('readers.csv:4: field consented_at: missing or not a date');
      expect(run.stdout).toContain('readers.csv: imported 2; rejected 1');
      const active = await dossier([
        'newsletter',
        'subscribers',
        '--list',
        'hq-weekly',
        '--status',
        'active',
      ]);
      expect(active.code, active.stderr).toBe(0);
      expect(
        active.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('\t').slice(0, 3)),
      ).toEqual([
        ['ada@example.org', 'hq-weekly', 'active'],
        ['bob@example.org', 'hq-weekly', 'active'],
      ]);
    }, 60_000);

    it('exports one subscriber’s ledger as JSON, to stdout or --out', async () => {
      const run = await dossier(['newsletter', 'export', '--email', 'Ada@Example.org']);
      expect(run.code, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout);
      expect(record.email).toBe('ada@example.org');
      expect(record.consentLedger).toEqual([
        expect.objectContaining({
          event: 'import',
          channel: 'cli',
          list: 'hq-weekly',
          ip: '198.51.100.0/24',
          detail: expect.objectContaining({ file: 'readers.csv', line: 2 }),
        }),
      ]);
      const toFile = await dossier([
        'newsletter',
        'export',
        '--email',
        'ada@example.org',
        '--out',
        'ada.json',
      ]);
      expect(toFile.code, toFile.stderr).toBe(0);
      expect(JSON.parse(await readFile(join(cwd, 'ada.json'), 'utf8')).email).toBe(
        'ada@example.org',
      );
    }, 60_000);

    it('erases an address so that a later import cannot bring it back', async () => {
      const erased = await dossier(['newsletter', 'erase', '--email', 'bob@example.org']);
      expect(erased.code, erased.stderr).toBe(0);
      expect(erased.stdout).toContain('Erased');
      const again = await dossier(['newsletter', 'import', 'readers.csv', '--list', 'hq-weekly']);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /readers\.csv:3: field email: the address is suppressed \(erased\)/,
      );
      const record = JSON.parse(
        (await dossier(['newsletter', 'export', '--email', 'bob@example.org'])).stdout,
      );
      expect(record.subscriber).toBeNull();
      expect(record.consentLedger.map((e: { event: string }) => e.event)).toEqual(['erase']);
    }, 60_000);

    it('says what is wrong with bad input, without a stack, and changes nothing', async () => {
      const unreadable = await dossier([
        'newsletter',
        'import',
        'missing.csv',
        '--list',
        'hq-weekly',
      ]);
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr).toContain(
        'missing.csv: cannot read the file (ENOENT); nothing was imported',
      );
      const badAddress = await dossier([
        'newsletter',
        'export',
        '--email',
        'a@b.example\r\nBcc: c@d.example',
      ]);
      expect(badAddress.code).toBe(1);
      expect(badAddress.stderr).toContain(
        'The email address contains a line break or a control character.',
      );
      const badList = await dossier(['newsletter', 'subscribers', '--list', 'nope']);
      expect(badList.code).toBe(1);
      const badStatus = await dossier(['newsletter', 'subscribers', '--status', 'gone']);
      expect(badStatus.code).toBe(2);
      const unknown = await dossier(['newsletter', 'frobnicate']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown subcommand "frobnicate"');
      expect(unknown.stderr).toMatch(/^ {2}lists /m);
      for (const run of [unreadable, badAddress, badList, badStatus, unknown])
        expect(run.stderr).not.toMatch(/\n\s+at /);
      const all = await dossier(['newsletter', 'subscribers']);
      expect(all.stdout.trim().split('\n')).toHaveLength(1);
    }, 60_000);
  });
}
