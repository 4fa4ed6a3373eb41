import type { Kysely } from 'kysely';
import { z } from 'zod';
import { TAXONOMIES, type Taxonomy } from '../../domain/publication.ts';
import { BadRequestError, DossierError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { setPublicationStatus } from '../../storage/repositories/content-writer.ts';
import type { Tables } from '../../storage/tables.ts';
import type { User } from '../accounts/user-store.ts';
import type { EditorState, PublicationEditor, PublicationRecord } from './publication-editor.ts';

/*
 * One action on many publications at once, from the admin's list. Each piece goes through
 * the editor's own transition, exactly as if it were acted on from its page, so the same
 * rules apply (authors never publish and touch only their own drafts), and revisions, the
 * audit log and the scheduler's jobs follow as they do for one piece. A piece is either
 * changed whole or refused with a reason; the others go on.
 *
 * - publish: what the page's Publish button does; on a live piece, that publishes its
 *   pending revision, so a live piece without one is refused.
 * - unpublish (back to draft) and archive: a piece the public cannot see is saved with
 *   the new status (a revision). The editor never changes a live piece by a save, so a
 *   live one is taken down as its take-down time would take it down: its status changes
 *   at once (no revision; a pending revision stays pending) and a queued take-down is
 *   cancelled.
 * - review: drafts only.
 * - add-term, remove-term: saved like an edit of the piece, so a live piece gets a
 *   pending revision.
 */

const BULK_ACTIONS = [
  'publish',
  'unpublish',
  'archive',
  'review',
  'add-term',
  'remove-term',
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The most pieces one request may act on: each is a full save through the importer. */
const MAX_BULK_IDS = 500;

interface BulkRequest {
  action: BulkAction;
  ids: number[];
  /** For add-term and remove-term: the taxonomy and the term's slug or name as typed. */
  term?: { taxonomy: Taxonomy; term: string };
}

export interface BulkOutcome {
  changed: { id: number; title: string; what: string }[];
  refused: { id: number; title: string; reason: string }[];
}

const idText = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(2_147_483_647));
const many = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
const bulkFormSchema = z.object({
  action: z.enum(BULK_ACTIONS),
  ids: z.preprocess(many, z.array(idText)),
  allOnPage: z.literal('1').optional(),
  pageIds: z.preprocess(many, z.array(idText)),
  taxonomy: z.enum(TAXONOMIES).optional(),
  term: z.string().trim().max(200).optional(),
});

const FORM_PROBLEMS: Record<string, string> = {
  action: 'Choose what to do with the selected publications.',
  ids: 'The selected publications were not sent as numbers; reload the list and try again.',
  pageIds: 'The list of this page was not sent as numbers; reload the list and try again.',
  taxonomy: `The taxonomy must be one of ${TAXONOMIES.join(', ')}.`,
  term: 'The term must be at most 200 characters.',
};

/**
 * Reads the list's bulk form: the checked ids, or every id of the page when "all on this
 * page" is ticked. Throws BAD_REQUEST naming the field for anything else, and for more
 * than MAX_BULK_IDS pieces or none at all.
 */
export function parseBulkForm(body: unknown): BulkRequest {
  const parsed = bulkFormSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'action');
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field,
      message: FORM_PROBLEMS[field] ?? `The field ${field} is not valid.`,
    });
  }
  const form = parsed.data;
  const ids = [...new Set([...form.ids, ...(form.allOnPage ? form.pageIds : [])])];
  if (ids.length === 0)
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field: 'ids',
      message: 'Tick at least one publication first.',
    });
  if (ids.length > MAX_BULK_IDS)
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field: 'ids',
      message: `At most ${MAX_BULK_IDS} publications at a time: ${ids.length} were selected. Narrow the list with its filters.`,
    });
  if (form.action !== 'add-term' && form.action !== 'remove-term')
    return { action: form.action, ids };
  if (!form.taxonomy || !form.term)
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field: form.taxonomy ? 'term' : 'taxonomy',
      message: 'Choose the taxonomy and the term to add or remove.',
    });
  return { action: form.action, ids, term: { taxonomy: form.taxonomy, term: form.term } };
}

/** A piece refused for a reason the editor can act on (not a failure of the server). */
class Refusal extends Error {}

interface Term {
  taxonomy: Taxonomy;
  slug: string;
  name: string;
}

