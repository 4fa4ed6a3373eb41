import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/*
 * The moment a message is handed over, written where a killed process cannot take it back.
 *
 * Right before the final "." of a message's DATA, its outbox row id is appended to the
 * worker's journal with one synchronous write (the kernel holds it from then on, whatever
 * happens to the process), and the "." follows in the same synchronous call: no event-loop
 * turn, no I/O awaited in between. The database learns that the row is sent a moment
 * later; if the process dies in that moment, the next run on this machine reads the
 * journal and marks those rows sent instead of sending them again. One file per worker
 * (named after its claim), removed when the worker stops cleanly.
 *
 * A database commit cannot serve as that moment: its acknowledgement arrives after the
 * commit happened, through the event loop, so a process killed while waiting for it has a
 * committed row and no "." (a lost message); on PostgreSQL that wait is a network round
 * trip. The journal write returns before the next statement runs.
 */

export interface SentJournal {
  /** Synchronous by design: call it immediately before writing the end of the message. */
  record(rowId: number): void;
  /** Closes and removes the journal: every row it names is marked sent in the database. */
  discard(): void;
}

export function openSentJournal(dir: string, claimant: string): SentJournal {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileOf(claimant));
  const fd = openSync(file, 'a');
  let open = true;
  return {
    record(rowId) {
      writeSync(fd, `${rowId}\n`);
    },
    discard() {
      if (!open) return;
      open = false;
      closeSync(fd);
      rmSync(file, { force: true });
    },
  };
}

/** The claimants that left journals in `dir`, with the row ids each recorded. */
export function readJournals(
  dir: string,
): { claimant: string; rowIds: number[]; remove(): void }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.journal'));
  } catch {
    return [];
  }
  return names.map((name) => {
    const file = join(dir, name);
    const rowIds = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
    return {
      claimant: decodeURIComponent(name.slice(0, -'.journal'.length)),
      rowIds,
      remove: () => rmSync(file, { force: true }),
    };
  });
}

function fileOf(claimant: string): string {
  return `${encodeURIComponent(claimant)}.journal`;
}
