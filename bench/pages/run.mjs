// Page benchmark: Dossier's publication, person and topic pages, uncached, against a
// constant pre-rendered page of the same size served by a bare Fastify in the same run.
//
//   node bench/pages/run.mjs [--publications 100000] [--fresh] [--seed 1]
//        [--connections 16] [--duration 10] [--warmup 2] [--rotate 32] [--rounds 3]
//        [--data-dir DIR] [--note TEXT] [--no-write]
//
// - Corpus: bench/.data/pages-100k/dossier.sqlite (pages-<N> for other sizes), made once
//   with `node bin/dossier.js demo --publications N --seed S`; --fresh regenerates it.
//   BENCH_PUBLICATIONS=5000 (or --publications 5000) is a quick try; the committed
//   RESULTS.md must come from 100,000.
// - The real server: `node bin/dossier.js serve` on a free loopback port, log level warn,
//   with DOSSIER_SEARCH_BUILD_AT_START=false: these pages never search, and the search
//   index has its own memory bar and bench (bench/search); building it here would put
//   its ~290 MB at 100,000 pieces into this bench's RSS.
// - The baseline: bench/pages/constant-server.mjs (bare Fastify, one wildcard route,
//   Map lookup) answering, for every benchmarked URL, the exact HTML and headers the real
//   server sent for it.
// - autocannon, programmatic, in this process: per measurement a warm-up run (discarded)
//   then the measured run; the constant page is measured right before each page type.
//   "single": one URL; "rotating": each connection cycles through --rotate different URLs
//   of that type. No If-None-Match is ever sent, so every answer is a full 200 render.
//   All of it --rounds times; the report gives per-round medians and their range.
// - RSS of the real server: VmRSS/VmHWM from /proc/<pid>/status.
// Writes bench/pages/RESULTS.md and bench/pages/results.json (unless --no-write).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import {
  freePort,
  git,
  log,
  median,
  migrationsFingerprint,
  readMemory,
  sleep,
  writeResults,
} from '../../scripts/lib/measure-kit.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = join(ROOT, 'bin/dossier.js');
const COMMITTED_CORPUS = 100_000;

const GOALS = { minShareOfConstant: 0.1, maxP99Ms: 25, maxRssMb: 250, connections: 16 };

const { values: args } = parseArgs({
  options: {
    publications: {
      type: 'string',
      default: process.env.BENCH_PUBLICATIONS ?? String(COMMITTED_CORPUS),
    },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    connections: { type: 'string', default: String(GOALS.connections) },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rotate: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    'data-dir': { type: 'string' },
    note: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .map((l) => l.slice(3))
      .join('\n'),
  );
  process.exit(0);
}

const publications = whole(args.publications, '--publications');
const seed = whole(args.seed, '--seed');
const connections = whole(args.connections, '--connections');
const duration = whole(args.duration, '--duration');
const warmup = whole(args.warmup, '--warmup');
const rotate = Math.max(2, whole(args.rotate, '--rotate'));
const rounds = Math.max(1, whole(args.rounds, '--rounds'));
const dataDir = resolve(
  args['data-dir'] ??
    join(
      ROOT,
      'bench/.data',
      publications === COMMITTED_CORPUS ? 'pages-100k' : `pages-${publications}`,
    ),
);
const sqlitePath = join(dataDir, 'dossier.sqlite');

const children = new Set();
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`\n${signal}: stopping`);
    process.exit(130);
  });
}