export function createBulkActions(deps: {
  db: Kysely<Tables>;
  clock: Clock;
  editor: PublicationEditor;
}) {
  const { db, editor } = deps;

  async function findTerm(wanted: { taxonomy: Taxonomy; term: string }): Promise<Term> {
    const rows = await db
      .selectFrom('terms')
      .select(['slug', 'name'])
      .where('taxonomy', '=', wanted.taxonomy)
      .where((eb) =>
        eb.or([
          eb('slug', '=', wanted.term),
          eb(eb.fn('lower', ['name']), '=', wanted.term.toLowerCase()),
        ]),
      )
      .execute();
    const row = rows.find((r) => r.slug === wanted.term) ?? rows[0];
    if (!row)
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: 'term',
        message: `There is no ${wanted.taxonomy} called “${wanted.term}”. Choose one from the list.`,
      });
    return { taxonomy: wanted.taxonomy, ...row };
  }

  /** Takes a live piece down now, as a take-down time does when it comes. */
  async function takeDown(id: number, user: User, status: 'draft' | 'archived', slug: string) {
    const at = deps.clock.now().toISOString();
    await db.transaction().execute((trx) => setPublicationStatus(trx, id, status, at));
    if ((await editor.jobs(id)).some((job) => job.kind === 'unpublish'))
      await editor.scheduleUnpublish(id, user, null);
    await editor.audit({ user, action: 'publication.take-down', id, detail: { slug, status } });
  }

  /** Titles of the pieces `user` may open: an author's list shows only their bylines. */
  async function titlesShownTo(user: User, ids: number[]): Promise<Map<number, string>> {
    let query = db.selectFrom('publications').select(['id', 'title']).where('id', 'in', ids);
    if (user.role === 'author')
      query = query.where('id', 'in', (eb) =>
        eb
          .selectFrom('publication_authors')
          .select('publication_id')
          .where('person_id', '=', user.personId ?? -1),
      );
    return new Map((await query.execute()).map((r) => [r.id, r.title]));
  }

  /** Saves the piece's record with `change` applied, as its page's form would. */
  async function saveWith(
    id: number,
    user: User,
    state: EditorState,
    change: Partial<PublicationRecord>,
  ) {
    await editor.save(id, user, { ...state.record, ...change });
    return state.live ? ' (as a pending revision)' : '';
  }

  /** Adds a term to the piece's list of its taxonomy, or takes it out. */
  async function refile(id: number, user: User, state: EditorState, term: Term, adding: boolean) {
    const key = `${term.taxonomy}s` as const;
    const filed = state.record[key] ?? [];
    if (filed.includes(term.slug) === adding)
      throw new Refusal(`It is ${adding ? 'already' : 'not'} filed under ${term.name}.`);
    const next = adding ? [...filed, term.slug] : filed.filter((slug) => slug !== term.slug);
    const pending = await saveWith(id, user, state, { [key]: next });
    return `${adding ? 'filed under' : 'taken out of'} ${term.name}${pending}`;
  }

  async function applyOne(
    id: number,
    user: User,
    action: BulkAction,
    term: Term | undefined,
  ): Promise<string> {
    const row = await db
      .selectFrom('publications')
      .select(['status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new Refusal('There is no such publication.');
    const state = await editor.state(id, user);
    const status = row.status;
    if (user.role === 'author' && status !== 'draft')
      throw new Refusal(`Authors change only their own drafts; this one is ${status}.`);
    switch (action) {
      case 'publish':
        if (state.live && !state.pending)
          throw new Refusal('It is live already, with no pending revision to publish.');
        if (!state.live && (status === 'published' || status === 'scheduled'))
          throw new Refusal(
            `It is ${status} already and goes live at its time; change the time on its page to publish it sooner.`,
          );
        await editor.publish(id, user);
        return state.live ? 'pending revision published' : 'published';
      case 'review':
        if (status !== 'draft')
          throw new Refusal(`Only drafts go to review; this one is ${status}.`);
        await saveWith(id, user, state, { status: 'review' });
        return 'submitted for review';
      case 'unpublish':
      case 'archive': {
        const target = action === 'unpublish' ? 'draft' : 'archived';
        if (status === target)
          throw new Refusal(`It is ${target === 'draft' ? 'a draft' : 'archived'} already.`);
        const done = target === 'draft' ? 'back to draft' : 'archived';
        if (!state.live) {
          await saveWith(id, user, state, { status: target });
          return done;
        }
        await takeDown(id, user, target, state.record.slug);
        return `taken down, ${done}`;
      }
      case 'add-term':
      case 'remove-term':
        if (!term) throw new Refusal('No term was chosen.');
        return refile(id, user, state, term, action === 'add-term');
    }
  }

  return {
    /**
     * Applies `request` to each piece in turn, as `user`. Bad input as a whole (an unknown
     * term) throws before any piece is touched; a piece that may not or cannot change is
     * listed in `refused` with the reason, and the rest go on. `log` hears of failures
     * of the server itself, which are refused in words that reveal nothing.
     */
    async apply(
      request: BulkRequest,
      user: User,
      log: { error(obj: object, msg: string): void },
    ): Promise<BulkOutcome> {
      const term = request.term && (await findTerm(request.term));
      const titles = await titlesShownTo(user, request.ids);
      const outcome: BulkOutcome = { changed: [], refused: [] };
      for (const id of request.ids) {
        const title = titles.get(id) ?? `Publication #${id}`;
        try {
          outcome.changed.push({ id, title, what: await applyOne(id, user, request.action, term) });
        } catch (error) {
          const expected =
            error instanceof Refusal || (error instanceof DossierError && error.status < 500);
          if (!expected)
            log.error({ err: error, publicationId: id }, 'a bulk action failed on a publication');
          outcome.refused.push({
            id,
            title,
            reason: expected
              ? (error as Error).message
              : 'The server could not change it; try again from its own page.',
          });
        }
      }
      return outcome;
    },
  };
}

export type BulkActions = ReturnType<typeof createBulkActions>;
