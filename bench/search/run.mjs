// Search benchmark: Dossier's search (src/search/) on SQLite and PostgreSQL beside
// MiniSearch and Orama, on the same generated corpus and the same seeded query mix.
//
//   node bench/search/run.mjs [--docs 100000] [--peers-docs 10000] [--queries 200]
//        [--seed 1] [--rounds 3] [--peer-rounds N] [--peers minisearch,orama] [--fresh] [--keep]
//        [--note TEXT] [--no-write]
//   bash scripts/with-postgres.sh node bench/search/run.mjs …   (adds PostgreSQL)
//
// - Corpus: bench/search/corpus.mts writes N publications of ~1,400 words as a `dossier
//   import` JSON-lines file, with word statistics, into bench/.data/search-<N>/ (once per
//   N and seed; remade when the generator changes, or with --fresh).
// - SQLite: `node bin/dossier.js import corpus.jsonl` into bench/.data/search-<N>/sqlite/
//   (kept; imported again when the migrations or the corpus change). PostgreSQL (when
//   DATABASE_URL is set): a fresh database `dossier_searchbench_<N>` on that server,
//   imported the same way, dropped afterwards unless --keep.
// - Queries: bench/search/queries.mjs draws the mix from each corpus's statistics.
// - Engines, each in a process of its own (bench/search/child.mjs, node --expose-gc):
//   Dossier on SQLite (and PostgreSQL) at --docs and at --peers-docs; MiniSearch and Orama
//   at --peers-docs (10,000 by default: they take minutes and gigabytes at 100,000; pass
//   --peers-docs 100000 for a published result). Dossier is compiled with esbuild first.
// - Each child: build (timed), RSS/heap before and after, one warm-up pass over all
//   queries (answers kept for the checks), then --rounds timed passes in seeded orders
//   (--peer-rounds for the peers, the same by default). The peers' processes get a 16 GB
//   V8 heap limit: at 100,000 publications they need more than the default ~4 GB.
// Writes bench/search/RESULTS.md and results.json (unless --no-write).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  git,
  log,
  migrationsFingerprint,
  ROOT,
  writeResults,
} from '../../scripts/lib/measure-kit.mjs';
import { makeQueries } from './queries.mjs';
import { buildReport } from './report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(ROOT, 'bin/dossier.js');
const DATA = join(ROOT, 'bench/.data');
const DOSSIER_FACTORY = join(ROOT, 'src/search/create-search-index.ts');
/** V8 heap limit for the peers' processes (the default is ~4 GB here). */
const PEER_HEAP_MB = 16_384;
const PEERS = {
  minisearch: join(HERE, 'engines/minisearch.mjs'),
  orama: join(HERE, 'engines/orama.mjs'),
};

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    'peers-docs': { type: 'string', default: '10000' },
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    'peer-rounds': { type: 'string' },
    peers: { type: 'string', default: 'minisearch,orama' },
    fresh: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    note: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  // The leading comment block only (printUsage would show the section rulers too).
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  const end = text.findIndex((line) => !line.startsWith('//'));
  console.log(
    text
      .slice(0, end)
      .map((line) => line.slice(3))
      .join('\n'),
  );
  process.exit(0);
}
const settings = {
  docs: whole(args.docs, '--docs'),
  peersDocs: whole(args['peers-docs'], '--peers-docs'),
  queries: whole(args.queries, '--queries'),
  seed: whole(args.seed, '--seed'),
  rounds: Math.max(1, whole(args.rounds, '--rounds')),
  peerRounds: Math.max(1, whole(args['peer-rounds'] ?? args.rounds, '--peer-rounds')),
  peers: args.peers === '' || args.peers === 'none' ? [] : args.peers.split(','),
  postgres: Boolean(process.env.DATABASE_URL),
};
for (const peer of settings.peers)
  if (!(peer in PEERS)) throw new Error(`--peers: unknown engine "${peer}"`);

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

