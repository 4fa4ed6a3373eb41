import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createElement as h } from 'preact';
import type { Config } from '../../config/schema.ts';
import { DossierError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { createDigestService } from '../../newsletter/digests/digest-service.ts';
import { createIssueRepository } from '../../newsletter/digests/issue-repository.ts';
import { personalize, renderDigest } from '../../newsletter/digests/render-digest.ts';
import { createListRepository } from '../../newsletter/list-repository.ts';
import { linkOrigin } from '../../newsletter/sending/sender-identity.ts';
import { previewLinks, sendTestMessage } from '../../newsletter/sending/test-send.ts';
import type { Tables } from '../../storage/tables.ts';
import { fromLocalUtc } from '../content/editor-form.ts';
import { type AdminKit, pathId, requireThat } from './admin-plugin.ts';
import { IssuePage, NewslettersPage } from './pages/newsletter-pages.tsx';

/**
 * The newsletter screens: lists with their subscriber counts, issues, and an issue's
 * editor (subject, introduction, pieces in order, preview, test, schedule), over the same
 * digest service the CLI uses. Editors and administrators only.
 */
export function registerNewsletterAdminRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  deps: { db: Kysely<Tables>; clock: Clock; config: Config },
): void {
  const { db } = deps;
  const origin = linkOrigin(deps.config).origin;
  const digests = createDigestService({ db, clock: deps.clock, origin });
  const lists = createListRepository(db);
  const issues = createIssueRepository(db);
  const editorsOnly = (request: FastifyRequest) =>
    requireThat(request, request.adminSession?.user.role !== 'author', 'working on newsletters');
  const form = (request: FastifyRequest, name: string): string => {
    const value = (request.body as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : '';
  };
  const issueId = (request: FastifyRequest): number => pathId(request, 'issue');

  async function issuePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { error?: DossierError; notice?: string } = {},
  ) {
    const model = await digests.preview(id);
    return kit.send(
      reply,
      h(IssuePage, {
        view: kit.view(request),
        model,
        error: extra.error?.message,
        notice: extra.notice,
      }),
      extra.error?.status ?? 200,
    );
  }

  /** Runs an edit of an issue, then shows it (with the edit's problem, if it had one). */
  const edit =
    (change: (request: FastifyRequest, id: number) => Promise<unknown>, notice: string) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      editorsOnly(request);
      const id = issueId(request);
      try {
        await change(request, id);
      } catch (error) {
        // A problem with what was sent is shown on the page; an unknown issue is a 404.
        const aboutTheIssue = error instanceof DossierError && error.status === 404 && !error.field;
        if (!(error instanceof DossierError) || error.status >= 500 || aboutTheIssue) throw error;
        return issuePage(request, reply, id, { error });
      }
      return issuePage(request, reply, id, { notice });
    };

  admin.get('/admin/newsletters', async (request, reply) => {
    editorsOnly(request);
    const [all, counts, recent] = await Promise.all([
      lists.listAll(),
      db
        .selectFrom('newsletter_subscriptions')
        .select(['list_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['list_id', 'status'])
        .execute(),
      issues.listByStatus(['draft', 'scheduled', 'sending', 'sent']),
    ]);
    const count = (listId: number, status: string) =>
      Number(counts.find((c) => c.list_id === listId && c.status === status)?.n ?? 0);
    const names = new Map(all.map((l) => [l.id, l.name]));
    return kit.send(
      reply,
      h(NewslettersPage, {
        view: kit.view(request),
        lists: all.map((list) => ({
          list,
          active: count(list.id, 'active'),
          pending: count(list.id, 'pending'),
        })),
        issues: recent
          .sort((a, b) => b.id - a.id)
          .slice(0, 50)
          .map((issue) => ({ ...issue, listName: names.get(issue.listId) ?? '' })),
      }),
    );
  });

  admin.post('/admin/newsletters/issues', async (request, reply) => {
    editorsOnly(request);
    const issue = await digests.draft(form(request, 'list'));
    return reply.redirect(`/admin/newsletters/issues/${issue.id}`, 303);
  });

  admin.get('/admin/newsletters/issues/:id', async (request, reply) => {
    editorsOnly(request);
    return issuePage(request, reply, issueId(request));
  });

  admin.get('/admin/newsletters/issues/:id/preview.html', async (request, reply) => {
    editorsOnly(request);
    const digest = renderDigest(await digests.preview(issueId(request)));
    const { html } = personalize(digest, previewLinks(origin));
    return reply.type('text/html; charset=utf-8').send(html);
  });

  admin.get('/admin/newsletters/issues/:id/preview.txt', async (request, reply) => {
    editorsOnly(request);
    const digest = renderDigest(await digests.preview(issueId(request)));
    const { text } = personalize(digest, previewLinks(origin));
    return reply.type('text/plain; charset=utf-8').send(text);
  });

  admin.post(
    '/admin/newsletters/issues/:id/text',
    { bodyLimit: 256 * 1024 },
    edit(async (request, id) => {
      await digests.setSubject(id, form(request, 'subject'));
      await digests.setIntro(id, form(request, 'intro'));
    }, 'Saved.'),
  );
  admin.post(
    '/admin/newsletters/issues/:id/pieces/add',
    edit((request, id) => digests.addPiece(id, form(request, 'slug').trim()), 'Piece added.'),
  );
  admin.post(
    '/admin/newsletters/issues/:id/pieces/remove',
    edit((request, id) => digests.removePiece(id, form(request, 'slug')), 'Piece removed.'),
  );
  admin.post(
    '/admin/newsletters/issues/:id/pieces/move',
    edit(
      (request, id) =>
        digests.movePiece(id, form(request, 'slug'), Number(form(request, 'position')) || 0),
      'Piece moved.',
    ),
  );
  admin.post(
    '/admin/newsletters/issues/:id/schedule',
    edit(async (request, id) => {
      const at = fromLocalUtc(form(request, 'at'));
      const when = at === undefined ? null : new Date(at);
      if (when !== null && Number.isNaN(when.getTime()))
        throw new DossierError(422, {
          code: 'BAD_REQUEST',
          field: 'at',
          message: 'The sending time must be a date and time.',
        });
      await digests.schedule(id, when);
    }, 'Sending time saved.'),
  );
  admin.post(
    '/admin/newsletters/issues/:id/test',
    edit(async (request, id) => {
      await sendTestMessage(await digests.preview(id), form(request, 'to'), {
        config: deps.config,
        now: deps.clock.now(),
      });
    }, 'Test message sent.'),
  );
}
