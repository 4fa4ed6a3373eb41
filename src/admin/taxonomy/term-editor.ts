import type { Kysely } from 'kysely';
import { TAXONOMIES, type Taxonomy } from '../../domain/publication.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { termRecord } from '../../import/records.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import type { AuditLog } from '../accounts/audit-log.ts';
import type { User } from '../accounts/user-store.ts';
import { checkRecord, writeThroughImporter } from '../content/import-write.ts';

/*
 * Programs, projects, regions, topics and collections, edited in the admin: name,
 * description and parent (regions within regions, and so on). Like publications, every
 * write is an import record through the importer, the one write path, checked in a dry
 * run first. A term's address (slug) is fixed once made; a parent must be of the same
 * taxonomy and never the term itself or one of its descendants. Editors only.
 */

export interface TermRow {
  id: number;
  taxonomy: Taxonomy;
  slug: string;
  name: string;
  description: string;
  parentSlug: string | null;
}

export interface TermInput {
  name: string;
  description: string;
  parent: string;
}

export function createTermEditor(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  uploadsDir: string;
  audit: AuditLog;
}) {
  const { db, clock } = deps;
  const editorsOnly = (user: User) => {
    if (user.role === 'author')
      throw new ForbiddenError({ code: 'FORBIDDEN', message: 'Only editors change taxonomies.' });
  };

  async function list(taxonomy: Taxonomy): Promise<TermRow[]> {
    const rows = await db
      .selectFrom('terms as t')
      .leftJoin('terms as parent', 'parent.id', 't.parent_id')
      .select([
        't.id',
        't.taxonomy',
        't.slug',
        't.name',
        't.description',
        'parent.slug as parentSlug',
      ])
      .where('t.taxonomy', '=', taxonomy)
      .orderBy('t.name')
      .execute();
    return rows.map((r) => ({ ...r, taxonomy: r.taxonomy as Taxonomy }));
  }

  async function find(id: number): Promise<TermRow> {
    const row = await db
      .selectFrom('terms as t')
      .leftJoin('terms as parent', 'parent.id', 't.parent_id')
      .select([
        't.id',
        't.taxonomy',
        't.slug',
        't.name',
        't.description',
        'parent.slug as parentSlug',
      ])
      .where('t.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such term.' });
    return { ...row, taxonomy: row.taxonomy as Taxonomy };
  }

  /** The slugs of a term and every term under it: none may become its parent. */
  async function selfAndDescendants(taxonomy: Taxonomy, slug: string): Promise<Set<string>> {
    const all = await list(taxonomy);
    const found = new Set([slug]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const term of all)
        if (term.parentSlug !== null && found.has(term.parentSlug) && !found.has(term.slug)) {
          found.add(term.slug);
          grew = true;
        }
    }
    return found;
  }

  async function write(record: unknown, user: User, action: string) {
    const label = (field: string) => `The ${field || 'term'}`;
    const checked = checkRecord(termRecord, record, label);
    await writeThroughImporter(deps, [checked], { label });
    await deps.audit.record({
      at: clock.now().toISOString(),
      userId: user.id,
      userEmail: user.email,
      action,
      entity: 'term',
      entityId: `${checked.taxonomy}:${checked.slug}`,
    });
  }

  return {
    list,
    find,

    async create(user: User, taxonomy: string, slug: string, input: TermInput) {
      editorsOnly(user);
      if (!TAXONOMIES.includes(taxonomy as Taxonomy))
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'taxonomy',
          message: 'Choose a taxonomy.',
        });
      const taken = await db
        .selectFrom('terms')
        .select('id')
        .where('taxonomy', '=', taxonomy)
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (taken)
        throw new ConflictError({
          code: 'SLUG_TAKEN',
          field: 'slug',
          message: `Another ${taxonomy} already uses the address ${slug}.`,
        });
      await write(
        {
          kind: 'term',
          taxonomy,
          slug,
          name: input.name.trim(),
          description: input.description,
          ...(input.parent ? { parent: input.parent } : {}),
        },
        user,
        'term.create',
      );
    },

    async update(user: User, id: number, input: TermInput) {
      editorsOnly(user);
      const term = await find(id);
      if (input.parent && (await selfAndDescendants(term.taxonomy, term.slug)).has(input.parent))
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'parent',
          message: 'A term cannot sit inside itself or inside one of the terms under it.',
        });
      await write(
        {
          kind: 'term',
          taxonomy: term.taxonomy,
          slug: term.slug,
          name: input.name.trim(),
          description: input.description,
          ...(input.parent ? { parent: input.parent } : {}),
        },
        user,
        'term.update',
      );
    },
  };
}

export type TermEditor = ReturnType<typeof createTermEditor>;
