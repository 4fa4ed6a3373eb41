import { afterEach, describe, expect, it } from 'vitest';
import { ScratchDatabase } from '../../src/import/wordpress/scratch-tables.ts';

describe('scratch tables (what a WordPress import keeps per item, on disk)', () => {
  let scratch: ScratchDatabase;
  afterEach(() => scratch.close());

  it('behaves like a Map: get, has, set that replaces in place, values in insertion order', () => {
    scratch = new ScratchDatabase();
    const map = scratch.map<number, { title: string; paths: string[]; width?: number }>();
    expect(map.get(7)).toBeUndefined();
    expect(map.has(7)).toBe(false);
    map.set(30, { title: 'Thirty', paths: [] });
    map.set(7, { title: 'Seven', paths: ['/2020/01/seven', '/?p=7'], width: 640 });
    map.set(12, { title: 'Twelve', paths: [] });
    map.set(30, { title: 'Thirty again', paths: ['/thirty'] });
    expect(map.has(7)).toBe(true);
    expect(map.get(7)).toEqual({ title: 'Seven', paths: ['/2020/01/seven', '/?p=7'], width: 640 });
    // Like Map.set, replacing a value keeps the key's first place.
    expect([...map.values()].map((v) => v.title)).toEqual(['Thirty again', 'Seven', 'Twelve']);
  });

  it('keeps number and string keys apart, and tables apart', () => {
    scratch = new ScratchDatabase();
    const byNumber = scratch.map<number, string>();
    const byText = scratch.map<string, string>();
    byNumber.set(1, 'number');
    byText.set('1', 'text');
    expect(byNumber.get(1)).toBe('number');
    expect(byText.get('1')).toBe('text');
    expect(byText.has('2')).toBe(false);
    expect([...byNumber.values()]).toEqual(['number']);
  });

  it('walks tens of thousands of rows in order while other tables are written', () => {
    scratch = new ScratchDatabase();
    const posts = scratch.map<number, number>();
    const targets = scratch.map<number, string>();
    const count = 12_345; // more than a page and more than a commit's worth of writes
    for (let id = count; id >= 1; id--) posts.set(id, id);
    let expected = count;
    for (const id of posts.values()) {
      expect(id).toBe(expected--);
      targets.set(id, `slug-${id}`);
    }
    expect(expected).toBe(0);
    expect(targets.get(1)).toBe('slug-1');
    expect(targets.get(count)).toBe(`slug-${count}`);
  });

  it('is gone once closed', () => {
    scratch = new ScratchDatabase();
    const map = scratch.map<string, number>();
    map.set('a', 1);
    scratch.close();
    expect(() => map.get('a')).toThrow(/not open/);
  });
});
