#!/usr/bin/env node
// Lighthouse audit of the demo site: home page, the flagship publication page, a person
// page and a search results page (noindex by design, so its is-crawlable audit is
// skipped), with Lighthouse 12's default config (mobile form factor, simulated
// throttling) and the categories performance, accessibility, best-practices, seo.
//
//   node scripts/lighthouse.mjs [--desktop] [--runs 3] [--out DIR] [--data-dir DIR | --url ORIGIN]
//
// Each page is audited --runs times (default 3) and the run with the median performance
// score is reported, as Lighthouse's documentation advises for variable machines.
//
// By default it starts its own server: `node bin/dossier.js start` on a fresh temporary
// DOSSIER_DATA_DIR (so the demo is imported) and a free loopback port. --data-dir DIR
// serves an existing data folder instead (`dossier serve`); --url audits a server that is
// already running. Chromium: /usr/bin/chromium (or CHROME_PATH), headless, a fresh
// temporary profile. Bars: accessibility, best-practices and seo 100, performance ≥ 95.
// Prints a table of scores and, for every category under its bar, the audits that lost
// points with their offending items. Exits 1 when any bar fails, 2 on a setup error.
// The full reports (JSON) go to --out DIR (default: a temporary folder, printed).
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { freePort, log, sleep } from './lib/measure-kit.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/dossier.js');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const BARS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const MAX_ITEMS = 10;

const { values: args } = parseArgs({
  options: {
    desktop: { type: 'boolean', default: false },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
    url: { type: 'string' },
    runs: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 15) {
  console.error('lighthouse: --runs must be a whole number from 1 to 15');
  process.exit(2);
}
if (args.help) {
  console.log(
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith('//'))
      .map((l) => l.slice(3))
      .join('\n'),
  );
  process.exit(0);
}

// Everything started here is stopped on the way out, however we leave.
const cleanups = [];
let cleanedUp = false;
function cleanupSync() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const fn of cleanups.reverse()) {
    try {
      fn();
    } catch {
      // keep cleaning up
    }
  }
}
process.on('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and Chromium`);
    cleanupSync();
    process.exit(130);
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`lighthouse: ${error?.stack ?? error}`);
  process.exitCode = 2;
} finally {
  cleanupSync();
}

async function main() {
  const outDir = resolve(args.out ?? mkdtempSync(join(tmpdir(), 'dossier-lighthouse-reports-')));
  mkdirSync(outDir, { recursive: true });
  cleanups.push(() => {
    // Leave no empty report folder behind when we stopped before the first report.
    try {
      rmdirSync(outDir);
    } catch {
      // not empty, or gone: keep
    }
  });

  const origin = args.url ? args.url.replace(/\/+$/, '') : await startServer();
  const pages = await choosePages(origin);
  const chrome = await startChromium();

  const config = args.desktop ? desktopConfig : undefined;
  const results = [];
  for (const page of pages) {
    // Performance varies from run to run on a shared machine; Lighthouse's own advice
    // is to take the median of several runs, which is what this reports.
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      log(`Auditing ${page.name} (run ${run} of ${RUNS}): ${page.url}`);
      const runner = await lighthouse(
        page.url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
          // Search result pages say noindex on purpose; every other SEO audit still counts.
          ...(page.noindex ? { skipAudits: ['is-crawlable'] } : {}),
        },
        config,
      );
      if (!runner?.lhr) throw new Error(`Lighthouse returned no result for ${page.url}`);
      if (runner.lhr.runtimeError)
        throw new Error(
          `Lighthouse could not audit ${page.url}: ${runner.lhr.runtimeError.code} ${runner.lhr.runtimeError.message}`,
        );
      runs.push(runner.lhr);
    }
    runs.sort(
      (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
    );
    const lhr = runs[Math.floor(runs.length / 2)];
    log(
      `  performance per run: ${runs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100)).join(', ')} → median ${Math.round((lhr.categories.performance?.score ?? 0) * 100)}`,
    );
    writeFileSync(join(outDir, `${page.name}.report.json`), JSON.stringify(lhr, null, 2));
    results.push({ page, lhr });
  }

  const failing = printScores(results);
  printFailingAudits(results);
  log(
    `\nFull Lighthouse reports (JSON; open with https://googlechrome.github.io/lighthouse/viewer/): ${outDir}`,
  );
  console.log(failing === 0 ? '\nAll bars met.' : `\n${failing} score(s) under the bar.`);
  return failing === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------
// The server and the pages

