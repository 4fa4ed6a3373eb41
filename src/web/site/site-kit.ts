import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Center } from '../../domain/center.ts';
import { BadRequestError, NotFoundError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ReadingService } from '../../services/reading.ts';
import type { ViewContext } from '../components/view-context.ts';
import { type PageElement, sendPage } from '../render.ts';
import type { SiteDirectory } from '../site-directory.ts';

/** What the public routes share: the reading service and how to make a page's context. */
export interface SiteKit {
  reading: ReadingService;
  view(request: FastifyRequest): ViewContext;
  send(
    request: FastifyRequest,
    reply: FastifyReply,
    page: PageElement,
    status?: number,
  ): FastifyReply;
  /** 301 to another path on the same site, keeping the query string. */
  redirect(request: FastifyRequest, reply: FastifyReply, path: string): FastifyReply;
}

export function createSiteKit(deps: {
  reading: ReadingService;
  directory: SiteDirectory;
  clock: Clock;
  assetVersion: string;
  publicUrl: string | undefined;
}): SiteKit {
  const kit: SiteKit = {
    reading: deps.reading,
    view(request) {
      const site = deps.directory.contextOf(request.raw);
      if (!site)
        throw new NotFoundError({ code: 'NOT_FOUND', message: 'This site has no centers yet.' });
      const origin = siteOrigin(site.center, deps.publicUrl, request);
      return {
        site,
        path: request.url.split('?')[0] ?? '/',
        year: deps.clock.now().getUTCFullYear(),
        origin,
        assetVersion: deps.assetVersion,
      };
    },
    send: (request, reply, page, status) => sendPage(request, reply, page, status),
    redirect(request, reply, path) {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const base = deps.directory.contextOf(request.raw)?.basePath ?? '';
      return reply
        .code(301)
        .header('cache-control', 'public, max-age=3600')
        .redirect(`${base}${path}${query}`, 301);
    },
  };
  return kit;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug from the path; anything that could not be a slug is simply not found. */
export function slugParam(request: FastifyRequest, name = 'slug'): string {
  const value = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!SLUG.test(value) || value.length > 200) throw notFound();
  return value;
}

const pageQuery = z.object({
  page: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(100_000, 'is too large')
    .default(1),
});

/** The `page` query parameter: 1 by default, a clear 400 when it is not a page number. */
export function pageParam(request: FastifyRequest): number {
  const parsed = pageQuery.safeParse(request.query ?? {});
  if (!parsed.success) {
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field: 'page',
      message: `The page number ${parsed.error.issues[0]?.message ?? 'is not valid'}.`,
    });
  }
  return parsed.data.page;
}

/** Beyond the last page of a list there is nothing: 404, as for an unknown item. */
export function assertPageExists(page: number, total: number, pageSize: number): void {
  if (page > 1 && (page - 1) * pageSize >= total) throw notFound();
}

export function notFound(): NotFoundError {
  return new NotFoundError({
    code: 'NOT_FOUND',
    message: 'We could not find that page. It may have moved, or it is not published.',
  });
}

/**
 * The origin of the site being shown: a center on its own host is always addressed by
 * that host (on the public URL's scheme), the others by the public URL, else by the request.
 */
function siteOrigin(center: Center, publicUrl: string | undefined, request: FastifyRequest) {
  const scheme = publicUrl ? new URL(publicUrl).protocol : `${request.protocol}:`;
  if (center.host) return `${scheme}//${center.host}`;
  return publicUrl?.replace(/\/+$/, '') ?? `${scheme}//${request.host}`;
}
