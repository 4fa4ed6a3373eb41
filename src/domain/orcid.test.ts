import { describe, expect, it } from 'vitest';
import { checkOrcid, orcidCheckDigit, orcidUrl } from './orcid.ts';

describe('ORCID iDs', () => {
  it("accepts ORCID's own sample iDs, including one whose check character is X", () => {
    expect(checkOrcid('0000-0002-1825-0097')).toEqual({ ok: true, orcid: '0000-0002-1825-0097' });
    expect(checkOrcid('0000-0001-5109-3700')).toEqual({ ok: true, orcid: '0000-0001-5109-3700' });
    expect(checkOrcid('0000-0002-1694-233X')).toEqual({ ok: true, orcid: '0000-0002-1694-233X' });
  });

  it('reads the link form and a lower-case x, and returns the bare iD', () => {
    expect(checkOrcid(' https://orcid.org/0000-0002-1694-233x ')).toEqual({
      ok: true,
      orcid: '0000-0002-1694-233X',
    });
    expect(checkOrcid('orcid.org/0000-0002-1825-0097')).toMatchObject({ ok: true });
  });

  it('rejects a mistyped digit and a transposition, naming the expected check character', () => {
    expect(checkOrcid('0000-0002-1825-0098')).toEqual({
      ok: false,
      reason: 'checksum',
      expected: '7',
    });
    expect(checkOrcid('0000-0002-1852-0097')).toMatchObject({ ok: false, reason: 'checksum' });
  });

  it('rejects anything not shaped like an iD', () => {
    for (const bad of ['', '0000000218250097', '0000-0002-1825-009', 'X000-0002-1825-0097'])
      expect(checkOrcid(bad)).toEqual({ ok: false, reason: 'shape' });
  });

  it('computes check characters over the first fifteen digits', () => {
    expect(orcidCheckDigit('000000021825009')).toBe('7');
    expect(orcidCheckDigit('000000021694233')).toBe('X');
  });

  it('links to the https record', () => {
    expect(orcidUrl('0000-0002-1825-0097')).toBe('https://orcid.org/0000-0002-1825-0097');
  });
});
