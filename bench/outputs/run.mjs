// Outputs benchmark: the site feeds, a topic's feeds and the whole sitemap set of every
// site, fetched over HTTP from the real server on a large corpus, with the server's
// memory watched throughout. The claim: these outputs are produced with bounded memory
// (a sitemap child streams; a feed reads 30 pieces), whatever the size of the corpus.
//
//   node bench/outputs/run.mjs [--publications 100000] [--seed 1] [--fresh]
//        [--repeat 5] [--data-dir DIR] [--note TEXT] [--no-write]
//
// - Corpus: bench/.data/outputs-100k (outputs-<N> for other sizes), made once with
//   `node bin/dossier.js demo --publications N --seed S`, and made again when the
//   migrations have changed since (or with --fresh). It is a folder of its own, so this
//   bench never removes the corpus bench/pages is measuring. --data-dir reuses another
//   (e.g. bench/.data/pages-100k; the server migrates it forward, it is never removed).
//   --publications 2000 is a quick try; the committed RESULTS.md must come from 100,000.
// - The server: `node bin/dossier.js serve` on a loopback port (SQLite, log level warn).
//   The client is this process (Node's fetch, which asks for compressed answers as a
//   crawler does); requests go one at a time, never with If-None-Match.
// - Feeds: /feed.xml (the headquarters' own work), /research/feed.* (the whole network)
//   and the feeds of the topic with the most live pieces, each format: first fetch, then
//   --repeat warm fetches. Baseline: the HTML page each feed follows, timed the same way.
// - Sitemaps: every site's robots.txt, index and children, the way a crawler walks them,
//   twice. Checked: each child holds at most 50,000 URLs, and the publication URLs across
//   all sites equal the database's live, self-canonical pieces. Baseline: reading the same
//   rows straight from the SQLite file with better-sqlite3 in this process and writing
//   them out as <url> lines: the floor for any sitemap generator on this database.
// - Memory: VmRSS of the server sampled every 20 ms during each phase, and VmHWM (its
//   lifetime peak), from /proc/<pid>/status.
// Writes bench/outputs/RESULTS.md and bench/outputs/results.json (unless --no-write).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  git,
  log,
  median,
  migrationsFingerprint,
  printUsage,
  readMemory,
  writeResults,
} from '../../scripts/lib/measure-kit.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = join(ROOT, 'bin/dossier.js');
const FULL_SIZE = 100_000;
const MAX_URLS = 50_000;