async function main() {
  const startedAt = new Date();
  const load = { before: loadavg() };
  const source = {
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--', 'src', 'bin').length > 0,
  };
  const dossier = await compileDossier();
  const sizes = [...new Set([settings.docs, settings.peersDocs])].sort((a, b) => b - a);
  const corpora = [];
  const runs = [];
  for (const docs of sizes) {
    const corpus = await prepareCorpus(docs);
    corpora.push(corpus);
    const stats = JSON.parse(readFileSync(join(corpus.dir, 'stats.json'), 'utf8'));
    const queries = makeQueries(stats, { count: settings.queries, seed: settings.seed });
    const queriesFile = join(corpus.dir, 'queries.json');
    writeFileSync(queriesFile, JSON.stringify(queries));
    corpus.queries = queries;
    corpus.summary = summarize(stats);

    if (dossier.module) {
      corpus.sqlite = await prepareSqlite(corpus);
      runs.push(
        await runEngine('dossier-sqlite', dossier.module, corpus, queriesFile, {
          dataDir: corpus.sqlite.dataDir,
          database: 'SQLite',
        }),
      );
      if (settings.postgres) {
        const pg = await preparePostgres(corpus);
        corpus.postgres = pg.info;
        try {
          runs.push(
            await runEngine('dossier-postgres', dossier.module, corpus, queriesFile, {
              dataDir: pg.dataDir,
              database: 'PostgreSQL',
              env: { DATABASE_URL: pg.url },
            }),
          );
        } finally {
          if (!args.keep) await pg.drop();
        }
      }
    }
    if (docs === settings.peersDocs)
      for (const peer of settings.peers)
        runs.push(
          await runEngine(peer, PEERS[peer], corpus, queriesFile, {
            rounds: settings.peerRounds,
            // Orama holds ~9 GB at 100,000 publications, MiniSearch ~4 GB: past V8's default.
            nodeOptions: [`--max-old-space-size=${PEER_HEAP_MB}`],
          }),
        );
  }
  load.after = loadavg();
  const report = buildReport({
    startedAt,
    load,
    source,
    settings,
    command: commandLine(),
    dossier,
    corpora,
    runs,
    note: args.note,
  });
  for (const warning of report.warnings) log(`⚠ ${warning}`);
  console.log(`\n${report.markdown}`);
  if (!args['no-write']) writeResults(HERE, report);
}

// ---------------------------------------------------------------------------------------
// Corpus and databases

/** bench/.data/search-<N>/ with corpus.jsonl and stats.json, made when missing or stale. */
async function prepareCorpus(docs) {
  const dir = join(
    DATA,
    settings.seed === 1 ? `search-${docs}` : `search-${docs}-seed${settings.seed}`,
  );
  const infoFile = join(dir, 'corpus.json');
  const generator = fingerprint(
    ['corpus.mts', 'corpus-lists.mts', 'words.mts', '../../src/demo/random.ts'].map((f) =>
      join(HERE, f),
    ),
  );
  const previous = existsSync(infoFile) ? JSON.parse(readFileSync(infoFile, 'utf8')) : null;
  if (args.fresh || previous?.generator !== generator) {
    if (previous) log(`The corpus generator changed (or --fresh): remaking ${relative(ROOT, dir)}`);
    rmSync(dir, { recursive: true, force: true });
    log(`Generating ${docs.toLocaleString('en-US')} publications into ${relative(ROOT, dir)}…`);
    const run = await node(
      [
        '--import',
        'tsx',
        join(HERE, 'corpus.mts'),
        '--docs',
        String(docs),
        '--seed',
        String(settings.seed),
        '--out',
        dir,
      ],
      { capture: true },
    );
    if (run.code !== 0) throw new Error(`corpus.mts exited with ${run.code}`);
    const info = { ...JSON.parse(run.stdout), generator, generatedAt: new Date().toISOString() };
    writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
    log(`  ${(info.bytes / 2 ** 20).toFixed(0)} MB in ${info.seconds.toFixed(1)} s`);
  }
  const info = JSON.parse(readFileSync(infoFile, 'utf8'));
  return { dir, docs, info };
}

