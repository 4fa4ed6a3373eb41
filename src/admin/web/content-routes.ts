import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createElement as h } from 'preact';
import { BadRequestError, DossierError, NotFoundError, ValidationError } from '../../errors.ts';
import { renderMarkdown } from '../../lib/markdown.ts';
import type { Tables } from '../../storage/tables.ts';
import type { User } from '../accounts/user-store.ts';
import { type BulkActions, type BulkOutcome, parseBulkForm } from '../content/bulk-actions.ts';
import { type EditorForm, fromLocalUtc, recordFromForm } from '../content/editor-form.ts';
import { pastedMarkdown } from '../content/pasted-markdown.ts';
import type { PublicationEditor, PublicationRecord } from '../content/publication-editor.ts';
import { createAdminPublicationList, parseListFilter } from '../content/publication-list.ts';
import { diffRecords } from '../content/revision-diff.ts';
import { recordImageVariants } from '../media/image-variants.ts';
import { createPublicationPdfs } from '../media/publication-pdf.ts';
import { discardUpload, noFileChosen, readUploadForm, uploadRoute } from '../media/upload-form.ts';
import { MAX_IMAGE_BYTES, MAX_PDF_BYTES, storeUpload } from '../media/uploads.ts';
import type { PressPreviews } from '../press/press-previews.ts';
import { type AdminKit, pathId } from './admin-plugin.ts';
import { type EditorChoices, PublicationEditPage } from './pages/publication-edit-page.tsx';
import { PublicationsPage } from './pages/publications-page.tsx';
import { RevisionPage } from './pages/revision-page.tsx';