const { values: args } = parseArgs({
  options: {
    publications: { type: 'string', default: String(FULL_SIZE) },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '5' },
    'data-dir': { type: 'string' },
    note: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) printUsage(import.meta.url);
const publications = count(args.publications, '--publications');
const seed = count(args.seed, '--seed');
const repeat = Math.max(1, count(args.repeat, '--repeat'));
const ownFolder = join(
  ROOT,
  'bench/.data',
  `outputs-${publications === FULL_SIZE ? '100k' : publications}`,
);
const dataDir = resolve(args['data-dir'] ?? ownFolder);
const sqlitePath = join(dataDir, 'dossier.sqlite');

let server;
process.on('exit', () => server?.child.kill('SIGKILL'));

async function main() {
  const startedAt = new Date();
  const load = { before: loadavg() };
  const corpus = await ensureCorpus();
  const topic = busiestTopic();

  log(`Starting node bin/dossier.js serve on ${relative(ROOT, sqlitePath)}`);
  server = await startServer();
  const memory = { afterStart: readMemory(server.child.pid) };

  const feedUrls = [
    ['site (headquarters)', '/'],
    ['site (whole network)', '/research'],
    [
      `topic (${topic.slug}, ${topic.live.toLocaleString('en-US')} live pieces)`,
      `/topics/${topic.slug}`,
    ],
  ];
  const feeds = await watching('feeds', memory, async () => {
    const rows = [];
    for (const [what, page] of feedUrls) {
      const base = page === '/' ? '' : page;
      const baseline = await timeUrl(page);
      for (const file of ['feed.xml', 'feed.atom', 'feed.json']) {
        rows.push({
          what,
          url: `${base}/${file}`,
          ...(await timeUrl(`${base}/${file}`)),
          page: baseline,
        });
      }
    }
    return rows;
  });

  const sitemaps = await watching('sitemaps', memory, async () => [
    await crawlSitemaps(),
    await crawlSitemaps(),
  ]);
  const floor = sitemapFloor();
  const expected = liveSelfCanonical();
  const listed = sitemaps[0].publicationUrls;
  if (listed !== expected)
    throw new Error(
      `the sitemaps list ${listed} publication URLs; the database has ${expected} live, self-canonical pieces`,
    );
  const biggest = Math.max(...sitemaps[0].children.map((c) => c.urls));
  if (biggest > MAX_URLS)
    throw new Error(`a child sitemap holds ${biggest} URLs, over the protocol's ${MAX_URLS}`);

  memory.end = readMemory(server.child.pid);
  await stop(server.child);
  load.after = loadavg();

  const results = { startedAt, load, corpus, topic, feeds, sitemaps, floor, expected, memory };
  const report = render(results);
  console.log(`\n${report.markdown}`);
  if (!args['no-write']) {
    writeResults(HERE, report);
  }
}

// ---------------------------------------------------------------------------------------
// Corpus

async function ensureCorpus() {
  const infoPath = join(dataDir, 'generation.json');
  const info = existsSync(infoPath) ? JSON.parse(readFileSync(infoPath, 'utf8')) : null;
  const schema = migrationsFingerprint();
  const reusing = args['data-dir'] !== undefined;
  const stale = !reusing && existsSync(sqlitePath) && info?.schema !== schema;
  if (stale)
    log(`The migrations changed since ${relative(ROOT, dataDir)} was made: making it again.`);
  if (!reusing && (args.fresh || stale)) rmSync(dataDir, { recursive: true, force: true });
  if (!existsSync(sqlitePath)) {
    if (reusing) throw new Error(`--data-dir ${dataDir} holds no dossier.sqlite`);
    mkdirSync(dataDir, { recursive: true });
    log(`Generating ${publications} publications (seed ${seed}) into ${relative(ROOT, dataDir)}…`);
    const started = performance.now();
    const code = await run(BIN, [
      'demo',
      '--publications',
      String(publications),
      '--seed',
      String(seed),
    ]);
    if (code !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`dossier demo exited with ${code}`);
    }
    const seconds = (performance.now() - started) / 1000;
    writeFileSync(
      infoPath,
      `${JSON.stringify({ publications, seed, seconds, schema, generatedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    log(`  done in ${seconds.toFixed(0)} s`);
  }
  const db = new Database(sqlitePath, { readonly: true });
  try {
    const now = new Date().toISOString();
    return db
      .prepare(`select (select count(*) from publications) as publications,
                       (select count(*) from publications where visible_from <= ?) as live,
                       (select count(*) from people) as people,
                       (select count(*) from terms) as terms,
                       (select count(*) from centers) as centers`)
      .get(now);
  } finally {
    db.close();
  }
}

function run(file, argv) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [file, ...argv], {
      cwd: ROOT,
      env: { ...process.env, DOSSIER_DATA_DIR: dataDir, DOSSIER_SERVER_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 2, 2],
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => done(code ?? signal));
  });
}

/** Reads the corpus directly (read-only), for the URLs to pick and the counts to check. */
function query(sql, ...params) {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

function busiestTopic() {
  const [row] = query(
    `select t.slug, count(*) as live from terms t join publication_terms x on x.term_id = t.id
     where t.taxonomy = 'topic' and x.visible_from <= ? group by t.id order by live desc, t.id limit 1`,
    new Date().toISOString(),
  );
  if (!row) throw new Error('the corpus has no topic with live pieces');
  return row;
}

function liveSelfCanonical() {
  return query(
    'select count(*) as n from publications where visible_from <= ? and canonical_url is null',
    new Date().toISOString(),
  )[0].n;
}

/** The baseline: the same rows read straight from SQLite and written as <url> lines. */
function sitemapFloor() {
  const started = performance.now();
  const db = new Database(sqlitePath, { readonly: true });
  let bytes = 0;
  let urls = 0;
  try {
    const rows = db
      .prepare(
        'select slug, updated_at, visible_from from publications where visible_from <= ? and canonical_url is null order by primary_center_id, id',
      )
      .iterate(new Date().toISOString());
    for (const row of rows) {
      const [lastmod] = [row.updated_at, row.visible_from].sort().reverse();
      bytes +=
        `<url><loc>http://127.0.0.1/research/${row.slug}</loc><lastmod>${lastmod}</lastmod></url>\n`
          .length;
      urls += 1;
    }
  } finally {
    db.close();
  }
  return { ms: performance.now() - started, urls, bytes };
}

// ---------------------------------------------------------------------------------------
// Fetching

