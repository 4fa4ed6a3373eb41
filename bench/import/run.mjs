// Import benchmark: `dossier import` of JSON-lines files of 25,000 and 100,000
// publications, and `dossier import wordpress` of WordPress exports of 10,000 and 40,000
// posts, each into a fresh, empty SQLite data folder, as a user runs them. The claims
// (issue 7): at least 2,000 publications/s from JSON lines on SQLite, and memory flat in
// the file size (the peak at the larger size about the same as at the smaller).
// The WordPress sizes start at 10,000 posts because an import's fixed-size memory (the
// 64 MB SQLite page cache of storage/bulk-writes.ts) is still filling below that: a
// 2,500-post export makes a 16 MB database, so the cache never passes a quarter full;
// 10,000 posts make 64 MB, and from there the cache stays the same size.
//
//   node bench/import/run.mjs [--jsonl 25000,100000] [--wxr 10000,40000] [--seed 1]
//        [--rounds 3] [--note TEXT] [--no-write] [--keep]
//
// - Input: written anew each run into bench/.data/import/ by bench/import/write-corpus.mts
//   (through tsx): the demo generator's records as JSON lines (network, centers,
//   vocabularies and people first, then the publications, the demo's media folder beside
//   the file), and WordPress exports made from our own template of the exporter's shape
//   (bench/import/wxr-corpus.mts: authors, nested categories, tags, attachments with alt
//   text and captions, post meta, Gutenberg blocks, a shortcode, co-author meta, non-ASCII
//   titles) with their uploads folder and a --map file.
// - Import: `node bin/dossier.js import FILE` (or `import wordpress FILE --map map.json`)
//   with DOSSIER_DATA_DIR set to a new empty folder, which it migrates first. Timed from
//   spawn to exit (tsx start-up and migrations included), the exit code checked, the rows
//   counted afterwards in the SQLite file.
// - Memory: the child's VmRSS sampled every 50 ms from /proc/<pid>/status, and its VmHWM
//   (the kernel's peak of resident memory for the process), read with each sample; the
//   last read, at most 50 ms before exit, is the figure reported.
// - Baselines, measured in the same run, just before each import:
//   JSON lines: bench/import/validate-only.mts reads the same file as a stream of lines,
//   JSON.parses each and validates it with the importer's own Zod schema, and writes
//   nothing: the floor for the importer. WordPress: `dossier import wordpress --dry-run`
//   on the same export: read, convert and validate everything, write nothing.
//   WordPress's own importer (~25 posts/s on this machine) is quoted from issue 7, not
//   measured here.
// - Rounds: each size runs its baseline and its import --rounds times, afresh; a time is the
//   median round's (the machine is shared: rounds differ by a tenth or more), a peak RSS the
//   worst round's.
// Writes bench/import/RESULTS.md and bench/import/results.json (unless --no-write); the
// data folders are removed after each run unless --keep.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  git,
  log,
  median,
  printUsage,
  ROOT,
  readMemory,
  writeResults,
} from '../../scripts/lib/measure-kit.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(ROOT, 'bin/dossier.js');
const WORK = join(ROOT, 'bench/.data/import');
const GOAL_PER_SECOND = 2_000;
/** "Flat": the peak at the largest size at most this much above the peak at the smallest. */
const FLAT_RATIO = 1.25;
const SAMPLE_MS = 50;

