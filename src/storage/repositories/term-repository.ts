import type { Kysely } from 'kysely';
import type { PublicationType, Taxonomy } from '../../domain/publication.ts';
import type { Term } from '../../domain/term.ts';
import { preparedQuery } from '../prepared-query.ts';
import type { Tables } from '../tables.ts';

export interface TermRepository {
  findBySlug(taxonomy: Taxonomy, slug: string): Promise<Term | undefined>;
  /** All terms of a taxonomy, by name, each with parent and children. */
  listByTaxonomy(taxonomy: Taxonomy): Promise<Term[]>;
  /** The term and every term below it (a region's work includes its countries'). */
  listDescendantIds(termId: number): Promise<number[]>;
  findType(slug: string): Promise<PublicationType | undefined>;
}

export function createTermRepository(db: Kysely<Tables>): TermRepository {
  // The reads every term page makes, compiled once (see prepared-query.ts).
  const termBySlug = preparedQuery(db, (taxonomy: string, slug: string) =>
    db.selectFrom('terms').selectAll().where('taxonomy', '=', taxonomy).where('slug', '=', slug),
  );
  // A term's parent (when it has one: a missing parent id matches nothing) and children.
  const relativesOf = preparedQuery(db, (termId: number, parentId: number | null) =>
    db
      .selectFrom('terms')
      .select(['id', 'slug', 'name', 'parent_id'])
      .where((eb) => eb.or([eb('parent_id', '=', termId), eb('id', '=', parentId)]))
      .orderBy('name'),
  );
  const descendantsOf = preparedQuery(db, (termId: number) =>
    db
      .withRecursive('tree(id)', (qb) =>
        qb
          .selectFrom('terms')
          .select('id')
          .where('id', '=', termId)
          .unionAll((q) =>
            q
              .selectFrom('terms')
              .innerJoin('tree', 'tree.id', 'terms.parent_id')
              .select('terms.id'),
          ),
      )
      .selectFrom('tree')
      .select('id'),
  );

  return {
    async findBySlug(taxonomy, slug) {
      const [row] = await termBySlug(taxonomy, slug);
      if (!row) return undefined;
      const relatives = await relativesOf(row.id, row.parent_id);
      return toTerm(row, taxonomy, relatives);
    },

    async listByTaxonomy(taxonomy) {
      const rows = await db
        .selectFrom('terms')
        .selectAll()
        .where('taxonomy', '=', taxonomy)
        .orderBy('name')
        .execute();
      return rows.map((row) => toTerm(row, taxonomy, rows));
    },

    async listDescendantIds(termId) {
      const rows = await descendantsOf(termId);
      return rows.map((r) => r.id);
    },

    async findType(slug) {
      const row = await db
        .selectFrom('publication_types')
        .selectAll()
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && { id: row.id, slug: row.slug, name: row.name, pluralName: row.plural_name };
    },
  };
}

type TermLink = { id: number; slug: string; name: string; parent_id: number | null };

/** A term with its parent and children, found among `relatives` (rows of its taxonomy). */
function toTerm(
  row: TermLink & { description: string },
  taxonomy: Taxonomy,
  relatives: TermLink[],
): Term {
  const link = (r: TermLink) => ({ id: r.id, slug: r.slug, name: r.name });
  const parent = relatives.find((r) => r.id === row.parent_id);
  return {
    id: row.id,
    taxonomy,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parent: parent ? link(parent) : null,
    children: relatives.filter((r) => r.parent_id === row.id).map(link),
  };
}