async function main() {
  const startedAt = new Date();
  const loadBefore = loadavg();
  const corpus = await prepareCorpus();
  const picks = pickUrls();

  // The server reads src/ when it starts: that is the code measured.
  const source = {
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'bin').length > 0,
    untracked: git('status', '--porcelain', '--', 'src', 'bin')
      .split('\n')
      .some((l) => l.startsWith('??')),
  };
  log(`\nStarting the real server (node bin/dossier.js serve) on ${sqlitePath}`);
  const server = await startServer();
  const rssAfterStart = readMemory(server.child.pid);

  log('Fetching every benchmarked URL (must be 200) and warming it up');
  const pages = {};
  const unloaded = {};
  for (const [type, set] of Object.entries(picks)) {
    const started = Date.now();
    // One request at a time: the first fetch of each URL is its cold time; the single URL
    // is fetched three more times, and those warm times are reported as "unloaded".
    const cold = [];
    for (const path of [set.single, ...set.rotating]) {
      const t = performance.now();
      pages[path] ??= await fetchPage(server.origin, path, type);
      cold.push(performance.now() - t);
    }
    const warm = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await fetchPage(server.origin, set.single, type);
      warm.push(performance.now() - t);
    }
    unloaded[type] = {
      firstFetchMedianMs: Math.round(median(cold)),
      firstFetchMaxMs: Math.round(Math.max(...cold)),
      singleWarmMedianMs: Math.round(median(warm)),
    };
    log(
      `  ${type}: ${1 + set.rotating.length} URLs fetched in ${formatDuration((Date.now() - started) / 1000)}; one at a time: median ${unloaded[type].firstFetchMedianMs} ms, max ${unloaded[type].firstFetchMaxMs} ms; single URL warm ${unloaded[type].singleWarmMedianMs} ms`,
    );
  }
  const rssAfterLoad = readMemory(server.child.pid);

  const pagesFile = join(dataDir, 'constant-pages.json');
  writeFileSync(pagesFile, JSON.stringify(pages));
  const constant = await startConstantServer(pagesFile);
  for (const path of Object.keys(pages)) {
    const copy = await fetch(constant.origin + path);
    const body = await copy.text();
    if (copy.status !== 200 || body !== pages[path].body)
      throw new Error(`the constant server does not answer ${path} with the real page`);
  }

  // Rounds: every (page type, mode) is measured once per round, constant first; the
  // report shows per-round medians with their range, so a noisy neighbour shows up.
  const runs = new Map();
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) log(`Round ${round} of ${rounds}`);
    for (const [type, set] of Object.entries(picks)) {
      for (const mode of ['single', 'rotating']) {
        const paths = mode === 'single' ? [set.single] : set.rotating;
        const base = await measure(`constant   ${type} ${mode}`, constant.origin, paths);
        const real = await measure(`dossier    ${type} ${mode}`, server.origin, paths);
        const key = `${type} ${mode}`;
        if (!runs.has(key)) runs.set(key, { type, mode, paths, rounds: [] });
        runs.get(key).rounds.push({ constant: base, dossier: real, share: real.rps / base.rps });
      }
    }
  }
  const rows = [...runs.values()].map(({ type, mode, paths, rounds: measured }) => ({
    type,
    mode,
    urls: paths.length,
    example: paths[0],
    bodyBytes: Math.round(
      paths.reduce((sum, p) => sum + Buffer.byteLength(pages[p].body), 0) / paths.length,
    ),
    constant: combine(measured.map((m) => m.constant)),
    dossier: combine(measured.map((m) => m.dossier)),
    share: median(measured.map((m) => m.share)),
    shareRange: [
      Math.min(...measured.map((m) => m.share)),
      Math.max(...measured.map((m) => m.share)),
    ],
    rounds: measured,
  }));
  const rssAfterRuns = readMemory(server.child.pid);
  const loadAfter = loadavg();
  await stopChild(constant.child);
  await stopChild(server.child);
  rmSync(pagesFile, { force: true });

  const report = buildReport({
    startedAt,
    source,
    loadBefore,
    loadAfter,
    corpus,
    picks,
    rows,
    unloaded,
    memory: { afterStart: rssAfterStart, afterLoad: rssAfterLoad, afterRuns: rssAfterRuns },
  });
  console.log(`\n${report.markdown}`);
  if (!args['no-write']) {
    writeResults(HERE, report);
  }
}

// ---------------------------------------------------------------------------------------
// Corpus

