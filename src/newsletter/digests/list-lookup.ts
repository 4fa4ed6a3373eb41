import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';

/** A newsletter list as its digests need it: who it comes from and for which center. */
export interface DigestList {
  id: number;
  slug: string;
  name: string;
  language: string;
  description: string;
  centerId: number;
  /** '' when the list has none: config.email.from is used then. */
  senderName: string;
  senderEmail: string;
}

export async function findList(
  db: Kysely<Tables>,
  by: { id: number } | { slug: string },
): Promise<DigestList | undefined> {
  const query = db.selectFrom('newsletter_lists').selectAll();
  const row = await ('id' in by
    ? query.where('id', '=', by.id)
    : query.where('slug', '=', by.slug)
  ).executeTakeFirst();
  return (
    row && {
      id: Number(row.id),
      slug: row.slug,
      name: row.name,
      language: row.language,
      description: row.description,
      centerId: Number(row.center_id),
      senderName: row.sender_name,
      senderEmail: row.sender_email,
    }
  );
}
