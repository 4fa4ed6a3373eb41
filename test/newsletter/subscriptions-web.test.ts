import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailHash } from '../../src/newsletter/email-address.ts';
import { preferencesUrl, unsubscribeUrl } from '../../src/newsletter/links.ts';
import { testDialects } from '../helpers/dialects.ts';
import { checkHtml } from '../helpers/html-checker.ts';
import {
  FORM,
  formBody,
  linkIn,
  type NewsletterSite,
  openNewsletterSite,
  pathOf,
} from './newsletter-site.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const CONSENT = '2026-12-06-1';
const START = Date.parse('2026-06-01T12:00:00Z');
/** Where each list is offered (sign-up forms post to their own center's site). */
const SIGNUP_PATH: Record<string, string> = {
  'hq-weekly': '/newsletters/subscribe',
  'europe-weekly': '/europe/newsletters/subscribe',
  'europe-hebdo': '/europe/newsletters/subscribe',
};
let nextIp = 1;
/** Each test reader comes from its own address, so the per-IP limit stays out of the way. */
const freshIp = () => `198.51.100.${nextIp++ % 250}`;

for (const dialect of testDialects()) {
  describe(`newsletter subscriptions on the web (${dialect.name})`, () => {
    let sink: SmtpSink;
    let site: NewsletterSite;
    beforeAll(async () => {
      sink = await startSmtpSink({ rejectRecipients: (a) => a.startsWith('nobody@') });
      site = await openNewsletterSite(dialect, sink.url);
    });
    afterAll(async () => {
      await site?.close();
      await sink?.close();
    });
    /**
     * Each test starts six minutes after the last, past the one-message-per-address
     * window; tests that travel further come back to here.
     */
    let now = START;
    beforeEach(() => {
      sink.clear();
      now += 6 * 60_000;
      site.clock.set(new Date(now));
    });
    const later = (ms: number) => site.clock.set(new Date(now + ms));

    const db = () => site.database.db;
    const signUp = (
      email: string,
      fields: Record<string, string> = {},
      options: { path?: string; ip?: string } = {},
    ) =>
      site.app.inject({
        method: 'POST',
        url: options.path ?? SIGNUP_PATH[fields.list ?? 'hq-weekly'] ?? '/newsletters/subscribe',
        headers: { ...FORM, 'user-agent': 'TestBrowser/1.0' },
        remoteAddress: options.ip ?? freshIp(),
        payload: formBody({
          email,
          list: 'hq-weekly',
          consent: CONSENT,
          form: 'site-signup',
          page: '/research/a-piece',
          ...fields,
        }),
      });
    const statusOf = async (email: string, list: string) => {
      const row = await db()
        .selectFrom('newsletter_subscriptions as s')
        .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
        .innerJoin('newsletter_lists as l', 'l.id', 's.list_id')
        .select('s.status')
        .where('r.email_hash', '=', emailHash(email))
        .where('l.slug', '=', list)
        .executeTakeFirst();
      return row?.status;
    };
    const ledgerOf = (email: string) =>
      db()
        .selectFrom('newsletter_consent_ledger')
        .selectAll()
        .where('email_hash', '=', emailHash(email))
        .orderBy('id')
        .execute();
    /** What the subscriber's links are made from. */
    const linksOf = async (email: string) => {
      const row = await db()
        .selectFrom('newsletter_subscribers')
        .select(['link_key', 'link_secret'])
        .where('email_hash', '=', emailHash(email))
        .executeTakeFirstOrThrow();
      return { linkKey: row.link_key, linkSecret: row.link_secret };
    };
    /** Signs up and confirms through the links mailed, as a reader would. */
    const subscribe = async (email: string, list = 'hq-weekly') => {
      sink.clear();
      expect((await signUp(email, { list })).statusCode).toBe(202);
      const [mail] = await sink.waitFor(1);
      const confirm = pathOf(linkIn(mail?.text ?? '', 'http://dossier.test/'));
      const t = new URL(confirm, 'http://x').searchParams.get('t') ?? '';
      const res = await site.app.inject({
        method: 'POST',
        url: '/newsletters/confirm',
        headers: FORM,
        payload: formBody({ t, consent: CONSENT }),
      });
      expect(res.statusCode).toBe(200);
      sink.clear();
      // Past the one-message-per-address window, as a real reader would be.
      now += 6 * 60_000;
      site.clock.set(new Date(now));
    };

    it('shows the consent wording and carries form, page and wording version in the footer form', async () => {
      const res = await site.app.inject({ url: '/' });
      expect(res.body).toContain('I agree that Headquarters Center emails me HQ Weekly.');
      expect(res.body).toContain(`name="consent" value="${CONSENT}"`);
      expect(res.body).toContain('name="form" value="site-signup"');
      expect(res.body).toContain('name="page" value="/"');
    });

    it('lists the center’s lists on /newsletters, each with its own form', async () => {
      const res = await site.app.inject({ url: '/europe/newsletters' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Europe Weekly');
      expect(res.body).toContain('Europe Hebdo');
      expect(res.body).not.toContain('HQ Weekly');
      expect(res.body).toContain('name="form" value="newsletters-page"');
    });

    it('mails a single-use confirmation link and records the sign-up; nothing is active yet', async () => {
      const res = await signUp('Reader.One@Example.ORG', {}, { ip: '203.0.113.77' });
      expect(res.statusCode).toBe(202);
      expect(res.headers['cache-control']).toBe('no-store');
      const [mail] = await sink.waitFor(1);
      expect(mail?.envelope.to).toEqual(['Reader.One@example.org']);
      expect(mail?.parsed.to && 'text' in mail.parsed.to ? mail.parsed.to.text : '').toBe(
        'Reader.One@example.org',
      );
      expect(mail?.subject).toBe('Confirm your subscription to HQ Weekly');
      const link = linkIn(mail?.text ?? '', 'http://dossier.test/newsletters/confirm?t=');
      expect(mail?.html).toContain(link.replaceAll('&', '&amp;'));
      expect(await statusOf('reader.one@example.org', 'hq-weekly')).toBe('pending');

      const [entry] = await ledgerOf('reader.one@example.org');
      expect(entry).toMatchObject({
        event: 'signup',
        channel: 'form',
        ip: '203.0.113.0/24',
        user_agent: 'TestBrowser/1.0',
        form: 'site-signup',
        page: '/research/a-piece',
        consent_version: CONSENT,
      });
      const wording = await db()
        .selectFrom('newsletter_consent_texts')
        .selectAll()
        .where('version', '=', CONSENT)
        .executeTakeFirst();
      expect(wording?.wording).toContain('{list}');
      // Only the token's hash is stored.
      const t = new URL(link).searchParams.get('t') ?? '';
      const tokens = await db().selectFrom('newsletter_tokens').select('token_hash').execute();
      expect(tokens.map((r) => r.token_hash)).not.toContain(t);
      expect(tokens.length).toBeGreaterThan(0);
    });

    it('confirms only by POST: the link’s page changes nothing, the button does, once', async () => {
      expect((await signUp('two@example.org')).statusCode).toBe(202);
      const [mail] = await sink.waitFor(1);
      const link = pathOf(linkIn(mail?.text ?? '', 'http://dossier.test/newsletters/confirm'));
      const page = await site.app.inject({ url: link });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Confirm my subscription to HQ Weekly');
      expect(await site.app.inject({ url: link })).toHaveProperty('statusCode', 200);
      expect(await statusOf('two@example.org', 'hq-weekly')).toBe('pending');

      const t = new URL(link, 'http://x').searchParams.get('t') ?? '';
      const confirm = () =>
        site.app.inject({
          method: 'POST',
          url: '/newsletters/confirm',
          headers: { ...FORM, 'user-agent': 'Confirmer/2' },
          remoteAddress: '2001:db8:1234:5678::9',
          payload: formBody({ t, consent: CONSENT }),
        });
      expect((await confirm()).statusCode).toBe(200);
      expect(await statusOf('two@example.org', 'hq-weekly')).toBe('active');
      const entries = await ledgerOf('two@example.org');
      expect(entries.map((e) => e.event)).toEqual(['signup', 'confirm']);
      expect(entries[1]).toMatchObject({
        channel: 'confirmation-link',
        ip: '2001:db8:1234::/48',
        user_agent: 'Confirmer/2',
        consent_version: CONSENT,
      });
      // Single use: the second press and the link itself are now refused.
      expect((await confirm()).statusCode).toBe(404);
      expect((await site.app.inject({ url: link })).statusCode).toBe(404);
      expect(await ledgerOf('two@example.org')).toHaveLength(2);
    });

    it('refuses a confirmation link once it has expired', async () => {
      expect((await signUp('late@example.org')).statusCode).toBe(202);
      const [mail] = await sink.waitFor(1);
      const link = pathOf(linkIn(mail?.text ?? '', 'http://dossier.test/newsletters/confirm'));
      const t = new URL(link, 'http://x').searchParams.get('t') ?? '';
      later(72 * 3_600_000 + 1_000);
      {
        expect((await site.app.inject({ url: link })).statusCode).toBe(404);
        const res = await site.app.inject({
          method: 'POST',
          url: '/newsletters/confirm',
          headers: FORM,
          payload: formBody({ t }),
        });
        expect(res.statusCode).toBe(404);
        expect(await statusOf('late@example.org', 'hq-weekly')).toBe('pending');
      }
    });

    it('answers the same page whatever the address’s state, and never says who is subscribed', async () => {
      await subscribe('known@example.org');
      const fresh = await signUp('unknown@example.org');
      const known = await signUp('known@example.org');
      expect(known.statusCode).toBe(fresh.statusCode);
      expect(known.body).toBe(fresh.body);
      await sink.waitFor(2);
      // The subscriber is told nothing changed and given their preferences link instead.
      const [note] = sink.to('known@example.org');
      expect(note?.subject).toBe('You already receive HQ Weekly');
      expect(note?.text).toContain('http://dossier.test/newsletters/preferences?k=');
      expect(note?.text).not.toContain('/newsletters/confirm');
      expect(await statusOf('known@example.org', 'hq-weekly')).toBe('active');
    });

    it('sends at most one message per address and list in five minutes', async () => {
      expect((await signUp('bombed@example.org')).statusCode).toBe(202);
      expect((await signUp('bombed@example.org')).statusCode).toBe(202);
      expect((await signUp('BOMBED@example.org')).statusCode).toBe(202);
      await sink.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sink.countsByRecipient().get('bombed@example.org')).toBe(1);
      later(5 * 60_000 + 1_000);
      expect((await signUp('bombed@example.org')).statusCode).toBe(202);
      await sink.waitFor(2);
      expect(sink.countsByRecipient().get('bombed@example.org')).toBe(2);
    });

    it('limits sign-ups from one network with a 429 and Retry-After', async () => {
      const ip = '192.0.2.200';
      for (let i = 0; i < 10; i++)
        expect((await signUp(`flood${i}@example.org`, {}, { ip })).statusCode).toBe(202);
      const res = await signUp('flood-last@example.org', {}, { ip });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('600');
      expect(await statusOf('flood-last@example.org', 'hq-weekly')).toBeUndefined();
    });

    it('refuses bad sign-ups with a 400 naming the field, and stores nothing', async () => {
      const before = await db().selectFrom('newsletter_consent_ledger').select('id').execute();
      for (const [fields, field] of [
        [{ email: 'not-an-email' }, 'email'],
        [{ email: 'a@b.example', list: 'europe-weekly' }, 'list'],
        [{ email: 'a@b.example', consent: '1999-01-01-1' }, 'consent'],
        [{ email: 'a@b.example', form: 'elsewhere' }, 'form'],
      ] as const) {
        const res = await signUp(fields.email, fields, { path: '/newsletters/subscribe' });
        expect(res.statusCode, JSON.stringify(fields)).toBe(400);
        expect(res.body, field).toMatch(
          new RegExp(`The ${field}|newsletter is not offered|form is out of date`),
        );
      }
      const after = await db().selectFrom('newsletter_consent_ledger').select('id').execute();
      expect(after.length).toBe(before.length);
      expect(sink.messages).toHaveLength(0);
    });

    it('mails links on the center’s own prefix for a sign-up there', async () => {
      const res = await signUp(
        'euro@example.org',
        { list: 'europe-hebdo' },
        { path: '/europe/newsletters/subscribe' },
      );
      expect(res.statusCode).toBe(202);
      const [mail] = await sink.waitFor(1);
      expect(mail?.text).toContain('http://dossier.test/europe/newsletters/confirm?t=');
      expect(mail?.subject).toBe('Confirm your subscription to Europe Hebdo');
    });

    it('sends nothing to a bounced address, with the same answer', async () => {
      await db()
        .insertInto('newsletter_suppressions')
        .values({
          email_hash: emailHash('bounced@example.org'),
          reason: 'bounced',
          created_at: '2026-01-01T00:00:00Z',
        })
        .execute();
      const res = await signUp('bounced@example.org');
      const other = await signUp('someone-new@example.org');
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe(other.body);
      await sink.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(sink.to('bounced@example.org')).toHaveLength(0);
    });

    it('answers 503 when the mail server refuses, and lets the reader try again', async () => {
      const res = await signUp('nobody@example.org');
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('could not send the confirmation email');
      // The failed message did not count against the address: the retry reaches SMTP again.
      expect((await signUp('nobody@example.org')).statusCode).toBe(503);
    });

    it('changes lists on the preferences page: ticked ones join, unticked ones leave', async () => {
      await subscribe('prefs@example.org');
      expect((await signUp('prefs@example.org')).statusCode).toBe(202);
      const [note] = await sink.waitFor(1);
      const prefs = pathOf(linkIn(note?.text ?? '', 'http://dossier.test/newsletters/preferences'));
      const page = await site.app.inject({ url: prefs });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      for (const name of ['HQ Weekly', 'Europe Weekly', 'Europe Hebdo', 'Asia Weekly'])
        expect(page.body).toContain(name);
      expect(page.body).toContain('prefs@example.org');
      const ids = Object.fromEntries(
        (await db().selectFrom('newsletter_lists').select(['id', 'slug']).execute()).map((l) => [
          l.slug,
          String(l.id),
        ]),
      );
      const query = new URL(prefs, 'http://x').searchParams;
      const save = (lists: string[], t = query.get('t') ?? '') =>
        site.app.inject({
          method: 'POST',
          url: '/newsletters/preferences',
          headers: FORM,
          payload: formBody({ k: query.get('k') ?? '', t, consent: CONSENT, list: lists }),
        });
      expect((await save([ids['hq-weekly'] ?? '', ids['europe-hebdo'] ?? ''])).statusCode).toBe(
        200,
      );
      expect(await statusOf('prefs@example.org', 'europe-hebdo')).toBe('active');
      expect(await statusOf('prefs@example.org', 'hq-weekly')).toBe('active');
      const saved = await save([ids['europe-hebdo'] ?? '']);
      expect(saved.body).toContain('Your choices are saved.');
      expect(await statusOf('prefs@example.org', 'hq-weekly')).toBe('unsubscribed');
      expect(await statusOf('prefs@example.org', 'europe-hebdo')).toBe('active');
      const entries = (await ledgerOf('prefs@example.org')).slice(-2);
      expect(entries.map((e) => [e.event, e.channel])).toEqual([
        ['subscribe', 'preferences'],
        ['unsubscribe', 'preferences'],
      ]);
      expect(entries[0]?.consent_version).toBe(CONSENT);
      // A forged token changes nothing.
      expect((await save([], 'AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
      expect(await statusOf('prefs@example.org', 'europe-hebdo')).toBe('active');
    });

    describe('one-click unsubscribe (RFC 8058)', () => {
      let url: string;
      beforeAll(async () => {
        await subscribe('oneclick@example.org', 'europe-weekly');
        await subscribe('oneclick@example.org', 'europe-hebdo');
        const row = await linksOf('oneclick@example.org');
        url = pathOf(unsubscribeUrl('http://dossier.test/europe', row, 'europe-weekly'));
      });

      it('shows a page with a button on GET and changes nothing', async () => {
        const res = await site.app.inject({ url });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('Unsubscribe from Europe Weekly');
        expect(res.body).toContain('name="List-Unsubscribe" value="One-Click"');
        expect(await statusOf('oneclick@example.org', 'europe-weekly')).toBe('active');
      });

      it('refuses a POST without List-Unsubscribe=One-Click, or with a forged token', async () => {
        const bare = await site.app.inject({ method: 'POST', url, headers: FORM, payload: 'x=1' });
        expect(bare.statusCode).toBe(400);
        const forged = await site.app.inject({
          method: 'POST',
          url: url.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAAAAAAAA'),
          headers: FORM,
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(forged.statusCode).toBe(404);
        expect(await statusOf('oneclick@example.org', 'europe-weekly')).toBe('active');
      });

      it('unsubscribes from that one list at once on POST, without cookies, keeping the others', async () => {
        const res = await site.app.inject({
          method: 'POST',
          url,
          headers: FORM,
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(await statusOf('oneclick@example.org', 'europe-weekly')).toBe('unsubscribed');
        expect(await statusOf('oneclick@example.org', 'europe-hebdo')).toBe('active');
        const last = (await ledgerOf('oneclick@example.org')).at(-1);
        expect(last).toMatchObject({ event: 'unsubscribe', channel: 'one-click' });
        // Saying it again is harmless and writes nothing more.
        const again = await site.app.inject({
          method: 'POST',
          url,
          headers: FORM,
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(again.statusCode).toBe(200);
        expect((await ledgerOf('oneclick@example.org')).at(-1)?.id).toBe(last?.id);
      });

      it('accepts the multipart/form-data body of RFC 8058’s example', async () => {
        await subscribe('multipart@example.org', 'europe-hebdo');
        const row = await linksOf('multipart@example.org');
        const boundary = '---FormBoundaryjWmhtjORrn';
        const res = await site.app.inject({
          method: 'POST',
          url: pathOf(unsubscribeUrl('http://dossier.test', row, 'europe-hebdo')),
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
        });
        expect(res.statusCode).toBe(200);
        expect(await statusOf('multipart@example.org', 'europe-hebdo')).toBe('unsubscribed');
      });
    });

    it('lets an erased reader sign up again through the form; confirming lifts the suppression', async () => {
      const hash = emailHash('returning@example.org');
      await db()
        .insertInto('newsletter_suppressions')
        .values({ email_hash: hash, reason: 'erased', created_at: '2026-01-01T00:00:00Z' })
        .execute();
      await subscribe('returning@example.org');
      expect(await statusOf('returning@example.org', 'hq-weekly')).toBe('active');
      const left = await db()
        .selectFrom('newsletter_suppressions')
        .select('reason')
        .where('email_hash', '=', hash)
        .execute();
      expect(left).toEqual([]);
    });

    it('renders every newsletter page as valid HTML', async () => {
      const pages: { name: string; html: string }[] = [];
      const keep = (name: string, res: { statusCode: number; body: string }, status: number) => {
        expect(res.statusCode, name).toBe(status);
        pages.push({ name, html: res.body });
      };
      keep('sign-up page', await site.app.inject({ url: '/europe/newsletters' }), 200);
      const signedUp = await signUp('valid-html@example.org');
      keep('check your inbox', signedUp, 202);
      const [mail] = await sink.waitFor(1);
      const confirm = pathOf(linkIn(mail?.text ?? '', 'http://dossier.test/newsletters/confirm'));
      keep('confirm page', await site.app.inject({ url: confirm }), 200);
      const t = new URL(confirm, 'http://x').searchParams.get('t') ?? '';
      const post = (url: string, payload: string) =>
        site.app.inject({ method: 'POST', url, headers: FORM, payload });
      keep('confirmed', await post('/newsletters/confirm', formBody({ t, consent: CONSENT })), 200);
      keep('used link', await post('/newsletters/confirm', formBody({ t })), 404);
      const row = await linksOf('valid-html@example.org');
      const prefs = pathOf(preferencesUrl('http://dossier.test', row));
      keep('preferences', await site.app.inject({ url: prefs }), 200);
      const q = new URL(prefs, 'http://x').searchParams;
      keep(
        'preferences saved',
        await post(
          '/newsletters/preferences',
          formBody({ k: q.get('k') ?? '', t: q.get('t') ?? '', consent: CONSENT }),
        ),
        200,
      );
      const unsub = pathOf(unsubscribeUrl('http://dossier.test', row, 'hq-weekly'));
      keep('unsubscribe page', await site.app.inject({ url: unsub }), 200);
      keep('unsubscribed', await post(unsub, 'List-Unsubscribe=One-Click'), 200);
      const problems = await checkHtml(pages);
      for (const [name, errors] of problems) expect(errors, name).toEqual([]);
    });
  });
}
