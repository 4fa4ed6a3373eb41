import { describe, expect, it } from 'vitest';
import { crossrefName } from './person-name.ts';

describe('crossrefName', () => {
  it('splits on the sort name, family first', () => {
    expect(crossrefName({ name: 'Alice B. Archer', sortName: 'Archer, Alice B.' })).toEqual({
      ok: true,
      parts: { given: 'Alice B.', surname: 'Archer' },
    });
  });

  it('keeps a name without a comma in its sort name whole, as the surname', () => {
    expect(crossrefName({ name: 'Tanaka Hiroshi', sortName: 'Tanaka Hiroshi' })).toEqual({
      ok: true,
      parts: { given: null, surname: 'Tanaka Hiroshi' },
    });
  });

  it('collapses whitespace as the schema does before judging the length', () => {
    const check = crossrefName({ name: 'x', sortName: ` Archer ,\n\tAlice   Beth ` });
    expect(check).toEqual({ ok: true, parts: { given: 'Alice Beth', surname: 'Archer' } });
  });

  it("refuses what Crossref's pattern refuses: digits around the name, question marks alone, over 60", () => {
    for (const name of ['???', '1 2', `${'a'.repeat(61)}`, '7 Smith 8']) {
      expect(crossrefName({ name, sortName: name }), name).toMatchObject({ ok: false });
    }
  });

  it('accepts markup and punctuation as plain text', () => {
    expect(crossrefName({ name: 'x', sortName: `O'Brien & "Co", Zoë <b>` })).toMatchObject({
      ok: true,
      parts: { surname: `O'Brien & "Co"`, given: 'Zoë <b>' },
    });
  });
});
