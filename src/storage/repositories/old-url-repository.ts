import type { Kysely } from 'kysely';
import type { Taxonomy } from '../../domain/publication.ts';
import type { Tables } from '../tables.ts';

/** Where an old URL leads now: enough for the site to build the new address. */
export type OldUrlTarget =
  | { kind: 'publication' | 'page' | 'person'; slug: string }
  | { kind: 'term'; taxonomy: Taxonomy; slug: string }
  | { kind: 'media'; path: string };

export interface OldUrlRepository {
  /**
   * The item the first of `paths` that is known leads to, when the public may see it:
   * a draft's old URL finds nothing, so its existence does not leak.
   */
  findTarget(paths: string[], now: Date): Promise<OldUrlTarget | undefined>;
}

export function createOldUrlRepository(db: Kysely<Tables>): OldUrlRepository {
  return {
    async findTarget(paths, now) {
      if (paths.length === 0) return undefined;
      // One query: each kind joins only where the old URL points at it and the public may
      // see it (a piece once visible_from has passed; a person unless external).
      const rows = await db
        .selectFrom('old_urls as o')
        .leftJoin('publications as pub', (join) =>
          join
            .onRef('pub.id', '=', 'o.target_id')
            .on('o.kind', '=', 'publication')
            .on('pub.visible_from', '<=', now.toISOString()),
        )
        .leftJoin('pages as pg', (join) =>
          join.onRef('pg.id', '=', 'o.target_id').on('o.kind', '=', 'page'),
        )
        .leftJoin('people as pe', (join) =>
          join
            .onRef('pe.id', '=', 'o.target_id')
            .on('o.kind', '=', 'person')
            .on('pe.is_external', '=', 0),
        )
        .leftJoin('terms as t', (join) =>
          join.onRef('t.id', '=', 'o.target_id').on('o.kind', '=', 'term'),
        )
        .leftJoin('media as m', (join) =>
          join.onRef('m.id', '=', 'o.target_id').on('o.kind', '=', 'media'),
        )
        .select([
          'o.path',
          'pub.slug as publication',
          'pg.slug as page',
          'pe.slug as person',
          't.slug as term',
          't.taxonomy',
          'm.path as media',
        ])
        .where('o.path', 'in', paths)
        .execute();
      for (const path of paths) {
        const row = rows.find((r) => r.path === path);
        if (!row) continue;
        if (row.publication) return { kind: 'publication', slug: row.publication };
        if (row.page) return { kind: 'page', slug: row.page };
        if (row.person) return { kind: 'person', slug: row.person };
        if (row.term && row.taxonomy)
          return { kind: 'term', taxonomy: row.taxonomy as Taxonomy, slug: row.term };
        if (row.media) return { kind: 'media', path: row.media };
      }
      return undefined;
    },
  };
}
