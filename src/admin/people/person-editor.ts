import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { personRecord } from '../../import/records.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import type { AuditLog } from '../accounts/audit-log.ts';
import type { User } from '../accounts/user-store.ts';
import { checkRecord, writeThroughImporter } from '../content/import-write.ts';
import { containsEveryWord } from '../content/words-match.ts';
import { recordImageVariants } from '../media/image-variants.ts';
import { discardUpload } from '../media/upload-form.ts';
import { storeUpload } from '../media/uploads.ts';

/*
 * People (scholars, staff, outside authors) edited in the admin: the import format's
 * person record, read from the database and written back through the importer, so the
 * same checks hold as for a file. The photo is set on its own (an upload); previous
 * addresses are kept. An address (slug) is fixed once made. Editors only.
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
  links: 'The links',
  photo: 'The photo',
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
        'm.width as photoWidth',
        'm.height as photoHeight',
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
      // Its size goes back too: the importer would otherwise forget it (it measures only SVGs).
      photo: row.photoPath
        ? {
            src: row.photoPath,
            alt: row.photoAlt ?? '',
            credit: row.photoCredit ?? '',
            width: row.photoWidth ?? undefined,
            height: row.photoHeight ?? undefined,
          }
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

  async function save(
    user: User,
    record: unknown,
    action: string,
    detail?: Record<string, unknown>,
  ): Promise<PersonRecord> {
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
      ...(detail ? { detail } : {}),
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

    /**
     * Stores an uploaded photo (judged by its bytes, with resized copies: uploads.ts) and
     * makes it the person's, replacing any other. Nothing is kept when it is refused.
     */
    async uploadPhoto(
      user: User,
      id: number,
      upload: { filename: string; bytes: Buffer },
      text: { alt: string; credit: string },
    ) {
      editorsOnly(user);
      const current = await recordOf(id);
      const { alt, credit } = text;
      if (alt === '' || alt.length > 500)
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'alt',
          message: 'Describe the photo for readers who cannot see it (1 to 500 characters).',
        });
      if (credit.length > 300)
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'credit',
          message: 'The credit must be at most 300 characters.',
        });
      const now = deps.clock.now();
      const stored = await storeUpload(deps.uploadsDir, { ...upload, now }, 'image');
      const photo = {
        src: stored.path,
        alt,
        credit,
        width: stored.width ?? undefined,
        height: stored.height ?? undefined,
      };
      const action = current.photo ? 'person.photo-replace' : 'person.photo-add';
      try {
        await save(user, { ...current, photo }, action, {
          path: stored.path,
          uploadedAs: upload.filename,
        });
      } catch (error) {
        await discardUpload(deps.uploadsDir, stored);
        throw error;
      }
      // After the save, whose media row keeps the copies from now on.
      await recordImageVariants(db, stored, now);
    },

    /** Takes the photo off the profile (its file stays in uploads); none is no change. */
    async removePhoto(user: User, id: number) {
      editorsOnly(user);
      const current = await recordOf(id);
      if (!current.photo) return;
      await save(user, { ...current, photo: undefined }, 'person.photo-remove', {
        path: current.photo.src,
      });
    },
  };
}

export type PersonEditor = ReturnType<typeof createPersonEditor>;
