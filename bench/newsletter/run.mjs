// Newsletter sending benchmark: one digest issue sent to 100,000 subscribers by the real
// `dossier newsletter send` command, every message rendered for its subscriber (their own
// signed links) and handed to a local SMTP sink in this process. The claims: the whole
// send takes at most 2 minutes, and the sender's memory does not grow with the number of
// subscribers.
//
//   node bench/newsletter/run.mjs [--subscribers 100000] [--workers 8] [--fresh]
//        [--note TEXT] [--no-write]
//
// - Data: bench/.data/newsletter/ (SQLite), the demo site imported once (`dossier import
//   demo/dossier-demo.jsonl`; made again with --fresh or when the migrations change), then
//   for each run fresh subscribers inserted straight into the tables (active, each with a
//   random link secret) on the demo list with the most live pieces.
// - Two sends in the same run, each a new issue with the same pieces: to a tenth of the
//   subscribers, then to all of them. Memory flat means the second's peak RSS stays
//   within 25% (and 40 MB) of the first's.
// - Each send: `node bin/dossier.js newsletter send ID --workers W` with
//   DOSSIER_NEWSLETTER_SEND_RATE=100000 (no throttle to speak of), timed from spawn to
//   exit; its VmRSS sampled every 50 ms and VmHWM (lifetime peak) from /proc.
// - Per message the sender reads the subscriber again, builds their copy from the batch's
//   message template (src/newsletter/sending/message-template.ts), sends it over SMTP,
//   journals it before the final dot and marks its outbox row sent (the exactly-once
//   path of docs/newsletter-sending.md); nothing is skipped for the bench.
// - The sink: smtp-server on 127.0.0.1 in this process, counting accepted messages per
//   recipient and their bytes (nothing kept). Checked: every subscriber got exactly one.
// - Baseline: bench/newsletter/constant-sender.mjs sends one constant message of the
//   digest's size, 20,000 times, through nodemailer's SMTP pool with the same number of
//   connections to the same sink: the cost of SMTP alone on this machine.
// Writes bench/newsletter/RESULTS.md and results.json (unless --no-write).
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import {
  git,
  log,
  migrationsFingerprint,
  printUsage,
  readMemory,
  writeResults,
} from '../../scripts/lib/measure-kit.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = join(ROOT, 'bin/dossier.js');
const FULL_SIZE = 100_000;
const GOAL_SECONDS = 120;
const BASELINE_MESSAGES = 20_000;

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: String(FULL_SIZE) },
    workers: { type: 'string', default: '8' },
    fresh: { type: 'boolean', default: false },
    note: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) printUsage(import.meta.url);
const subscribers = Number(args.subscribers);
const workers = Number(args.workers);
const dataDir = join(ROOT, 'bench/.data/newsletter');
const sqlitePath = join(dataDir, 'dossier.sqlite');

const startedAt = new Date();
const load = { before: loadavg() };
prepareSite();
const sink = await startSink();
const env = {
  PATH: process.env.PATH ?? '',
  DOSSIER_DATA_DIR: dataDir,
  DOSSIER_EMAIL_SMTP_URL: sink.url,
  DOSSIER_SERVER_PUBLIC_URL: 'https://bench.example',
  DOSSIER_NEWSLETTER_SEND_RATE: '100000',
  DOSSIER_SERVER_LOG_LEVEL: 'warn',
};
// The first command after an edit compiles the sources: not part of any timing.
execFileSync(process.execPath, [BIN, 'migrate'], { env, stdio: 'ignore' });

const db = new Database(sqlitePath);
const list = busiestList(db);
log(`List ${list.slug}: ${list.pieces} live pieces`);
resetSubscribers(db, list.id, subscribers);
const firstIssue = draftIssue(list.slug);
const small = await sendIssue(firstIssue, Math.max(1, Math.floor(subscribers / 10)));
const secondIssue = copyIssue(db, firstIssue);
const full = await sendIssue(secondIssue, subscribers);
db.close();

const averageBytes = Math.round(full.bytes / full.accepted);
log(`Baseline: ${BASELINE_MESSAGES} constant messages of ${averageBytes} bytes…`);
sink.reset();
// Spawned, not execFileSync: the sink lives in this process and must keep answering.
const baseline = JSON.parse(
  await output(
    spawn(process.execPath, [
      join(HERE, 'constant-sender.mjs'),
      sink.url,
      String(BASELINE_MESSAGES),
      String(averageBytes),
      String(workers),
    ]),
  ),
);
await sink.close();
load.after = loadavg();

const results = {
  startedAt,
  load,
  subscribers,
  workers,
  list,
  small,
  full,
  averageBytes,
  baseline: { ...baseline, perSecond: baseline.messages / (baseline.ms / 1000) },
};
const report = render(results);
process.stdout.write(report.markdown);
if (!args['no-write']) writeResults(HERE, report);

// ---------------------------------------------------------------------------------------

