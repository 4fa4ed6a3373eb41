import type { Center } from '../domain/center.ts';
import type { PublicationSummary, Taxonomy } from '../domain/publication.ts';
import type { Clock } from '../lib/clock.ts';
import type { Found } from '../services/reading.ts';
import type { FeedDetails, FeedRepository } from '../storage/repositories/feed-repository.ts';
import type { PersonRepository } from '../storage/repositories/person-repository.ts';
import type {
  PublicationFilter,
  PublicationRepository,
} from '../storage/repositories/publication-repository.ts';
import type {
  RedirectKind,
  RedirectRepository,
} from '../storage/repositories/redirect-repository.ts';
import type { TermRepository } from '../storage/repositories/term-repository.ts';

/**
 * How many pieces a feed carries. Readers poll often and keep what they saw, so the
 * newest thirty cover any gap between polls, and a feed stays one small, cacheable file.
 */
export const FEED_LENGTH = 30;

/** What a feed follows: the same lists as the site's pages. */
export type FeedSubject =
  /** The viewed site's center: its home page's "Latest Work". */
  | { kind: 'center' }
  /** All research across the network, as on /research. */
  | { kind: 'research' }
  | { kind: 'type'; slug: string }
  | { kind: 'term'; taxonomy: Taxonomy; slug: string }
  | { kind: 'person'; slug: string };

export type FeedEntry = PublicationSummary & FeedDetails;

export interface FeedSource {
  /** The name of what is followed: a term's, a person's, the center's; "Research". */
  name: string;
  /** Its description; empty when it has none. */
  description: string;
  /** Live pieces only, newest first, at most FEED_LENGTH. */
  entries: FeedEntry[];
  /** The moment the feed was read for. */
  asOf: Date;
}

export interface FeedServiceDeps {
  publications: PublicationRepository;
  feeds: FeedRepository;
  terms: TermRepository;
  people: PersonRepository;
  redirects: RedirectRepository;
  clock: Clock;
}

interface Resolved {
  name: string;
  description: string;
  filter: PublicationFilter;
  /** An external co-author has no page, and so no feed, until they have live work. */
  isHiddenWhenEmpty?: boolean;
}

/**
 * Feeds read what the matching page reads, through the same public-only repositories:
 * an id list from one index (the piece's date order), then cards, authors, terms and
 * details for those ids in a fixed number of queries.
 */
export function createFeedService(deps: FeedServiceDeps) {
  const { publications, feeds, terms, people, redirects, clock } = deps;

  async function resolve(subject: FeedSubject, center: Center): Promise<Found<Resolved>> {
    switch (subject.kind) {
      case 'center':
        return {
          name: center.name,
          description: center.tagline || center.description,
          filter: { by: 'center', centerId: center.id },
        };
      case 'research':
        return { name: 'Research', description: '', filter: { by: 'all' } };
      case 'type': {
        const type = await terms.findType(subject.slug);
        return (
          type && {
            name: type.pluralName,
            description: '',
            filter: { by: 'type', typeId: type.id },
          }
        );
      }
      case 'term': {
        const { taxonomy, slug } = subject;
        const term = await terms.findBySlug(taxonomy, slug);
        if (!term) return renamed(`term:${taxonomy}`, slug, (s) => terms.findBySlug(taxonomy, s));
        // A region's feed, like its page, carries the work on its countries too.
        const termIds = taxonomy === 'region' ? await terms.listDescendantIds(term.id) : [term.id];
        return { name: term.name, description: term.description, filter: { by: 'terms', termIds } };
      }
      case 'person': {
        const person = await people.findBySlug(subject.slug);
        if (!person) return renamed('person', subject.slug, (s) => people.findBySlug(s));
        return {
          name: person.name,
          description: person.role,
          filter: { by: 'author', personId: person.id },
          isHiddenWhenEmpty: person.isExternal,
        };
      }
    }
  }

  /** A renamed slug answers with the new one, only when that one exists. */
  async function renamed(
    kind: RedirectKind,
    slug: string,
    find: (slug: string) => Promise<unknown>,
  ): Promise<{ redirect: string } | undefined> {
    const current = await redirects.findCurrentSlug(kind, slug);
    if (current === undefined || current === slug || !(await find(current))) return undefined;
    return { redirect: current };
  }

  return {
    /** The feed for a subject on a center's site; undefined where its page would 404. */
    async findFeed(subject: FeedSubject, center: Center): Promise<Found<FeedSource>> {
      const found = await resolve(subject, center);
      if (!found || 'redirect' in found) return found;
      const asOf = clock.now();
      const { items } = await publications.listSummaries(found.filter, {
        now: asOf,
        limit: FEED_LENGTH,
        withTotal: false,
      });
      if (found.isHiddenWhenEmpty && items.length === 0) return undefined;
      const details = await feeds.listDetails(
        items.map((item) => item.id),
        { withBody: center.feedFullText },
      );
      const entries = items.flatMap((item) => {
        const more = details.get(item.id);
        return more ? [{ ...item, ...more }] : [];
      });
      return { name: found.name, description: found.description, entries, asOf };
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
