import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import { personRecord } from '../../import/records.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import type { AuditLog } from '../accounts/audit-log.ts';
import type { User } from '../accounts/user-store.ts';
import { checkRecord, writeThroughImporter } from '../content/import-write.ts';
import { containsEveryWord } from '../content/words-match.ts';

/*
 * People (scholars, staff, outside authors) edited in the admin: the import format's
 * person record, read from the database and written back through the importer, so the
 * same checks hold as for a file. Fields the form does not show (photo, links, previous
 * addresses) are kept. An address (slug) is fixed once made. Editors only.
 */

export type PersonRecord = z.output<typeof personRecord>;

export interface PersonRow {
  id: number;
  slug: string;
  name: string;
  role: string;
  isExpert: boolean;
  isExternal: boolean;
}

const LABELS: Record<string, string> = {
  name: 'The name',
  slug: 'The address (slug)',
  role: 'The role',
  affiliation: 'The affiliation',
  bio: 'The biography',
  program: 'The program',
  center: 'The center',
  orcid: 'The ORCID iD',
  email: 'The email address',
  languages: 'The languages',
  expertise: 'The expertise',
};
const label = (field: string) => LABELS[field] ?? `The field ${field}`;

export function createPersonEditor(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  uploadsDir: string;
  audit: AuditLog;
}) {
  const { db } = deps;
  const editorsOnly = (user: User) => {
    if (user.role === 'author')
      throw new ForbiddenError({ code: 'FORBIDDEN', message: 'Only editors change people.' });
  };

  async function recordOf(id: number): Promise<PersonRecord> {
    const row = await db
      .selectFrom('people as p')
      .leftJoin('terms as program', 'program.id', 'p.program_id')
      .leftJoin('centers as c', 'c.id', 'p.center_id')
      .leftJoin('media as m', 'm.id', 'p.photo_media_id')
      .selectAll('p')
      .select([
        'program.slug as programSlug',
        'c.slug as centerSlug',
        'm.path as photoPath',
        'm.alt as photoAlt',
        'm.credit as photoCredit',
      ])
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such person.' });
    const expertise = await db
      .selectFrom('person_expertise as e')
      .innerJoin('terms as t', 't.id', 'e.term_id')
      .select(['t.taxonomy', 't.slug'])
      .where('e.person_id', '=', id)
      .orderBy('e.position')
      .execute();
    const list = <T>(text: string): T[] => {
      try {
        const value: unknown = JSON.parse(text);
        return Array.isArray(value) ? (value as T[]) : [];
      } catch {
        return [];
      }
    };
    return {
      kind: 'person',
      slug: row.slug,
      previousSlugs: [],
      name: row.name,
      sortName: row.sort_name,
      role: row.role,
      program: row.programSlug ?? undefined,
      center: row.centerSlug ?? undefined,
      affiliation: row.affiliation,
      bio: row.bio,
      photo: row.photoPath
        ? { src: row.photoPath, alt: row.photoAlt ?? '', credit: row.photoCredit ?? '' }
        : undefined,
      orcid: row.orcid ?? undefined,
      email: row.email ?? undefined,
      languages: list<string>(row.languages),
      links: list<{ label: string; url: string }>(row.links),
      expertise: expertise.map((e) => `${e.taxonomy}:${e.slug}`),
      expert: row.is_expert === 1,
      external: row.is_external === 1,
      oldUrls: [],
    } as PersonRecord;
  }

  async function save(user: User, record: unknown, action: string): Promise<PersonRecord> {
    const checked = checkRecord(personRecord, record, label);
    await writeThroughImporter(deps, [checked], {
      files: checked.photo ? [checked.photo.src] : [],
      label,
    });
    await deps.audit.record({
      at: deps.clock.now().toISOString(),
      userId: user.id,
      userEmail: user.email,
      action,
      entity: 'person',
      entityId: checked.slug,
    });
    return checked;
  }

  return {
    recordOf,

    /** People whose name contains every word of `q`, alphabetical, at most 200. */
    async list(q: string): Promise<PersonRow[]> {
      let query = db
        .selectFrom('people')
        .select(['id', 'slug', 'name', 'role', 'is_expert', 'is_external']);
      for (const condition of containsEveryWord('name', q)) query = query.where(condition);
      const rows = await query.orderBy('sort_name').orderBy('id').limit(200).execute();
      return rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        role: r.role,
        isExpert: r.is_expert === 1,
        isExternal: r.is_external === 1,
      }));
    },

    async create(user: User, record: Partial<PersonRecord> & { slug: string }) {
      editorsOnly(user);
      const taken = await db
        .selectFrom('people')
        .select('id')
        .where('slug', '=', record.slug)
        .executeTakeFirst();
      if (taken)
        throw new ConflictError({
          code: 'SLUG_TAKEN',
          field: 'slug',
          message: `Another person already uses the address ${record.slug}.`,
        });
      await save(user, { ...record, kind: 'person' }, 'person.create');
      const row = await db
        .selectFrom('people')
        .select('id')
        .where('slug', '=', record.slug)
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(user: User, id: number, changes: Partial<PersonRecord>) {
      editorsOnly(user);
      const current = await recordOf(id);
      // The sort name follows a new name unless it was set apart from it.
      const { sortName: _derived, ...rest } = current;
      return save(
        user,
        { ...rest, ...changes, slug: current.slug, kind: 'person' },
        'person.update',
      );
    },
  };
}

export type PersonEditor = ReturnType<typeof createPersonEditor>;
