import { parentPort, workerData } from 'node:worker_threads';
import { checkRecord, nameOf, notJson } from './check-record.ts';
import { type CheckedLine, parseJsonLines } from './json-lines.ts';

/*
 * The reading half of a large JSON-lines import, run in a worker thread (started by
 * threaded-json-lines.ts): reads the file, parses and checks each line and renders its
 * body, and posts the lines in order, CHUNK at a time, while the main thread writes the
 * ones before. It runs at most AHEAD chunks ahead of the writer, so memory stays bounded
 * however large the file.
 */

/** Lines per message: fewer, larger messages cost less to pass between threads. */
const CHUNK = 100;
/** Chunks posted and not yet taken by the writer, at most. */
const AHEAD = 4;

export interface ReaderMessage {
  lines: CheckedLine[];
  done: boolean;
}

async function read(path: string, port: NonNullable<typeof parentPort>): Promise<void> {
  let waiting = 0;
  let resume: (() => void) | undefined;
  // The writer answers each chunk it takes: one more may be sent.
  port.on('message', () => {
    waiting--;
    resume?.();
  });
  let lines: CheckedLine[] = [];
  for await (const { line, value } of parseJsonLines(path)) {
    lines.push({ line, value: nameOf(value), checked: check(value) });
    if (lines.length < CHUNK) continue;
    while (waiting >= AHEAD) await new Promise<void>((wake) => (resume = wake));
    waiting++;
    port.postMessage({ lines, done: false } satisfies ReaderMessage);
    lines = [];
  }
  port.postMessage({ lines, done: true } satisfies ReaderMessage);
}

function check(value: unknown) {
  return value instanceof SyntaxError ? notJson(value) : checkRecord(value, { render: true });
}

if (parentPort === null) throw new Error('json-lines-worker.ts runs only in a worker thread');
// A failure rejects, which ends the thread with an 'error' event for the writer to throw.
void read(workerData.path, parentPort);
