// RESULTS.md and results.json for bench/search/run.mjs: build, memory and disk per
// engine, latency percentiles per query class and kind, the cross-engine checks of the
// totals, and the issue's bars with PASS/FAIL.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { relative } from 'node:path';
import { ROOT } from '../../scripts/lib/measure-kit.mjs';
import { CLASSES, KINDS } from './queries.mjs';

export const GOALS = {
  docs: 100_000,
  maxP99Ms: 25,
  moonshotP99Ms: 10,
  maxIndexMemoryMb: 300,
  maxBuildSeconds: 60,
};

const KIND_LABELS = {
  common: 'one common word',
  'two-words': 'two words',
  rare: 'a rare word',
  phrase: 'a phrase',
  facets: 'facets only',
};

export function buildReport({
  startedAt,
  load,
  source,
  settings,
  command,
  dossier,
  corpora,
  runs,
  note,
}) {
  const machine = {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
  for (const run of runs) {
    const queries = corpora.find((c) => c.docs === run.docs).queries;
    run.classes = Object.fromEntries(
      CLASSES.map((c) => [
        c,
        latency(
          run,
          queries.filter((q) => q.class === c),
        ),
      ]),
    );
    run.kinds = Object.fromEntries(
      KINDS.map((k) => [
        k,
        latency(
          run,
          queries.filter((q) => q.kind === k),
        ),
      ]),
    );
    run.indexMemoryMb = round1(
      Math.max(run.memory.afterBuild.rssMb, run.memory.afterQueries.rssMb) -
        run.memory.before.rssMb,
    );
    run.heapDeltaMb = round1(
      run.memory.afterQueries.heapUsedMb +
        run.memory.afterQueries.externalMb -
        (run.memory.before.heapUsedMb + run.memory.before.externalMb),
    );
  }
  const checks = corpora.map((corpus) => crossCheck(corpus, runs));
  const warnings = checks.flatMap((c) => c.warnings);
  const verdict = judge(settings, runs, dossier);

  const quick = settings.docs !== GOALS.docs;
  const peersAtGoal = settings.peersDocs === settings.docs;
  const n = (x) => x.toLocaleString('en-US');
  const lines = ['# Search benchmark results', ''];
  if (quick)
    lines.push(
      `> **Quick try on ${n(settings.docs)} publications — NOT the measurement the goals are about (${n(GOALS.docs)}).**`,
      '',
    );
  if (!peersAtGoal && settings.peers.length > 0)
    lines.push(
      `> MiniSearch and Orama ran at ${n(settings.peersDocs)} publications only (they take minutes and gigabytes at ${n(settings.docs)}); Dossier ran at both sizes, and the comparison with the peers is made at ${n(settings.peersDocs)}. A published result runs them at ${n(settings.docs)} too (\`--peers-docs ${settings.docs}\`).`,
      '',
    );
  if (note) lines.push(`> **Note:** ${note}`, '');
  lines.push(
    `- Date: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; commit \`${source.commit}\`${source.dirty ? ' (with uncommitted changes under src/ or bin/)' : ''}`,
    `- Machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.memoryGb} GB RAM; Node ${machine.node}; ${runs
      .filter((r) => r.version)
      .map((r) => `${r.name} ${r.version}`)
      .filter((v, i, all) => all.indexOf(v) === i)
      .join(', ')}`,
    `- Load average (1 / 5 / 15 min) before the run: ${fmtLoad(load.before)}; after: ${fmtLoad(load.after)} (each engine runs alone, one core busy; more means other work shared the ${machine.nproc} cores)`,
    `- Command: \`${command}\``,
    '',
    '## Corpus and queries',
    '',
  );
  for (const c of corpora) {
    const s = c.summary;
    lines.push(
      `- **${n(c.docs)} publications** (\`${relative(ROOT, c.dir)}/corpus.jsonl\`, ${mb(c.info.bytes)}, generated in ${c.info.seconds.toFixed(0)} s): ${n(c.info.meanBodyWords)} words of body on average, plus title and summary; ${n(s.distinctWords)} distinct invented words (${s.commonWords} in 40–97% of publications, ${n(s.rareWords)} in 2–${s.rareMax}); 1–4 authors of 3,000 people; 8 types, 5 centers, 12 programs, 60 projects, 46 regions in three levels, 25 topics, 20 collections, 3 languages, 2011–2025.` +
        (c.sqlite
          ? ` SQLite: ${mb(c.sqlite.bytes)}, imported in ${c.sqlite.seconds.toFixed(0)} s.`
          : '') +
        (c.postgres
          ? ` PostgreSQL: ${mb(c.postgres.bytes)}, imported in ${c.postgres.seconds.toFixed(0)} s.`
          : ''),
    );
  }
  const first = corpora[0].queries;
  const count = (pred) => first.filter(pred).length;
  lines.push(
    '',
    `Queries: ${first.length}, seeded (--seed ${settings.seed}), drawn from each corpus's own word statistics (\`bench/search/queries.mjs\`): ${KINDS.map((k) => `${KIND_LABELS[k]} ${count((q) => q.kind === k)}`).join(', ')}; half of each text kind with 1–2 filters. Classes: text-only ${count((q) => q.class === 'text')}, text+facets ${count((q) => q.class === 'text+facets')}, facets-only ${count((q) => q.class === 'facets')}. A common word is in 40–97% of publications, each of two words in 2–40%, a rare word in 2 to max(10, N/2,000), a phrase (a recurring collocation of 2–3 words) in 0.1–30%. Filters are one value of one or two facets (any of the ten, a region as often a parent as a country) taken from a random publication, not matched to the text. Text sorts by relevance, facets-only by date; 20 hits per answer.`,
    '',
    `Each answer: the total, the top 20 with a highlighted title and snippet, and the counts of every facet over the whole match (a facet's own filter left out of its counts). Timing: wall time of the call in the engine's own process, one query at a time, after one warm-up pass; ${rounds(settings)} over all queries, each in a new seeded order; percentiles over all rounds (nearest rank). The peers' processes run with \`--max-old-space-size=16384\` (they outgrow V8's default ~4 GB heap at 100,000 publications); Dossier's with Node's defaults, as the server runs.`,
    '',
    'What each engine does:',
    '',
  );
  const seen = new Set();
  for (const run of runs) {
    if (seen.has(run.engine)) continue;
    seen.add(run.engine);
    lines.push(
      `- **${run.engine === 'dossier' ? 'Dossier' : `${run.name} ${run.version}`}**: ${run.method}. Phrases: ${run.phraseHandling}.`,
    );
  }
  if (!dossier.module) lines.push(`- **Dossier**: not measured — ${dossier.reason}.`);

  lines.push(
    '',
    '## Build, memory, disk',
    '',
    "| Engine | Publications | Build | RSS before build | RSS after build | after queries | Index memory (RSS Δ) | Heap Δ | Peak RSS | Engine's own figure | Disk |",
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of runs)
    lines.push(
      `| ${r.name} | ${n(r.docs)} | ${fmtSeconds(r.buildMs / 1000)} | ${r.memory.before.rssMb} MB | ${r.memory.afterBuild.rssMb} MB | ${r.memory.afterQueries.rssMb} MB | **${r.indexMemoryMb} MB** | ${r.heapDeltaMb} MB | ${r.memory.afterQueries.hwmMb} MB | ${engineMemory(r)} | ${diskOf(r)} |`,
    );
  lines.push(
    '',
    "Build: from `build()` being called to the index answering (peers: reading corpus.jsonl and adding every document; Dossier: `rebuild()` reading the database). RSS from /proc/self/status after a full GC, before the build (database open, modules loaded) and after it; index memory = the larger of after-build and after-queries minus before. Heap Δ = V8 heap used + external, after queries minus before. Peak = VmHWM over the process's life. Disk: what the index keeps on disk (the peers keep nothing; Dossier's titles and bodies stay in the database, whose size is under Corpus).",
    '',
    '## Latency by class (ms)',
    '',
    `| Engine | Publications | ${CLASSES.map((c) => `${c} p50 / p95 / p99`).join(' | ')} | slowest |`,
    `|---|---:|${CLASSES.map(() => '---:').join('|')}|---:|`,
  );
  for (const r of runs)
    lines.push(
      `| ${r.name} | ${n(r.docs)} | ${CLASSES.map((c) => `${ms(r.classes[c].p50)} / ${ms(r.classes[c].p95)} / **${ms(r.classes[c].p99)}**`).join(' | ')} | ${ms(Math.max(...CLASSES.map((c) => r.classes[c].max)))} |`,
    );
  lines.push(
    '',
    '## Latency by kind (ms, p50 / p99; text kinds with and without filters together)',
    '',
    `| Engine | Publications | ${KINDS.map((k) => KIND_LABELS[k]).join(' | ')} |`,
    `|---|---:|${KINDS.map(() => '---:').join('|')}|`,
  );
  for (const r of runs)
    lines.push(
      `| ${r.name} | ${n(r.docs)} | ${KINDS.map((k) => `${ms(r.kinds[k].p50)} / ${ms(r.kinds[k].p99)}`).join(' | ')} |`,
    );

  lines.push('', '## Checks', '');
  const problems = runs.filter((r) => r.problemCount > 0);
  lines.push(
    problems.length === 0
      ? '- Every answer of every engine had an integer total, min(20, total) hits each with a title and snippet in HTML, and counts for all ten facets.'
      : `- ⚠ Malformed answers: ${problems.map((r) => `${r.name} at ${n(r.docs)}: ${r.problemCount} (e.g. ${r.problems[0]})`).join('; ')}`,
  );
  for (const check of checks) lines.push(...check.lines);
  const example = exampleAnswer(corpora, runs);
  if (example) lines.push('', example);

  lines.push(
    '',
    `## Verdict${quick ? ` (on the ${n(settings.docs)}-publication quick try)` : ''}`,
    '',
  );
  lines.push(...verdict.lines);
  lines.push('', `Reproduce: \`${command}\` (see bench/README.md).`, '');

  return {
    markdown: lines.join('\n'),
    warnings,
    json: {
      date: startedAt.toISOString(),
      commit: source.commit,
      uncommittedChanges: source.dirty,
      note: note ?? null,
      command,
      machine,
      loadAverage: load,
      settings,
      goals: GOALS,
      corpora: corpora.map(({ queries, info: { file, stats, ...info }, ...c }) => ({
        ...c,
        info,
        dir: relative(ROOT, c.dir),
        ...(c.sqlite ? { sqlite: { ...c.sqlite, dataDir: relative(ROOT, c.sqlite.dataDir) } } : {}),
      })),
      runs: runs.map(({ answers, timings, ...r }) => r),
      queries: corpora.map((c) => ({
        docs: c.docs,
        queries: c.queries.map((q) => ({
          ...q,
          engines: Object.fromEntries(
            runs
              .filter((r) => r.docs === c.docs)
              .map((r) => {
                const a = r.answers.find((x) => x.id === q.id);
                const t = r.timings[q.id];
                return [r.key, { total: a.total, medianMs: median(t), ms: t }];
              }),
          ),
        })),
      })),
      checks: checks.map(({ lines: _lines, ...c }) => c),
      verdict: verdict.json,
    },
  };
}

// ---------------------------------------------------------------------------------------

function rounds({ rounds: ours, peerRounds }) {
  const plural = (k) => `${k} round${k === 1 ? '' : 's'}`;
  return ours === peerRounds ? plural(ours) : `${plural(ours)} (the peers: ${plural(peerRounds)})`;
}

function latency(run, queries) {
  const samples = queries.flatMap((q) => run.timings[q.id]).sort((a, b) => a - b);
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (p) => samples[Math.max(0, Math.ceil((p / 100) * samples.length) - 1)];
  return {
    n: samples.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: samples[samples.length - 1],
    mean: round2(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

/**
 * Totals compared query by query between engines on the same corpus. They can differ
 * for known reasons (peers search a phrase's words with AND; Orama's AND is within one
 * field), so only "wild" differences warn: more than 2× apart, or nothing against ≥ 3.
 */
function crossCheck(corpus, runs) {
  const mine = runs.filter((r) => r.docs === corpus.docs);
  const lines = [];
  const warnings = [];
  const pairs = [];
  if (mine.length < 2) return { docs: corpus.docs, pairs, lines, warnings };
  const reference = mine[0];
  for (const other of mine.slice(1)) {
    const byKind = {};
    const wild = [];
    let facetMismatches = 0;
    for (const q of corpus.queries) {
      const a = reference.answers.find((x) => x.id === q.id);
      const b = other.answers.find((x) => x.id === q.id);
      byKind[q.kind] ??= { equal: 0, referenceLower: 0, referenceHigher: 0 };
      const entry = byKind[q.kind];
      if (a.total === b.total) entry.equal++;
      else if (a.total < b.total) entry.referenceLower++;
      else entry.referenceHigher++;
      const expectedLower =
        q.kind === 'phrase' && reference.engine === 'dossier' && other.engine !== 'dossier';
      const low = Math.min(a.total, b.total);
      const high = Math.max(a.total, b.total);
      const isWild = (high + 1) / (low + 1) > 2 || (low === 0 && high >= 3);
      if (isWild && !(expectedLower && a.total <= b.total))
        wild.push(
          `${q.id} ${q.kind} \`${q.text || '—'}\` ${JSON.stringify(q.filters)}: ${a.total} vs ${b.total}`,
        );
      if (q.kind === 'facets')
        for (const [facet, counts] of Object.entries(a.facetCounts))
          for (const [value, count] of Object.entries(counts))
            if (value in b.facetCounts[facet] && b.facetCounts[facet][value] !== count)
              facetMismatches++;
    }
    const total = corpus.queries.length;
    const equal = Object.values(byKind).reduce((s, e) => s + e.equal, 0);
    pairs.push({
      reference: reference.name,
      other: other.name,
      equal,
      total,
      byKind,
      wild,
      facetMismatches,
    });
    lines.push(
      `- Totals, ${reference.name} vs ${other.name} at ${corpus.docs.toLocaleString('en-US')}: ${equal} of ${total} equal; by kind ${Object.entries(
        byKind,
      )
        .map(
          ([kind, e]) =>
            `${KIND_LABELS[kind]} ${e.equal} equal${e.referenceLower ? `, ${e.referenceLower} lower` : ''}${e.referenceHigher ? `, ${e.referenceHigher} higher` : ''}`,
        )
        .join(
          '; ',
        )} (lower/higher: ${reference.name}'s total). Facet counts of facets-only answers (top 5 values per facet): ${facetMismatches === 0 ? 'all equal' : `⚠ ${facetMismatches} differ`}.${wild.length ? ` ⚠ ${wild.length} totals differ wildly: ${wild.slice(0, 5).join('; ')}${wild.length > 5 ? '; …' : ''}` : ''}`,
    );
    if (wild.length > 0)
      warnings.push(
        `${reference.name} vs ${other.name} at ${corpus.docs}: ${wild.length} totals differ wildly (first: ${wild[0]})`,
      );
    if (facetMismatches > 0)
      warnings.push(
        `${reference.name} vs ${other.name} at ${corpus.docs}: ${facetMismatches} facet counts differ on facets-only queries`,
      );
  }
  lines.push(
    `  Expected differences: a phrase is a phrase for Dossier but all its words anywhere for the peers (their totals are higher); Orama requires all words within one field; Dossier drops stopwords and stems (the invented words are their own stems, so this should not matter).`,
  );
  return { docs: corpus.docs, pairs, lines, warnings };
}

function exampleAnswer(corpora, runs) {
  const corpus = corpora[corpora.length - 1];
  const query = corpus.queries.find((q) => q.kind === 'two-words' && q.class === 'text');
  if (!query) return null;
  const lines = [
    `Example answers at ${corpus.docs.toLocaleString('en-US')}, first hit of ${query.id} \`${query.text}\`:`,
    '',
  ];
  for (const run of runs.filter((r) => r.docs === corpus.docs)) {
    const answer = run.answers.find((a) => a.id === query.id);
    if (!answer?.example) continue;
    lines.push(
      `- ${run.name} (total ${answer.total}): ${answer.example.titleHtml} — ${answer.example.snippetHtml.slice(0, 240)}`,
    );
  }
  return lines.join('\n');
}

function judge(settings, runs, dossier) {
  const lines = [];
  const json = {};
  const verdict = (ok) => (ok ? '**PASS**' : '**FAIL**');
  const n = (x) => x.toLocaleString('en-US');
  const mine = runs.filter((r) => r.engine === 'dossier' && r.docs === settings.docs);
  if (!dossier.module || mine.length === 0) {
    lines.push(`- Dossier not measured: ${dossier.reason ?? 'no run'}. No verdict.`);
    return { lines, json: { measured: false } };
  }
  lines.push(
    `Goals (at ${n(GOALS.docs)} publications): p99 ≤ ${GOALS.maxP99Ms} ms for every class (moonshot ${GOALS.moonshotP99Ms} ms), ahead of both MiniSearch and Orama on p95 and p99, the index adding ≤ ${GOALS.maxIndexMemoryMb} MB to the process and building in ≤ ${GOALS.maxBuildSeconds} s.`,
    '',
  );
  for (const r of mine) {
    const worst = Math.max(...CLASSES.map((c) => r.classes[c].p99));
    const p99 = worst <= GOALS.maxP99Ms;
    const memory = r.indexMemoryMb <= GOALS.maxIndexMemoryMb;
    const build = r.buildMs / 1000 <= GOALS.maxBuildSeconds;
    json[r.key] = { p99, worstP99: worst, moonshot: worst <= GOALS.moonshotP99Ms, memory, build };
    lines.push(
      `- ${r.name}, p99 ≤ ${GOALS.maxP99Ms} ms for every class: ${verdict(p99)} — ${CLASSES.map((c) => `${c} ${ms(r.classes[c].p99)}`).join(', ')} ms (moonshot ≤ ${GOALS.moonshotP99Ms} ms: ${worst <= GOALS.moonshotP99Ms ? 'met' : 'not met'})`,
      `- ${r.name}, index memory ≤ ${GOALS.maxIndexMemoryMb} MB: ${verdict(memory)} — RSS +${r.indexMemoryMb} MB (heap +${r.heapDeltaMb} MB${r.stats?.memoryBytes ? `; the index reports ${mb(r.stats.memoryBytes)}` : ''})`,
      `- ${r.name}, build ≤ ${GOALS.maxBuildSeconds} s: ${verdict(build)} — ${fmtSeconds(r.buildMs / 1000)}`,
    );
  }
  if (!settings.postgres)
    lines.push(
      '- PostgreSQL: not measured in this run (run it under `bash scripts/with-postgres.sh`, or with DATABASE_URL set).',
    );
  const peers = runs.filter((r) => r.engine !== 'dossier' && r.docs === settings.peersDocs);
  const ours = runs.filter((r) => r.engine === 'dossier' && r.docs === settings.peersDocs);
  for (const r of ours) {
    if (peers.length === 0) break;
    const behind = [];
    for (const peer of peers)
      for (const c of CLASSES)
        for (const p of ['p95', 'p99'])
          if (!(r.classes[c][p] < peer.classes[c][p]))
            behind.push(
              `${c} ${p} ${ms(r.classes[c][p])} vs ${peer.name} ${ms(peer.classes[c][p])}`,
            );
    const ahead = behind.length === 0;
    json[`${r.key}-vs-peers`] = { ahead, at: settings.peersDocs, behind };
    lines.push(
      `- ${r.name} ahead of ${peers.map((p) => p.name).join(' and ')} on p95 and p99 for every class${settings.peersDocs === settings.docs ? '' : ` (at ${n(settings.peersDocs)}, where the peers ran)`}: ${verdict(ahead)}${ahead ? '' : ` — behind on ${behind.join('; ')}`}`,
    );
  }
  if (settings.docs !== GOALS.docs)
    lines.push(
      '',
      `These verdicts are on ${n(settings.docs)} publications, not the goal's ${n(GOALS.docs)}.`,
    );
  return { lines, json };
}

// ---------------------------------------------------------------------------------------

/** Dossier's own count of its index; for a peer, how much text it keeps in memory. */
function engineMemory(run) {
  if (run.stats?.memoryBytes) return mb(run.stats.memoryBytes);
  if (run.stats?.textCharacters)
    return `— (holds the text: ${mb(run.stats.textCharacters)} of title, summary and body)`;
  return '—';
}

function diskOf(run) {
  if (run.engine !== 'dossier') return '0 (in memory only)';
  return run.stats?.diskBytes ? mb(run.stats.diskBytes) : '0';
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ms(x) {
  if (!Number.isFinite(x)) return '—';
  return x >= 100 ? String(Math.round(x)) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function mb(bytes) {
  return `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
}

function fmtSeconds(seconds) {
  return seconds < 120
    ? `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`
    : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function fmtLoad(values) {
  return values.map((v) => v.toFixed(2)).join(' / ');
}

function round1(x) {
  return Math.round(x * 10) / 10;
}

function round2(x) {
  return Math.round(x * 100) / 100;
}