const { values: args } = parseArgs({
  options: {
    jsonl: { type: 'string', default: '25000,100000' },
    wxr: { type: 'string', default: '10000,40000' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    note: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) printUsage(import.meta.url);
const jsonlSizes = sizes(args.jsonl, '--jsonl');
const wxrSizes = sizes(args.wxr, '--wxr');
const [roundCount = 3] = sizes(args.rounds, '--rounds');

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
// Interrupted: exit through the handler above, so no import goes on running.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

async function main() {
  const startedAt = new Date();
  const load = { before: loadavg() };
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'src', 'bin').length > 0;
  const jsonl = [];
  for (const size of jsonlSizes) jsonl.push(await benchJsonLines(size));
  const wxr = [];
  for (const size of wxrSizes) wxr.push(await benchWordpress(size));
  load.after = loadavg();
  const results = { startedAt, load, commit, dirty, jsonl, wxr };
  const report = render(results);
  console.log(`\n${report.markdown}`);
  if (!args['no-write']) {
    writeResults(HERE, report);
  }
}

// ---------------------------------------------------------------------------------------
// The runs

async function benchJsonLines(size) {
  const folder = join(WORK, `jsonl-${size}`);
  rmSync(folder, { recursive: true, force: true });
  log(`Writing ${size.toLocaleString('en-US')} publications as JSON lines…`);
  const corpus = await writeCorpus([
    'jsonl',
    '--publications',
    String(size),
    '--seed',
    args.seed,
    '--out',
    join(folder, 'site.jsonl'),
  ]);
  corpus.bytes = statSync(corpus.file).size;

  const dataDir = join(folder, 'data');
  const { baseline, run } = await inRounds(async () => {
    const baselineRun = await measured(
      [process.execPath, '--import', 'tsx', join(HERE, 'validate-only.mts'), corpus.file],
      { cwd: ROOT },
    );
    expectSuccess(baselineRun, 'validate-only.mts');
    const { invalid } = JSON.parse(baselineRun.stdout);
    if (invalid > 0) throw new Error(`${invalid} records of the corpus do not validate`);
    rmSync(dataDir, { recursive: true, force: true });
    const importRun = await measured([process.execPath, BIN, 'import', corpus.file], {
      cwd: folder,
      env: { DOSSIER_DATA_DIR: dataDir },
    });
    expectSuccess(importRun, 'dossier import');
    const { publications } = countRows(dataDir);
    if (publications !== corpus.publications)
      throw new Error(`imported ${publications} publications of ${corpus.publications}`);
    log(`  round: ${Math.round(corpus.publications / importRun.seconds)} publications/s`);
    return { baseline: baselineRun, run: importRun };
  });
  const rows = countRows(dataDir);
  const result = {
    size,
    corpus,
    rows,
    baseline,
    run: { ...run, sqliteBytes: statSync(join(dataDir, 'dossier.sqlite')).size },
    perSecond: corpus.publications / run.seconds,
    baselinePerSecond: corpus.publications / baseline.seconds,
  };
  log(
    `  ${Math.round(result.perSecond)} publications/s (baseline ${Math.round(result.baselinePerSecond)}/s), peak RSS ${run.memory.hwmMb} MB`,
  );
  if (!args.keep) rmSync(folder, { recursive: true, force: true });
  return result;
}

async function benchWordpress(size) {
  const folder = join(WORK, `wxr-${size}`);
  rmSync(folder, { recursive: true, force: true });
  log(`Writing a WordPress export of ${size.toLocaleString('en-US')} posts…`);
  const corpus = await writeCorpus(['wxr', '--posts', String(size), '--out', folder]);
  corpus.bytes = statSync(corpus.file).size;
  corpus.items = corpus.posts + corpus.attachments + corpus.pages;
  const argv = [BIN, 'import', 'wordpress', 'site.xml', '--map', 'map.json'];

  const dataDir = join(folder, 'data');
  const { dryRun, run } = await inRounds(async () => {
    rmSync(join(folder, 'dry-run-data'), { recursive: true, force: true });
    const dryRunRound = await measured([process.execPath, ...argv, '--dry-run'], {
      cwd: folder,
      env: { DOSSIER_DATA_DIR: join(folder, 'dry-run-data') },
    });
    expectSuccess(dryRunRound, 'dossier import wordpress --dry-run');
    rmSync(dataDir, { recursive: true, force: true });
    const importRun = await measured([process.execPath, ...argv], {
      cwd: folder,
      env: { DOSSIER_DATA_DIR: dataDir },
    });
    expectSuccess(importRun, 'dossier import wordpress');
    const counted = countRows(dataDir);
    const items = counted.publications + counted.pages + counted.media;
    if (items !== corpus.items)
      throw new Error(`imported ${items} items (publications, pages, media) of ${corpus.items}`);
    log(`  round: ${Math.round(corpus.items / importRun.seconds)} items/s`);
    return { dryRun: dryRunRound, run: importRun };
  });
  const rows = countRows(dataDir);
  const result = {
    size,
    corpus,
    rows,
    dryRun,
    run,
    perSecond: corpus.items / run.seconds,
    dryRunPerSecond: corpus.items / dryRun.seconds,
  };
  log(
    `  ${Math.round(result.perSecond)} items/s (dry run ${Math.round(result.dryRunPerSecond)}/s), peak RSS ${run.memory.hwmMb} MB`,
  );
  if (!args.keep) rmSync(folder, { recursive: true, force: true });
  return result;
}

/**
 * Runs `round` --rounds times (each makes its runs afresh) and combines each of its runs
 * over the rounds: the time is the median round's, with the fastest and slowest beside
 * it; the memory is the worst round's peak.
 */
async function inRounds(round) {
  const results = [];
  for (let i = 0; i < roundCount; i++) results.push(await round());
  const combined = {};
  for (const name of Object.keys(results[0])) {
    const runs = results.map((r) => r[name]);
    const seconds = runs.map((r) => r.seconds);
    combined[name] = {
      ...runs[0],
      seconds: median(seconds),
      fastestSeconds: Math.min(...seconds),
      slowestSeconds: Math.max(...seconds),
      memory: {
        ...runs[0].memory,
        hwmMb: Math.max(...runs.map((r) => r.memory.hwmMb)),
        medianSampledRssMb:
          Math.round(median(runs.map((r) => r.memory.medianSampledRssMb)) * 10) / 10,
      },
      rounds: runs.map((r) => ({ seconds: r.seconds, hwmMb: r.memory.hwmMb })),
    };
  }
  return combined;
}

function writeCorpus(argv) {
  return measured([process.execPath, '--import', 'tsx', join(HERE, 'write-corpus.mts'), ...argv], {
    cwd: ROOT,
  }).then((run) => {
    expectSuccess(run, 'write-corpus.mts');
    return JSON.parse(run.stdout);
  });
}

/**
 * Runs a command to its end, timing it from spawn to exit and sampling its memory. The
 * environment is this one's plus `env`, with the server log quiet.
 */
function measured([file, ...argv], { cwd, env = {} }) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd,
      env: { ...process.env, DOSSIER_SERVER_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const samples = [];
    let last;
    const timer = setInterval(() => {
      try {
        const memory = readMemory(child.pid);
        // An exited child not yet reaped (a zombie) has no memory lines: keep the last.
        if (!Number.isFinite(memory.hwmMb)) return;
        last = memory;
        samples.push(memory.rssMb);
      } catch {
        // The process is gone between the timer and the read: the last sample stands.
      }
    }, SAMPLE_MS);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      children.delete(child);
      const seconds = (performance.now() - started) / 1000;
      done({
        code: code ?? signal,
        seconds,
        stdout,
        stderr,
        memory: {
          hwmMb: last?.hwmMb ?? Number.NaN,
          peakSampledRssMb: Math.max(...samples),
          medianSampledRssMb: samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)],
          samples: samples.length,
        },
      });
    });
  });
}

