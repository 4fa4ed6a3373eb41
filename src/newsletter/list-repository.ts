import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';

/** A newsletter list with what its messages need: its center and its sender. */
export interface NewsletterList {
  id: number;
  slug: string;
  name: string;
  centerId: number;
  centerSlug: string;
  centerName: string;
  language: string;
  description: string;
  /** daily | weekly | monthly | alerts */
  cadence: string;
  /** '' when the list has none of its own: messages then come from `email.from`. */
  senderName: string;
  senderEmail: string;
  isCenterDefault: boolean;
}

export interface ListRepository {
  /** Every list of the network, by center then name. */
  listAll(): Promise<NewsletterList[]>;
  findBySlug(slug: string): Promise<NewsletterList | undefined>;
  findById(id: number): Promise<NewsletterList | undefined>;
}

export function createListRepository(db: Kysely<Tables>): ListRepository {
  const lists = () =>
    db
      .selectFrom('newsletter_lists as l')
      .innerJoin('centers as c', 'c.id', 'l.center_id')
      .select([
        'l.id',
        'l.slug',
        'l.name',
        'l.center_id',
        'c.slug as center_slug',
        'c.name as center_name',
        'c.position as center_position',
        'l.language',
        'l.description',
        'l.cadence',
        'l.sender_name',
        'l.sender_email',
        'l.is_center_default',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof lists>['executeTakeFirstOrThrow']>>;
  const toList = (row: Row): NewsletterList => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    centerId: row.center_id,
    centerSlug: row.center_slug,
    centerName: row.center_name,
    language: row.language,
    description: row.description,
    cadence: row.cadence,
    senderName: row.sender_name,
    senderEmail: row.sender_email,
    isCenterDefault: row.is_center_default === 1,
  });
  return {
    async listAll() {
      const rows = await lists()
        .orderBy('c.position')
        .orderBy('c.name')
        .orderBy('l.name')
        .orderBy('l.id')
        .execute();
      return rows.map(toList);
    },
    async findBySlug(slug) {
      const row = await lists().where('l.slug', '=', slug).executeTakeFirst();
      return row && toList(row);
    },
    async findById(id) {
      const row = await lists().where('l.id', '=', id).executeTakeFirst();
      return row && toList(row);
    },
  };
}
