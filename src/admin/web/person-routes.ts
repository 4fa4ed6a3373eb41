import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createElement as h } from 'preact';
import { DossierError, NotFoundError } from '../../errors.ts';
import type { Tables } from '../../storage/tables.ts';
import { slugFrom } from '../content/publication-editor.ts';
import type { PersonEditor, PersonRecord } from '../people/person-editor.ts';
import { type AdminKit, requireThat } from './admin-plugin.ts';
import { PeoplePage, type PersonChoices, PersonPage } from './pages/person-pages.tsx';

/** People: found by name, added and edited (editors and administrators). */
export function registerPersonRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  db: Kysely<Tables>,
  people: PersonEditor,
): void {
  const editor = (request: FastifyRequest) => {
    const user = request.adminSession?.user;
    requireThat(request, user !== undefined && user.role !== 'author', 'changing people');
    return user as NonNullable<typeof user>;
  };
  const idOf = (request: FastifyRequest) => {
    const text = (request.params as { id: string }).id;
    if (!/^\d{1,9}$/.test(text))
      throw new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such person.' });
    return Number(text);
  };
  /** The form as a partial person record: empty fields are absent, boxes are booleans. */
  const fromForm = (request: FastifyRequest): Partial<PersonRecord> => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const optional = (name: string) => text(name).trim() || undefined;
    const many = body.expertise;
    return {
      name: text('name').trim(),
      role: text('role').trim(),
      affiliation: text('affiliation').trim(),
      bio: text('bio'),
      program: optional('program'),
      center: optional('center'),
      orcid: optional('orcid'),
      email: optional('email'),
      expertise: (Array.isArray(many) ? many : typeof many === 'string' ? [many] : []).map(String),
      expert: body.expert === 'yes',
      external: body.external === 'yes',
    };
  };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | undefined,
    record: Partial<PersonRecord>,
    extra: { error?: DossierError; notice?: string } = {},
  ) {
    return kit.send(
      reply,
      h(PersonPage, {
        view: kit.view(request),
        id,
        record,
        choices: await personChoices(db),
        error: extra.error?.message,
        notice: extra.notice,
      }),
      extra.error?.status ?? 200,
    );
  }

  admin.get('/admin/people', async (request, reply) => {
    editor(request);
    const q = String((request.query as Record<string, unknown>)?.q ?? '').slice(0, 200);
    return kit.send(
      reply,
      h(PeoplePage, { view: kit.view(request), people: await people.list(q), q }),
    );
  });

  admin.get('/admin/people/new', async (request, reply) => {
    editor(request);
    return page(request, reply, undefined, {});
  });

  admin.post('/admin/people/new', async (request, reply) => {
    const user = editor(request);
    const record = fromForm(request);
    const given = String((request.body as Record<string, unknown>)?.slug ?? '').trim();
    const slug = given || slugFrom(record.name ?? '');
    try {
      const id = await people.create(user, { ...record, slug });
      return reply.redirect(`/admin/people/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, undefined, { ...record, slug: given }, { error });
    }
  });

  admin.get('/admin/people/:id', async (request, reply) => {
    editor(request);
    const id = idOf(request);
    const saved = (request.query as Record<string, unknown>)?.saved === '1';
    return page(request, reply, id, await people.recordOf(id), saved ? { notice: 'Saved.' } : {});
  });

  admin.post('/admin/people/:id', { bodyLimit: 256 * 1024 }, async (request, reply) => {
    const user = editor(request);
    const id = idOf(request);
    await people.recordOf(id);
    const record = fromForm(request);
    try {
      await people.update(user, id, record);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, id, record, { error });
    }
    return reply.redirect(`/admin/people/${id}?saved=1`, 303);
  });
}

async function personChoices(db: Kysely<Tables>): Promise<PersonChoices> {
  const [programs, centers, terms] = await Promise.all([
    db
      .selectFrom('terms')
      .select(['slug', 'name'])
      .where('taxonomy', '=', 'program')
      .orderBy('name')
      .execute(),
    db.selectFrom('centers').select(['slug', 'name']).orderBy('position').execute(),
    db
      .selectFrom('terms')
      .select(['taxonomy', 'slug', 'name'])
      .where('taxonomy', 'in', ['topic', 'region', 'program', 'project'])
      .orderBy('taxonomy')
      .orderBy('name')
      .execute(),
  ]);
  return {
    programs,
    centers,
    expertise: terms.map((t) => ({
      ref: `${t.taxonomy}:${t.slug}`,
      name: `${t.name} (${t.taxonomy})`,
    })),
  };
}
