import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_BIN as BIN, runDossier as dossier } from '../helpers/dossier-cli.ts';

const ROOT = dirname(dirname(BIN));

describe('the dossier command', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'dossier-cli-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('reports each bad record as file:line: record: field: message, and exits 1', async () => {
    await writeFile(
      join(cwd, 'bad.jsonl'),
      [
        JSON.stringify({ kind: 'type', slug: 'paper', name: 'Paper', pluralName: 'Papers' }),
        JSON.stringify({
          kind: 'publication',
          slug: 'orphan',
          type: 'paper',
          title: 'T',
          primaryCenter: 'nowhere',
          publishedAt: '2020-01-01T00:00:00Z',
        }),
        '{ broken',
      ].join('\n'),
    );
    const run = await dossier(['import', 'bad.jsonl'], cwd, { DOSSIER_DATA_DIR: 'data-import' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'bad.jsonl:2: record publication orphan: field primaryCenter: names center "nowhere"',
    );
    expect(run.stderr).toMatch(/bad\.jsonl:3: field : |bad\.jsonl:3: is not valid JSON/);
    expect(run.stdout).toContain('imported 1 type; rejected 2');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
  });

  it('explains a bad command or option with usage and exits 2 or 1', async () => {
    const unknown = await dossier(['frobnicate'], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const bad = await dossier(['demo', '--publications', 'lots'], cwd, {
      DOSSIER_DATA_DIR: 'data-demo',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--publications must be a whole number');
    const config = await dossier(['migrate'], cwd, { DOSSIER_SERVER_PORT: 'eighty' });
    expect(config.code).toBe(1);
    expect(config.stderr).toContain('DOSSIER_SERVER_PORT');
  });

  it('starts on an empty relative data folder: loads the demo and serves it', async () => {
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, [BIN, 'start'], {
        cwd,
        env: {
          PATH: process.env.PATH ?? '',
          DOSSIER_SERVER_PORT: '0',
          DOSSIER_SERVER_HOST: '127.0.0.1',
          DOSSIER_SERVER_LOG_LEVEL: 'warn',
        },
      });
      let printed = '';
      const url = await new Promise<string>((resolve, reject) => {
        child?.stdout?.on('data', (d) => {
          printed += d;
          const match = /serving on (http:\/\/\S+?)\/? /.exec(printed);
          if (match?.[1]) resolve(match[1]);
        });
        child?.on('close', (code) => reject(new Error(`exited ${code}: ${printed}`)));
      });
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Aldermoor');
      // The demo administrator it printed can sign in to the admin.
      const login = /sign in at \/admin: (\S+), password (\S+)/.exec(printed);
      expect(login, printed).not.toBeNull();
      const form = await fetch(`${url}/admin/login`);
      const csrfCookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const signIn = await fetch(`${url}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
        body: new URLSearchParams({
          _csrf: csrf,
          email: login?.[1] ?? '',
          password: login?.[2] ?? '',
        }).toString(),
      });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('set-cookie')).toContain('dossier_session=');
      const image = await fetch(`${url}/uploads/media/network-lettermark.svg`);
      expect(image.status).toBe(200);
      const stopped = new Promise<number | null>((resolve) => child?.on('close', resolve));
      child.kill('SIGTERM');
      expect(await stopped).toBe(0);
    } finally {
      child?.kill('SIGKILL');
    }
  }, 120_000);

  it('runs from its compiled sources, and from the sources themselves with DOSSIER_TSX=1', async () => {
    const compiled = await dossier(['migrate'], cwd, { DOSSIER_DATA_DIR: 'data-compiled' });
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toContain('Applied');
    // The compiled build is where compiled-sources.js keeps it, whole.
    const builds = await readdir(join(ROOT, 'node_modules/.cache/dossier-cli'));
    const complete = builds.filter((name) => !name.includes('.partial-'));
    expect(complete.length).toBeGreaterThan(0);
    const throughTsx = await dossier(['migrate'], cwd, {
      DOSSIER_DATA_DIR: 'data-tsx',
      DOSSIER_TSX: '1',
    });
    expect(throughTsx.code).toBe(0);
    expect(throughTsx.stdout).toBe(compiled.stdout);
  }, 60_000);
});