async function prepareCorpus() {
  const infoFile = join(dataDir, 'generation.json');
  const schema = migrationsFingerprint();
  if (args['data-dir'] === undefined && !args.fresh && existsSync(sqlitePath)) {
    const previous = existsSync(infoFile) ? JSON.parse(readFileSync(infoFile, 'utf8')) : null;
    if (previous?.schema !== schema) {
      log(
        `The migrations changed since this corpus was generated (${previous?.schema ?? 'unknown'} → ${schema}): regenerating it.`,
      );
      args.fresh = true;
    }
  }
  if (args.fresh && args['data-dir'] === undefined)
    rmSync(dataDir, { recursive: true, force: true });
  if (!existsSync(sqlitePath)) {
    if (args['data-dir'] !== undefined)
      throw new Error(`--data-dir ${dataDir} has no dossier.sqlite`);
    mkdirSync(dataDir, { recursive: true });
    log(
      `Generating the corpus: node bin/dossier.js demo --publications ${publications} --seed ${seed} (DOSSIER_DATA_DIR=${relative(ROOT, dataDir)})`,
    );
    const started = Date.now();
    const code = await new Promise((resolveExit, reject) => {
      const child = spawn(
        process.execPath,
        [BIN, 'demo', '--publications', String(publications), '--seed', String(seed)],
        {
          cwd: ROOT,
          env: { ...process.env, DOSSIER_DATA_DIR: dataDir, DOSSIER_SERVER_LOG_LEVEL: 'warn' },
          stdio: ['ignore', 2, 2], // its output goes to stderr: stdout carries only the report
        },
      );
      children.add(child);
      // `dossier demo` shows progress only on a terminal; elsewhere, count rows now and then.
      const heartbeat = process.stderr.isTTY
        ? undefined
        : setInterval(
            () =>
              log(
                `  … ${countPublications()} publications after ${formatDuration((Date.now() - started) / 1000)}`,
              ),
            30_000,
          );
      child.on('error', reject);
      child.on('exit', (c, signal) => {
        clearInterval(heartbeat);
        children.delete(child);
        resolveExit(c ?? signal);
      });
    });
    const seconds = (Date.now() - started) / 1000;
    if (code !== 0) {
      // A corpus with rejected records is not the corpus the goals are about: start over next time.
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(
        `dossier demo exited with ${code} after ${seconds.toFixed(1)} s; see its output above`,
      );
    }
    const info = {
      publications,
      seed,
      seconds,
      perSecond: publications / seconds,
      generatedAt: new Date().toISOString(),
      loadAverageAfter: loadavg(),
      schema,
      command: `node bin/dossier.js demo --publications ${publications} --seed ${seed}`,
      commit: git('rev-parse', '--short', 'HEAD'),
    };
    writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
    log(
      `Generated ${publications} publications in ${formatDuration(seconds)} (${Math.round(info.perSecond)} publications/s)`,
    );
  } else {
    log(
      `Using the existing corpus ${relative(ROOT, sqlitePath) || sqlitePath} (--fresh to regenerate)`,
    );
  }
  const generation = existsSync(infoFile) ? JSON.parse(readFileSync(infoFile, 'utf8')) : null;
  if (generation)
    log(
      `  generated ${generation.generatedAt} in ${formatDuration(generation.seconds)} (${Math.round(generation.perSecond)} publications/s)`,
    );

  const db = new Database(sqlitePath, { readonly: true });
  const counts = db
    .prepare(`select
      (select count(*) from publications) as publications,
      (select count(*) from publications where status = 'published') as published,
      (select count(*) from people) as people,
      (select count(*) from terms where taxonomy = 'topic') as topics,
      (select count(*) from publication_authors) as authorships`)
    .get();
  db.close();
  const fileBytes = ['', '-wal'].reduce(
    (sum, suffix) =>
      sum + (existsSync(sqlitePath + suffix) ? statSync(sqlitePath + suffix).size : 0),
    0,
  );
  log(
    `  ${counts.publications} publications (${counts.published} published), ${counts.people} people, ${counts.topics} topics; database ${(fileBytes / 1e6).toFixed(0)} MB`,
  );
  if (args['data-dir'] === undefined && counts.publications !== publications) {
    throw new Error(
      `the corpus has ${counts.publications} publications, not ${publications}: run again with --fresh`,
    );
  }
  return {
    dataDir: relative(ROOT, dataDir) || dataDir,
    sqliteMegabytes: Math.round(fileBytes / 1e6),
    generation,
    ...counts,
  };
}

