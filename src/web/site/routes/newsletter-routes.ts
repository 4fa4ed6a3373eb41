import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement as h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { BadRequestError, DossierError } from '../../../errors.ts';
import { checkEmailAddress } from '../../../newsletter/email-address.ts';
import { linkQuery, readPreferencesLink, readUnsubscribeLink } from '../../../newsletter/links.ts';
import type { Subscriptions } from '../../../newsletter/subscriptions/subscriptions.ts';
import type { ViewContext } from '../../components/view-context.ts';
import { href } from '../../components/view-context.ts';
import type { PageElement } from '../../render.ts';
import { NewsletterConfirmPage } from '../pages/newsletter-confirm-page.tsx';
import { NewsletterNoticePage } from '../pages/newsletter-notice-page.tsx';
import { NewsletterPreferencesPage } from '../pages/newsletter-preferences-page.tsx';
import { NewsletterSignupPage } from '../pages/newsletter-signup-page.tsx';
import { NewsletterUnsubscribePage } from '../pages/newsletter-unsubscribe-page.tsx';
import type { SiteKit } from '../site-kit.ts';
import { readOneClickBody } from './one-click-body.ts';

const slug = z.string().regex(/^[a-z0-9-]{1,200}$/, 'is not a newsletter');
const token = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'is not a valid link');
const id = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
const version = z.string().regex(/^[0-9a-z-]{1,40}$/, 'is not valid');

const signupForm = z.object({
  // Checked (with a reason) by the service; the body limit bounds its length.
  email: z.string('is missing'),
  list: slug,
  // Absent from a form that did not show our wording: the confirmation page then shows it.
  consent: version.optional(),
  form: z.enum(['site-signup', 'newsletters-page']).default('site-signup'),
  // The page the form was on, for the ledger; one that is not a plain path is not kept.
  page: z
    .string()
    .max(2_000)
    .optional()
    .transform((page) => (page && /^\/[\x21-\x7e]{0,499}$/.test(page) ? page : undefined)),
});
const confirmForm = z.object({ t: token, consent: version.optional() });
// The signed link's own fields (k or s, and t) are read by newsletter/links.ts.
const preferencesForm = z.object({
  consent: version,
  list: z.union([id, z.array(id).max(500)]).optional(),
});

/**
 * Sign-up (double opt-in), confirmation, preferences and one-click unsubscribe. Every GET
 * only shows a page (mail scanners follow links); every change is a POST, authorised by
 * a signed link or a single-use token, never by a cookie. Pages that name a subscriber
 * are never cached.
 */
export async function registerNewsletterRoutes(
  app: FastifyInstance,
  kit: SiteKit,
  newsletters: Subscriptions,
): Promise<void> {
  await app.register(formbody, { bodyLimit: 8 * 1024 });
  registerSignupRoutes(app, kit, newsletters);
  registerPreferenceRoutes(app, kit, newsletters);
  // RFC 8058: a mail client's one-click POST carries no cookie and may be multipart, a
  // body type read nowhere else: its parser stays inside this one route's scope.
  await app.register(async (scope) => registerOneClickRoute(scope, kit, newsletters));
}

/** The sign-up page and form, and the confirmation link's page and button. */
function registerSignupRoutes(app: FastifyInstance, kit: SiteKit, newsletters: Subscriptions) {
  app.get('/newsletters', async (request, reply) => {
    const view = kit.view(request);
    const lists = (await newsletters.lists.listAll()).filter(
      (l) => l.centerId === view.site.center.id,
    );
    return kit.send(request, reply, h(NewsletterSignupPage, { view, lists }));
  });

  app.post('/newsletters/subscribe', async (request, reply) => {
    const view = kit.view(request);
    const form = parse(signupForm, request.body);
    const offered = view.site.center.newsletters.find((l) => l.slug === form.list);
    const list = offered && (await newsletters.lists.findById(offered.id));
    if (!list)
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: 'list',
        message: 'That newsletter is not offered on this site.',
      });
    // Only sign-ups that would send a message count against the address they came from.
    if (
      checkEmailAddress(form.email).ok &&
      !newsletters.signupsPerIp.take(request.ip, Date.now())
    ) {
      reply.header('retry-after', '600');
      throw new DossierError(429, {
        code: 'TOO_MANY_SIGNUPS',
        message:
          'Too many sign-ups have come from your network just now. Please try again in a few minutes.',
      });
    }
    await newsletters.signups.signUp({
      email: form.email,
      list,
      consentVersion: form.consent,
      form: form.form,
      page: form.page,
      siteUrl: siteUrl(view),
      evidence: evidence(request),
    });
    // The same answer whatever the address's state: it must not tell who is subscribed.
    return sendPrivate(
      reply,
      h(NewsletterNoticePage, {
        view,
        title: 'Check your inbox',
        children: [
          h(
            'p',
            { class: 'lede' },
            `If the address can receive ${list.name}, an email is on its way.`,
          ),
          h(
            'p',
            null,
            'Open the link in it to confirm your subscription. If nothing arrives within a few minutes, look in your spam folder.',
          ),
        ],
      }),
      202,
    );
  });

  app.get('/newsletters/confirm', async (request, reply) => {
    const view = kit.view(request);
    const { t } = parse(confirmForm, request.query);
    const pending = await newsletters.signups.findConfirmation(t);
    if (!pending) throw invalidConfirmation();
    return sendPrivate(reply, h(NewsletterConfirmPage, { view, list: pending.list, token: t }));
  });

  app.post('/newsletters/confirm', async (request, reply) => {
    const view = kit.view(request);
    const form = parse(confirmForm, request.body);
    const result = await newsletters.signups.confirm(form.t, evidence(request), form.consent);
    if (!result.confirmed) throw invalidConfirmation();
    return sendPrivate(
      reply,
      h(NewsletterNoticePage, {
        view,
        title: 'You are subscribed',
        children: h(
          'p',
          { class: 'lede' },
          `Thank you: ${result.list.name} will come to your inbox. Every issue has a link to change your newsletters or unsubscribe.`,
        ),
      }),
    );
  });
}