async function startServer() {
  let dataDir = args['data-dir'] && resolve(args['data-dir']);
  const command = dataDir ? 'serve' : 'start';
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'dossier-lighthouse-data-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  } else if (!existsSync(join(dataDir, 'dossier.sqlite'))) {
    throw new Error(`--data-dir ${dataDir} has no dossier.sqlite`);
  }
  const port = await freePort();
  log(`Starting node bin/dossier.js ${command} (DOSSIER_DATA_DIR=${dataDir}, port ${port})`);
  const child = spawn(process.execPath, [BIN, command], {
    cwd: ROOT,
    env: {
      ...process.env,
      DOSSIER_DATA_DIR: dataDir,
      DOSSIER_SERVER_HOST: '127.0.0.1',
      DOSSIER_SERVER_PORT: String(port),
      DOSSIER_SERVER_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => killTree(child));
  const output = [];
  const keep = (chunk) => output.push(String(chunk));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `dossier ${command} exited (${child.exitCode ?? child.signalCode}) before serving:\n${output.join('').replace(/\r/g, '\n').split('\n').slice(-25).join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return origin;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`dossier ${command} did not answer on ${origin} within 5 minutes`);
}

async function choosePages(origin) {
  const home = { name: 'home', url: `${origin}/` };
  let slug;
  try {
    // The flagship piece the demo always contains.
    const { register } = await import('tsx/esm/api');
    register();
    ({ FLAGSHIP_SLUG: slug } = await import('../src/demo/flagship.ts'));
  } catch (error) {
    log(
      `(could not read FLAGSHIP_SLUG from src/demo/flagship.ts: ${error.message}; using the first piece on /research)`,
    );
  }
  let publicationUrl = slug && `${origin}/research/${slug}`;
  if (!publicationUrl || (await status(publicationUrl)) !== 200) {
    const listing = await text(`${origin}/research`);
    const first = /href="(\/research\/[a-z0-9-]+)"/.exec(listing)?.[1];
    if (!first) throw new Error('no /research/<slug> link on /research');
    publicationUrl = origin + first;
  }
  const publicationHtml = await text(publicationUrl);
  const person = /href="(\/experts\/[a-z0-9-]+)"/.exec(publicationHtml)?.[1];
  if (!person) throw new Error(`no /experts/<slug> link on ${publicationUrl}`);
  // A search for a word of the publication's title, so the page has results and facets.
  const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(publicationHtml)?.[1] ?? '';
  const word = title.split(/[^A-Za-z]+/).find((w) => w.length > 4) ?? 'policy';
  const pages = [
    home,
    { name: 'publication', url: publicationUrl },
    { name: 'person', url: origin + person },
    { name: 'search', url: `${origin}/search?q=${encodeURIComponent(word)}`, noindex: true },
  ];
  for (const page of pages) {
    const code = await status(page.url);
    if (code !== 200) throw new Error(`${page.url} answered ${code}, not 200`);
  }
  return pages;
}

async function status(url) {
  const response = await fetch(url, { redirect: 'manual' });
  await response.arrayBuffer();
  return response.status;
}

async function text(url) {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

// ---------------------------------------------------------------------------------------
// Chromium

async function startChromium() {
  if (!existsSync(CHROME)) throw new Error(`no Chromium at ${CHROME} (set CHROME_PATH)`);
  const profile = mkdtempSync(join(tmpdir(), 'dossier-lighthouse-chromium-'));
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
  const flags = [
    '--headless=new',
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--remote-debugging-port=0', // Chromium picks a free port and writes it to DevToolsActivePort
    '--remote-debugging-address=127.0.0.1',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    'about:blank',
  ];
  // Its own process group, so the whole browser (renderers, GPU, zygote) can be stopped at once.
  const child = spawn(CHROME, flags, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  cleanups.push(() => killTree(child, { group: true }));
  const errors = [];
  child.stderr.on('data', (chunk) => errors.push(String(chunk)));

  const portFile = join(profile, 'DevToolsActivePort');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `Chromium exited (${child.exitCode ?? child.signalCode}):\n${errors.join('').slice(-2000)}`,
      );
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/json/version`);
          const version = await response.json();
          log(`Chromium ${version.Browser} on port ${port}`);
          return { port };
        } catch {
          // not ready yet
        }
      }
    }
    await sleep(100);
  }
  throw new Error(
    `Chromium did not open its debugging port within 30 s:\n${errors.join('').slice(-2000)}`,
  );
}

// ---------------------------------------------------------------------------------------
// Output

