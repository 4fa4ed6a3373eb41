import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createElement as h } from 'preact';
import { DossierError } from '../../errors.ts';
import type { AdminKit } from './admin-plugin.ts';
import { MessagePage, NewPasswordPage, ResetRequestPage } from './pages/password-reset-pages.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';

type Form = Record<string, unknown>;
const field = (body: unknown, name: string): string => {
  const value = (body as Form | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** Only our own admin paths: never another host, never a scheme-relative `//evil`. */
export function safeNext(next: string): string {
  return /^\/admin(?:[/?#]|$)/.test(next) && !next.startsWith('//') && !/[\\\s]/.test(next)
    ? next
    : '/admin';
}

/**
 * Where a reset link may point: the configured public address, a center's own host, or
 * this machine. Never the Host header as given, or anyone could have us mail a victim a
 * link to their own server.
 */
export type ResetOrigin = (request: FastifyRequest) => string | undefined;

export function registerSessionRoutes(
  admin: FastifyInstance,
  kit: AdminKit,
  resetOrigin: ResetOrigin,
): void {
  const open = { config: { adminPublic: true } };

  admin.get('/admin/login', open, async (request, reply) => {
    const next = safeNext(String((request.query as Form)?.next ?? ''));
    if (request.adminSession) return reply.redirect(next, 303);
    return kit.send(reply, h(SignInPage, { view: kit.view(request), next }));
  });

  admin.post('/admin/login', open, async (request, reply) => {
    const email = field(request.body, 'email');
    const next = safeNext(field(request.body, 'next'));
    try {
      const session = await kit.accounts.signIn(
        email,
        field(request.body, 'password'),
        kit.client(request),
      );
      kit.setSessionCookie(request, reply, session.token, session.maxAgeSeconds);
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      if ('retryAfter' in error) reply.header('retry-after', String(error.retryAfter));
      return kit.send(
        reply,
        h(SignInPage, {
          view: kit.view(request),
          email: email.slice(0, 254),
          next,
          error: error.message,
        }),
        error.status,
      );
    }
  });

  admin.post('/admin/logout', async (request, reply) => {
    const session = request.adminSession;
    const token = request.cookies.dossier_session;
    if (session && token) await kit.accounts.signOut(token, session.user, kit.client(request));
    kit.clearSessionCookie(request, reply);
    return reply.redirect('/admin/login', 303);
  });

  admin.post('/admin/logout-everywhere', async (request, reply) => {
    const session = request.adminSession;
    if (session) await kit.accounts.signOutEverywhere(session.user, kit.client(request));
    kit.clearSessionCookie(request, reply);
    return reply.redirect('/admin/login', 303);
  });

  admin.get('/admin/password-reset', open, async (request, reply) =>
    kit.send(reply, h(ResetRequestPage, { view: kit.view(request) })),
  );

  admin.post('/admin/password-reset', open, async (request, reply) => {
    const origin = resetOrigin(request);
    if (origin === undefined)
      request.log.warn(
        'a password reset was asked for on a host we cannot link to: set DOSSIER_SERVER_PUBLIC_URL',
      );
    else
      await kit.accounts
        .requestPasswordReset(field(request.body, 'email'), origin, kit.client(request))
        .catch((err) => {
          // The answer must not differ for a known address: log it, answer as always.
          request.log.error({ err }, 'could not send a password-reset message');
        });
    return kit.send(reply, h(ResetRequestPage, { view: kit.view(request), sent: true }), 202);
  });

  admin.get('/admin/reset/:token', open, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await kit.accounts.resetLinkWorks(token)))
      return kit.send(reply, invalidLink(kit, request), 404);
    return kit.send(reply, h(NewPasswordPage, { view: kit.view(request), token }));
  });

  admin.post('/admin/reset/:token', open, async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      await kit.accounts.resetPassword(token, field(request.body, 'password'), kit.client(request));
    } catch (error) {
      if (!(error instanceof DossierError) || error.status >= 500) throw error;
      if (error.code === 'RESET_LINK_INVALID')
        return kit.send(reply, invalidLink(kit, request), 404);
      return kit.send(
        reply,
        h(NewPasswordPage, { view: kit.view(request), token, error: error.message }),
        error.status,
      );
    }
    kit.clearSessionCookie(request, reply);
    return kit.send(
      reply,
      h(MessagePage, {
        view: kit.view(request),
        title: 'Password changed',
        message: 'Your new password is saved, and every earlier session of your account has ended.',
        link: { href: '/admin/login', label: 'Sign in' },
      }),
    );
  });
}

function invalidLink(kit: AdminKit, request: FastifyRequest) {
  return h(MessagePage, {
    view: kit.view(request),
    title: 'This link does not work',
    message: 'The password-reset link is mistyped, already used, or over an hour old.',
    link: { href: '/admin/password-reset', label: 'Ask for a new link' },
  });
}