function countPublications() {
  try {
    const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('select count(*) as n from publications').get().n;
    } finally {
      db.close();
    }
  } catch {
    return '?';
  }
}

/** The URLs to benchmark, read straight from the database: the heaviest of each kind. */
function pickUrls() {
  const db = new Database(sqlitePath, { readonly: true });
  const now = new Date().toISOString();
  const live = `p.status in ('published', 'scheduled') and p.published_at <= @now and (p.embargo_until is null or p.embargo_until <= @now)`;
  const mostAuthors = db
    .prepare(`select p.slug, count(*) as n from publications p join publication_authors a on a.publication_id = p.id
              where ${live} group by p.id order by n desc, p.id limit 1`)
    .get({ now });
  const liveCount = db
    .prepare(`select count(*) as n from publications p where ${live}`)
    .get({ now }).n;
  // Spread evenly over the whole corpus (by id), so old and new pieces alike are read.
  const step = Math.max(1, Math.floor(liveCount / rotate));
  const spread = db
    .prepare(
      `select slug from (select p.slug, row_number() over (order by p.id) as r from publications p where ${live}) where (r - 1) % @step = 0 limit @rotate`,
    )
    .all({ now, step, rotate })
    .map((r) => r.slug);
  const people = db
    .prepare(`select pe.slug, count(*) as n from people pe join publication_authors a on a.person_id = pe.id join publications p on p.id = a.publication_id
              where ${live} group by pe.id order by n desc, pe.id limit @rotate`)
    .all({ now, rotate });
  const topics = db
    .prepare(`select t.slug, count(*) as n from terms t join publication_terms x on x.term_id = t.id join publications p on p.id = x.publication_id
              where t.taxonomy = 'topic' and ${live} group by t.id order by n desc, t.id limit @rotate`)
    .all({ now, rotate });
  db.close();
  if (!mostAuthors || people.length === 0 || topics.length === 0)
    throw new Error('the corpus has no live publications, people or topics to benchmark');
  const picks = {
    publication: {
      single: `/research/${mostAuthors.slug}`,
      why: `the live publication with the most authors (${mostAuthors.n})`,
      rotating: spread.map((s) => `/research/${s}`),
      rotatingWhy: `${spread.length} live publications spread evenly over the corpus by id`,
    },
    person: {
      single: `/experts/${people[0].slug}`,
      why: `the person with the most live publications (${people[0].n})`,
      rotating: people.map((p) => `/experts/${p.slug}`),
      rotatingWhy: `the ${people.length} people with the most live publications (${people.at(-1).n}–${people[0].n})`,
    },
    topic: {
      single: `/topics/${topics[0].slug}`,
      why: `the topic with the most live publications (${topics[0].n})`,
      rotating: topics.map((t) => `/topics/${t.slug}`),
      rotatingWhy: `the ${topics.length} topics with the most live publications (${topics.at(-1).n}–${topics[0].n})`,
    },
  };
  for (const [type, p] of Object.entries(picks))
    log(`  ${type}: ${p.single} — ${p.why}; rotating over ${p.rotatingWhy}`);
  return picks;
}

// ---------------------------------------------------------------------------------------
// Servers

async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DOSSIER_DATA_DIR: dataDir,
      DOSSIER_SERVER_HOST: '127.0.0.1',
      DOSSIER_SERVER_PORT: String(port),
      DOSSIER_SERVER_LOG_LEVEL: 'warn',
      DOSSIER_SEARCH_BUILD_AT_START: 'false',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.stdout.on('data', (chunk) => process.stderr.write(`  [dossier] ${chunk}`));
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(origin, child, 120_000);
  return { child, origin };
}

async function startConstantServer(pagesFile) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(HERE, 'constant-server.mjs'), pagesFile, String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.add(child);
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(origin, child, 30_000);
  return { child, origin };
}

