// One engine in a process of its own, so its memory is its own (bench/search/run.mjs
// starts one of these per engine and corpus):
//
//   node --expose-gc bench/search/child.mjs --engine MODULE --corpus DIR --queries FILE
//        --out FILE [--data-dir DIR] [--rounds 3]     (DATABASE_URL for PostgreSQL)
//
// MODULE exports `label`, `prepare(options)` (what the measure leaves out: opening the
// database) and `build(prepared)`, which builds the index and returns
// `{ search(query) → { total, hits, facets }, stats(), close() }`.
// Measures: RSS and heap before and after the build (after a full GC), the peak RSS
// (VmHWM), the build's wall time; then every query once to warm up (its answers are kept
// for the checks), then --rounds timed passes over all queries, each in a new seeded
// order, one at a time, wall time around `search` (from the call to the full answer:
// total, top 20 with snippets, every facet's counts). Writes one JSON file.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { log, readMemory } from '../../scripts/lib/measure-kit.mjs';

const FACETS = [
  'type',
  'center',
  'program',
  'project',
  'region',
  'topic',
  'collection',
  'author',
  'language',
  'year',
];

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string' },
    corpus: { type: 'string' },
    queries: { type: 'string' },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
    rounds: { type: 'string', default: '3' },
  },
});
for (const name of ['engine', 'corpus', 'queries', 'out'])
  if (args[name] === undefined) throw new Error(`child.mjs needs --${name}`);
if (typeof globalThis.gc !== 'function') throw new Error('child.mjs needs node --expose-gc');

const engineModule = await import(pathToFileURL(resolve(args.engine)).href);
const queries = JSON.parse(readFileSync(args.queries, 'utf8'));
const rounds = Number(args.rounds);

function memory() {
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  const mb = (bytes) => Math.round(bytes / 104857.6) / 10;
  return {
    ...readMemory(process.pid),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
  };
}

const prepared = await engineModule.prepare({
  corpusDir: args.corpus,
  dataDir: args['data-dir'],
  databaseUrl: process.env.DATABASE_URL || undefined,
  log,
});
const before = memory();
log(`  ${engineModule.label}: building (RSS ${before.rssMb} MB)…`);
const started = performance.now();
const engine = await engineModule.build(prepared);
const buildMs = performance.now() - started;
const afterBuild = memory();
log(
  `  ${engineModule.label}: built in ${(buildMs / 1000).toFixed(1)} s; RSS ${afterBuild.rssMb} MB (+${(afterBuild.rssMb - before.rssMb).toFixed(1)}), peak ${afterBuild.hwmMb} MB`,
);

// Warm-up: every query once; its answers are checked and kept for the comparisons.
const answers = [];
const problems = [];
for (const query of queries) {
  const t = performance.now();
  const result = await engine.search(query);
  const ms = performance.now() - t;
  problems.push(...check(query, result));
  answers.push({
    id: query.id,
    warmupMs: round2(ms),
    total: result.total,
    top: result.hits.slice(0, 5).map((h) => h.slug),
    hits: result.hits.length,
    facetValues: Object.fromEntries(FACETS.map((f) => [f, result.facets[f]?.length ?? 0])),
    facetCounts: Object.fromEntries(
      FACETS.map((f) => [
        f,
        Object.fromEntries((result.facets[f] ?? []).slice(0, 5).map((v) => [v.value, v.count])),
      ]),
    ),
    example: result.hits[0]
      ? { titleHtml: result.hits[0].titleHtml, snippetHtml: result.hits[0].snippetHtml }
      : null,
  });
}
log(
  `  ${engineModule.label}: warm-up pass done${problems.length ? `, ${problems.length} problems` : ''}`,
);

const timings = new Map(queries.map((q) => [q.id, []]));
const order = [...queries];
let state = 12345;
const random = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 4294967296;
};
for (let round = 0; round < rounds; round++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const roundStarted = performance.now();
  for (const query of order) {
    const t = performance.now();
    await engine.search(query);
    timings.get(query.id).push(round2(performance.now() - t));
  }
  log(
    `  ${engineModule.label}: round ${round + 1}/${rounds} in ${((performance.now() - roundStarted) / 1000).toFixed(1)} s`,
  );
}
const afterQueries = memory();
const stats = engine.stats?.() ?? {};
await engine.close?.();

writeFileSync(
  args.out,
  JSON.stringify({
    label: engineModule.label,
    method: engineModule.method ?? null,
    phraseHandling: engineModule.phraseHandling ?? null,
    buildMs,
    memory: { before, afterBuild, afterQueries },
    stats,
    answers,
    timings: Object.fromEntries(timings),
    problems: problems.slice(0, 50),
    problemCount: problems.length,
  }),
);
// A database pool or a timer must not keep the process alive once the answer is written.
process.exit(0);

/** What every answer must have: a total, at most 20 hits with snippets, every facet. */
function check(query, result) {
  const found = [];
  if (!Number.isInteger(result?.total)) found.push(`${query.id}: no integer total`);
  if (!Array.isArray(result?.hits) || result.hits.length > 20)
    found.push(`${query.id}: hits missing or more than 20`);
  else if (result.hits.length !== Math.min(20, result.total))
    found.push(`${query.id}: ${result.hits.length} hits for a total of ${result.total}`);
  for (const hit of result?.hits ?? [])
    if (typeof hit.snippetHtml !== 'string' || typeof hit.titleHtml !== 'string')
      found.push(`${query.id}: a hit without titleHtml or snippetHtml`);
  for (const facet of FACETS)
    if (!Array.isArray(result?.facets?.[facet])) found.push(`${query.id}: no counts for ${facet}`);
  return found;
}

function round2(ms) {
  return Math.round(ms * 100) / 100;
}
