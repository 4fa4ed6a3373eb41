/* The only place in src/ that writes to the terminal. */

/** Without a terminal to redraw, progress is a plain line at most this often. */
const PLAIN_PROGRESS_EVERY_MS = 5_000;
let lastPlainProgress = 0;

export const out = {
  line(text = ''): void {
    process.stdout.write(`${text}\n`);
  },
  error(text: string): void {
    process.stderr.write(`${text}\n`);
  },
  /** Rewrites the current terminal line; in a log (no terminal), a line every few seconds. */
  progress(text: string): void {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[2K${text}`);
      return;
    }
    const now = Date.now();
    if (now - lastPlainProgress < PLAIN_PROGRESS_EVERY_MS) return;
    lastPlainProgress = now;
    process.stderr.write(`${text}\n`);
  },
  endProgress(): void {
    if (process.stderr.isTTY) process.stderr.write('\n');
  },
};
