import type { Kysely } from 'kysely';
import type { Taxonomy } from '../domain/publication.ts';
import type { Tables } from '../storage/tables.ts';
import { byCodeUnits, groupBy } from './keyset.ts';

type Db = Kysely<Tables>;

/** Everything a page of publications links to, by publication id, as slugs. */
export interface PublicationLinks {
  /** Person slugs in byline order. */
  authors: Map<number, string[]>;
  /** Affiliated centers (not the primary one), sorted. */
  centers: Map<number, string[]>;
  /** Term slugs per taxonomy, in the order the piece lists them. */
  terms: Map<number, Map<Taxonomy, string[]>>;
  newsletters: Map<number, string[]>;
  featuredIn: Map<number, string[]>;
}

export async function loadPublicationLinks(db: Db, ids: number[]): Promise<PublicationLinks> {
  if (ids.length === 0) {
    return {
      authors: new Map(),
      centers: new Map(),
      terms: new Map(),
      newsletters: new Map(),
      featuredIn: new Map(),
    };
  }
  const slugLists = <T extends { id: number; slug: string }>(rows: T[], sort: boolean) => {
    const lists = new Map<number, string[]>();
    for (const [id, group] of groupBy(rows, (row) => row.id)) {
      const slugs = group.map((row) => row.slug);
      lists.set(id, sort ? slugs.sort(byCodeUnits) : slugs);
    }
    return lists;
  };
  const authors = await db
    .selectFrom('publication_authors as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.publication_id as id', 'p.slug'])
    .where('a.publication_id', 'in', ids)
    .orderBy('a.publication_id')
    .orderBy('a.position')
    .execute();
  const centers = await db
    .selectFrom('publication_centers as pc')
    .innerJoin('centers as c', 'c.id', 'pc.center_id')
    .select(['pc.publication_id as id', 'c.slug'])
    .where('pc.publication_id', 'in', ids)
    .where('pc.is_primary', '=', 0)
    .execute();
  const terms = await db
    .selectFrom('publication_terms as pt')
    .innerJoin('terms as t', 't.id', 'pt.term_id')
    .select(['pt.publication_id as id', 't.taxonomy', 't.slug'])
    .where('pt.publication_id', 'in', ids)
    .orderBy('pt.publication_id')
    .orderBy('pt.position')
    .execute();
  const newsletters = await db
    .selectFrom('publication_newsletters as pn')
    .innerJoin('newsletter_lists as n', 'n.id', 'pn.list_id')
    .select(['pn.publication_id as id', 'n.slug'])
    .where('pn.publication_id', 'in', ids)
    .execute();
  const featured = await db
    .selectFrom('featured_publications as f')
    .innerJoin('centers as c', 'c.id', 'f.center_id')
    .select(['f.publication_id as id', 'c.slug'])
    .where('f.publication_id', 'in', ids)
    .execute();

  const termLists = new Map<number, Map<Taxonomy, string[]>>();
  for (const [id, group] of groupBy(terms, (row) => row.id)) {
    const byTaxonomy = new Map<Taxonomy, string[]>();
    for (const row of group) {
      const taxonomy = row.taxonomy as Taxonomy;
      byTaxonomy.set(taxonomy, [...(byTaxonomy.get(taxonomy) ?? []), row.slug]);
    }
    termLists.set(id, byTaxonomy);
  }
  return {
    authors: slugLists(authors, false),
    centers: slugLists(centers, true),
    terms: termLists,
    newsletters: slugLists(newsletters, true),
    featuredIn: slugLists(featured, true),
  };
}