/** The corpus imported into bench/.data/search-<N>/sqlite/ (reused while still current). */
async function prepareSqlite(corpus) {
  const dataDir = join(corpus.dir, 'sqlite');
  const infoFile = join(dataDir, 'import.json');
  const wanted = { schema: migrationsFingerprint(), corpus: corpus.info.generatedAt };
  const previous = existsSync(infoFile) ? JSON.parse(readFileSync(infoFile, 'utf8')) : null;
  if (previous?.schema !== wanted.schema || previous?.corpus !== wanted.corpus) {
    rmSync(dataDir, { recursive: true, force: true });
    log(`Importing ${corpus.docs.toLocaleString('en-US')} publications into SQLite…`);
    const seconds = await importCorpus(corpus, { DOSSIER_DATA_DIR: dataDir });
    const count = new Database(join(dataDir, 'dossier.sqlite'), { readonly: true });
    const { n } = count.prepare('select count(*) as n from publications').get();
    count.close();
    if (n !== corpus.docs) throw new Error(`imported ${n} publications of ${corpus.docs}`);
    writeFileSync(
      infoFile,
      `${JSON.stringify({ ...wanted, seconds, importedAt: new Date().toISOString() }, null, 2)}\n`,
    );
  }
  const info = JSON.parse(readFileSync(infoFile, 'utf8'));
  return { dataDir, ...info, bytes: statSync(join(dataDir, 'dossier.sqlite')).size };
}

/** A fresh database on the DATABASE_URL server, the corpus imported into it. */
async function preparePostgres(corpus) {
  const { default: pg } = await import('pg');
  const name = `dossier_searchbench_${corpus.docs}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  const dataDir = join(corpus.dir, 'postgres-data');
  rmSync(dataDir, { recursive: true, force: true });
  log(`Importing ${corpus.docs.toLocaleString('en-US')} publications into PostgreSQL (${name})…`);
  const seconds = await importCorpus(corpus, {
    DOSSIER_DATA_DIR: dataDir,
    DATABASE_URL: url.href,
  });
  const check = new pg.Client({ connectionString: url.href });
  await check.connect();
  const { rows } = await check.query(
    `select count(*)::int as n, pg_database_size(current_database())::bigint as bytes from publications`,
  );
  await check.end();
  if (rows[0].n !== corpus.docs)
    throw new Error(`imported ${rows[0].n} publications of ${corpus.docs} into PostgreSQL`);
  return {
    url: url.href,
    dataDir,
    info: { database: name, seconds, bytes: Number(rows[0].bytes) },
    async drop() {
      const again = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await again.connect();
      await again.query(`drop database if exists ${name}`);
      await again.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function importCorpus(corpus, env) {
  const started = performance.now();
  const run = await node([BIN, 'import', join(corpus.dir, 'corpus.jsonl')], {
    cwd: corpus.dir,
    env: { DOSSIER_SERVER_LOG_LEVEL: 'warn', ...env },
  });
  if (run.code !== 0) throw new Error(`dossier import exited with ${run.code}`);
  const seconds = (performance.now() - started) / 1000;
  log(
    `  imported in ${seconds.toFixed(1)} s (${Math.round(corpus.docs / seconds)} publications/s)`,
  );
  return seconds;
}

// ---------------------------------------------------------------------------------------
// Engines

/** Dossier's engine module compiled to plain JavaScript, or why there is none yet. */
async function compileDossier() {
  if (!existsSync(DOSSIER_FACTORY))
    return { module: null, reason: 'src/search/create-search-index.ts does not exist yet' };
  const { build } = await import('esbuild');
  const outfile = join(DATA, 'search-build', 'dossier-engine.mjs');
  const sources = join(ROOT, 'src');
  await build({
    entryPoints: [join(HERE, 'engines/dossier.mts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: join(ROOT, 'tsconfig.json'),
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // As bin/compiled-sources.js: import.meta.url keeps naming the source file.
        name: 'keep-module-urls',
        setup(esbuild) {
          esbuild.onLoad({ filter: /\.[cm]?tsx?$/ }, ({ path }) => {
            if (!path.startsWith(sources)) return undefined;
            return {
              contents: readFileSync(path, 'utf8').replaceAll(
                'import.meta.url',
                JSON.stringify(`file://${path}`),
              ),
              loader: path.endsWith('x') ? 'tsx' : 'ts',
            };
          });
        },
      },
    ],
  });
  return { module: outfile, reason: null };
}

