import { describe, expect, it } from 'vitest';
import { workKind } from './work-kind.ts';

const piece = (slug: string, reportNumber: string | null = null) => ({
  type: { id: 1, slug, name: slug, pluralName: slug },
  reportNumber,
});

describe('workKind', () => {
  it('files reports, and any numbered piece, as reports', () => {
    expect(workKind(piece('report'))).toBe('report');
    expect(workKind(piece('paper', 'WP 24-3'))).toBe('report');
    expect(workKind(piece('other', 'X-1'))).toBe('report');
  });

  it('files unnumbered papers as scholarly articles and commentary as opinion', () => {
    expect(workKind(piece('paper'))).toBe('paper');
    expect(workKind(piece('commentary'))).toBe('opinion');
  });

  it('files everything else as an article', () => {
    for (const slug of ['article', 'testimony', 'book', 'other'])
      expect(workKind(piece(slug))).toBe('article');
  });
});
