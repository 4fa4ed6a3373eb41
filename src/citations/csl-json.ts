import type { CslRecord } from './csl-record.ts';

/**
 * The record as a CSL-JSON file: an array of one item, as citation managers expect.
 * Written as it is rather than through citation-js, whose 0.8 output cleaning drops
 * the CSL 1.0.2 variable `license`, the one thing it would change; the tests read the
 * file back with citation-js.
 */
export function toCslJson(record: CslRecord): string {
  return `${JSON.stringify([record], null, 2)}\n`;
}
