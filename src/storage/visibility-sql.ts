import type { ExpressionBuilder } from 'kysely';
import type { Tables } from './tables.ts';

/**
 * The SQL twin of domain/visibility.ts: a piece is public once `visible_from` (written
 * from that rule on every save) has passed; null never passes. The same column sits on
 * the link tables, so a list of a person's, center's or term's work is answered from
 * one index without reading the publications themselves.
 */
export function publiclyVisible(now: Date) {
  return visibleAt(now.toISOString());
}

/** The same for an instant already written as ISO-8601 text (prepared queries bind it). */
export function visibleAt(at: string) {
  return (eb: ExpressionBuilder<Tables, 'publications'>) =>
    eb('publications.visible_from', '<=', at);
}
