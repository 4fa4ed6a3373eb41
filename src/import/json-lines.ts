import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CheckedRecord } from './check-record.ts';

/** One line of a JSON-lines file: its number and its parsed value, or why it is not JSON. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/** A line checked by the reader thread; its value only names it (kind, slug) for a report. */
export interface CheckedLine {
  line: number;
  value: { kind?: string; slug?: string };
  checked: CheckedRecord;
}

/**
 * Streams a JSON-lines file. Blank lines and `//` comments are skipped; a line that is not
 * JSON yields its SyntaxError as the value.
 */
export async function* parseJsonLines(path: string): AsyncGenerator<JsonLine> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '' || trimmed.startsWith('//')) continue;
    try {
      yield { line, value: JSON.parse(trimmed) };
    } catch (error) {
      yield { line, value: error instanceof SyntaxError ? error : new SyntaxError(String(error)) };
    }
  }
}
