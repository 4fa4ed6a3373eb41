import type { Person } from '../../domain/person.ts';
import type { PublicationSummary } from '../../domain/publication.ts';
import type { ChangeCursor, ChangeLogRepository } from '../repositories/change-log-repository.ts';
import { BoundedMap } from './bounded-map.ts';

/*
 * What a server process remembers between page views so that a page does not re-read
 * what has not changed: publication cards (with their bylines) by id, and the totals of
 * the longest lists (a person's or a topic's work, thousands of rows to count).
 *
 * The database stays the only truth. Before it answers from memory, a reader calls
 * `refresh()`, which reads the change log that database triggers write for every
 * process's writes (one cheap statement when nothing changed), and drops what those
 * changes touch. So a committed edit, unpublication or deletion shows on the next page
 * view of every process, exactly as without the cache.
 *
 * Time matters too: a scheduled piece goes live without any write. A cached total
 * therefore carries the moment the next piece of its list goes live, and is not used
 * from that moment on.
 */

export interface CachedTotal {
  n: number;
  /** The moment it was counted at. */
  from: string;
  /** The next `visible_from` after the moment it was counted at; null if none. */
  until: string | null;
  /**
   * The list's first ids, newest first, once a reader asked for them: between `from` and
   * `until` no piece of the list goes live and (the cache being current) none changed,
   * so the head of the list is the same all that time. Related-work blocks and first
   * pages read it.
   */
  head?: number[];
}

export interface ReadCache {
  /** Catches up with every change committed so far; call before reading from the cache. */
  refresh(): Promise<void>;
  /**
   * A token for "nothing changed since": take it before a query whose result will be
   * stored, and store only if `isCurrent(token)` still holds after it, so an answer read
   * before a change can never be stored after the change was applied.
   */
  generation(): number;
  isCurrent(generation: number): boolean;
  summaries: BoundedMap<number, PublicationSummary>;
  totals: BoundedMap<string, CachedTotal>;
  /** Profiles (with or without expertise: `id` or `id+expertise`), shared by every page. */
  people: BoundedMap<string, Person>;
}

/** Cards kept: a site's busiest pages show a few thousand; each is about 1 KB. */
const SUMMARIES_KEPT = 10_000;
/** One per person, center, term or type whose list was counted. */
const TOTALS_KEPT = 50_000;
/** Profiles kept: bylines and "About the authors" show a few of the most prolific. */
const PEOPLE_KEPT = 5_000;

export function createReadCache(changeLog: ChangeLogRepository): ReadCache {
  const summaries = new BoundedMap<number, PublicationSummary>(SUMMARIES_KEPT);
  const totals = new BoundedMap<string, CachedTotal>(TOTALS_KEPT);
  const people = new BoundedMap<string, Person>(PEOPLE_KEPT);
  let cursor: ChangeCursor | undefined;
  let generation = 0;

  return {
    summaries,
    totals,
    people,
    generation: () => generation,
    isCurrent: (token) => token === generation,
    async refresh() {
      if (cursor === undefined) {
        // Nothing was stored before the first cursor; from here on every change is seen.
        const first = await changeLog.cursor();
        cursor ??= first;
        return;
      }
      const news = await changeLog.changesSince(cursor);
      if (news === null) return;
      cursor = news.next;
      let touched = false;
      let profilesTouched = false;
      for (const change of news.changes) {
        switch (change.entity) {
          case 'publication':
            summaries.delete(change.entityId);
            touched = true;
            break;
          case 'search_index':
            break;
          case 'media':
            // Only profiles carry media (a photo's description and credit); cards do not,
            // and a lead image upload must not empty every card and total.
            people.clear();
            profilesTouched = true;
            break;
          default:
            // A person's name is in every card they wrote, a type's name in every card of
            // it, a term's or a center's in profiles, and a pruned log means changes were
            // missed: start over. These are rare.
            summaries.clear();
            people.clear();
            touched = true;
        }
      }
      // Any change can move a list's total (a piece's links are saved with it).
      if (touched) totals.clear();
      if (touched || profilesTouched) generation++;
    },
  };
}
