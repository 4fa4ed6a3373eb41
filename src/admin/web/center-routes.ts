import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement as h } from 'preact';
import { DossierError } from '../../errors.ts';
import { type CenterEditor, mayEditCenters } from '../centers/center-editor.ts';
import { blankForm, type CenterForm, changesOf, formOf, readForm } from '../centers/center-form.ts';
import { slugFrom } from '../content/publication-editor.ts';
import { noFileChosen, readUploadForm, uploadRoute } from '../media/upload-form.ts';
import { MAX_IMAGE_BYTES, storeUpload } from '../media/uploads.ts';
import { type AdminKit, pathId, requireThat } from './admin-plugin.ts';
import { CenterPage, CentersPage } from './pages/center-pages.tsx';

/** Centers: listed, added and edited, with their menus and logo (administrators only). */
export function registerCenterRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  centers: CenterEditor,
  uploadsDir: string,
): void {
  const administrator = (request: FastifyRequest) => {
    const user = request.adminSession?.user;
    requireThat(request, mayEditCenters(user), 'changing centers');
    return user as NonNullable<typeof user>;
  };
  const idOf = (request: FastifyRequest) => pathId(request, 'center');
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | undefined,
    form: CenterForm,
    extra: { error?: DossierError; notice?: string } = {},
  ) {
    const logoPath = id === undefined ? null : ((await centers.recordOf(id)).logo ?? null);
    const { error } = extra;
    return kit.send(
      reply,
      h(CenterPage, {
        view: kit.view(request),
        id,
        form,
        logoPath,
        problem: error && { message: error.message, field: error.field },
        notice: extra.notice,
      }),
      error?.status ?? 200,
    );
  }

  admin.get('/admin/centers', async (request, reply) => {
    administrator(request);
    return kit.send(
      reply,
      h(CentersPage, { view: kit.view(request), centers: await centers.list() }),
    );
  });

  admin.get('/admin/centers/new', async (request, reply) => {
    administrator(request);
    return page(request, reply, undefined, blankForm());
  });

  admin.post('/admin/centers/new', async (request, reply) => {
    const user = administrator(request);
    const { form, move } = readForm(bodyOf(request));
    try {
      const id = await centers.create(
        user,
        form.slug || slugFrom(form.name),
        changesOf(form, move),
      );
      return reply.redirect(`/admin/centers/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, undefined, form, { error });
    }
  });

  admin.get('/admin/centers/:id', async (request, reply) => {
    administrator(request);
    const id = idOf(request);
    const saved = (request.query as Record<string, unknown>)?.saved === '1';
    const form = formOf(await centers.recordOf(id));
    return page(request, reply, id, form, saved ? { notice: 'Saved.' } : {});
  });

  admin.post('/admin/centers/:id', async (request, reply) => {
    const user = administrator(request);
    const id = idOf(request);
    const current = await centers.recordOf(id);
    const { form, move } = readForm(bodyOf(request));
    try {
      await centers.update(user, id, changesOf(form, move));
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, id, { ...form, slug: current.slug }, { error });
    }
    return reply.redirect(`/admin/centers/${id}?saved=1`, 303);
  });

  /** The center's page again, saying why its logo upload was refused. */
  const logoRefused = async (request: FastifyRequest, reply: FastifyReply, error: DossierError) => {
    const id = idOf(request);
    return page(request, reply, id, formOf(await centers.recordOf(id)), { error });
  };

  admin.post(
    '/admin/centers/:id/logo',
    uploadRoute(MAX_IMAGE_BYTES, logoRefused),
    async (request, reply) => {
      const user = administrator(request);
      const id = idOf(request);
      const current = await centers.recordOf(id);
      const { file } = await readUploadForm(request.body);
      try {
        if (!file) throw noFileChosen('Choose an image to upload as the logo.');
        const stored = await storeUpload(uploadsDir, { ...file, now: new Date() }, 'image');
        // The site shows a logo at one small size: the resized copies would never be used.
        for (const variant of stored.variants)
          await rm(join(uploadsDir, variant.path), { force: true });
        await centers.setLogo(user, id, stored.path);
      } catch (error) {
        if (!(error instanceof DossierError) || error.status >= 500) throw error;
        return page(request, reply, id, formOf(current), { error });
      }
      return reply.redirect(`/admin/centers/${id}?saved=1`, 303);
    },
  );
}
