import type { Kysely } from 'kysely';
import { replaceFeatured } from '../storage/repositories/content-writer.ts';
import {
  findOldUrlTarget,
  findOrigin,
  findSlugHolder,
  saveOldUrls,
  saveOrigin,
} from '../storage/repositories/origin-writer.ts';
import type { Tables } from '../storage/tables.ts';
import { type ApplyContext, RecordError } from './apply-record.ts';
import type { ImportRecord, ItemRef } from './records.ts';
import type { SlugIndex } from './slug-index.ts';

/*
 * Records that add no item of their own but link to items written before them: a
 * center's featured list in order, an old URL of the site, an item's origin in another
 * system. An export writes these so that an import reproduces what editors and earlier
 * imports arranged, not just the items.
 */

export type LinkRecord = Extract<ImportRecord, { kind: 'featured' | 'oldUrl' | 'origin' }>;

/** Writes one link record; runs inside the caller's transaction. */
export async function applyLinkRecord(record: LinkRecord, ctx: ApplyContext): Promise<void> {
  switch (record.kind) {
    case 'featured': {
      const centerId = await ctx.slugs.find(ctx.db, 'centers', record.center);
      if (centerId === undefined) throw missing('center', 'center', record.center);
      const publicationIds: number[] = [];
      for (const [i, slug] of record.publications.entries()) {
        const id = await ctx.slugs.find(ctx.db, 'publications', slug);
        if (id === undefined) throw missing(`publications.${i}`, 'publication', slug);
        publicationIds.push(id);
      }
      await replaceFeatured(ctx.db, centerId, publicationIds);
      return;
    }
    case 'oldUrl': {
      const id = await requiredItem(ctx, record.target);
      await saveOldUrls(ctx.db, record.target.item, id, [record.path], ctx.at);
      return;
    }
    case 'origin': {
      const id = await requiredItem(ctx, record.target);
      await saveOrigin(ctx.db, record.target.item, record.externalId, id, record.digest, ctx.at);
      return;
    }
  }
}

/**
 * The row a link record writes to, if it exists already: what a dry run counts as an
 * update rather than a new row.
 */
export async function existingLinkRow(
  db: Kysely<Tables>,
  record: LinkRecord,
  slugs: SlugIndex,
): Promise<number | undefined> {
  switch (record.kind) {
    case 'featured':
      return slugs.find(db, 'centers', record.center);
    case 'oldUrl':
      return findOldUrlTarget(db, record.path);
    case 'origin':
      return (await findOrigin(db, record.target.item, record.externalId))?.targetId;
  }
}

async function requiredItem(ctx: ApplyContext, target: ItemRef): Promise<number> {
  const { db, slugs } = ctx;
  switch (target.item) {
    case 'publication':
      return orMissing(await slugs.find(db, 'publications', target.slug), target, 'slug');
    case 'person':
      return orMissing(await slugs.find(db, 'people', target.slug), target, 'slug');
    case 'term':
      return orMissing(await slugs.findTerm(db, target.taxonomy, target.slug), target, 'slug');
    case 'page': {
      const centerId = await slugs.find(db, 'centers', target.center);
      if (centerId === undefined) throw missing('target.center', 'center', target.center);
      return orMissing(await findSlugHolder(db, 'page', target.slug, centerId), target, 'slug');
    }
    case 'media': {
      const row = await db
        .selectFrom('media')
        .select('id')
        .where('path', '=', target.src)
        .executeTakeFirst();
      return orMissing(row?.id, target, 'src');
    }
  }
}

function orMissing(id: number | undefined, target: ItemRef, field: 'slug' | 'src'): number {
  if (id !== undefined) return id;
  const name = target.item === 'term' ? target.taxonomy : target.item;
  const key = target.item === 'media' ? target.src : target.slug;
  throw missing(`target.${field}`, name, key);
}

function missing(field: string, kind: string, key: string): RecordError {
  return new RecordError(field, `names ${kind} "${key}", which does not exist (import it first)`);
}
