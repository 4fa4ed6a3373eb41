import type { ExpressionBuilder } from 'kysely';
import type { Tables } from './tables.ts';

/**
 * The SQL twin of domain/visibility.ts `isPubliclyVisible`: live status, time reached,
 * embargo lifted. Every public read of publications goes through this one predicate.
 */
export function publiclyVisible(now: Date) {
  const at = now.toISOString();
  return (eb: ExpressionBuilder<Tables, 'publications'>) =>
    eb.and([
      eb('publications.status', 'in', ['published', 'scheduled']),
      eb('publications.published_at', '<=', at),
      eb.or([
        eb('publications.embargo_until', 'is', null),
        eb('publications.embargo_until', '<=', at),
      ]),
    ]);
}