function expectSuccess(run, what) {
  if (run.code === 0) return;
  throw new Error(`${what} exited with ${run.code}:\n${run.stderr.slice(-2000)}`);
}

function countRows(dataDir) {
  const db = new Database(join(dataDir, 'dossier.sqlite'), { readonly: true });
  try {
    return db
      .prepare(`select (select count(*) from publications) as publications,
                       (select count(distinct slug) from publications) as distinctSlugs,
                       (select count(*) from publication_authors) as authorships,
                       (select count(*) from publication_terms) as termLinks,
                       (select count(*) from people) as people,
                       (select count(*) from terms) as terms,
                       (select count(*) from pages) as pages,
                       (select count(*) from media) as media`)
      .get();
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------
// Report

function render(results) {
  const { startedAt, load, commit, dirty, jsonl, wxr } = results;
  const machine = `${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM; Node ${process.version}`;
  const n = (x) => Math.round(x).toLocaleString('en-US');
  const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const s = (x) => `${x.toFixed(1)} s`;
  const rates = (count, run) => `${n(count / run.slowestSeconds)}–${n(count / run.fastestSeconds)}`;
  const largest = jsonl.at(-1);
  const smallest = jsonl[0];
  const speedPass = jsonl.length > 0 && jsonl.every((r) => r.perSecond >= GOAL_PER_SECOND);
  const flatness = (runs) =>
    runs.length < 2 ? undefined : runs.at(-1).run.memory.hwmMb / runs[0].run.memory.hwmMb;
  const jsonlFlat = flatness(jsonl);
  const wxrFlat = flatness(wxr);
  const verdict = (ok) => (ok ? '**PASS**' : '**FAIL**');
  const quick = largest?.size !== 100_000 || !wxr.some((result) => result.size === 10_000);
  const lines = ['# Import benchmark results', ''];
  if (quick)
    lines.push(
      '> **Quick try, not the sizes the claim is about (100,000 publications; 10,000 posts).**',
      '',
    );
  if (args.note) lines.push(`> **Note:** ${args.note}`, '');
  lines.push(
    `- Date: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; commit \`${commit}\`${dirty ? ' (with uncommitted changes under src/ or bin/)' : ''}`,
    `- Machine: ${machine}`,
    `- Load average (1 / 5 / 15 min) before the run: ${load.before.map((x) => x.toFixed(2)).join(' / ')}; after: ${load.after.map((x) => x.toFixed(2)).join(' / ')} (the JSON-lines imports keep up to two cores busy, the others one; more means other work shared the 2 cores)`,
    "- Each import: the real command (`node bin/dossier.js import …`) into a new, empty SQLite data folder (migrations included), timed from spawn to exit; memory from the child's /proc/<pid>/status every 50 ms (peak = VmHWM, all its threads)",
    `- ${roundCount} rounds, each running the baseline and then the import afresh: times and rates are the median round's, with the slowest and fastest round in parentheses; peak RSS is the worst round's`,
    '- A JSON-lines file of 4 MiB or more is read, validated and rendered in a worker thread while the main thread writes, so that import keeps both cores busy; the WordPress import runs on one',
    '',
    '## JSON lines: `dossier import FILE`',
    '',
    `The demo generator's records (seed ${args.seed}): network, centers, vocabularies and people first, then the publications. Baseline, in the same run just before: the same file read as lines, JSON.parse'd and validated with the importer's Zod schema (\`importRecord.safeParse\`), nothing written (\`bench/import/validate-only.mts\`).`,
    '',
    '| Publications | File | Records | Import | Publications/s | Peak RSS (median sampled) | Baseline: parse + validate | Baseline publications/s | Baseline peak RSS | SQLite file |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...jsonl.map(
      (r) =>
        `| ${n(r.size)} | ${mb(r.corpus.bytes)} | ${n(r.corpus.records)} | ${s(r.run.seconds)} | **${n(r.perSecond)}** (${rates(r.corpus.publications, r.run)}) | ${r.run.memory.hwmMb} MB (${r.run.memory.medianSampledRssMb} MB) | ${s(r.baseline.seconds)} | ${n(r.baselinePerSecond)} (${rates(r.corpus.publications, r.baseline)}) | ${r.baseline.memory.hwmMb} MB | ${mb(r.run.sqliteBytes)} |`,
    ),
    '',
    `Checked after each import: every publication is there once (${jsonl.map((r) => `${n(r.rows.publications)} rows, ${n(r.rows.distinctSlugs)} distinct slugs`).join('; ')}), with ${jsonl.map((r) => `${n(r.rows.authorships)} authorships and ${n(r.rows.termLinks)} term links`).join('; ')}; exit code 0.`,
    '',
    `For scale: WordPress's own importer manages about 25 posts/s on this machine — quoted from issue 7, not measured here.`,
    '',
    '## WordPress: `dossier import wordpress EXPORT.xml --map map.json`',
    '',
    "Exports written from our template of the exporter's shape (`bench/import/wxr-corpus.mts`), with their uploads folder (one image per sixth post, the featured image). Items = posts + attachments + pages in the file. Baseline, in the same run just before: `--dry-run` on the same export (read both passes, convert, validate; nothing written).",
    '',
    '| Posts | File | Items | Import | Items/s | Publications/s | Peak RSS (median sampled) | Dry run | Dry-run items/s | Dry-run peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...wxr.map(
      (r) =>
        `| ${n(r.size)} | ${mb(r.corpus.bytes)} | ${n(r.corpus.items)} | ${s(r.run.seconds)} | **${n(r.perSecond)}** (${rates(r.corpus.items, r.run)}) | ${n(r.rows.publications / r.run.seconds)} | ${r.run.memory.hwmMb} MB (${r.run.memory.medianSampledRssMb} MB) | ${s(r.dryRun.seconds)} | ${n(r.dryRunPerSecond)} (${rates(r.corpus.items, r.dryRun)}) | ${r.dryRun.memory.hwmMb} MB |`,
    ),
    '',
    `Checked after each import: publications + pages + media rows = items in the file (${wxr.map((r) => `${n(r.rows.publications)} + ${n(r.rows.pages)} + ${n(r.rows.media)}`).join('; ')}); exit code 0.`,
    '',
    '## Verdict',
    '',
    `- ≥ ${n(GOAL_PER_SECOND)} publications/s from JSON lines on SQLite: ${verdict(speedPass)} — ${jsonl.map((r) => `${n(r.perSecond)}/s at ${n(r.size)}`).join(', ')}`,
  );
  if (jsonlFlat !== undefined)
    lines.push(
      `- Memory flat in the file size (JSON lines; peak at the largest size ≤ ${FLAT_RATIO}× the peak at the smallest): ${verdict(jsonlFlat <= FLAT_RATIO)} — ${smallest.run.memory.hwmMb} MB at ${n(smallest.size)} (${mb(smallest.corpus.bytes)}), ${largest.run.memory.hwmMb} MB at ${n(largest.size)} (${mb(largest.corpus.bytes)}): ×${jsonlFlat.toFixed(2)} for ×${(largest.corpus.bytes / smallest.corpus.bytes).toFixed(1)} the file`,
    );
  if (wxrFlat !== undefined)
    lines.push(
      `- Memory flat in the file size (WordPress, same rule): ${verdict(wxrFlat <= FLAT_RATIO)} — ${wxr[0].run.memory.hwmMb} MB at ${n(wxr[0].size)} posts (${mb(wxr[0].corpus.bytes)}), ${wxr.at(-1).run.memory.hwmMb} MB at ${n(wxr.at(-1).size)} posts (${mb(wxr.at(-1).corpus.bytes)}): ×${wxrFlat.toFixed(2)}`,
    );
  lines.push(
    '',
    `Reproduce: \`node bench/import/run.mjs${quick ? ` --jsonl ${jsonlSizes.join(',')} --wxr ${wxrSizes.join(',')}` : ''}${roundCount === 3 ? '' : ` --rounds ${roundCount}`}\` (see bench/README.md).`,
    '',
  );
  const strip = (run) => ({
    ...run,
    stdout: run.stdout.trim().split('\n').slice(-12),
    stderr: run.stderr.trim().split('\n').slice(-12),
  });
  return {
    markdown: lines.join('\n'),
    json: {
      ...results,
      machine,
      note: args.note ?? null,
      goal: { publicationsPerSecond: GOAL_PER_SECOND, flatRatio: FLAT_RATIO },
      pass: {
        speed: speedPass,
        jsonlMemoryFlat: jsonlFlat === undefined ? null : jsonlFlat <= FLAT_RATIO,
        wxrMemoryFlat: wxrFlat === undefined ? null : wxrFlat <= FLAT_RATIO,
      },
      jsonl: jsonl.map((r) => ({ ...r, baseline: strip(r.baseline), run: strip(r.run) })),
      wxr: wxr.map((r) => ({ ...r, dryRun: strip(r.dryRun), run: strip(r.run) })),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Small helpers

function sizes(text, name) {
  if (text === '') return [];
  return text.split(',').map((part) => {
    const value = Number(part);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} takes whole numbers separated by commas, not "${text}"`);
    return value;
  });
}

try {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing`);
  await main();
} catch (error) {
  log(`bench/import: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