/** The preferences page, and the unsubscribe link's page (its POST is the one-click route). */
function registerPreferenceRoutes(app: FastifyInstance, kit: SiteKit, newsletters: Subscriptions) {
  app.get('/newsletters/preferences', async (request, reply) => {
    const view = kit.view(request);
    const link = readPreferencesLink(request.query);
    const preferences = await newsletters.preferences.preferences(link);
    return sendPrivate(
      reply,
      h(NewsletterPreferencesPage, { view, preferences, link, saved: false }),
    );
  });

  app.post('/newsletters/preferences', async (request, reply) => {
    const view = kit.view(request);
    const link = readPreferencesLink(request.body);
    const form = parse(preferencesForm, request.body);
    const listIds = form.list === undefined ? [] : [form.list].flat();
    const preferences = await newsletters.preferences.change(
      link,
      listIds,
      form.consent,
      evidence(request),
    );
    return sendPrivate(
      reply,
      h(NewsletterPreferencesPage, { view, preferences, link, saved: true }),
    );
  });

  app.get('/newsletters/unsubscribe', async (request, reply) => {
    const view = kit.view(request);
    const link = readUnsubscribeLink(request.query);
    const found = await newsletters.preferences.findUnsubscribe(link, siteUrl(view));
    const action = `${href(view, '/newsletters/unsubscribe')}?${linkQuery(link)}`;
    return sendPrivate(
      reply,
      h(NewsletterUnsubscribePage, {
        view,
        list: found.list,
        action,
        preferencesUrl: found.preferencesUrl,
      }),
    );
  });
}

/** RFC 8058 one-click unsubscribe: authorised by the signed link alone, no cookie or session. */
function registerOneClickRoute(scope: FastifyInstance, kit: SiteKit, newsletters: Subscriptions) {
  scope.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 8 * 1024 },
    (_request, body, done) => done(null, body),
  );
  scope.post('/newsletters/unsubscribe', async (request, reply) => {
    const view = kit.view(request);
    const link = readUnsubscribeLink(request.query);
    const fields = readOneClickBody(request.headers['content-type'], request.body);
    if (fields['List-Unsubscribe'] !== 'One-Click')
      throw new BadRequestError({
        code: 'BAD_REQUEST',
        field: 'List-Unsubscribe',
        message: 'An unsubscribe request must carry List-Unsubscribe=One-Click.',
      });
    const done = await newsletters.preferences.unsubscribe(
      link,
      fields.from === 'page' ? 'unsubscribe-page' : 'one-click',
      evidence(request),
    );
    return sendPrivate(
      reply,
      h(NewsletterNoticePage, {
        view,
        title: 'You are unsubscribed',
        children: [
          h(
            'p',
            { class: 'lede' },
            `You will not receive ${done.list.name} any more. Your other newsletters stay as they are.`,
          ),
          h(
            'p',
            null,
            h(
              'a',
              { href: done.preferencesUrl(siteUrl(view)) },
              'Choose which newsletters you receive',
            ),
          ),
        ],
      }),
    );
  });
}

/** The site the request is on: its origin and any center prefix, for mailed links. */
function siteUrl(view: ViewContext): string {
  return `${view.origin}${view.site.basePath}`;
}

/** What the ledger may keep of a request (reduced there as the settings say). */
function evidence(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** Pages about one subscriber: never stored by a browser or a CDN. */
function sendPrivate(reply: FastifyReply, page: PageElement, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'form');
  throw new BadRequestError({
    code: field === 'email' ? 'EMAIL_INVALID' : 'BAD_REQUEST',
    field,
    message: `The ${field} ${issue?.message ?? 'is not valid'}.`,
  });
}

function invalidConfirmation(): DossierError {
  return new DossierError(404, {
    code: 'NEWSLETTER_LINK_INVALID',
    message:
      'This confirmation link is not valid any more: it was used already, it expired, or it was cut short. Sign up again to get a new one.',
  });
}
