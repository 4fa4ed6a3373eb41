import type { Kysely } from 'kysely';
import type { Person, PersonLink } from '../../domain/person.ts';
import { preparedQuery } from '../prepared-query.ts';
import type { ReadCache } from '../read-cache/read-cache.ts';
import type { Tables } from '../tables.ts';
import { toMediaRef, toTermRef } from './row-mappers.ts';

export interface ExpertFilter {
  programIds?: number[];
  /** Each group is one facet (regions, topics): any term within a group, every group. */
  expertiseGroups?: number[][];
}

export interface PersonRepository {
  findBySlug(slug: string): Promise<Person | undefined>;
  /** Experts, alphabetical by sort name, with the total for paging. */
  listExperts(
    filter: ExpertFilter,
    page: { limit: number; offset: number; centerId?: number },
  ): Promise<{ items: Person[]; total: number }>;
  /**
   * Several people at once by id, in the order given (two queries whatever the count;
   * one without expertise, which bylines and author profiles do not show).
   */
  listByIds(
    ids: number[],
    /** `cacheChecked`: the caller caught the shared cache up for this page view already. */
    options?: { withExpertise?: boolean; cacheChecked?: boolean },
  ): Promise<Person[]>;
}

export interface PersonRepositoryOptions {
  /**
   * A server's memory of profiles (read-cache/), shared by the pages that show them as
   * bylines, "About the authors" and directories. A person's own page still reads them
   * from the database.
   */
  cache?: ReadCache;
}

export function createPersonRepository(
  db: Kysely<Tables>,
  { cache }: PersonRepositoryOptions = {},
): PersonRepository {
  // The reads every page with a byline or a profile makes, compiled once (prepared-query.ts).
  const idBySlug = preparedQuery(db, (slug: string) =>
    db.selectFrom('people').select('id').where('slug', '=', slug),
  );
  const peopleByIds = preparedQuery(db, (ids: readonly number[]) =>
    db
      .selectFrom('people')
      .leftJoin('terms as program', 'program.id', 'people.program_id')
      .leftJoin('media as m', 'm.id', 'people.photo_media_id')
      .selectAll('people')
      .select([
        'program.slug as program_slug',
        'program.name as program_name',
        'm.path as media_path',
        'm.mime_type as media_mime_type',
        'm.width as media_width',
        'm.height as media_height',
        'm.alt as media_alt',
        'm.credit as media_credit',
      ])
      .where('people.id', 'in', ids),
  );
  const expertiseOf = preparedQuery(db, (ids: readonly number[]) =>
    db
      .selectFrom('person_expertise as pe')
      .innerJoin('terms', 'terms.id', 'pe.term_id')
      .select(['pe.person_id', 'terms.id', 'terms.taxonomy', 'terms.slug', 'terms.name'])
      .where('pe.person_id', 'in', ids)
      .orderBy('pe.person_id')
      .orderBy('pe.position'),
  );

  const repository: PersonRepository = {
    async findBySlug(slug) {
      const [row] = await idBySlug(slug);
      if (!row) return undefined;
      return (await load([row.id], true))[0];
    },

    async listExperts(filter, { limit, offset, centerId }) {
      let query = db.selectFrom('people').where('is_expert', '=', 1);
      if (centerId !== undefined) query = query.where('center_id', '=', centerId);
      if (filter.programIds && filter.programIds.length > 0)
        query = query.where('program_id', 'in', filter.programIds);
      for (const group of filter.expertiseGroups ?? []) {
        const termIds = group.length > 0 ? group : [-1];
        query = query.where('id', 'in', (eb) =>
          eb.selectFrom('person_expertise').select('person_id').where('term_id', 'in', termIds),
        );
      }
      const [rows, count] = await Promise.all([
        query.select('id').orderBy('sort_name').orderBy('id').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: await repository.listByIds(rows.map((r) => r.id)), total: Number(count.n) };
    },

    async listByIds(ids, { withExpertise = true, cacheChecked = false } = {}) {
      if (ids.length === 0 || cache === undefined) return load(ids, withExpertise);
      if (!cacheChecked) await cache.refresh();
      const keyOf = (id: number) => (withExpertise ? `${id}+expertise` : String(id));
      // Hits are kept here, not looked up again after the load: while it waits, another
      // view's refresh may empty the cache, or storing what was loaded may push them out.
      const found = new Map<number, Person>();
      const missing: number[] = [];
      for (const id of ids) {
        const kept = cache.people.get(keyOf(id));
        if (kept) found.set(id, kept);
        else missing.push(id);
      }
      if (missing.length > 0) {
        const generation = cache.generation();
        const loaded = await load(missing, withExpertise);
        const keep = cache.isCurrent(generation);
        for (const person of loaded) {
          if (keep) cache.people.set(keyOf(person.id), freezePerson(person));
          found.set(person.id, person);
        }
      }
      return ids.flatMap((id) => found.get(id) ?? []);
    },
  };

  /** Profiles in the order of `ids`, from the database. */
  async function load(ids: number[], withExpertise: boolean): Promise<Person[]> {
    if (ids.length === 0) return [];
    const [rows, expertise] = await Promise.all([
      peopleByIds(ids),
      withExpertise ? expertiseOf(ids) : [],
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id): Person[] => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          id: row.id,
          slug: row.slug,
          name: row.name,
          sortName: row.sort_name,
          role: row.role,
          program:
            row.program_id !== null && row.program_slug !== null
              ? {
                  id: row.program_id,
                  taxonomy: 'program',
                  slug: row.program_slug,
                  name: row.program_name ?? '',
                }
              : null,
          centerId: row.center_id,
          affiliation: row.affiliation,
          bio: row.bio,
          photo: toMediaRef(row),
          orcid: row.orcid,
          languages: parseJsonArray<string>(row.languages),
          links: parseJsonArray<PersonLink>(row.links),
          expertise: expertise.filter((e) => e.person_id === id).map(toTermRef),
          isExpert: row.is_expert === 1,
          isExternal: row.is_external === 1,
        },
      ];
    });
  }
  return repository;
}

/** A profile every page may now share: no reader can change it for the next. */
function freezePerson(person: Person): Person {
  for (const value of Object.values(person))
    if (typeof value === 'object' && value !== null) Object.freeze(value);
  for (const term of person.expertise) Object.freeze(term);
  return Object.freeze(person);
}

function parseJsonArray<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
