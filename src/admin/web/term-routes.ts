import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement as h } from 'preact';
import { TAXONOMIES, type Taxonomy } from '../../domain/publication.ts';
import { DossierError, NotFoundError } from '../../errors.ts';
import { slugFrom } from '../content/publication-editor.ts';
import type { TermEditor } from '../taxonomy/term-editor.ts';
import { type AdminKit, pathId, requireThat } from './admin-plugin.ts';
import { TermPage, TermsPage } from './pages/term-pages.tsx';

/** Programs, projects, regions, topics and collections: listed, added and edited. */
export function registerTermRoutes(admin: FastifyInstance, kit: AdminKit, terms: TermEditor): void {
  const user = (request: FastifyRequest) => {
    const signedIn = request.adminSession?.user;
    requireThat(
      request,
      signedIn !== undefined && signedIn.role !== 'author',
      'changing taxonomies',
    );
    return signedIn as NonNullable<typeof signedIn>;
  };
  const form = (request: FastifyRequest, name: string): string => {
    const value = (request.body as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : '';
  };
  const taxonomyOf = (value: unknown): Taxonomy => {
    if (!TAXONOMIES.includes(value as Taxonomy))
      throw new NotFoundError({ code: 'NOT_FOUND', message: 'There is no such taxonomy.' });
    return value as Taxonomy;
  };
  const idOf = (request: FastifyRequest) => pathId(request, 'term');

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    taxonomy: Taxonomy,
    extra: { error?: DossierError; notice?: string; draft?: Record<string, string> } = {},
  ) {
    return kit.send(
      reply,
      h(TermsPage, {
        view: kit.view(request),
        taxonomy,
        terms: await terms.list(taxonomy),
        error: extra.error?.message,
        notice: extra.notice,
        ...(extra.draft
          ? {
              draft: {
                name: extra.draft.name ?? '',
                slug: extra.draft.slug ?? '',
                description: extra.draft.description ?? '',
                parent: extra.draft.parent ?? '',
              },
            }
          : {}),
      }),
      extra.error?.status ?? 200,
    );
  }

  admin.get('/admin/terms', async (request, reply) => {
    user(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    return listPage(request, reply, taxonomyOf(query.taxonomy ?? 'topic'));
  });

  admin.post('/admin/terms', async (request, reply) => {
    const editor = user(request);
    const taxonomy = taxonomyOf(form(request, 'taxonomy'));
    const draft = {
      name: form(request, 'name').slice(0, 200),
      slug: form(request, 'slug').trim(),
      description: form(request, 'description'),
      parent: form(request, 'parent'),
    };
    try {
      await terms.create(editor, taxonomy, draft.slug || slugFrom(draft.name), draft);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      return listPage(request, reply, taxonomy, { error, draft });
    }
    return listPage(request, reply, taxonomy, { notice: `${draft.name} added.` });
  });

  admin.get('/admin/terms/:id', async (request, reply) => {
    user(request);
    const term = await terms.find(idOf(request));
    return kit.send(
      reply,
      h(TermPage, { view: kit.view(request), term, siblings: await terms.list(term.taxonomy) }),
    );
  });

  admin.post('/admin/terms/:id', async (request, reply) => {
    const editor = user(request);
    const id = idOf(request);
    const input = {
      name: form(request, 'name'),
      description: form(request, 'description'),
      parent: form(request, 'parent'),
    };
    let problem: DossierError | undefined;
    try {
      await terms.update(editor, id, input);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      problem = error;
    }
    const term = await terms.find(id);
    return kit.send(
      reply,
      h(TermPage, {
        view: kit.view(request),
        term: problem ? { ...term, name: input.name, description: input.description } : term,
        siblings: await terms.list(term.taxonomy),
        error: problem?.message,
        notice: problem ? undefined : 'Saved.',
      }),
      problem?.status ?? 200,
    );
  });
}
