import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/*
 * Every state-changing admin request must prove it comes from one of our own forms:
 *
 * - Signed in: the form carries an HMAC of the session's id (the hash of the cookie's
 *   token, which never leaves the server), so it is fixed for the session and useless
 *   to anyone without it.
 * - Not yet signed in (the sign-in and reset forms): a random value in a cookie of its
 *   own, repeated in the form (a double submit); another site can neither read the cookie
 *   nor set it on our host.
 *
 * And a browser that says the request came from another site (Sec-Fetch-Site, Origin) is
 * refused whatever it carries.
 */

export const ANONYMOUS_CSRF_COOKIE = 'dossier_csrf';

export function sessionCsrfToken(sessionId: string): string {
  return createHmac('sha256', sessionId).update('admin-form').digest('base64url');
}

export function newAnonymousCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Whether the browser says this request was started by a page of another site. */
export function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site') return true;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    try {
      return new URL(origin).host !== request.host;
    } catch {
      return true;
    }
  }
  return origin === 'null';
}
