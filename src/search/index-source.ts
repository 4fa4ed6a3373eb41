import type { Kysely } from 'kysely';
import type { Taxonomy } from '../domain/publication.ts';
import type { Tables } from '../storage/tables.ts';
import type { CatalogRows } from './search-catalog.ts';
import type { SourceDocument } from './search-engine.ts';

/*
 * What the index reads from the database: the catalog of names, and publications in
 * batches by id with their links. Only pieces that are or will be public are read
 * (visible_from set); the caller holds back those whose moment has not come.
 */

const BATCH = 500;

export async function readCatalog(db: Kysely<Tables>): Promise<CatalogRows> {
  const [people, terms, centers, types, partners] = await Promise.all([
    db.selectFrom('people').select(['id', 'slug', 'name']).execute(),
    db.selectFrom('terms').select(['id', 'slug', 'name', 'taxonomy', 'parent_id']).execute(),
    db.selectFrom('centers').select(['id', 'slug', 'name']).execute(),
    db.selectFrom('publication_types').select(['id', 'slug', 'name']).execute(),
    db.selectFrom('partners').select(['id', 'slug', 'name']).execute(),
  ]);
  return {
    people,
    terms: terms.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: t.name,
      taxonomy: t.taxonomy as Taxonomy,
      parentId: t.parent_id,
    })),
    centers,
    types,
    partners,
  };
}

/** Ids of every publication that is or will be public, ascending. */
export async function indexableIds(db: Kysely<Tables>): Promise<number[]> {
  const rows = await db
    .selectFrom('publications')
    .select('id')
    .where('visible_from', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Every publication that is or will be public, a batch at a time, in id order; within
 * (after, until] when given (each build thread reads its own run of ids).
 */
export async function* readAllDocuments(
  db: Kysely<Tables>,
  range: { after: number; until?: number } = { after: 0 },
): AsyncGenerator<SourceDocument[]> {
  let after = range.after;
  const { until } = range;
  for (;;) {
    const rows = await publicationRows(db)
      .where('id', '>', after)
      // No upper bound unless given: PostgreSQL ids are 32-bit integers.
      .$if(until !== undefined, (q) => q.where('id', '<=', until as number))
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    yield withLinks(db, rows);
    after = (rows[rows.length - 1] as { id: number }).id;
  }
}

/** The named publications as they are now (absent when gone or never to be public). */
export async function readDocuments(db: Kysely<Tables>, ids: number[]): Promise<SourceDocument[]> {
  const out: SourceDocument[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await publicationRows(db)
      .where('id', 'in', ids.slice(i, i + BATCH))
      .execute();
    out.push(...(await withLinks(db, rows)));
  }
  return out;
}

/** Publications that link to any of these people, terms, centers, types or partners. */
export async function publicationsLinkedTo(
  db: Kysely<Tables>,
  entity: 'person' | 'term' | 'center' | 'publication_type' | 'partner',
  ids: number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const pick = (rows: { id: number }[]) => rows.map((row) => row.id);
  switch (entity) {
    case 'person':
      return pick(
        await db
          .selectFrom('publication_authors')
          .select('publication_id as id')
          .where('person_id', 'in', ids)
          .execute(),
      );
    case 'term':
      return pick(
        await db
          .selectFrom('publication_terms')
          .select('publication_id as id')
          .where('term_id', 'in', ids)
          .execute(),
      );
    case 'center':
      return pick(
        await db
          .selectFrom('publication_centers')
          .select('publication_id as id')
          .where('center_id', 'in', ids)
          .execute(),
      );
    case 'publication_type':
      return pick(
        await db.selectFrom('publications').select('id').where('type_id', 'in', ids).execute(),
      );
    case 'partner':
      return pick(
        await db.selectFrom('publications').select('id').where('partner_id', 'in', ids).execute(),
      );
  }
}

function publicationRows(db: Kysely<Tables>) {
  return db
    .selectFrom('publications')
    .select([
      'id',
      'title',
      'summary',
      'body_html',
      'language',
      'published_at',
      'visible_from',
      'type_id',
      'primary_center_id',
      'partner_id',
    ])
    .where('visible_from', 'is not', null);
}

type PublicationRow = Awaited<ReturnType<ReturnType<typeof publicationRows>['execute']>>[number];

async function withLinks(db: Kysely<Tables>, rows: PublicationRow[]): Promise<SourceDocument[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [authors, centers, terms] = await Promise.all([
    db
      .selectFrom('publication_authors')
      .select(['publication_id', 'person_id as id'])
      .where('publication_id', 'in', ids)
      .orderBy('publication_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('publication_centers')
      .select(['publication_id', 'center_id as id'])
      .where('publication_id', 'in', ids)
      .execute(),
    db
      .selectFrom('publication_terms')
      .select(['publication_id', 'term_id as id'])
      .where('publication_id', 'in', ids)
      .execute(),
  ]);
  const group = (links: { publication_id: number; id: number }[]) => {
    const map = new Map<number, number[]>();
    for (const link of links) {
      const list = map.get(link.publication_id);
      if (list) list.push(link.id);
      else map.set(link.publication_id, [link.id]);
    }
    return map;
  };
  const authorsOf = group(authors);
  const centersOf = group(centers);
  const termsOf = group(terms);
  return rows.map((row) => {
    const centerIds = centersOf.get(row.id) ?? [];
    if (!centerIds.includes(row.primary_center_id)) centerIds.unshift(row.primary_center_id);
    return {
      id: row.id,
      title: row.title,
      summary: row.summary,
      body: renderedHtmlText(row.body_html),
      language: row.language,
      // A live piece always has a publication date; the visible moment stands in if not.
      publishedAt: row.published_at ?? (row.visible_from as string),
      visibleFrom: row.visible_from as string,
      typeId: row.type_id,
      centerIds,
      partnerId: row.partner_id,
      authorIds: authorsOf.get(row.id) ?? [],
      termIds: termsOf.get(row.id) ?? [],
    };
  });
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * The words of HTML our own Markdown renderer wrote: tags become spaces (so
 * "a</p><p>b" stays two words), character references become their characters. Good
 * enough for indexing and snippets, which never show markup. Not the WordPress
 * importer's htmlToText: that one parses any HTML into a DOM, about a millisecond a body,
 * which would add minutes to indexing 100,000 pieces.
 */
export function renderedHtmlText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? Number.parseInt(name.slice(2), 16)
            : Number.parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
