import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsOf, PASSWORD } from '../admin/admin-helpers.ts';
import { testDialects } from '../helpers/dialects.ts';
import { isCi, warnLoudly } from '../helpers/environment.ts';
import { pageTypesWorld } from '../helpers/page-types.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/*
 * Debian's sqlmap, in a bounded batch, against the real server on 127.0.0.1: the admin's
 * sign-in form (with its CSRF token fetched for every try), the admin's list filters
 * (signed in), and the public query parameters of the search page, its API and the
 * listings. Every parameter must come out "not injectable". Boolean, error and UNION
 * techniques at level 2 (time-based ones would make the run minutes long and add nothing
 * here: every query is parameterised by Kysely). The summary is written beside this file
 * (sqlmap-results.md) and committed.
 */

const SQLMAP = '/usr/bin/sqlmap';
const hasSqlmap = (() => {
  try {
    execFileSync(SQLMAP, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasSqlmap && !isCi())
  warnLoudly("sqlmap tests SKIPPED: install Debian's sqlmap (apt-get install sqlmap)");

interface Target {
  name: string;
  args: string[];
}

interface Outcome {
  name: string;
  parameters: string;
  requests: number;
  verdict: string;
  injectable: boolean;
  seconds: number;
}

function runSqlmap(target: Target, outputDir: string): Promise<Outcome & { log: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      SQLMAP,
      [
        ...target.args,
        '--batch',
        '--level=2',
        '--risk=1',
        '--technique=BEU',
        '--timeout=15',
        '--retries=0',
        // Refusals are answers too: a wrong password is 401, a locked sign-in 429.
        '--ignore-code=401,403,429',
        '--flush-session',
        '--disable-coloring',
        `--output-dir=${outputDir}`,
        '-v',
        '1',
      ],
      { env: { ...process.env, HOME: outputDir } },
    );
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('close', () => {
      const injectable =
        /identified the following injection point|is vulnerable|appears to be '.*' injectable/i.test(
          log,
        ) &&
        !/does not seem to be injectable[\s\S]*all tested parameters do not appear to be injectable/i.test(
          log,
        );
      // Each technique tried on each parameter is logged as "testing '…'".
      const requests = (log.match(/\[INFO\] testing '/g) ?? []).length;
      const verdictLine =
        /all tested parameters do not appear to be injectable[^\n]*/i.exec(log)?.[0] ??
        /(identified the following injection point|is vulnerable)[^\n]*/i.exec(log)?.[0] ??
        'no verdict (see log)';
      resolve({
        name: target.name,
        parameters: /-p\s+(\S+)/.exec(target.args.join(' '))?.[1] ?? '',
        requests,
        verdict: (verdictLine.split('. ')[0] ?? verdictLine).trim(),
        injectable,
        seconds: (Date.now() - started) / 1000,
        log,
      });
    });
  });
}

const [dialect] = testDialects();
const describeSqlmap = hasSqlmap || isCi() ? describe : describe.skip;

describeSqlmap('sqlmap finds no injection', () => {
  let site: TestSite;
  let base: string;
  let outputDir: string;
  let sessionCookie: string;

  beforeAll(async () => {
    if (!dialect) throw new Error('no test dialect');
    site = await openTestSite(dialect);
    await site.seed(pageTypesWorld());
    await accountsOf(site).createUser({
      email: 'admin@example.org',
      name: 'Admin',
      role: 'administrator',
      password: PASSWORD,
    });
    base = await site.app.listen({ host: '127.0.0.1', port: 0 });
    outputDir = await mkdtemp(join(tmpdir(), 'dossier-sqlmap-'));
    // A signed-in session for the admin list's filters.
    const form = await fetch(`${base}/admin/login`);
    const csrfCookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const signIn = await fetch(`${base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'admin@example.org',
        password: PASSWORD,
      }).toString(),
    });
    sessionCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(sessionCookie).toMatch(/^dossier_session=/);
  });
  afterAll(async () => {
    await site?.close();
    if (outputDir) await rm(outputDir, { recursive: true, force: true });
  });

  it('on the sign-in form, the admin list filters and the public query parameters', async () => {
    const targets: Target[] = [
      {
        name: 'admin sign-in form (POST, CSRF token refreshed per try)',
        args: [
          '-u',
          `${base}/admin/login`,
          '--data',
          'email=reader%40example.org&password=not-the-password&_csrf=x',
          '--csrf-token=_csrf',
          `--csrf-url=${base}/admin/login`,
          '-p',
          'email,password',
        ],
      },
      {
        name: 'admin publication list filters (GET, signed in)',
        args: [
          '-u',
          `${base}/admin/publications?q=energy&status=published&type=1&center=1&author=1&page=1`,
          '--cookie',
          sessionCookie,
          '-p',
          'q,status,type,center,author,page',
        ],
      },
      {
        name: 'admin term picker (GET, signed in)',
        args: [
          '-u',
          `${base}/admin/api/terms?taxonomy=topic&q=energy`,
          '--cookie',
          sessionCookie,
          '-p',
          'taxonomy,q',
        ],
      },
      {
        name: 'admin people picker (GET, signed in)',
        args: ['-u', `${base}/admin/api/people?q=bell`, '--cookie', sessionCookie, '-p', 'q'],
      },
      {
        name: 'public search page (GET)',
        args: ['-u', `${base}/search?q=energy&type=paper&page=1`, '-p', 'q,type,page'],
      },
      {
        name: 'public search API (GET)',
        args: ['-u', `${base}/api/search?q=energy&topic=energy`, '-p', 'q,topic'],
      },
      {
        name: 'public listing page (GET)',
        args: ['-u', `${base}/research?page=1`, '-p', 'page'],
      },
    ];
    const outcomes: Outcome[] = [];
    for (const target of targets) {
      const { log, ...outcome } = await runSqlmap(target, outputDir);
      outcomes.push(outcome);
      expect(outcome.injectable, `${target.name}\n${log.slice(-3000)}`).toBe(false);
      expect(outcome.verdict, `${target.name}\n${log.slice(-3000)}`).toMatch(
        /all tested parameters do not appear to be injectable/i,
      );
      expect(outcome.requests, target.name).toBeGreaterThan(10);
    }
    // The first line is the version; sqlmap may add a warning after it.
    const version = execFileSync(SQLMAP, ['--version'], { encoding: 'utf8' })
      .split('\n')
      .find((line) => /^\d/.test(line.trim()))
      ?.trim();
    const lines = [
      '# sqlmap against Dossier',
      '',
      `Written by test/security/sqlmap.test.ts on ${new Date().toISOString()} (${dialect?.name}); sqlmap ${version}, Debian package.`,
      'Options: `--batch --level=2 --risk=1 --technique=BEU`, one thread, against the server on 127.0.0.1.',
      '',
      '| Target | Parameters | Injection tests tried | Time | Verdict |',
      '|---|---|---:|---:|---|',
      ...outcomes.map(
        (o) =>
          `| ${o.name} | ${o.parameters} | ${o.requests} | ${o.seconds.toFixed(1)} s | ${o.verdict} |`,
      ),
      '',
    ];
    await writeFile(new URL('./sqlmap-results.md', import.meta.url), lines.join('\n'));
  }, 600_000);
});
