import type { PublicationStatus } from './publication.ts';

/**
 * Who is asking. The public sees only what is live; editors see everything.
 * Repositories default to the public audience, so forgetting to ask is safe.
 */
export type Audience = 'public' | 'editor';

/** Statuses whose pieces may be live once their time has come. */
export const LIVE_STATUSES: readonly PublicationStatus[] = ['published', 'scheduled'];

interface VisibilityFacts {
  status: PublicationStatus;
  publishedAt: string | null;
  embargoUntil: string | null;
}

/**
 * The one rule for "may the public see this piece", as the moment it becomes visible:
 * published or scheduled, at its publication time or when its embargo lifts, whichever
 * is later; never (null) for drafts, pieces in review and archived ones. A scheduled
 * piece therefore goes live at its time even if no job has flipped its status yet, and
 * never a moment early. Storage keeps this moment beside every row that lists the
 * piece, so every public query asks one question: `visible_from <= now`.
 */
export function visibleFrom(piece: VisibilityFacts): string | null {
  if (!LIVE_STATUSES.includes(piece.status) || piece.publishedAt === null) return null;
  if (piece.embargoUntil !== null && piece.embargoUntil > piece.publishedAt)
    return piece.embargoUntil;
  return piece.publishedAt;
}

export function isPubliclyVisible(piece: VisibilityFacts, now: Date): boolean {
  const from = visibleFrom(piece);
  return from !== null && from <= now.toISOString();
}
