import type { Center } from '../domain/center.ts';
import type { Person } from '../domain/person.ts';
import type {
  Publication,
  PublicationSummary,
  PublicationType,
  Taxonomy,
} from '../domain/publication.ts';
import type { Term } from '../domain/term.ts';
import type { Clock } from '../lib/clock.ts';
import type { Page, PageRepository } from '../storage/repositories/page-repository.ts';
import type { ExpertFilter, PersonRepository } from '../storage/repositories/person-repository.ts';
import type {
  PublicationPage,
  PublicationRepository,
} from '../storage/repositories/publication-repository.ts';
import type { RedirectRepository } from '../storage/repositories/redirect-repository.ts';
import type { TermRepository } from '../storage/repositories/term-repository.ts';

/*
 * What the public site reads. Every method sees only live content (the repositories'
 * default audience) and returns plain objects for a page to render. A result of
 * `{ redirect }` means the slug was renamed and the piece is live under the new one.
 */

export const PAGE_SIZE = 20;
const RELATED_COUNT = 4;
/** "About the Author" shows this many staff profiles; the byline names everyone. */
const PROFILES_SHOWN = 3;

export type Found<T> = T | { redirect: string } | undefined;

export interface PublicationView {
  publication: Publication;
  profiles: Person[];
  recentWork: { author: Person; items: PublicationSummary[] } | null;
  moreFromCenter: PublicationSummary[];
}

export interface PersonView {
  person: Person;
  work: PublicationPage;
}

export interface TermView {
  term: Term;
  work: PublicationPage;
}

export interface HomeView {
  featured: PublicationSummary[];
  latest: PublicationSummary[];
  experts: Person[];
}

export interface ReadingDeps {
  publications: PublicationRepository;
  people: PersonRepository;
  terms: TermRepository;
  pages: PageRepository;
  redirects: RedirectRepository;
  clock: Clock;
}

export function createReadingService(deps: ReadingDeps) {
  const { publications, people, terms, pages, redirects, clock } = deps;
  const pageOf = (page: number) => ({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  return {
    async publicationPage(slug: string, site: Center): Promise<Found<PublicationView>> {
      const now = clock.now();
      const publication = await publications.findBySlug(slug, { now });
      if (!publication)
        return redirectIfLive('publication', slug, (s) => publications.findBySlug(s, { now }));
      return around(publication, site, now, true);
    },

    /**
     * A piece whatever its status, for a press preview: the piece itself as stored, and
     * around it only what the public may see (live related work, profiles).
     */
    async previewPage(slug: string, site: Center): Promise<PublicationView | undefined> {
      const now = clock.now();
      const publication = await publications.findBySlug(slug, { now, audience: 'editor' });
      return publication && around(publication, site, now, false);
    },

    /** A live publication alone, without the lists its page shows: for its citation files. */
    async publication(slug: string): Promise<Found<Publication>> {
      const now = clock.now();
      const publication = await publications.findBySlug(slug, { now });
      if (publication) return publication;
      return redirectIfLive('publication', slug, (s) => publications.findBySlug(s, { now }));
    },

    async personPage(slug: string, page: number): Promise<Found<PersonView>> {
      const person = await people.findBySlug(slug);
      if (!person) return redirectIfLive('person', slug, (s) => people.findBySlug(s));
      const work = await publications.listSummaries(
        { by: 'author', personId: person.id },
        { now: clock.now(), ...pageOf(page) },
      );
      // An external co-author has no profile of their own until they have live work.
      if (person.isExternal && work.total === 0) return undefined;
      return { person, work };
    },

    async termPage(taxonomy: Taxonomy, slug: string, page: number): Promise<Found<TermView>> {
      const term = await terms.findBySlug(taxonomy, slug);
      if (!term)
        return redirectIfLive(`term:${taxonomy}`, slug, (s) => terms.findBySlug(taxonomy, s));
      const termIds = taxonomy === 'region' ? await terms.listDescendantIds(term.id) : [term.id];
      const work = await publications.listSummaries(
        { by: 'terms', termIds },
        { now: clock.now(), ...pageOf(page) },
      );
      return { term, work };
    },

    async typePage(
      slug: string,
      page: number,
    ): Promise<{ type: PublicationType; work: PublicationPage } | undefined> {
      const type = await terms.findType(slug);
      if (!type) return undefined;
      const work = await publications.listSummaries(
        { by: 'type', typeId: type.id },
        { now: clock.now(), ...pageOf(page) },
      );
      return { type, work };
    },

    latest(page: number): Promise<PublicationPage> {
      return publications.listSummaries({ by: 'all' }, { now: clock.now(), ...pageOf(page) });
    },

    async home(site: Center): Promise<HomeView> {
      const now = clock.now();
      const featured = await publications.listFeatured(site.id, { now, limit: 3 });
      const [latest, experts] = await Promise.all([
        publications.listSummaries(
          { by: 'center', centerId: site.id },
          { now, limit: 6, excludeIds: featured.map((f) => f.id), withTotal: false },
        ),
        people.listExperts({}, { limit: 6, offset: 0, centerId: site.id }),
      ]);
      return { featured, latest: latest.items, experts: experts.items };
    },

    experts(filter: ExpertFilter, page: number) {
      return people.listExperts(filter, pageOf(page));
    },

    listTerms: (taxonomy: Taxonomy) => terms.listByTaxonomy(taxonomy),
    descendantIds: (termId: number) => terms.listDescendantIds(termId),
    standingPage: (site: Center, slug: string): Promise<Page | undefined> =>
      pages.find(site.id, slug),
  };

  /** What a publication page shows around the piece: profiles, recent work, more from the center. */
  async function around(
    publication: Publication,
    site: Center,
    now: Date,
    /** Whether findBySlug just caught the read cache up (it does for the public's reads). */
    cacheChecked: boolean,
  ): Promise<PublicationView> {
    const staff = publication.authors.filter((a) => !a.isExternal).slice(0, PROFILES_SHOWN);
    const first = publication.authors[0];
    const related = { now, limit: RELATED_COUNT, excludeIds: [publication.id] };
    const [profiles, [more = [], recent = []]] = await Promise.all([
      people.listByIds(
        // The first author's profile heads "Recent Work" even when external.
        [...new Set([...staff.map((a) => a.id), ...(first ? [first.id] : [])])],
        { withExpertise: false, cacheChecked },
      ),
      publications.listSummaryGroups(
        [
          { filter: { by: 'center', centerId: site.id }, options: { ...related, limit: 3 } },
          ...(first
            ? [{ filter: { by: 'author' as const, personId: first.id }, options: related }]
            : []),
        ],
        { cacheChecked },
      ),
    ]);
    const firstProfile = first && profiles.find((p) => p.id === first.id);
    return {
      publication,
      profiles: profiles.filter((p) => staff.some((a) => a.id === p.id)),
      recentWork:
        firstProfile && recent.length > 0 ? { author: firstProfile, items: recent } : null,
      moreFromCenter: more,
    };
  }

  /** Follows a renamed slug only when the item under the new slug is itself visible. */
  async function redirectIfLive(
    kind: Parameters<RedirectRepository['findCurrentSlug']>[0],
    slug: string,
    findLive: (slug: string) => Promise<unknown>,
  ): Promise<{ redirect: string } | undefined> {
    const current = await redirects.findCurrentSlug(kind, slug);
    if (current === undefined || current === slug) return undefined;
    return (await findLive(current)) ? { redirect: current } : undefined;
  }
}

export type ReadingService = ReturnType<typeof createReadingService>;
