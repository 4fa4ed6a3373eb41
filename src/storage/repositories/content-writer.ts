import type { Insertable, Kysely } from 'kysely';
import type { PublicationStatus } from '../../domain/publication.ts';
import { visibleFrom } from '../../domain/visibility.ts';
import type {
  CentersTable,
  MediaTable,
  NetworksTable,
  NewsletterListsTable,
  PagesTable,
  PartnersTable,
  PeopleTable,
  PublicationsTable,
  Tables,
  TermsTable,
} from '../tables.ts';

/*
 * Writes of whole content items, keyed by slug: insert when new, update in place when
 * the slug is known. Callers pass resolved ids (references already checked) and run
 * each item inside one transaction, so a failure leaves nothing half written.
 */

type Row<T> = Omit<Insertable<T>, 'id' | 'created_at' | 'updated_at'>;
type Db = Kysely<Tables>;

export interface PublicationLinks {
  authorIds: number[];
  /** Affiliated centers; the primary center is added by the writer. */
  centerIds: number[];
  termIds: number[];
  newsletterIds: number[];
  featuredInCenterIds: number[];
}

export async function upsertNetwork(db: Db, row: Row<NetworksTable>, at: string): Promise<number> {
  const { id } = await db
    .insertInto('networks')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function upsertCenter(
  db: Db,
  row: Row<CentersTable>,
  navigation: { menu: 'header' | 'footer'; label: string; url: string }[],
  at: string,
): Promise<number> {
  if (row.is_headquarters === 1) {
    // One headquarters per network: the newest claim wins, as an editor would expect.
    await db
      .updateTable('centers')
      .set({ is_headquarters: 0, updated_at: at })
      .where('slug', '!=', row.slug)
      .where('is_headquarters', '=', 1)
      .execute();
  }
  const { id } = await db
    .insertInto('centers')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('navigation_items').where('center_id', '=', id).execute();
  if (navigation.length > 0) {
    await db
      .insertInto('navigation_items')
      .values(navigation.map((item, position) => ({ center_id: id, position, ...item })))
      .execute();
  }
  return id;
}

export async function upsertNewsletterList(
  db: Db,
  row: Row<NewsletterListsTable>,
  at: string,
): Promise<number> {
  if (row.is_center_default === 1) {
    await db
      .updateTable('newsletter_lists')
      .set({ is_center_default: 0, updated_at: at })
      .where('center_id', '=', row.center_id)
      .where('slug', '!=', row.slug)
      .execute();
  }
  const { id } = await db
    .insertInto('newsletter_lists')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function upsertPage(db: Db, row: Row<PagesTable>, at: string): Promise<number> {
  const { id } = await db
    .insertInto('pages')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['center_id', 'slug']).doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function upsertType(
  db: Db,
  row: { slug: string; name: string; plural_name: string; position: number },
  at: string,
): Promise<number> {
  const { id } = await db
    .insertInto('publication_types')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function upsertTerm(
  db: Db,
  row: Row<TermsTable>,
  previousSlugs: string[],
  at: string,
): Promise<number> {
  const target: RenameTarget = {
    kind: `term:${row.taxonomy}`,
    table: 'terms',
    taxonomy: row.taxonomy,
  };
  await renameFromPreviousSlug(db, target, row.slug, previousSlugs, at);
  const { id } = await db
    .insertInto('terms')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['taxonomy', 'slug']).doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordRedirects(db, target.kind, id, row.slug, previousSlugs, at);
  return id;
}

export async function upsertPartner(db: Db, row: Row<PartnersTable>, at: string): Promise<number> {
  const { id } = await db
    .insertInto('partners')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function upsertMedia(db: Db, row: Row<MediaTable>, at: string): Promise<number> {
  const { id } = await db
    .insertInto('media')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('path').doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function upsertPerson(
  db: Db,
  row: Row<PeopleTable>,
  expertiseTermIds: number[],
  previousSlugs: string[],
  at: string,
): Promise<number> {
  const target: RenameTarget = { kind: 'person', table: 'people' };
  await renameFromPreviousSlug(db, target, row.slug, previousSlugs, at);
  const { id } = await db
    .insertInto('people')
    .values({ ...row, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...row, updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordRedirects(db, target.kind, id, row.slug, previousSlugs, at);
  await db.deleteFrom('person_expertise').where('person_id', '=', id).execute();
  if (expertiseTermIds.length > 0) {
    await db
      .insertInto('person_expertise')
      .values(expertiseTermIds.map((term_id, position) => ({ person_id: id, term_id, position })))
      .execute();
  }
  return id;
}

/**
 * Saves a publication and all its links. `previousSlugs` renames an existing piece
 * found under an old slug; every old slug then answers with a 301 to the new one.
 */
export async function upsertPublication(
  db: Db,
  input: Omit<Row<PublicationsTable>, 'visible_from'>,
  links: PublicationLinks,
  previousSlugs: string[],
  at: string,
): Promise<number> {
  const row = {
    ...input,
    visible_from: visibleFrom({
      status: input.status as PublicationStatus,
      publishedAt: input.published_at ?? null,
      embargoUntil: input.embargo_until ?? null,
    }),
  };
  const target: RenameTarget = { kind: 'publication', table: 'publications' };
  await renameFromPreviousSlug(db, target, row.slug, previousSlugs, at);
  const existing = await db
    .selectFrom('publications')
    .select('id')
    .where('slug', '=', row.slug)
    .executeTakeFirst();
  let id: number;
  if (existing) {
    id = existing.id;
    await db
      .updateTable('publications')
      .set({ ...row, updated_at: at })
      .where('id', '=', id)
      .execute();
  } else {
    ({ id } = await db
      .insertInto('publications')
      .values({ ...row, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow());
  }
  await recordRedirects(db, target.kind, id, row.slug, previousSlugs, at);
  await replacePublicationLinks(db, id, row, links, existing !== undefined);
  return id;
}

async function replacePublicationLinks(
  db: Db,
  id: number,
  row: Row<PublicationsTable>,
  links: PublicationLinks,
  hadLinks: boolean,
) {
  const published_at = row.published_at ?? null;
  const visible_from = row.visible_from ?? null;
  // A new piece has no links yet: skipping the deletes halves a bulk import's statements.
  if (hadLinks) {
    for (const table of [
      'publication_authors',
      'publication_centers',
      'publication_terms',
      'publication_newsletters',
      'featured_publications',
    ] as const) {
      await db.deleteFrom(table).where('publication_id', '=', id).execute();
    }
  }
  if (links.authorIds.length > 0) {
    await db
      .insertInto('publication_authors')
      .values(
        links.authorIds.map((person_id, position) => ({
          publication_id: id,
          person_id,
          position,
          published_at,
          visible_from,
        })),
      )
      .execute();
  }
  const centerIds = [
    row.primary_center_id,
    ...links.centerIds.filter((c) => c !== row.primary_center_id),
  ];
  await db
    .insertInto('publication_centers')
    .values(
      [...new Set(centerIds)].map((center_id) => ({
        publication_id: id,
        center_id,
        is_primary: center_id === row.primary_center_id ? 1 : 0,
        published_at,
        visible_from,
      })),
    )
    .execute();
  const termIds = [...new Set(links.termIds)];
  if (termIds.length > 0) {
    await db
      .insertInto('publication_terms')
      .values(
        termIds.map((term_id, position) => ({
          publication_id: id,
          term_id,
          position,
          published_at,
          visible_from,
        })),
      )
      .execute();
  }
  const listIds = [...new Set(links.newsletterIds)];
  if (listIds.length > 0) {
    await db
      .insertInto('publication_newsletters')
      .values(listIds.map((list_id) => ({ publication_id: id, list_id })))
      .execute();
  }
  for (const center_id of new Set(links.featuredInCenterIds)) {
    const last = await db
      .selectFrom('featured_publications')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('center_id', '=', center_id)
      .executeTakeFirst();
    await db
      .insertInto('featured_publications')
      .values({ center_id, publication_id: id, position: Number(last?.max ?? -1) + 1 })
      .execute();
  }
}

/** Makes a center's featured list exactly these pieces, in this order. */
export async function replaceFeatured(
  db: Db,
  centerId: number,
  publicationIds: number[],
): Promise<void> {
  await db.deleteFrom('featured_publications').where('center_id', '=', centerId).execute();
  if (publicationIds.length === 0) return;
  await db
    .insertInto('featured_publications')
    .values(
      publicationIds.map((publication_id, position) => ({
        center_id: centerId,
        publication_id,
        position,
      })),
    )
    .execute();
}

/** Where renamed items live: the redirect kind and the table (terms: per taxonomy). */
type RenameTarget =
  | { kind: 'publication'; table: 'publications' }
  | { kind: 'person'; table: 'people' }
  | { kind: `term:${string}`; table: 'terms'; taxonomy: string };

/**
 * When nothing has `slug` yet but an item answers to one of `previousSlugs`, gives that
 * item the new slug, so the upsert that follows updates it instead of adding a twin.
 */
async function renameFromPreviousSlug(
  db: Db,
  target: RenameTarget,
  slug: string,
  previousSlugs: string[],
  at: string,
): Promise<void> {
  if (previousSlugs.length === 0) return;
  const find = async (slugs: string[]) => {
    if (target.table === 'terms') {
      return db
        .selectFrom('terms')
        .select('id')
        .where('taxonomy', '=', target.taxonomy)
        .where('slug', 'in', slugs)
        .executeTakeFirst();
    }
    return db.selectFrom(target.table).select('id').where('slug', 'in', slugs).executeTakeFirst();
  };
  if (await find([slug])) return;
  const old = await find(previousSlugs);
  if (!old) return;
  await db
    .updateTable(target.table)
    .set({ slug, updated_at: at })
    .where('id', '=', old.id)
    .execute();
}

/** Old slugs answer with a 301 to the item; its current slug never redirects. */
async function recordRedirects(
  db: Db,
  kind: RenameTarget['kind'],
  id: number,
  slug: string,
  previousSlugs: string[],
  at: string,
): Promise<void> {
  await db
    .deleteFrom('slug_redirects')
    .where('kind', '=', kind)
    .where('old_slug', '=', slug)
    .execute();
  for (const old_slug of new Set(previousSlugs)) {
    if (old_slug === slug) continue;
    await db
      .insertInto('slug_redirects')
      .values({ kind, old_slug, target_id: id, created_at: at })
      .onConflict((oc) => oc.columns(['kind', 'old_slug']).doUpdateSet({ target_id: id }))
      .execute();
  }
}

/**
 * Moves a publication to another status, with its visibility recomputed by the one rule
 * and copied to every link row that repeats it (what a scheduled transition does).
 * Returns false when there is no such piece.
 */
export async function setPublicationStatus(
  db: Db,
  id: number,
  status: PublicationStatus,
  at: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('publications')
    .select(['published_at', 'embargo_until'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return false;
  const visible_from = visibleFrom({
    status,
    publishedAt: row.published_at,
    embargoUntil: row.embargo_until,
  });
  await db
    .updateTable('publications')
    .set({ status, visible_from, updated_at: at })
    .where('id', '=', id)
    .execute();
  for (const table of ['publication_authors', 'publication_centers', 'publication_terms'] as const)
    await db.updateTable(table).set({ visible_from }).where('publication_id', '=', id).execute();
  return true;
}