export function registerContentRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  db: Kysely<Tables>,
  editor: PublicationEditor,
  press: { previews: PressPreviews; origin: (request: FastifyRequest) => string | undefined },
  uploadsDir: string,
  bulk: BulkActions,
): void {
  const publications = createAdminPublicationList(db);
  const signedIn = (request: FastifyRequest): User => {
    const user = request.adminSession?.user;
    if (!user) throw new NotFoundError({ code: 'NOT_FOUND', message: 'Sign in first.' });
    return user;
  };
  const idParam = (request: FastifyRequest, name = 'id'): number =>
    pathId(request, 'publication', name);

  /** The editor page, for a new piece or an existing one, with a message when a save failed. */
  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | undefined,
    record: Partial<PublicationRecord>,
    extra: { error?: DossierError; notice?: string; status?: number; previewLink?: string } = {},
  ) {
    const user = signedIn(request);
    const state = id === undefined ? undefined : await editor.state(id, user);
    const revisions = id === undefined ? [] : await editor.revisions(id, user);
    const jobs = id === undefined ? [] : await editor.jobs(id);
    const previews =
      id === undefined || user.role === 'author' ? [] : await press.previews.list(id);
    return kit.send(
      reply,
      h(PublicationEditPage, {
        view: kit.view(request),
        id,
        record,
        live: state?.live ?? false,
        pending: state?.pending ?? false,
        choices: await editorChoices(db),
        revisions,
        jobs,
        previews,
        previewLink: extra.previewLink,
        error: extra.error?.message,
        errorField: extra.error?.field,
        notice: extra.notice,
      }),
      extra.status ?? (extra.error ? extra.error.status : 200),
    );
  }

  admin.get('/admin/publications/new', async (request, reply) =>
    editPage(request, reply, undefined, { status: 'draft', authors: [] }),
  );

  // A body may be long (a report is 100,000 words): the editor's own routes take up to 4 MB.
  const longForm = { bodyLimit: 4 * 1024 * 1024 };

  admin.post('/admin/markdown-preview', longForm, async (request) => {
    const markdown = (request.body as Record<string, unknown>)?.markdown;
    if (typeof markdown !== 'string')
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: 'markdown',
        message: 'Send the Markdown to preview.',
      });
    return { html: renderMarkdown(markdown) };
  });

  admin.post('/admin/markdown-from-html', longForm, async (request) => {
    const html = (request.body as Record<string, unknown>)?.html;
    if (typeof html !== 'string')
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: 'html',
        message: 'Send the pasted HTML.',
      });
    return { markdown: pastedMarkdown(html) };
  });

  admin.post('/admin/publications/new', longForm, async (request, reply) => {
    const user = signedIn(request);
    const { record, extra } = recordFromForm(request.body as EditorForm, undefined);
    try {
      const id = await editor.create(user, record, extra);
      return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return editPage(request, reply, undefined, record, { error });
    }
  });

  admin.get('/admin/publications/:id', async (request, reply) => {
    const id = idParam(request);
    const state = await editor.state(id, signedIn(request));
    const saved = (request.query as Record<string, string>)?.saved === '1';
    return editPage(request, reply, id, state.record, saved ? { notice: 'Saved.' } : {});
  });

  admin.post('/admin/publications/:id', longForm, async (request, reply) => {
    const id = idParam(request);
    const user = signedIn(request);
    const current = await editor.state(id, user);
    const { record, extra } = recordFromForm(request.body as EditorForm, current.record);
    try {
      await editor.save(id, user, record, extra);
      return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      if (error.status === 403) throw error;
      return editPage(request, reply, id, record, { error });
    }
  });

  admin.post('/admin/publications/:id/publish', async (request, reply) => {
    const id = idParam(request);
    await editor.publish(id, signedIn(request));
    return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
  });

  /** The piece's page again, saying why its upload (lead image, PDF) was refused. */
  const uploadRefused = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: DossierError,
  ) => {
    const id = idParam(request);
    const { record } = await editor.state(id, signedIn(request));
    return editPage(request, reply, id, record, { error });
  };

  admin.post(
    '/admin/publications/:id/lead-image',
    uploadRoute(MAX_IMAGE_BYTES, uploadRefused),
    async (request, reply) => {
      const id = idParam(request);
      const user = signedIn(request);
      const state = await editor.state(id, user);
      const { file, field } = await readUploadForm(request.body);
      try {
        if (!file) throw noFileChosen('Choose an image to upload.');
        const alt = field('alt');
        if (alt === '' || alt.length > 500)
          throw new ValidationError({
            code: 'BAD_REQUEST',
            field: 'alt',
            message: 'Describe the image for readers who cannot see it (1 to 500 characters).',
          });
        const stored = await storeUpload(uploadsDir, { ...file, now: new Date() }, 'image');
        try {
          await editor.save(id, user, {
            ...state.record,
            leadImage: {
              src: stored.path,
              alt,
              credit: field('credit').slice(0, 300),
              width: stored.width ?? undefined,
              height: stored.height ?? undefined,
            },
          });
        } catch (error) {
          // A refused save keeps nothing: not the file, not its resized copies.
          await discardUpload(uploadsDir, stored);
          throw error;
        }
        // After the save, as for a person's photo: the media row keeps the copies.
        await recordImageVariants(db, stored, new Date());
      } catch (error) {
        if (!(error instanceof DossierError) || error.status >= 500) throw error;
        return editPage(request, reply, id, state.record, { error });
      }
      return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
    },
  );

  const pdfs = createPublicationPdfs({ editor, uploadsDir });
  admin.post(
    '/admin/publications/:id/pdf',
    uploadRoute(MAX_PDF_BYTES, uploadRefused),
    async (request, reply) => {
      const id = idParam(request);
      const user = signedIn(request);
      const form = await readUploadForm(request.body);
      try {
        if (!form.file) throw noFileChosen('Choose a PDF file to upload.');
        await pdfs.attach(id, user, form.file);
      } catch (error) {
        if (!(error instanceof DossierError) || error.status >= 500) throw error;
        if (error.status === 403 || error.status === 404) throw error;
        return uploadRefused(request, reply, error);
      }
      return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
    },
  );

  admin.post('/admin/publications/:id/pdf/remove', async (request, reply) => {
    const id = idParam(request);
    await pdfs.remove(id, signedIn(request));
    return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
  });

  admin.post('/admin/publications/:id/unpublish-at', async (request, reply) => {
    const id = idParam(request);
    const value = String((request.body as Record<string, unknown>)?.unpublishAt ?? '');
    const at = fromLocalUtc(value);
    if (at !== undefined && Number.isNaN(Date.parse(at)))
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: 'unpublishAt',
        message: 'The take-down time must be a date and time.',
      });
    await editor.scheduleUnpublish(
      id,
      signedIn(request),
      at === undefined ? null : new Date(at).toISOString(),
    );
    return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
  });

  admin.post('/admin/publications/:id/publish-revision-at', async (request, reply) => {
    const id = idParam(request);
    const user = signedIn(request);
    const value = String((request.body as Record<string, unknown>)?.publishRevisionAt ?? '');
    try {
      const at = utcTimeOf(value);
      if (at === undefined)
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field: 'publishRevisionAt',
          message: 'The time to publish the revision must be a date and time.',
        });
      await editor.schedulePublishRevision(id, user, at);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      if (error.status === 403 || error.status === 404) throw error;
      const { record } = await editor.state(id, user);
      return editPage(request, reply, id, record, { error });
    }
    return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
  });

  admin.post('/admin/publications/:id/previews', async (request, reply) => {
    const id = idParam(request);
    const user = signedIn(request);
    const state = await editor.state(id, user);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const hours = Number(body.hours ?? 48);
    const token = await press.previews.create(id, user, String(body.note ?? ''), hours);
    const origin = press.origin(request) ?? '';
    await editor.audit({
      user,
      action: 'press-preview.create',
      id,
      detail: { note: String(body.note ?? '').slice(0, 200), hours },
    });
    return editPage(request, reply, id, state.record, {
      notice: 'Press preview link made. Copy it now: it is shown only this once.',
      previewLink: `${origin}/preview/${token}`,
      status: 201,
    });
  });

  admin.post('/admin/publications/:id/previews/:preview/revoke', async (request, reply) => {
    const id = idParam(request);
    const user = signedIn(request);
    await editor.state(id, user);
    const previewId = idParam(request, 'preview');
    await press.previews.revoke(id, previewId, user);
    await editor.audit({
      user,
      action: 'press-preview.revoke',
      id,
      detail: { preview: previewId },
    });
    return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
  });

  admin.get('/admin/publications/:id/revisions/:revision', async (request, reply) => {
    const id = idParam(request);
    const revisionId = idParam(request, 'revision');
    const user = signedIn(request);
    const [state, revision] = await Promise.all([
      editor.state(id, user),
      editor.revision(id, revisionId, user),
    ]);
    return kit.send(
      reply,
      h(RevisionPage, {
        view: kit.view(request),
        id,
        revisionId,
        diffs: diffRecords(state.record, revision),
      }),
    );
  });

  admin.post('/admin/publications/:id/revisions/:revision/restore', async (request, reply) => {
    const id = idParam(request);
    await editor.restore(id, idParam(request, 'revision'), signedIn(request));
    return reply.redirect(`/admin/publications/${id}?saved=1`, 303);
  });

  /** The list under the query's filter, with what a bulk action just did. */
  async function listPage(request: FastifyRequest, reply: FastifyReply, outcome?: BulkOutcome) {
    const user = signedIn(request);
    const filter = parseListFilter(request.query);
    const [{ items, total }, choices] = await Promise.all([
      publications.list(filter, user),
      publications.choices(),
    ]);
    return kit.send(
      reply,
      h(PublicationsPage, { view: kit.view(request), filter, choices, items, total, outcome }),
    );
  }

  admin.get('/admin/publications', async (request, reply) => {
    if (!request.adminSession?.user) return reply.redirect('/admin/login', 303);
    return listPage(request, reply);
  });

  // The list's checkboxes: one action on many pieces (see bulk-actions.ts).
  admin.post('/admin/publications/bulk', async (request, reply) => {
    const user = signedIn(request);
    parseListFilter(request.query);
    const outcome = await bulk.apply(parseBulkForm(request.body), user, request.log);
    return listPage(request, reply, outcome);
  });
}

/**
 * A datetime-local value (UTC) as ISO; null when empty; undefined when it is no real
 * time (Date.parse takes 30 February as 2 March: the round trip refuses it).
 */
function utcTimeOf(value: string): string | null | undefined {
  const at = fromLocalUtc(value);
  if (at === undefined) return null;
  const time = Date.parse(at);
  if (Number.isNaN(time)) return undefined;
  const iso = new Date(time).toISOString();
  return iso.startsWith(at.slice(0, 19)) ? iso : undefined;
}

async function editorChoices(db: Kysely<Tables>): Promise<EditorChoices> {
  const terms = (taxonomy: string) =>
    db
      .selectFrom('terms')
      .select(['slug', 'name'])
      .where('taxonomy', '=', taxonomy)
      .orderBy('name')
      .execute();
  const [types, centers, topics, regions, people] = await Promise.all([
    db.selectFrom('publication_types').select(['slug', 'name']).orderBy('name').execute(),
    db.selectFrom('centers').select(['slug', 'name']).orderBy('position').execute(),
    terms('topic'),
    terms('region'),
    db.selectFrom('people').select(['slug', 'name']).orderBy('sort_name').limit(5000).execute(),
  ]);
  return { types, centers, topics, regions, people };
}
