import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { TAXONOMIES } from '../../domain/publication.ts';
import type { Tables } from '../../storage/tables.ts';
import { containsEveryWord } from '../content/words-match.ts';

/*
 * What the editor's search pickers ask while someone types: people and terms whose
 * names hold every typed word, a few at a time, as JSON. Any signed-in account may ask
 * (an author picks co-authors too); the admin plugin turns everyone else away.
 */

/** Enough to pick from while typing; more words narrow it. */
const PICKER_LIMIT = 10;

const typed = z.string().trim().max(200).default('');
const peopleQuery = z.object({ q: typed });
const termsQuery = z.object({ taxonomy: z.enum(TAXONOMIES), q: typed });

interface PickerChoice {
  slug: string;
  name: string;
  /** A few words telling two of the same name apart (a role, an affiliation). */
  detail: string;
}

export function registerPickerRoutes(admin: FastifyInstance, db: Kysely<Tables>): void {
  admin.get('/admin/api/people', async (request, reply) => {
    const parsed = peopleQuery.safeParse(request.query ?? {});
    if (!parsed.success) return badQuery(reply, 'q', 'The search may be at most 200 characters.');
    let query = db
      .selectFrom('people')
      .select(['slug', 'name', 'role', 'affiliation', 'is_external']);
    for (const condition of containsEveryWord('name', parsed.data.q))
      query = query.where(condition);
    const rows = await query.orderBy('sort_name').orderBy('id').limit(PICKER_LIMIT).execute();
    const people: PickerChoice[] = rows.map((r) => ({
      slug: r.slug,
      name: r.name,
      detail:
        r.is_external === 1 ? [r.affiliation, 'outside author'].filter(Boolean).join(', ') : r.role,
    }));
    return reply.header('cache-control', 'no-store').send({ people });
  });

  admin.get('/admin/api/terms', async (request, reply) => {
    const parsed = termsQuery.safeParse(request.query ?? {});
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'taxonomy');
      return field === 'q'
        ? badQuery(reply, 'q', 'The search may be at most 200 characters.')
        : badQuery(reply, 'taxonomy', `The taxonomy must be one of ${TAXONOMIES.join(', ')}.`);
    }
    let query = db
      .selectFrom('terms')
      .select(['slug', 'name'])
      .where('taxonomy', '=', parsed.data.taxonomy);
    for (const condition of containsEveryWord('name', parsed.data.q))
      query = query.where(condition);
    const rows = await query.orderBy('name').orderBy('id').limit(PICKER_LIMIT).execute();
    const terms: PickerChoice[] = rows.map((r) => ({ slug: r.slug, name: r.name, detail: '' }));
    return reply.header('cache-control', 'no-store').send({ terms });
  });
}

/** A script asked: it gets JSON it can read, not the admin's HTML error page. */
function badQuery(reply: FastifyReply, field: string, message: string) {
  return reply.code(400).send({ error: { code: 'BAD_REQUEST', field, message } });
}
