import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createElement as h } from 'preact';
import { DossierError } from '../../errors.ts';
import type { Tables } from '../../storage/tables.ts';
import { slugFrom } from '../content/publication-editor.ts';
import { noFileChosen, readUploadForm, uploadRoute } from '../media/upload-form.ts';
import { MAX_IMAGE_BYTES } from '../media/uploads.ts';
import type { PersonEditor } from '../people/person-editor.ts';
import {
  blankPersonForm,
  changesOf,
  type PersonForm,
  personFormOf,
  readPersonForm,
} from '../people/person-form.ts';
import { type AdminKit, pathId, requireThat } from './admin-plugin.ts';
import { PeoplePage, type PersonChoices, PersonPage } from './pages/person-pages.tsx';

/** People: found by name, added and edited, with their photo (editors and administrators). */
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
  const idOf = (request: FastifyRequest) => pathId(request, 'person');
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | undefined,
    form: PersonForm,
    extra: { error?: DossierError; notice?: string } = {},
  ) {
    const { error } = extra;
    return kit.send(
      reply,
      h(PersonPage, {
        view: kit.view(request),
        id,
        form,
        photo: id === undefined ? undefined : (await people.recordOf(id)).photo,
        choices: await personChoices(db),
        problem: error && { message: error.message, field: error.field },
        notice: extra.notice,
      }),
      error?.status ?? 200,
    );
  }

  /** The person's page as stored, saying why a photo change was refused. */
  async function photoRefused(request: FastifyRequest, reply: FastifyReply, error: DossierError) {
    // Also reached from the error handler, before the route's own role check.
    editor(request);
    const id = idOf(request);
    return page(request, reply, id, personFormOf(await people.recordOf(id)), { error });
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
    return page(request, reply, undefined, blankPersonForm());
  });

  admin.post('/admin/people/new', async (request, reply) => {
    const user = editor(request);
    const form = readPersonForm(bodyOf(request));
    try {
      const id = await people.create(user, {
        ...changesOf(form),
        slug: form.slug || slugFrom(form.name),
      });
      return reply.redirect(`/admin/people/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, undefined, form, { error });
    }
  });

  admin.get('/admin/people/:id', async (request, reply) => {
    editor(request);
    const id = idOf(request);
    const saved = (request.query as Record<string, unknown>)?.saved === '1';
    const form = personFormOf(await people.recordOf(id));
    return page(request, reply, id, form, saved ? { notice: 'Saved.' } : {});
  });

  admin.post('/admin/people/:id', { bodyLimit: 256 * 1024 }, async (request, reply) => {
    const user = editor(request);
    const id = idOf(request);
    await people.recordOf(id);
    const form = readPersonForm(bodyOf(request));
    try {
      await people.update(user, id, changesOf(form));
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, id, form, { error });
    }
    return reply.redirect(`/admin/people/${id}?saved=1`, 303);
  });

  admin.post(
    '/admin/people/:id/photo',
    uploadRoute(MAX_IMAGE_BYTES, photoRefused),
    async (request, reply) => {
      const user = editor(request);
      const id = idOf(request);
      await people.recordOf(id);
      const form = await readUploadForm(request.body);
      try {
        if (!form.file) throw noFileChosen('Choose a photo to upload.');
        await people.uploadPhoto(user, id, form.file, {
          alt: form.field('alt'),
          credit: form.field('credit'),
        });
      } catch (error) {
        if (!(error instanceof DossierError) || error.status >= 500) throw error;
        return photoRefused(request, reply, error);
      }
      return reply.redirect(`/admin/people/${id}?saved=1`, 303);
    },
  );

  admin.post('/admin/people/:id/photo/remove', async (request, reply) => {
    const user = editor(request);
    const id = idOf(request);
    await people.removePhoto(user, id);
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
