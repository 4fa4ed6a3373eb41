/* The only place in src/ that writes to the terminal. */

export const out = {
  line(text = ''): void {
    process.stdout.write(`${text}\n`);
  },
  error(text: string): void {
    process.stderr.write(`${text}\n`);
  },
  /** Rewrites the current terminal line (progress); plain lines when not a terminal. */
  progress(text: string): void {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
  },
  endProgress(): void {
    if (process.stderr.isTTY) process.stderr.write('\n');
  },
};
