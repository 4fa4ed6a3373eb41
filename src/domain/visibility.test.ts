import { describe, expect, it } from 'vitest';
import { isPubliclyVisible, visibleFrom } from './visibility.ts';

const now = new Date('2026-06-01T12:00:00.000Z');
const piece = (
  status: 'draft' | 'review' | 'scheduled' | 'published' | 'archived',
  publishedAt: string | null,
  embargoUntil: string | null = null,
) => ({ status, publishedAt, embargoUntil });

describe('visibility', () => {
  it('never shows drafts, reviews or archived pieces, whatever their dates', () => {
    for (const status of ['draft', 'review', 'archived'] as const) {
      expect(visibleFrom(piece(status, '2020-01-01T00:00:00.000Z'))).toBeNull();
      expect(isPubliclyVisible(piece(status, '2020-01-01T00:00:00.000Z'), now)).toBe(false);
    }
  });

  it('shows a published or scheduled piece from its time, not a millisecond before', () => {
    for (const status of ['published', 'scheduled'] as const) {
      expect(isPubliclyVisible(piece(status, '2026-06-01T12:00:00.000Z'), now)).toBe(true);
      expect(isPubliclyVisible(piece(status, '2026-06-01T12:00:00.001Z'), now)).toBe(false);
    }
  });

  it('holds a piece until its embargo lifts, when that is later', () => {
    expect(
      visibleFrom(piece('published', '2026-05-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z')),
    ).toBe('2026-07-01T00:00:00.000Z');
    expect(
      visibleFrom(piece('published', '2026-05-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z')),
    ).toBe('2026-05-01T00:00:00.000Z');
    expect(
      isPubliclyVisible(
        piece('published', '2026-05-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'),
        now,
      ),
    ).toBe(false);
  });

  it('needs a publication time', () => {
    expect(visibleFrom(piece('published', null))).toBeNull();
  });
});
