import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { partnerRecord } from '../../import/records.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import type { AuditLog } from '../accounts/audit-log.ts';
import type { User } from '../accounts/user-store.ts';
import { checkRecord, writeThroughImporter } from '../content/import-write.ts';

/*
 * Partners (organisations whose pieces are republished, credited and linked on those
 * pieces' pages), edited in the admin as the import format's partner record and written
 * through the importer. A partner's address (slug) is fixed once made: the import format
 * knows partners by it and has no redirects for them, and they have no public page for
 * an old link to point at. Editors and administrators.
 */

type PartnerRecord = z.output<typeof partnerRecord>;

export interface PartnerRow {
  id: number;
  slug: string;
  name: string;
  url: string | null;
  /** Pieces credited to the partner, in any status. */
  pieces: number;
}

interface PartnerInput {
  name: string;
  /** Empty for none. */
  url: string;
}

const LABELS: Record<string, string> = {
  slug: 'The address (slug)',
  name: 'The name',
  url: 'The website',
};
const label = (field: string) => LABELS[field] ?? `The field ${field}`;

export function createPartnerEditor(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  uploadsDir: string;
  audit: AuditLog;
}) {
  const { db } = deps;
  const editorsOnly = (user: User) => {
    if (user.role === 'author')
      throw new ForbiddenError({ code: 'FORBIDDEN', message: 'Only editors change partners.' });
  };

  const partners = () =>
    db
      .selectFrom('partners')
      .select(['id', 'slug', 'name', 'url'])
      .select((eb) =>
        eb
          .selectFrom('publications')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('publications.partner_id', '=', 'partners.id')
          .as('pieces'),
      );

  async function find(id: number): Promise<PartnerRow> {
    const row = await partners().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such partner.' });
    return { ...row, pieces: Number(row.pieces ?? 0) };
  }

  async function save(
    user: User,
    slug: string,
    input: PartnerInput,
    action: string,
  ): Promise<PartnerRecord> {
    const url = input.url.trim();
    if (url !== '' && !partnerRecord.shape.url.safeParse(url).success)
      throw new ValidationError({
        code: 'BAD_REQUEST',
        field: 'url',
        message: `${label('url')} must be a full web address starting with https:// or http://.`,
      });
    const record = { kind: 'partner', slug, name: input.name.trim(), ...(url ? { url } : {}) };
    const checked = checkRecord(partnerRecord, record, label);
    await writeThroughImporter(deps, [checked], { label });
    await deps.audit.record({
      at: deps.clock.now().toISOString(),
      userId: user.id,
      userEmail: user.email,
      action,
      entity: 'partner',
      entityId: checked.slug,
    });
    return checked;
  }

  return {
    find,

    /** Every partner, by name. */
    async list(): Promise<PartnerRow[]> {
      const rows = await partners().orderBy('name').orderBy('id').execute();
      return rows.map((r) => ({ ...r, pieces: Number(r.pieces ?? 0) }));
    },

    async create(user: User, slug: string, input: PartnerInput): Promise<number> {
      editorsOnly(user);
      const taken = await db
        .selectFrom('partners')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (taken)
        throw new ConflictError({
          code: 'SLUG_TAKEN',
          field: 'slug',
          message: `Another partner already uses the address ${slug}.`,
        });
      await save(user, slug, input, 'partner.create');
      const row = await db
        .selectFrom('partners')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(user: User, id: number, input: PartnerInput): Promise<void> {
      editorsOnly(user);
      const current = await find(id);
      await save(user, current.slug, input, 'partner.update');
    },
  };
}

export type PartnerEditor = ReturnType<typeof createPartnerEditor>;
