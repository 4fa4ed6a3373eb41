import type { Kysely } from 'kysely';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { centerRecordOf } from '../../export/site-records.ts';
import { type CenterRecord, centerRecord } from '../../import/records.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import type { AuditLog } from '../accounts/audit-log.ts';
import type { User } from '../accounts/user-store.ts';
import { checkRecord, writeThroughImporter } from '../content/import-write.ts';

/*
 * The centers of the network (each one a site: its host or path prefix, branding,
 * contact details, menus), edited in the admin as the import format's center record and
 * written back through the importer, so the admin and `dossier import` accept the same
 * things. A center's address (slug), headquarters mark and place in lists are kept as
 * they are. Administrators only: a wrong host or prefix takes a whole site off the air.
 */

/** The fields the center form edits. */
export type CenterChanges = Omit<
  CenterRecord,
  'kind' | 'slug' | 'headquarters' | 'position' | 'logo'
>;

export interface CenterRow {
  id: number;
  slug: string;
  name: string;
  host: string | null;
  pathPrefix: string | null;
  isHeadquarters: boolean;
}

/** Whether the account may change centers (and so which sites answer where). */
export const mayEditCenters = (user: User | undefined): boolean => user?.role === 'administrator';

const LABELS: Record<string, string> = {
  slug: 'The address (slug)',
  name: 'The name',
  shortName: 'The short name',
  tagline: 'The tagline',
  description: 'The description',
  logo: 'The logo',
  accentColor: 'The accent colour',
  locale: 'The locale',
  timeZone: 'The time zone',
  host: 'The host name',
  pathPrefix: 'The path prefix',
  address: 'The postal address',
  phone: 'The phone number',
  email: 'The email address',
  disclaimer: 'The disclaimer',
  navigation: 'The menus',
};
const label = (field: string) => LABELS[field] ?? `The field ${field}`;
/** What a value of a built-in format must look like, where the schema gives no words. */
const FORMAT_WORDS: Record<string, string> = {
  email: 'must be an email address such as office@example.org',
};

export function createCenterEditor(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  uploadsDir: string;
  audit: AuditLog;
  /** Called after every save: the public site must show it on its next request. */
  onChange: () => Promise<void>;
}) {
  const { db } = deps;
  const adminsOnly = (user: User) => {
    if (!mayEditCenters(user))
      throw new ForbiddenError({
        code: 'FORBIDDEN',
        message: 'Only administrators change centers.',
      });
  };

  async function recordOf(id: number): Promise<CenterRecord> {
    const row = await db.selectFrom('centers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such center.' });
    const items = await db
      .selectFrom('navigation_items')
      .select(['menu', 'label', 'url'])
      .where('center_id', '=', id)
      .orderBy('position')
      .execute();
    return centerRecordOf(row, items);
  }

  /** The record checked by the import format; its own words for a malformed value. */
  function check(record: unknown): CenterRecord {
    const parsed = centerRecord.safeParse(record);
    const issue = parsed.error?.issues[0];
    if (issue?.code === 'invalid_format') {
      const field = String(issue.path[0] ?? '');
      const words = issue.format === 'regex' ? issue.message : FORMAT_WORDS[issue.format];
      if (words)
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field,
          message: `${label(field)} ${words}.`,
        });
    }
    return checkRecord(centerRecord, record, label);
  }

  /** Two sites cannot answer at one host or prefix, and every site must answer somewhere. */
  async function refuseUnusableAddress(record: CenterRecord): Promise<void> {
    if (!record.headquarters && !record.host && !record.pathPrefix)
      throw new ValidationError({
        code: 'BAD_REQUEST',
        field: 'pathPrefix',
        message:
          'Give the center a host name or a path prefix (or both): only the headquarters answers without one.',
      });
    for (const [field, column, value, shown] of [
      ['host', 'host', record.host, record.host],
      ['pathPrefix', 'path_prefix', record.pathPrefix, `/${record.pathPrefix}`],
    ] as const) {
      if (!value) continue;
      const other = await db
        .selectFrom('centers')
        .select('name')
        .where(column, '=', value)
        .where('slug', '!=', record.slug)
        .executeTakeFirst();
      if (other)
        throw new ConflictError({
          code: 'SLUG_TAKEN',
          field,
          message: `${label(field)} ${shown} is already the address of ${other.name}; each center needs its own.`,
        });
    }
  }

  async function save(user: User, record: unknown, action: string): Promise<CenterRecord> {
    const checked = check(record);
    await refuseUnusableAddress(checked);
    await writeThroughImporter(deps, [checked], {
      files: checked.logo ? [checked.logo] : [],
      label,
    });
    await deps.audit.record({
      at: deps.clock.now().toISOString(),
      userId: user.id,
      userEmail: user.email,
      action,
      entity: 'center',
      entityId: checked.slug,
      detail: { host: checked.host ?? null, pathPrefix: checked.pathPrefix ?? null },
    });
    await deps.onChange();
    return checked;
  }

  async function idOf(slug: string): Promise<number> {
    const row = await db
      .selectFrom('centers')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  return {
    recordOf,

    /** Every center: the headquarters first, then in the network's order. */
    async list(): Promise<CenterRow[]> {
      const rows = await db
        .selectFrom('centers')
        .select(['id', 'slug', 'name', 'host', 'path_prefix', 'is_headquarters'])
        .orderBy('is_headquarters', 'desc')
        .orderBy('position')
        .orderBy('name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        host: r.host,
        pathPrefix: r.path_prefix,
        isHeadquarters: r.is_headquarters === 1,
      }));
    },

    /** Makes a center after the others; the network's first center is its headquarters. */
    async create(user: User, slug: string, changes: CenterChanges): Promise<number> {
      adminsOnly(user);
      const taken = await db
        .selectFrom('centers')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (taken)
        throw new ConflictError({
          code: 'SLUG_TAKEN',
          field: 'slug',
          message: `Another center already uses the address ${slug}.`,
        });
      const others = await db
        .selectFrom('centers')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('count'),
          eb.fn.max('position').as('last'),
        ])
        .executeTakeFirstOrThrow();
      await save(
        user,
        {
          ...changes,
          kind: 'center',
          slug,
          headquarters: Number(others.count) === 0,
          position: others.last === null ? 0 : Number(others.last) + 1,
        },
        'center.create',
      );
      return idOf(slug);
    },

    async update(user: User, id: number, changes: CenterChanges): Promise<void> {
      adminsOnly(user);
      const current = await recordOf(id);
      await save(user, { ...current, ...changes, kind: 'center' }, 'center.update');
    },

    /** Sets the logo to an upload already stored under uploads (see media/uploads.ts). */
    async setLogo(user: User, id: number, path: string): Promise<void> {
      adminsOnly(user);
      const current = await recordOf(id);
      await save(user, { ...current, logo: path }, 'center.logo');
    },
  };
}

export type CenterEditor = ReturnType<typeof createCenterEditor>;