/**
 * Starts the server on a port the system picks (port 0) and learns it from the line the
 * server prints once listening, so no other process can take the port in between.
 */
async function startServer() {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DOSSIER_DATA_DIR: dataDir,
      DOSSIER_SERVER_HOST: '127.0.0.1',
      DOSSIER_SERVER_PORT: '0',
      DOSSIER_SERVER_LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise((found, fail) => {
    let seen = '';
    const timer = setTimeout(
      () => fail(new Error('the server did not listen within 3 minutes')),
      180_000,
    );
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const listening = /serving on (http:\/\/[^/\s]+)\//.exec(seen);
      if (listening) {
        clearTimeout(timer);
        found(listening[1]);
      }
    });
    child.once('exit', (code) =>
      fail(new Error(`the server exited with ${code} before listening`)),
    );
  });
  return { child, origin };
}

async function get(url) {
  const started = performance.now();
  const response = await fetch(url.startsWith('http') ? url : server.origin + url);
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms, body };
}

async function timeUrl(path) {
  const first = await get(path);
  const warm = [];
  for (let i = 0; i < repeat; i++) warm.push((await get(path)).ms);
  return {
    firstMs: first.ms,
    warmMedianMs: median(warm),
    warmMaxMs: Math.max(...warm),
    bytes: Buffer.byteLength(first.body),
  };
}

/** Every site's sitemaps, as a crawler finds them: robots.txt, each index, each child. */
async function crawlSitemaps() {
  const started = performance.now();
  const robots = await get('/robots.txt');
  const indexes = robots.body
    .split('\n')
    .filter((l) => l.startsWith('Sitemap: '))
    .map((l) => l.slice(9));
  // A center on a host of its own is not named at this origin; the demo has none.
  const children = [];
  let bytes = 0;
  for (const index of indexes) {
    const { body, ms } = await get(index);
    bytes += Buffer.byteLength(body);
    for (const [, loc] of body.matchAll(/<loc>([^<]+)<\/loc>/g)) {
      const child = await get(loc);
      const locs = [...child.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      bytes += Buffer.byteLength(child.body);
      children.push({
        url: loc.replace(server.origin, ''),
        urls: locs.length,
        ms: child.ms,
        bytes: Buffer.byteLength(child.body),
        publications: locs.filter((l) => l.includes('/research/')).length,
      });
    }
    children.push({
      url: index.replace(server.origin, ''),
      urls: 0,
      ms,
      bytes: 0,
      publications: 0,
      isIndex: true,
    });
  }
  const listed = children.filter((c) => !c.isIndex);
  return {
    ms: performance.now() - started,
    sites: indexes.length,
    children: listed,
    urls: listed.reduce((n, c) => n + c.urls, 0),
    publicationUrls: listed.reduce((n, c) => n + c.publications, 0),
    bytes,
  };
}

/** Runs a phase while sampling the server's resident memory every 20 ms. */
async function watching(name, memory, phase) {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, readMemory(server.child.pid).rssMb);
  }, 20);
  try {
    log(`Measuring ${name}…`);
    return await phase();
  } finally {
    clearInterval(timer);
    memory[name] = {
      peakRssMb: Math.max(peak, readMemory(server.child.pid).rssMb),
      ...readMemory(server.child.pid),
    };
  }
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

// ---------------------------------------------------------------------------------------
// Report