/** The demo site in its own SQLite folder, imported once per migration set. */
function prepareSite() {
  const stamp = join(dataDir, 'migrations.txt');
  const fingerprint = migrationsFingerprint();
  if (!args.fresh && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) return;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log('Importing the demo site…');
  execFileSync(process.execPath, [BIN, 'import', join(ROOT, 'demo/dossier-demo.jsonl')], {
    env: { PATH: process.env.PATH ?? '', DOSSIER_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stamp, fingerprint);
}

function busiestList(db) {
  const now = new Date().toISOString();
  return db
    .prepare(
      `select l.id, l.slug, count(*) as pieces from newsletter_lists l
       join publication_newsletters pn on pn.list_id = l.id
       join publications p on p.id = pn.publication_id
       where p.visible_from <= ? group by l.id order by pieces desc, l.id limit 1`,
    )
    .get(now);
}

/** `count` active subscribers of the list, and nobody else: fresh for each run. */
function resetSubscribers(db, listId, count) {
  log(`Inserting ${count.toLocaleString('en-US')} subscribers…`);
  db.exec(
    'delete from newsletter_outbox; delete from newsletter_issue_items; delete from newsletter_issues;',
  );
  db.exec(
    'delete from newsletter_subscriptions; delete from newsletter_subscribers; delete from newsletter_suppressions;',
  );
  const at = new Date().toISOString();
  const subscriber = db.prepare(
    `insert into newsletter_subscribers (id, email, email_hash, status, link_key, link_secret, created_at, updated_at)
     values (?, ?, ?, 'active', ?, ?, ?, ?)`,
  );
  const subscription = db.prepare(
    `insert into newsletter_subscriptions (subscriber_id, list_id, status, created_at, updated_at)
     values (?, ?, 'active', ?, ?)`,
  );
  db.transaction(() => {
    for (let id = 1; id <= count; id++) {
      const email = `reader-${id}@bench.example`;
      const hash = createHash('sha256').update(email).digest('hex');
      const key = randomBytes(16).toString('base64url');
      subscriber.run(id, email, hash, key, randomBytes(16).toString('hex'), at, at);
      subscription.run(id, listId, at, at);
    }
  })();
}

function draftIssue(listSlug) {
  const output = execFileSync(
    process.execPath,
    [BIN, 'newsletter', 'issue', 'draft', '--list', listSlug, '--subject', 'Bench digest'],
    { env, encoding: 'utf8' },
  );
  const id = Number(/Drafted issue (\d+)/.exec(output)?.[1]);
  if (!Number.isInteger(id)) throw new Error(`could not draft an issue:\n${output}`);
  return id;
}

/** A new draft with the same pieces (a later draft of the list would cover nothing new). */
function copyIssue(db, issueId) {
  const at = new Date().toISOString();
  const { lastInsertRowid } = db
    .prepare(
      `insert into newsletter_issues (list_id, status, subject, intro_markdown, covers_from, covers_until, created_at, updated_at)
       select list_id, 'draft', subject, intro_markdown, covers_from, covers_until, ?, ? from newsletter_issues where id = ?`,
    )
    .run(at, at, issueId);
  db.prepare(
    `insert into newsletter_issue_items (issue_id, publication_id, position)
     select ?, publication_id, position from newsletter_issue_items where issue_id = ?`,
  ).run(lastInsertRowid, issueId);
  return Number(lastInsertRowid);
}

/** Sends an issue to the first `audience` subscribers (the others' subscriptions paused). */
async function sendIssue(issueId, audience) {
  const db2 = new Database(sqlitePath);
  db2
    .prepare(
      `update newsletter_subscriptions set status = case when subscriber_id <= ? then 'active' else 'unsubscribed' end`,
    )
    .run(audience);
  db2.close();
  sink.reset();
  log(
    `Sending issue ${issueId} to ${audience.toLocaleString('en-US')} subscribers with ${workers} workers…`,
  );
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, 'newsletter', 'send', String(issueId), '--workers', String(workers)],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  const samples = [];
  let hwmMb = 0;
  const sampler = setInterval(() => {
    try {
      const memory = readMemory(child.pid);
      // An exiting process has no VmRSS line any more.
      if (Number.isFinite(memory.rssMb)) samples.push(memory.rssMb);
      if (Number.isFinite(memory.hwmMb)) hwmMb = memory.hwmMb;
    } catch {}
  }, 50);
  const code = await new Promise((done) => child.on('exit', done));
  clearInterval(sampler);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`dossier newsletter send exited with ${code}:\n${output}`);
  const counts = [...sink.counts.values()];
  const exactlyOnce = sink.counts.size === audience && counts.every((n) => n === 1);
  log(
    `  ${sink.accepted.toLocaleString('en-US')} messages in ${(ms / 1000).toFixed(1)} s, peak RSS ${Math.max(...samples)} MB`,
  );
  return {
    issueId,
    audience,
    accepted: sink.accepted,
    exactlyOnce,
    bytes: sink.bytes,
    ms,
    sendingMs: sink.lastAt - sink.firstAt,
    perSecond: sink.accepted / (ms / 1000),
    peakRssMb: Math.max(...samples),
    hwmMb,
    output: output.trim(),
  };
}

