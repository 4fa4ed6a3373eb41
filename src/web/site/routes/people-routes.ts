import type { FastifyInstance } from 'fastify';
import { createElement as h } from 'preact';
import { z } from 'zod';
import { BadRequestError } from '../../../errors.ts';
import { PAGE_SIZE } from '../../../services/reading.ts';
import { ExpertsPage } from '../pages/experts-page.tsx';
import { PersonPage } from '../pages/person-page.tsx';
import { assertPageExists, notFound, pageParam, type SiteKit, slugParam } from '../site-kit.ts';

const slugOrEmpty = z
  .string()
  .max(200)
  .regex(/^([a-z0-9]+(?:-[a-z0-9]+)*)?$/, 'is not a known choice')
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const expertsQuery = z.object({ program: slugOrEmpty, region: slugOrEmpty, topic: slugOrEmpty });

export function registerPeopleRoutes(app: FastifyInstance, kit: SiteKit): void {
  app.get('/experts', async (request, reply) => {
    const view = kit.view(request);
    const page = pageParam(request);
    const parsed = expertsQuery.safeParse(request.query ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: String(issue?.path[0] ?? ''),
        message: `The ${String(issue?.path[0] ?? 'filter')} filter ${issue?.message ?? 'is not valid'}.`,
      });
    }
    const filter = parsed.data;
    const [programs, regions, topics] = await Promise.all([
      kit.reading.listTerms('program'),
      kit.reading.listTerms('region'),
      kit.reading.listTerms('topic'),
    ]);
    const pick = (terms: typeof programs, slug: string | undefined) =>
      slug === undefined ? undefined : terms.find((t) => t.slug === slug);
    const program = pick(programs, filter.program);
    const region = pick(regions, filter.region);
    const topic = pick(topics, filter.topic);
    if ((filter.program && !program) || (filter.region && !region) || (filter.topic && !topic)) {
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        message: 'One of the filters names a program, region or topic that does not exist.',
      });
    }
    const expertiseGroups = [
      ...(region ? [await kit.reading.descendantIds(region.id)] : []),
      ...(topic ? [[topic.id]] : []),
    ];
    const experts = await kit.reading.experts(
      { ...(program ? { programIds: [program.id] } : {}), expertiseGroups },
      page,
    );
    assertPageExists(page, experts.total, PAGE_SIZE);
    return kit.send(
      request,
      reply,
      h(ExpertsPage, { view, experts, page, filter, options: { programs, regions, topics } }),
    );
  });

  app.get('/experts/:slug', async (request, reply) => {
    const view = kit.view(request);
    const page = pageParam(request);
    const found = await kit.reading.personPage(slugParam(request), page);
    if (!found) throw notFound();
    if ('redirect' in found) return kit.redirect(request, reply, `/experts/${found.redirect}`);
    assertPageExists(page, found.work.total, PAGE_SIZE);
    return kit.send(request, reply, h(PersonPage, { view, data: found, page }));
  });
}
