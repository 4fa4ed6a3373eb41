import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement as h } from 'preact';
import { DossierError } from '../../errors.ts';
import { slugFrom } from '../content/publication-editor.ts';
import type { PartnerEditor } from '../partners/partner-editor.ts';
import { type AdminKit, pathId, requireThat } from './admin-plugin.ts';
import { type PartnerDraft, PartnerPage, PartnersPage } from './pages/partner-pages.tsx';

/** Partners: listed, added and edited (editors and administrators). */
export function registerPartnerRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  partners: PartnerEditor,
): void {
  const editor = (request: FastifyRequest) => {
    const user = request.adminSession?.user;
    requireThat(request, user !== undefined && user.role !== 'author', 'changing partners');
    return user as NonNullable<typeof user>;
  };
  const idOf = (request: FastifyRequest) => pathId(request, 'partner');
  const draftOf = (request: FastifyRequest): PartnerDraft => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    return { slug: text('slug').trim(), name: text('name').trim(), url: text('url').trim() };
  };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | undefined,
    draft: PartnerDraft,
    extra: { error?: DossierError; notice?: string; pieces?: number } = {},
  ) {
    return kit.send(
      reply,
      h(PartnerPage, {
        view: kit.view(request),
        id,
        draft,
        pieces: extra.pieces,
        error: extra.error?.message,
        errorField: extra.error?.field,
        notice: extra.notice,
      }),
      extra.error?.status ?? 200,
    );
  }

  admin.get('/admin/partners', async (request, reply) => {
    editor(request);
    return kit.send(
      reply,
      h(PartnersPage, { view: kit.view(request), partners: await partners.list() }),
    );
  });

  admin.get('/admin/partners/new', async (request, reply) => {
    editor(request);
    return page(request, reply, undefined, { slug: '', name: '', url: '' });
  });

  admin.post('/admin/partners/new', async (request, reply) => {
    const user = editor(request);
    const draft = draftOf(request);
    try {
      const id = await partners.create(user, draft.slug || slugFrom(draft.name), draft);
      return reply.redirect(`/admin/partners/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, undefined, draft, { error });
    }
  });

  admin.get('/admin/partners/:id', async (request, reply) => {
    editor(request);
    const partner = await partners.find(idOf(request));
    const saved = (request.query as Record<string, unknown>)?.saved === '1';
    return page(
      request,
      reply,
      partner.id,
      { slug: partner.slug, name: partner.name, url: partner.url ?? '' },
      { pieces: partner.pieces, ...(saved ? { notice: 'Saved.' } : {}) },
    );
  });

  admin.post('/admin/partners/:id', async (request, reply) => {
    const user = editor(request);
    const partner = await partners.find(idOf(request));
    const draft = { ...draftOf(request), slug: partner.slug };
    try {
      await partners.update(user, partner.id, draft);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return page(request, reply, partner.id, draft, { error, pieces: partner.pieces });
    }
    return reply.redirect(`/admin/partners/${partner.id}?saved=1`, 303);
  });
}