/** A child's standard output once it has exited successfully. */
async function output(child) {
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.pipe(process.stderr);
  const code = await new Promise((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`${child.spawnargs.join(' ')} exited with ${code}`);
  return text;
}

async function startSink() {
  const state = { counts: new Map(), accepted: 0, bytes: 0, firstAt: 0, lastAt: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo[0]?.address ?? '';
      let bytes = 0;
      stream.on('data', (chunk) => {
        bytes += chunk.length;
      });
      stream.on('end', () => {
        state.counts.set(to, (state.counts.get(to) ?? 0) + 1);
        state.accepted++;
        state.bytes += bytes;
        state.lastAt = performance.now();
        if (state.accepted === 1) state.firstAt = state.lastAt;
        callback();
      });
    },
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    get counts() {
      return state.counts;
    },
    get accepted() {
      return state.accepted;
    },
    get bytes() {
      return state.bytes;
    },
    get firstAt() {
      return state.firstAt;
    },
    get lastAt() {
      return state.lastAt;
    },
    reset() {
      Object.assign(state, { counts: new Map(), accepted: 0, bytes: 0, firstAt: 0, lastAt: 0 });
    },
    close: () => new Promise((done) => server.close(done)),
  };
}

// ---------------------------------------------------------------------------------------
// Report

function render(r) {
  const machine = `${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM; Node ${process.version}`;
  const quick = r.subscribers < FULL_SIZE;
  const n = (x) => Math.round(x).toLocaleString('en-US');
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const timeOk = r.full.ms / 1000 <= GOAL_SECONDS;
  const growth = r.full.peakRssMb - r.small.peakRssMb;
  const flat = growth <= Math.max(40, r.small.peakRssMb * 0.25);
  const once = r.small.exactlyOnce && r.full.exactlyOnce;
  const lines = ['# Newsletter sending benchmark results', ''];
  if (quick)
    lines.push(
      `> **Quick try on ${n(r.subscribers)} subscribers, not the 100,000 the claim is about.**`,
      '',
    );
  if (args.note) lines.push(`> **Note:** ${args.note}`, '');
  lines.push(
    `- Date: ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; commit \`${git('rev-parse', '--short', 'HEAD')}\`${git('status', '--porcelain', '--', 'src').length > 0 ? ' (with uncommitted changes under src/)' : ''}`,
    `- Machine: ${machine}; load average before ${r.load.before.map((x) => x.toFixed(2)).join(' / ')}, after ${r.load.after.map((x) => x.toFixed(2)).join(' / ')}`,
    `- Issue: the demo list \`${r.list.slug}\` with its ${r.list.pieces} live pieces (a digest takes the newest 20), rendered once per issue and built into a MIME message by nodemailer once per batch of 50; per subscriber, their address, Message-ID and signed links put into that message (HTML and text parts, List-* headers); ${n(r.averageBytes)} bytes a message on average`,
    `- Sender: \`node bin/dossier.js newsletter send ID --workers ${r.workers}\` (SQLite, rate setting 100,000/s), timed from spawn to exit; RSS sampled every 50 ms`,
    '- SMTP: smtp-server on 127.0.0.1 in the bench process, counting messages per recipient',
    '',
    '| Send | Messages | Total time | Messages/s | Peak RSS | Exactly once |',
    '|---|---:|---:|---:|---:|---|',
    ...[r.small, r.full].map(
      (x) =>
        `| issue ${x.issueId} to ${n(x.audience)} | ${n(x.accepted)} | ${s(x.ms)} | ${n(x.perSecond)} | ${x.peakRssMb} MB (VmHWM ${x.hwmMb} MB) | ${x.exactlyOnce ? 'yes' : '**no**'} |`,
    ),
    `| baseline: constant message, nodemailer pool, no database | ${n(r.baseline.messages)} | ${s(r.baseline.ms)} | ${n(r.baseline.perSecond)} | | |`,
    '',
    '## Verdict',
    '',
    `- Time: ${s(r.full.ms)} for ${n(r.full.audience)} subscribers, goal ≤ ${GOAL_SECONDS} s: **${timeOk ? 'met' : 'missed'}**${quick ? ' (on a smaller run)' : ''}.`,
    `- Memory: peak RSS ${r.small.peakRssMb} MB at ${n(r.small.audience)} subscribers, ${r.full.peakRssMb} MB at ${n(r.full.audience)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB for ${n(r.full.audience / Math.max(1, r.small.audience))}× the subscribers): **${flat ? 'flat' : 'grows'}**.`,
    `- Throughput: ${((r.full.perSecond / r.baseline.perSecond) * 100).toFixed(0)}% of the constant-message baseline over the same sink (${n(r.full.perSecond)} vs ${n(r.baseline.perSecond)} messages/s).`,
    `- Every subscriber got exactly one message: **${once ? 'yes' : 'NO'}**.`,
    '',
    `Reproduce: \`node bench/newsletter/run.mjs${quick ? ` --subscribers ${r.subscribers}` : ''}\` (see bench/README.md).`,
    '',
  );
  return {
    markdown: lines.join('\n'),
    json: { ...r, machine, verdict: { timeOk, flat, exactlyOnce: once }, note: args.note ?? null },
  };
}
