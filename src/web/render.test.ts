import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './render.ts';

describe('utf8Bytes (how page bodies are encoded once)', () => {
  const samples = [
    '',
    '<!doctype html><p>plain ASCII</p>',
    'Déjà vu — “quoted” ’s … ↩︎ Łódź 北京 עברית العربية',
    'astral: 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    // Lone surrogates become U+FFFD, as Buffer.from makes them.
    'broken: \ud800 and \udfff end',
    'x'.repeat(300_000),
    `${'é'.repeat(200_000)}€`, // too long for the scratch space at 3 bytes a unit
  ];

  it('gives exactly the bytes Buffer.from gives', () => {
    for (const text of samples)
      expect(utf8Bytes(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('gives each body bytes of its own: the next one does not overwrite the last', () => {
    const first = utf8Bytes('<p>first page, with “curly quotes”</p>');
    const copy = Buffer.from(first);
    utf8Bytes('<p>second page, longer than the first and different</p>');
    expect(first.equals(copy)).toBe(true);
  });
});
