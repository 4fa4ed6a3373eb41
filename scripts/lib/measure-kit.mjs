// Small helpers the measurement scripts share (bench/pages, bench/outputs,
// scripts/lighthouse.mjs): logging, process memory, git facts, ports and medians.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Progress goes to stderr, so a script's stdout stays its result. */
export function log(message) {
  process.stderr.write(`${message}\n`);
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A git answer for the report, or "unknown" outside a checkout. */
export function git(...argv) {
  try {
    return execFileSync('git', argv, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/** Resident memory now and at its peak (VmHWM) of a process, in MB to one decimal. */
export function readMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field) =>
    Math.round(
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 102.4,
    ) / 10;
  return { rssMb: mb('VmRSS'), hwmMb: mb('VmHWM') };
}

/**
 * A fingerprint of the migrations: a corpus generated before they changed has another
 * schema and must be generated again.
 */
export function migrationsFingerprint() {
  const folder = join(ROOT, 'src/storage/migrations');
  const hash = createHash('sha1');
  for (const name of readdirSync(folder).sort())
    hash.update(name).update(readFileSync(join(folder, name)));
  return hash.digest('hex').slice(0, 12);
}

/** A loopback port nobody listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Prints a script's leading `//` comment lines (its usage) and exits: what --help shows. */
export function printUsage(scriptUrl) {
  const header = readFileSync(fileURLToPath(scriptUrl), 'utf8').split('\n');
  console.log(
    header
      .filter((line) => line.startsWith('//'))
      .map((line) => line.slice(3))
      .join('\n'),
  );
  process.exit(0);
}

/** Writes a bench's report beside its script: RESULTS.md for people, results.json for tools. */
export function writeResults(dir, report) {
  writeFileSync(join(dir, 'RESULTS.md'), report.markdown);
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(report.json, null, 2)}\n`);
  log(`Wrote ${relative(ROOT, join(dir, 'RESULTS.md'))} and results.json`);
}
