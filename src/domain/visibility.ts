import type { PublicationStatus } from './publication.ts';

/**
 * Who is asking. The public sees only what is live; editors see everything.
 * Repositories default to the public audience, so forgetting to ask is safe.
 */
export type Audience = 'public' | 'editor';

/** Statuses whose pieces may be live once their time has come. */
export const LIVE_STATUSES: readonly PublicationStatus[] = ['published', 'scheduled'];

/**
 * The one rule for "may the public see this piece now": published or scheduled, its
 * publication time reached, and any embargo lifted. A scheduled piece therefore goes
 * live at its time even if no job has flipped its status yet, and never a moment early.
 */
export function isPubliclyVisible(
  piece: { status: PublicationStatus; publishedAt: string | null; embargoUntil: string | null },
  now: Date,
): boolean {
  if (!LIVE_STATUSES.includes(piece.status) || piece.publishedAt === null) return false;
  const at = now.toISOString();
  if (piece.publishedAt > at) return false;
  return piece.embargoUntil === null || piece.embargoUntil <= at;
}
