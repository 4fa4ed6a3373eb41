import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createElement as h } from 'preact';
import { BadRequestError } from '../../errors.ts';
import type { Tables } from '../../storage/tables.ts';
import { createAdminPublicationList, listFilterSchema } from '../content/publication-list.ts';
import type { AdminKit } from './admin-plugin.ts';
import { PublicationsPage } from './pages/publications-page.tsx';

export function registerContentRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  db: Kysely<Tables>,
): void {
  const publications = createAdminPublicationList(db);

  admin.get('/admin/publications', async (request, reply) => {
    const user = request.adminSession?.user;
    if (!user) return reply.redirect('/admin/login', 303);
    // Empty selects send empty values: they mean "any".
    const raw = Object.fromEntries(
      Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''),
    );
    const parsed = listFilterSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: String(issue?.path[0] ?? ''),
        message: `The filter ${String(issue?.path[0] ?? '')} is not valid.`,
      });
    }
    const [{ items, total }, choices] = await Promise.all([
      publications.list(parsed.data, user),
      publications.choices(),
    ]);
    return kit.send(
      reply,
      h(PublicationsPage, { view: kit.view(request), filter: parsed.data, choices, items, total }),
    );
  });
}
