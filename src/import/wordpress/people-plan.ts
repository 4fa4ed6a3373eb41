import type { WordpressMap } from './map-file.ts';
import { SlugAllocator, toDossierSlug } from './slugs.ts';
import type { WxrIndex } from './wxr-index.ts';
import type { WxrAuthor } from './wxr-reader.ts';

/*
 * Bylines → people. A byline names WordPress users (by id or login) or Co-Authors Plus
 * terms, which stand for a user or a guest author. Only people some post names become
 * Dossier people. A co-author the export does not describe (WordPress's exporter lists
 * only users who are some post's main author) gets a stand-in name unless the map's
 * `users` names them, and the report says so.
 */

export interface PlannedPerson {
  /** What the person is in WordPress: `user/12`, `guest-author/340`, `author-term/cap-x`. */
  origin: string;
  slug: string;
  name: string;
  sortName: string | undefined;
  bio: string;
  line: number;
  isStandIn: boolean;
  /** Their author archive on the old site (`/author/jdoe`), which will redirect. */
  authorPath: string | undefined;
}

export interface PeoplePlan {
  /** Byline reference (`user:12`, `login:jdoe`, `cap:cap-jdoe`) → person. */
  byRef: Map<string, PlannedPerson>;
  /** Each person once, in order of first mention. */
  people: PlannedPerson[];
  notes: string[];
}

export function planPeople(
  index: WxrIndex,
  map: WordpressMap,
  isBylined: (type: string) => boolean,
): PeoplePlan {
  const byRef = new Map<string, PlannedPerson>();
  const byOrigin = new Map<string, PlannedPerson>();
  const slugs = new SlugAllocator();
  const standIns: string[] = [];

  const person = (
    origin: string,
    make: () => Omit<PlannedPerson, 'origin' | 'slug'> & { slug: string; fallback: string },
  ) => {
    const known = byOrigin.get(origin);
    if (known) return known;
    const { slug, fallback, ...rest } = make();
    const planned = { origin, slug: slugs.allocate(slug, fallback), ...rest };
    byOrigin.set(origin, planned);
    if (planned.isStandIn) standIns.push(origin.replace('/', ' '));
    return planned;
  };
  const fromUser = (id: number): PlannedPerson =>
    person(`user/${id}`, () => {
      const author = index.authors.get(id);
      if (author) return userPerson(author);
      const named = map.users[String(id)];
      if (named)
        return {
          ...namedPerson(named.name, named.slug),
          fallback: `user-${id}`,
          line: 0,
          authorPath: undefined,
        };
      return standIn(`WordPress user ${id}`, `wordpress-user-${id}`);
    });
  const fromLogin = (login: string): PlannedPerson => {
    const id = index.authorIdByLogin.get(login);
    if (id !== undefined) return fromUser(id);
    return person(`login/${login}`, () => standIn(login, `wordpress-${toDossierSlug(login)}`));
  };
  const fromCoAuthorsPlus = (termSlug: string): PlannedPerson => {
    const guest = index.guestAuthors.get(termSlug);
    if (guest?.linkedLogin && index.authorIdByLogin.has(guest.linkedLogin))
      return fromLogin(guest.linkedLogin);
    if (guest) {
      return person(`guest-author/${guest.id}`, () => ({
        ...namedPerson(guest.name, undefined),
        sortName: sortNameOf(guest.firstName, guest.lastName),
        bio: guest.bio,
        fallback: `guest-author-${guest.id}`,
        line: guest.line,
        authorPath: `/author/${termSlug.replace(/^cap-/, '')}`,
      }));
    }
    // A user's term is named after their login; its slug is "cap-" and their nicename.
    const login = index.term('author', termSlug)?.name ?? '';
    const bare = termSlug.replace(/^cap-/, '');
    if (index.authorIdByLogin.has(login)) return fromLogin(login);
    if (index.authorIdByLogin.has(bare)) return fromLogin(bare);
    return person(`author-term/${termSlug}`, () => standIn(login || bare, `wordpress-${bare}`));
  };

  for (const post of index.posts.values()) {
    if (!isBylined(post.type)) continue;
    for (const ref of post.byline) {
      if (byRef.has(ref)) continue;
      const [kind, value = ''] = splitRef(ref);
      byRef.set(
        ref,
        kind === 'user'
          ? fromUser(Number(value))
          : kind === 'cap'
            ? fromCoAuthorsPlus(value)
            : fromLogin(value),
      );
    }
  }
  return { byRef, people: [...byOrigin.values()], notes: standInNotes(standIns) };
}

function splitRef(ref: string): [string, string] {
  const colon = ref.indexOf(':');
  return [ref.slice(0, colon), ref.slice(colon + 1)];
}

function userPerson(author: WxrAuthor) {
  const name =
    author.displayName || `${author.firstName} ${author.lastName}`.trim() || author.login;
  return {
    slug: toDossierSlug(author.login) || toDossierSlug(name),
    fallback: `user-${author.id}`,
    name,
    sortName: sortNameOf(author.firstName, author.lastName),
    bio: '',
    line: author.line,
    isStandIn: false,
    authorPath: `/author/${author.login}`,
  };
}

function namedPerson(name: string, slug: string | undefined) {
  return {
    slug: slug ?? toDossierSlug(name),
    name,
    sortName: undefined,
    bio: '',
    isStandIn: false,
  };
}

function standIn(name: string, slug: string) {
  return {
    slug,
    fallback: slug,
    name,
    sortName: undefined,
    bio: '',
    line: 0,
    isStandIn: true,
    authorPath: undefined,
  };
}

function sortNameOf(first: string, last: string): string | undefined {
  return first && last ? `${last}, ${first}` : undefined;
}

function standInNotes(standIns: string[]): string[] {
  if (standIns.length === 0) return [];
  const shown = standIns.slice(0, 20).join(', ');
  const more = standIns.length > 20 ? ` and ${standIns.length - 20} more` : '';
  return [
    `${standIns.length} co-author(s) are not described in the export (${shown}${more}): imported under a stand-in name; name them in the map's "users" (by WordPress user id) and import again`,
  ];
}