function render(results) {
  const { startedAt, load, corpus, feeds, sitemaps, floor, expected, memory } = results;
  const machine = `${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM; Node ${process.version}`;
  const quick = corpus.publications < FULL_SIZE;
  const [cold, warm] = sitemaps;
  const largest = cold.children.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const slowest = cold.children.reduce((a, b) => (b.ms > a.ms ? b : a));
  const ms = (n) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const mbytes = (n) => `${(n / 2 ** 20).toFixed(1)} MB`;
  const urls = (n) => `${n.toLocaleString('en-US')} URL${n === 1 ? '' : 's'}`;
  const lines = ['# Outputs benchmark results', ''];
  if (quick)
    lines.push(
      `> **Quick try on ${corpus.publications.toLocaleString('en-US')} publications, not the 100,000 the claim is about.**`,
      '',
    );
  if (args.note) lines.push(`> **Note:** ${args.note}`, '');
  lines.push(
    `- Date: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; commit \`${git('rev-parse', '--short', 'HEAD')}\`${git('status', '--porcelain', '--', 'src').length > 0 ? ' (with uncommitted changes under src/)' : ''}`,
    `- Machine: ${machine}; load average before ${load.before.map((n) => n.toFixed(2)).join(' / ')}, after ${load.after.map((n) => n.toFixed(2)).join(' / ')}`,
    `- Corpus: ${corpus.publications.toLocaleString('en-US')} publications (${corpus.live.toLocaleString('en-US')} live), ${corpus.people} people, ${corpus.terms} terms, ${corpus.centers} centers, in \`${relative(ROOT, dataDir)}\``,
    '- Server: `node bin/dossier.js serve` (SQLite), over loopback HTTP; one request at a time from this process (fetch, compressed answers), never conditional',
    '',
    '## Feeds',
    '',
    `Each feed: first fetch, then the median and worst of ${repeat} more. Baseline: the HTML page the feed follows, fetched the same way just before.`,
    '',
    '| Feed | URL | Body | First | Warm median (max) | Its page: warm median |',
    '|---|---|---:|---:|---:|---:|',
    ...feeds.map(
      (f) =>
        `| ${f.what} | \`${f.url}\` | ${kb(f.bytes)} | ${ms(f.firstMs)} | ${ms(f.warmMedianMs)} (${ms(f.warmMaxMs)}) | ${ms(f.page.warmMedianMs)} |`,
    ),
    '',
    '## Sitemaps',
    '',
    `The whole set, walked as a crawler does (robots.txt → ${cold.sites} site indexes → ${cold.children.length} children): ${cold.urls.toLocaleString('en-US')} URLs, ${mbytes(cold.bytes)} of XML.`,
    '',
    '| Pass | Whole set | Slowest child | Largest child |',
    '|---|---:|---:|---:|',
    `| first | ${ms(cold.ms)} | ${ms(slowest.ms)} (\`${slowest.url}\`, ${urls(slowest.urls)}) | ${mbytes(largest.bytes)} (\`${largest.url}\`, ${urls(largest.urls)}) |`,
    `| second | ${ms(warm.ms)} | ${ms(Math.max(...warm.children.map((c) => c.ms)))} | |`,
    '',
    `Baseline: reading the same ${floor.urls.toLocaleString('en-US')} publication rows straight from the SQLite file (better-sqlite3, in the bench process) and writing them as \`<url>\` lines took ${ms(floor.ms)} (${mbytes(floor.bytes)}); the served set also lists people, terms and pages, and goes through HTTP and compression.`,
    '',
    `Checked: every child holds at most ${MAX_URLS.toLocaleString('en-US')} URLs (largest: ${Math.max(...cold.children.map((c) => c.urls)).toLocaleString('en-US')}); the publication URLs across all sites (${cold.publicationUrls.toLocaleString('en-US')}) equal the database's live, self-canonical pieces (${expected.toLocaleString('en-US')}), each listed once, on its primary center's site.`,
    '',
    '## Server memory',
    '',
    '| When | RSS | Peak RSS sampled during |',
    '|---|---:|---:|',
    `| after start | ${memory.afterStart.rssMb} MB | |`,
    `| feeds | ${memory.feeds.rssMb} MB | ${memory.feeds.peakRssMb} MB |`,
    `| sitemaps (both passes) | ${memory.sitemaps.rssMb} MB | ${memory.sitemaps.peakRssMb} MB |`,
    `| end | ${memory.end.rssMb} MB (lifetime peak VmHWM ${memory.end.hwmMb} MB) | |`,
    '',
    `The sitemap set is ${mbytes(cold.bytes)} of XML, served twice; while serving it the server's resident memory peaked ${(memory.sitemaps.peakRssMb - memory.feeds.rssMb).toFixed(1)} MB above where the feeds left it (${(memory.sitemaps.peakRssMb - memory.afterStart.rssMb).toFixed(1)} MB above its size after start): each child streams a batch of 2,000 rows at a time.`,
    '',
    `Reproduce: \`node bench/outputs/run.mjs${args['data-dir'] ? ` --data-dir ${relative(ROOT, dataDir)}` : quick ? ` --publications ${corpus.publications}` : ''}\` (see bench/README.md).`,
    '',
  );
  return {
    markdown: lines.join('\n'),
    json: { ...results, machine, note: args.note ?? null },
  };
}

// ---------------------------------------------------------------------------------------
// Small helpers

function count(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, not "${text}"`);
  return n;
}

try {
  await main();
} catch (error) {
  log(`bench/outputs: ${error instanceof Error ? error.message : error}`);
  if (server) await stop(server.child);
  process.exit(1);
}