async function runEngine(
  key,
  module,
  corpus,
  queriesFile,
  { dataDir, database, env = {}, rounds = settings.rounds, nodeOptions = [] },
) {
  const out = join(corpus.dir, 'runs', `${key}.json`);
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const name = database ? `Dossier (${database})` : key;
  log(`\n${name} on ${corpus.docs.toLocaleString('en-US')} publications`);
  const argv = [
    ...nodeOptions,
    '--expose-gc',
    join(HERE, 'child.mjs'),
    '--engine',
    module,
    '--corpus',
    corpus.dir,
    '--queries',
    queriesFile,
    '--out',
    out,
    '--rounds',
    String(rounds),
  ];
  if (dataDir) argv.push('--data-dir', dataDir);
  const started = performance.now();
  const run = await node(argv, { env: { DOSSIER_SERVER_LOG_LEVEL: 'warn', ...env } });
  if (run.code !== 0 || !existsSync(out))
    throw new Error(`the ${name} child exited with ${run.code}`);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  return {
    key,
    engine: database ? 'dossier' : key,
    name: database ? `Dossier (${database})` : result.label,
    database: database ?? null,
    version: database ? null : packageVersion(key === 'orama' ? '@orama/orama' : key),
    docs: corpus.docs,
    rounds,
    nodeOptions,
    wallSeconds: (performance.now() - started) / 1000,
    ...result,
  };
}

// ---------------------------------------------------------------------------------------
// Small helpers

/**
 * Runs node with `argv`; its output goes to our stderr unless captured. DATABASE_URL is
 * passed only when `env` names it: an import or engine meant for SQLite must not see it.
 */
function node(argv, { cwd = ROOT, env = {}, capture = false } = {}) {
  const { DATABASE_URL: _postgres, ...inherited } = process.env;
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd,
      env: { ...inherited, ...env },
      stdio: ['ignore', capture ? 'pipe' : 2, 2],
    });
    children.add(child);
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolveRun({ code: code ?? signal, stdout });
    });
  });
}

/** The corpus's word statistics, in a few numbers for the report. */
function summarize(stats) {
  const rareMax = Math.max(10, Math.floor(stats.docs / 2000));
  return {
    distinctWords: stats.words.length,
    commonWords: stats.words.filter(([, df]) => df >= 0.4 * stats.docs && df <= 0.97 * stats.docs)
      .length,
    rareWords: stats.words.filter(([, df]) => df >= 2 && df <= rareMax).length,
    rareMax,
    phrases: stats.phrases.length,
  };
}

function fingerprint(files) {
  const hash = createHash('sha1');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'unknown';
  }
}

function commandLine() {
  const parts = ['node bench/search/run.mjs'];
  if (settings.docs !== 100_000) parts.push(`--docs ${settings.docs}`);
  if (settings.peersDocs !== 10_000) parts.push(`--peers-docs ${settings.peersDocs}`);
  if (settings.queries !== 200) parts.push(`--queries ${settings.queries}`);
  if (settings.seed !== 1) parts.push(`--seed ${settings.seed}`);
  if (settings.rounds !== 3) parts.push(`--rounds ${settings.rounds}`);
  if (settings.peerRounds !== settings.rounds) parts.push(`--peer-rounds ${settings.peerRounds}`);
  if (args.peers !== 'minisearch,orama') parts.push(`--peers ${args.peers}`);
  const command = parts.join(' ');
  return settings.postgres ? `bash scripts/with-postgres.sh ${command}` : command;
}

function whole(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number, not "${text}"`);
  return n;
}

try {
  await main();
} catch (error) {
  log(`bench/search: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
