import type { Kysely } from 'kysely';
import type { PublicationType, Taxonomy } from '../../domain/publication.ts';
import type { Term } from '../../domain/term.ts';
import type { Tables } from '../tables.ts';

export interface TermRepository {
  findBySlug(taxonomy: Taxonomy, slug: string): Promise<Term | undefined>;
  /** All terms of a taxonomy, by name, each with parent and children. */
  listByTaxonomy(taxonomy: Taxonomy): Promise<Term[]>;
  /** The term and every term below it (a region's work includes its countries'). */
  listDescendantIds(termId: number): Promise<number[]>;
  findType(slug: string): Promise<PublicationType | undefined>;
  listTypes(): Promise<PublicationType[]>;
}

export function createTermRepository(db: Kysely<Tables>): TermRepository {
  return {
    async findBySlug(taxonomy, slug) {
      const row = await db
        .selectFrom('terms')
        .selectAll()
        .where('taxonomy', '=', taxonomy)
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (!row) return undefined;
      const relatives = await db
        .selectFrom('terms')
        .select(['id', 'slug', 'name', 'parent_id'])
        .where((eb) =>
          eb.or([
            eb('parent_id', '=', row.id),
            ...(row.parent_id === null ? [] : [eb('id', '=', row.parent_id)]),
          ]),
        )
        .orderBy('name')
        .execute();
      const parent = relatives.find((r) => r.id === row.parent_id);
      return {
        id: row.id,
        taxonomy,
        slug: row.slug,
        name: row.name,
        description: row.description,
        parent: parent ? { id: parent.id, slug: parent.slug, name: parent.name } : null,
        children: relatives
          .filter((r) => r.parent_id === row.id)
          .map((r) => ({ id: r.id, slug: r.slug, name: r.name })),
      };
    },

    async listByTaxonomy(taxonomy) {
      const rows = await db
        .selectFrom('terms')
        .selectAll()
        .where('taxonomy', '=', taxonomy)
        .orderBy('name')
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return rows.map((row) => {
        const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
        return {
          id: row.id,
          taxonomy,
          slug: row.slug,
          name: row.name,
          description: row.description,
          parent: parent ? { id: parent.id, slug: parent.slug, name: parent.name } : null,
          children: rows
            .filter((r) => r.parent_id === row.id)
            .map((r) => ({ id: r.id, slug: r.slug, name: r.name })),
        };
      });
    },

    async listDescendantIds(termId) {
      const rows = await db
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
        .select('id')
        .execute();
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

    async listTypes() {
      const rows = await db
        .selectFrom('publication_types')
        .selectAll()
        .orderBy('position')
        .orderBy('name')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        name: row.name,
        pluralName: row.plural_name,
      }));
    },
  };
}
