import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { PageElement } from '../../web/render.ts';
import type { Accounts, Client } from '../accounts/accounts.ts';
import type { SessionInfo } from '../accounts/session-store.ts';
import { MAX_PDF_BYTES } from '../media/uploads.ts';
import type { AdminView } from './admin-view.ts';
import {
  ANONYMOUS_CSRF_COOKIE,
  isCrossSite,
  newAnonymousCsrfToken,
  sessionCsrfToken,
  tokensMatch,
} from './csrf.ts';

export const SESSION_COOKIE = 'dossier_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin session of this request, if its cookie opens one. */
    adminSession: SessionInfo | undefined;
    /** The token this request's forms carry (see csrf.ts). */
    adminCsrf: string;
  }
  interface FastifyContextConfig {
    /** Admin routes anyone may reach: the sign-in and password-reset pages. */
    adminPublic?: boolean;
  }
}

export interface AdminKit {
  accounts: Accounts;
  view(request: FastifyRequest): AdminView;
  /** Renders an admin page: never cached, never indexed. */
  send(reply: FastifyReply, page: PageElement, status?: number): FastifyReply;
  client(request: FastifyRequest): Client;
  /** Sets the session cookie: HttpOnly, SameSite=Lax, Secure on HTTPS, admin paths only. */
  setSessionCookie(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    maxAge: number,
  ): void;
  clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void;
}

/**
 * The admin's shared machinery, for the routes registered inside `register`: reads the
 * session cookie, refuses anonymous requests to every route not marked `adminPublic`
 * (pages redirect to the sign-in form, other requests get 401), and checks the CSRF
 * token of every state-changing request, signed in or not.
 */
export async function registerAdmin(
  app: FastifyInstance,
  deps: { accounts: Accounts; clock: Clock; assetVersion: string; networkName: () => string },
  register: (admin: FastifyInstance, kit: AdminKit) => void,
): Promise<void> {
  await app.register(async (admin) => {
    if (!admin.hasContentTypeParser('application/x-www-form-urlencoded'))
      await admin.register(formbody, { bodyLimit: 64 * 1024 });
    await admin.register(cookie);
    // Uploads: one file a request, fields and file read into the body (the CSRF check
    // below reads its token like any form's).
    await admin.register(multipart, {
      attachFieldsToBody: true,
      // Keep the name as sent, so one with a path in it is refused, not quietly cut.
      preservePath: true,
      limits: { fileSize: MAX_PDF_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
    });
    // The site's form parser takes 8 KB (a sign-up); an editor's form is longer (a
    // biography, a description in a script that percent-encodes to nine bytes a letter).
    // Routes that take more say so themselves.
    admin.addHook('onRoute', (route) => {
      route.bodyLimit ??= 256 * 1024;
    });
    admin.decorateRequest('adminSession', undefined);
    admin.decorateRequest('adminCsrf', '');

    const secure = (request: FastifyRequest) => request.protocol === 'https';
    const kit: AdminKit = {
      accounts: deps.accounts,
      view: (request) => ({
        user: request.adminSession?.user,
        csrf: request.adminCsrf,
        path: request.url.split('?')[0] ?? '/admin',
        assetVersion: deps.assetVersion,
        networkName: deps.networkName(),
      }),
      send: (reply, page, status = 200) =>
        reply
          .code(status)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-robots-tag', 'noindex, nofollow')
          .send(`<!doctype html>${renderToString(page)}`),
      client: (request) => ({
        ip: request.ip,
        userAgent: String(request.headers['user-agent'] ?? ''),
      }),
      setSessionCookie(request, reply, token, maxAge) {
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/admin',
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(request),
          maxAge,
        });
      },
      clearSessionCookie(request, reply) {
        reply.clearCookie(SESSION_COOKIE, {
          path: '/admin',
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(request),
        });
      },
    };

    admin.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      request.adminSession = token
        ? await deps.accounts.sessions.find(token, deps.clock.now())
        : undefined;
      if (request.adminSession) {
        request.adminCsrf = sessionCsrfToken(request.adminSession.id);
      } else {
        // A stale or forged session cookie is dropped rather than left to be re-sent.
        if (token) kit.clearSessionCookie(request, reply);
        let anonymous = request.cookies[ANONYMOUS_CSRF_COOKIE];
        if (!anonymous || !/^[A-Za-z0-9_-]{32}$/.test(anonymous)) {
          anonymous = newAnonymousCsrfToken();
          reply.setCookie(ANONYMOUS_CSRF_COOKIE, anonymous, {
            path: '/admin',
            httpOnly: true,
            sameSite: 'strict',
            secure: secure(request),
          });
        }
        request.adminCsrf = anonymous;
      }
      if (!request.adminSession && !request.routeOptions.config.adminPublic) {
        if (request.method === 'GET' || request.method === 'HEAD') {
          const next = encodeURIComponent(request.url);
          return reply.redirect(`/admin/login?next=${next}`, 303);
        }
        throw new UnauthorizedError({
          code: 'SIGN_IN_REQUIRED',
          message: 'Sign in to the admin first.',
        });
      }
    });

    admin.addHook('preHandler', async (request) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const body = (request.body ?? {}) as Record<string, unknown>;
      // A multipart form's fields arrive as { value } objects.
      const sent = body._csrf as unknown;
      const token =
        typeof sent === 'object' && sent !== null && 'value' in sent ? sent.value : sent;
      if (isCrossSite(request) || !tokensMatch(request.adminCsrf, token))
        throw new ForbiddenError({
          code: 'CSRF_FAILED',
          message:
            'This form has expired or did not come from this site. Go back, reload the page and try again.',
        });
    });

    admin.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      reply.header('x-robots-tag', 'noindex, nofollow');
      return payload;
    });

    register(admin, kit);
  });
}

/** Refuses the request unless the signed-in account passes `allowed`. */
/**
 * A row id from the path (`/admin/people/:id`): digits naming a possible row (ids are
 * 32-bit on PostgreSQL), else a 404 naming what is not there, never a database error.
 */
export function pathId(request: FastifyRequest, what: string, name = 'id'): number {
  const value = (request.params as Record<string, string | undefined>)[name] ?? '';
  const id = Number(value);
  if (!/^\d{1,10}$/.test(value) || id < 1 || id > 2_147_483_647)
    throw new NotFoundError({ code: 'NOT_FOUND', message: `There is no such ${what}.` });
  return id;
}

export function requireThat(request: FastifyRequest, allowed: boolean, what: string): void {
  if (!allowed)
    throw new ForbiddenError({
      code: 'FORBIDDEN',
      message: `Your role (${request.adminSession?.user.role ?? 'none'}) does not allow ${what}.`,
    });
}