async function waitUntilAnswering(origin, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the server at ${origin} exited (${child.exitCode ?? child.signalCode}) before answering`,
      );
    try {
      const response = await fetch(origin, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`the server at ${origin} did not answer within ${timeoutMs / 1000} s`);
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

const KEPT_HEADERS = [
  'content-type',
  'etag',
  'cache-control',
  'vary',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
  'content-security-policy',
];

async function fetchPage(origin, path, type) {
  const response = await fetch(origin + path, { redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`${type} page ${path} answered ${response.status}, not 200`);
  const headers = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { headers, body };
}

// ---------------------------------------------------------------------------------------
// Measuring

/** Seconds autocannon waits for one answer before counting a timeout. */
const REQUEST_TIMEOUT_S = 60;

async function measure(label, origin, paths) {
  const options = {
    url: origin,
    connections,
    pipelining: 1,
    timeout: REQUEST_TIMEOUT_S,
    // Each connection cycles through these; no If-None-Match, so never a 304.
    requests: paths.map((path) => ({ method: 'GET', path })),
  };
  process.stderr.write(`  ${label.padEnd(34)} warm-up ${warmup} s… `);
  await autocannon({ ...options, duration: warmup });
  // A slow server still works through the warm-up's queued requests after autocannon
  // hangs up; let it finish so they do not count against the measured run.
  const drained = await drain(origin);
  process.stderr.write(
    `${drained > 1 ? `(drained ${drained.toFixed(0)} s) ` : ''}measuring ${duration} s… `,
  );
  const result = await autocannon({ ...options, duration });
  const summary = {
    // Completed 2xx answers per second over the run (autocannon's per-second mean is
    // coarse when a page takes longer than a second).
    rps: (result['2xx'] ?? result.requests.total) / result.duration,
    autocannonMeanRps: result.requests.average,
    requests: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    meanLatency: result.latency.average,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    statusCodes: result.statusCodeStats,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  summary.clean =
    summary.non2xx === 0 && summary.errors === 0 && summary.timeouts === 0 && summary.requests > 0;
  const flaws = summary.clean
    ? ''
    : ` — NOT CLEAN: ${summary.requests} answers, non-2xx ${summary.non2xx}, errors ${summary.errors}, timeouts ${summary.timeouts}`;
  process.stderr.write(
    `${fmtRps(summary.rps)} req/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms${flaws}\n`,
  );
  await drain(origin);
  return summary;
}

/** Per-metric medians over rounds (max: the worst), with the rps and p99 ranges. */
function combine(list) {
  const pick = (key) => list.map((m) => m[key]);
  return {
    rps: median(pick('rps')),
    rpsRange: [Math.min(...pick('rps')), Math.max(...pick('rps'))],
    p50: median(pick('p50')),
    p90: median(pick('p90')),
    p99: median(pick('p99')),
    p99Range: [Math.min(...pick('p99')), Math.max(...pick('p99'))],
    max: Math.max(...pick('max')),
    requests: pick('requests').reduce((a, b) => a + b, 0),
    non2xx: pick('non2xx').reduce((a, b) => a + b, 0),
    errors: pick('errors').reduce((a, b) => a + b, 0),
    timeouts: pick('timeouts').reduce((a, b) => a + b, 0),
    statusCodes: list.map((m) => m.statusCodes),
    clean: list.every((m) => m.clean),
  };
}

/** Waits until the server answers a trivial request quickly again; returns the seconds waited. */
async function drain(origin) {
  const started = Date.now();
  const deadline = started + 300_000;
  while (Date.now() < deadline) {
    const t = performance.now();
    try {
      const response = await fetch(`${origin}/bench-drain-probe`, {
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
    } catch {
      // slow or refused: try again
    }
    if (performance.now() - t < 50) return (Date.now() - started) / 1000;
    await sleep(100);
  }
  throw new Error(`the server at ${origin} was still busy 5 minutes after a run`);
}

// ---------------------------------------------------------------------------------------
// Report

function buildReport({
  startedAt,
  source,
  loadBefore,
  loadAfter,
  corpus,
  picks,
  rows,
  unloaded,
  memory,
}) {
  const { commit, dirty, untracked } = source;
  const machine = {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round1(totalmem() / 2 ** 30),
    node: process.version,
    fastify: packageVersion('fastify'),
    autocannon: packageVersion('autocannon'),
    betterSqlite3: packageVersion('better-sqlite3'),
  };
  const committedSize = corpus.publications >= COMMITTED_CORPUS;

  const unclean = [];
  for (const r of rows) {
    for (const side of ['constant', 'dossier']) {
      const m = r[side];
      if (!m.clean)
        unclean.push(
          `${side} ${r.type} ${r.mode}: ${m.requests} answers, non-2xx ${m.non2xx} (${JSON.stringify(m.statusCodes)}), errors ${m.errors}, timeouts ${m.timeouts} (marked † above)`,
        );
    }
  }
  const perType = {};
  for (const type of Object.keys(picks)) {
    const mine = rows.filter((r) => r.type === type);
    const worstShare = Math.min(...mine.map((r) => r.share));
    const worstP99 = Math.max(...mine.map((r) => r.dossier.p99));
    const clean = mine.every((r) => r.dossier.clean && r.constant.clean);
    perType[type] = {
      throughput: { pass: clean && worstShare >= GOALS.minShareOfConstant, worstShare, clean },
      p99: { pass: clean && worstP99 <= GOALS.maxP99Ms, worstP99, clean },
    };
  }
  const rssPeak = Math.max(memory.afterLoad.hwmMb, memory.afterRuns.hwmMb);
  const rss = { pass: rssPeak <= GOALS.maxRssMb, peakMb: rssPeak };
  const allPass = rss.pass && Object.values(perType).every((t) => t.throughput.pass && t.p99.pass);

  const passFail = (ok) => (ok ? '**PASS**' : '**FAIL**');
  const lines = [];
  lines.push('# Page benchmark results', '');
  if (!committedSize) {
    lines.push(
      `> **Quick try on a ${corpus.publications.toLocaleString('en-US')}-publication corpus — NOT the measurement the goals are about (100,000 publications).**`,
      '',
    );
  }
  if (args.note) lines.push(`> **Note:** ${args.note}`, '');
  lines.push(
    `- Date: ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- Machine: ${machine.nproc} cores (\`nproc\`), ${machine.cpu}, ${machine.memoryGb} GB RAM; Node ${machine.node}; Fastify ${machine.fastify}, better-sqlite3 ${machine.betterSqlite3}, autocannon ${machine.autocannon}`,
    `- Load average (1 / 5 / 15 min) before the run: ${loadBefore.map((n) => n.toFixed(2)).join(' / ')}; after: ${loadAfter.map((n) => n.toFixed(2)).join(' / ')} (the bench itself keeps about 1.5 busy; more means other work shared the ${machine.nproc} cores)`,
    `- Commit (when the server started): \`${commit}\`${dirty || untracked ? ' (with uncommitted changes under src/ or bin/)' : ''}`,
    `- Corpus: ${corpus.publications.toLocaleString('en-US')} publications (${corpus.published.toLocaleString('en-US')} published), ${corpus.people} people, ${corpus.topics} topics, ${corpus.authorships.toLocaleString('en-US')} authorships; SQLite ${corpus.sqliteMegabytes} MB in \`${corpus.dataDir}\``,
    corpus.generation
      ? `- Corpus generation: \`${corpus.generation.command}\` took ${formatDuration(corpus.generation.seconds)} (${Math.round(corpus.generation.perSecond)} publications/s) on ${corpus.generation.generatedAt.slice(0, 10)}`
      : '- Corpus generation: not recorded (corpus supplied with --data-dir)',
    `- Load: autocannon, ${connections} connections, pipelining 1, ${warmup} s warm-up (discarded) then ${duration} s measured, over loopback, ${rounds} round${rounds > 1 ? 's' : ''}; client and servers share the ${machine.nproc} cores`,
    `- Uncached: no If-None-Match is sent (every answer is a 200 with a full render; the app keeps no page cache: its read cache (src/storage/read-cache) holds cards, list totals and first ids, and author profiles, each dropped when the change log says they changed, while each request reads the page's own piece (its row, body and links; its byline is its card's), person or term from SQLite); every run is checked for non-200s, errors and timeouts (request timeout ${REQUEST_TIMEOUT_S} s); after each run the bench waits until the server answers a trivial request in < 50 ms again`,
    '',
    '**Dossier** is `node bin/dossier.js serve` (SQLite, log level warn; the search index is built on first search, which these pages never make, so its memory (bench/search) is not in this RSS). **Constant** is the baseline: `bench/pages/constant-server.mjs`, a bare',
    `Fastify ${machine.fastify} process (same version as the app; one wildcard GET route, a Map lookup) that answers each benchmarked URL with the exact HTML`,
    'and headers Dossier sent for that URL, fetched just before — same bytes on the wire, no database, no rendering. It is measured right before the',
    'Dossier run for the same URLs. *single* = one URL; *rotating* = each connection cycles through several different URLs of that type.',
    '',
    'URLs:',
  );
  for (const [type, p] of Object.entries(picks))
    lines.push(`- ${type}: single \`${p.single}\` (${p.why}); rotating over ${p.rotatingWhy}`);
  lines.push(
    '',
    '| Page | URLs | Body | Constant req/s | Constant p50 / p99 | Dossier req/s | Dossier p50 / p99 (max) | Dossier answers | Dossier / constant |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of rows) {
    lines.push(
      `| ${r.type} | ${r.mode}${r.urls > 1 ? ` (${r.urls})` : ''} | ${(r.bodyBytes / 1024).toFixed(1)} KB | ${fmtRps(r.constant.rps)}${range(r.constant.rpsRange, fmtRps)}${dirtyMark(r.constant)} | ${r.constant.p50} / ${r.constant.p99} ms | ${fmtRps(r.dossier.rps)}${range(r.dossier.rpsRange, fmtRps)}${dirtyMark(r.dossier)} | ${r.dossier.p50} / ${r.dossier.p99}${range(r.dossier.p99Range, String)} ms (${r.dossier.max}) | ${r.dossier.requests.toLocaleString('en-US')} | ${fmtShare(r.share)}${range(r.shareRange, fmtShare)} |`,
    );
  }
  lines.push(
    '',
    `${rounds > 1 ? `Each figure is the median of ${rounds} rounds, the range over the rounds in parentheses; max is the worst of all rounds; "Dossier answers" is the total over the rounds. ` : ''}req/s = 200 answers completed in the ${duration} s run ÷ its length. Latencies are autocannon's, of 200 answers completed within the run (1 ms resolution; requests still waiting when the run ends are not counted, so when a page takes seconds the real tail is worse than shown). Body is the mean HTML size over the URLs.`,
    ...unclean.map((u) => `- ⚠ ${u}`),
    '',
    `The constant server's figure is bounded by the load generator too: autocannon runs in this process on the same ${machine.nproc} cores, and other work on the machine moves it from run to run; it is the ceiling for this setup, not for Fastify.`,
    '',
    `When the server is saturated, the mean time a request waits is about connections ÷ req/s (Little's law): ${rows.map((r) => `${r.type} ${r.mode} ≈ ${fmtMs((connections / r.dossier.rps) * 1000)}`).join(', ')}.`,
    '',
    'Unloaded, one request at a time (first fetch of every benchmarked URL, before any load; then the single URL warm): ' +
      Object.entries(unloaded)
        .map(
          ([type, u]) =>
            `${type} median ${fmtMs(u.firstFetchMedianMs)} (max ${fmtMs(u.firstFetchMaxMs)}), single URL warm ${fmtMs(u.singleWarmMedianMs)}`,
        )
        .join('; ') +
      '.',
    '',
    `Server memory (Dossier process, /proc/<pid>/status): after start ${memory.afterStart.rssMb} MB RSS; after fetching and warming every URL ${memory.afterLoad.rssMb} MB RSS (peak ${memory.afterLoad.hwmMb} MB); after all runs ${memory.afterRuns.rssMb} MB RSS (peak VmHWM ${memory.afterRuns.hwmMb} MB).`,
    '',
    `## Verdict${committedSize ? '' : ` (on the ${corpus.publications.toLocaleString('en-US')}-publication quick try, not the goal's corpus)`}`,
    '',
    `Goals: each page type ≥ ${GOALS.minShareOfConstant * 100}% of the constant page's throughput and p99 ≤ ${GOALS.maxP99Ms} ms at ${GOALS.connections} connections; server RSS ≤ ${GOALS.maxRssMb} MB with the corpus loaded. A page type passes only if both its single-URL and rotating-URL runs do${rounds > 1 ? ' (on the medians over the rounds)' : ''}; RSS is judged on the peak (VmHWM) over the whole run. Note that with ${GOALS.connections} connections kept busy, p99 ≤ ${GOALS.maxP99Ms} ms needs at least ${GOALS.connections} ÷ ${GOALS.maxP99Ms} ms = ${Math.round(GOALS.connections / (GOALS.maxP99Ms / 1000))} req/s (Little's law: mean latency = connections ÷ throughput, and p99 ≥ mean).`,
    '',
  );
  for (const [type, v] of Object.entries(perType)) {
    const flaw = v.throughput.clean ? '' : '; a run had errors, timeouts or non-200 answers';
    lines.push(
      `- ${type} page throughput: ${passFail(v.throughput.pass)} — worst ${fmtShare(v.throughput.worstShare)} of constant (goal ≥ ${GOALS.minShareOfConstant * 100}%${flaw})`,
    );
    lines.push(
      `- ${type} page p99: ${passFail(v.p99.pass)} — worst ${v.p99.worstP99} ms (goal ≤ ${GOALS.maxP99Ms} ms${connections === GOALS.connections ? '' : `; measured at ${connections} connections, not ${GOALS.connections}`}${flaw})`,
    );
  }
  lines.push(
    `- Server RSS: ${passFail(rss.pass)} — peak ${rss.peakMb} MB (VmHWM; goal ≤ ${GOALS.maxRssMb} MB)`,
  );
  lines.push(
    '',
    `Overall: ${allPass ? 'all goals met' : 'NOT all goals met'}${committedSize ? '' : ' on this small corpus; the goals are defined on 100,000 publications'}.`,
  );
  lines.push(
    '',
    'For scale (measured separately, not re-measured here): nginx ~56,000 req/s on a 58 KB static file on this machine; WordPress 6.1 ~42 req/s for a single post with 10,000 posts; Ghost 5 ~4 req/s.',
    '',
    `Reproduce: \`node bench/pages/run.mjs${committedSize ? '' : ` --publications ${corpus.publications}`}\` (see bench/README.md).`,
    '',
  );

  return {
    markdown: lines.join('\n'),
    json: {
      date: startedAt.toISOString(),
      commit,
      uncommittedChanges: dirty || untracked,
      note: args.note ?? null,
      machine,
      loadAverage: { before: loadBefore, after: loadAfter },
      settings: {
        connections,
        pipelining: 1,
        warmupSeconds: warmup,
        durationSeconds: duration,
        rotate,
        rounds,
      },
      corpus,
      baseline:
        'bench/pages/constant-server.mjs: bare Fastify, one wildcard GET route, Map lookup, answers the exact HTML and headers Dossier sent for the URL',
      urls: picks,
      results: rows,
      unloaded,
      memory,
      goals: GOALS,
      verdict: { perType, rss, allPass, onCommittedCorpusSize: committedSize },
    },
  };
}

// ---------------------------------------------------------------------------------------
// Small helpers

function whole(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, not "${text}"`);
  return n;
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'unknown';
  }
}

function formatDuration(seconds) {
  return seconds < 120
    ? `${seconds.toFixed(1)} s`
    : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function range([low, high], format) {
  return rounds > 1 ? ` (${format(low)}–${format(high)})` : '';
}

function fmtShare(share) {
  const pct = share * 100;
  return `${pct >= 1 ? pct.toFixed(1) : pct.toPrecision(2)}%`;
}

function dirtyMark(m) {
  return m.clean ? '' : ' †';
}

function fmtRps(n) {
  return n >= 100 ? fmt(n) : n.toFixed(n >= 10 ? 1 : 2);
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

function round1(n) {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------

try {
  await main();
} catch (error) {
  console.error(`bench/pages: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await Promise.all([...children].map(stopChild));
}