function printScores(results) {
  const header = ['Page', ...CATEGORIES.map((c) => `${c} (bar ${BARS[c]})`)];
  const rows = results.map(({ page, lhr }) => [
    page.name,
    ...CATEGORIES.map((c) => {
      const score = scoreOf(lhr, c);
      return score === null ? 'n/a ✗' : `${score}${score >= BARS[c] ? '' : ' ✗'}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `\nLighthouse ${results[0]?.lhr.lighthouseVersion ?? ''} — ${args.desktop ? 'desktop' : 'mobile (default config, simulated throttling)'}`,
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('\nPages:');
  for (const { page, lhr } of results)
    console.log(`  ${page.name}: ${lhr.finalDisplayedUrl ?? page.url}`);
  let failing = 0;
  for (const { lhr } of results)
    for (const c of CATEGORIES) if ((scoreOf(lhr, c) ?? -1) < BARS[c]) failing++;
  return failing;
}

function scoreOf(lhr, category) {
  const score = lhr.categories[category]?.score;
  return score === null || score === undefined ? null : Math.round(score * 100);
}

function printFailingAudits(results) {
  for (const { page, lhr } of results) {
    for (const category of CATEGORIES) {
      const score = scoreOf(lhr, category);
      if (score !== null && score >= BARS[category]) continue;
      console.log(`\n${page.name} — ${category} ${score ?? 'n/a'} (bar ${BARS[category]}):`);
      const refs = lhr.categories[category]?.auditRefs ?? [];
      const losing = refs
        .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
        .filter(({ audit }) => audit && lostPoints(audit))
        // Weighted audits first (they move the score), then the biggest losses.
        .sort((a, b) => b.ref.weight - a.ref.weight || (a.audit.score ?? 0) - (b.audit.score ?? 0));
      if (losing.length === 0) console.log('  (no individual audit below full marks)');
      for (const { ref, audit } of losing) {
        const parts = [`  - ${audit.id}: ${audit.title}`];
        if (audit.displayValue) parts.push(` — ${audit.displayValue}`);
        parts.push(
          ` [score ${audit.score === null ? audit.scoreDisplayMode : Math.round(audit.score * 100)}${ref.weight ? `, weight ${ref.weight}` : ''}]`,
        );
        console.log(parts.join(''));
        if (audit.errorMessage) console.log(`      error: ${audit.errorMessage}`);
        for (const item of offendingItems(audit).slice(0, MAX_ITEMS))
          console.log(`      · ${item}`);
        const count = offendingItems(audit).length;
        if (count > MAX_ITEMS) console.log(`      · … and ${count - MAX_ITEMS} more`);
      }
    }
  }
}

function lostPoints(audit) {
  if (['notApplicable', 'manual', 'informative'].includes(audit.scoreDisplayMode)) return false;
  if (audit.scoreDisplayMode === 'error') return true;
  return audit.score !== null && audit.score < 1;
}

/** The items an audit blames, as selectors, URLs or source locations. */
function offendingItems(audit) {
  const items = [];
  const walk = (list) => {
    for (const item of list ?? []) {
      const bits = [];
      const node = item.node?.type === 'node' ? item.node : item.type === 'node' ? item : undefined;
      if (node)
        bits.push(
          node.selector ?? '',
          node.snippet ? `${node.snippet}` : '',
          node.explanation ? `(${node.explanation.replace(/\s+/g, ' ')})` : '',
        );
      if (typeof item.url === 'string') bits.push(item.url);
      for (const location of [item.source, item.sourceLocation]) {
        if (location?.type === 'source-location')
          bits.push(
            location.line || location.column
              ? `${location.url}:${location.line}:${location.column}`
              : location.url,
          );
      }
      if (typeof item.description === 'string' && !node) bits.push(item.description);
      for (const key of ['wastedBytes', 'wastedMs', 'totalBytes', 'score'])
        if (typeof item[key] === 'number') bits.push(`${key} ${Math.round(item[key] * 100) / 100}`);
      const textBits = bits.filter(Boolean);
      if (textBits.length > 0) items.push(textBits.join('  '));
      if (item.subItems?.items) walk(item.subItems.items);
    }
  };
  walk(audit.details?.items);
  return items;
}

// ---------------------------------------------------------------------------------------
// Helpers

/**
 * Stops a child we started (and, for Chromium, its process group: renderers, GPU, zygote):
 * SIGTERM, up to 1.5 s to go, then SIGKILL. Synchronous, so it also works in 'exit'.
 */
function killTree(child, { group = false } = {}) {
  if (!child?.pid) return;
  const target = group ? -child.pid : child.pid;
  const signal = (name) => {
    try {
      process.kill(target, name);
    } catch {
      // already gone
    }
  };
  if (!alive(child.pid) && !group) return;
  signal('SIGTERM');
  const until = Date.now() + 1500;
  while (Date.now() < until && alive(child.pid))
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  signal('SIGKILL');
}

/** Running, and not a zombie waiting for us to reap it (the event loop may be blocked). */
function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
