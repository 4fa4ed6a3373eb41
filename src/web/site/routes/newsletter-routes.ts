import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { createElement as h } from 'preact';
import { z } from 'zod';
import { BadRequestError } from '../../../errors.ts';
import { StandingPage } from '../pages/standing-page.tsx';
import type { SiteKit } from '../site-kit.ts';

const signup = z.object({
  email: z.email('is not an email address').max(254),
  list: z.string().regex(/^[a-z0-9-]{1,200}$/, 'is not a newsletter'),
});

/**
 * The sign-up form's target. Double opt-in, the consent ledger and sending come with the
 * newsletter work; until then this checks the input and says plainly that nothing was
 * stored, rather than pretending to subscribe anyone.
 */
export async function registerNewsletterRoutes(app: FastifyInstance, kit: SiteKit): Promise<void> {
  await app.register(formbody, { bodyLimit: 8 * 1024 });
  app.post('/newsletters/subscribe', async (request, reply) => {
    const view = kit.view(request);
    const parsed = signup.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: String(issue?.path[0] ?? ''),
        message: `The ${String(issue?.path[0] ?? 'form')} ${issue?.message ?? 'is not valid'}.`,
      });
    }
    const list = view.site.center.newsletters.find((l) => l.slug === parsed.data.list);
    if (!list)
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: 'list',
        message: 'That newsletter is not offered on this site.',
      });
    const page = {
      slug: 'subscribe',
      title: 'Sign-ups open soon',
      summary: `Thank you for your interest in ${list.name}.`,
      bodyHtml:
        '<p>Email sign-up is not open yet on this site. Your address was not stored; please come back soon.</p>',
      updatedAt: '',
    };
    return kit.send(request, reply, h(StandingPage, { view, page }), 202);
  });
}
