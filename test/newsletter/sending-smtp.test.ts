import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDigestService } from '../../src/newsletter/digests/digest-service.ts';
import { emailHash } from '../../src/newsletter/email-address.ts';
import { isSignedFor, readUnsubscribeLink } from '../../src/newsletter/links.ts';
import { createNewsletterSender } from '../../src/newsletter/sending/newsletter-sender.ts';
import { testDialects } from '../helpers/dialects.ts';
import {
  addSubscribers,
  LIST,
  openSendingWorld,
  type SendingWorld,
  testClock,
} from './sending-world.ts';
import { type CountingSink, startCountingSink } from './smtp-counting-sink.ts';

for (const dialect of testDialects()) {
  describe(`newsletter sending over SMTP (${dialect.name})`, () => {
    let world: SendingWorld;
    let sink: CountingSink | undefined;
    beforeAll(async () => {
      world = await openSendingWorld(dialect);
    });
    afterAll(() => world.close());
    afterEach(async () => {
      await sink?.close();
      sink = undefined;
    });

    async function draftIssue(): Promise<number> {
      const digests = createDigestService({
        db: world.database.db,
        clock: testClock(),
        origin: 'https://think.example',
      });
      const issue = await digests.draft(LIST, { subject: 'HQ Weekly: "Grids" & trade' });
      // A later draft covers nothing new (the clock stands still): add the pieces by hand.
      if (issue.publicationIds.length === 0)
        for (const slug of ['trade-note', 'grid-paper', 'older-brief'])
          await digests.addPiece(issue.id, slug);
      await digests.setIntro(issue.id, 'This week: *grids*.\n\n<script>alert(1)</script>');
      return issue.id;
    }

    it('sends each subscriber one message with the list headers, both parts, and nothing to the suppressed', async () => {
      const db = world.database.db;
      const readers = await addSubscribers(world.database, world.listId, 4, 'smtp');
      // One reader is on the suppression list, one unsubscribed: neither may get a copy.
      await db
        .insertInto('newsletter_suppressions')
        .values({
          email_hash: emailHash(readers[2] as string),
          reason: 'complaint',
          created_at: '2026-01-01T00:00:00Z',
        })
        .execute();
      const unsubscribed = await db
        .selectFrom('newsletter_subscribers')
        .select('id')
        .where('email', '=', readers[3] as string)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('newsletter_subscriptions')
        .set({ status: 'unsubscribed' })
        .where('subscriber_id', '=', unsubscribed.id)
        .execute();

      sink = await startCountingSink({ keepMessages: true });
      const issueId = await draftIssue();
      const sender = createNewsletterSender({
        database: world.database,
        config: world.configWith({
          DOSSIER_EMAIL_SMTP_URL: sink.url,
          DOSSIER_EMAIL_FROM: 'Policy Desk <desk@think.example>',
        }),
        clock: testClock(),
      });
      const [report] = await sender.send({ issueId, workers: 2 });
      expect(report?.finished).toBe(true);
      expect(report?.counts).toMatchObject({ sent: 2, queued: 0, sending: 0, failed: 0 });
      expect(sink.accepted()).toBe(2);
      expect([...sink.counts.keys()].sort()).toEqual([readers[0], readers[1]]);

      const rows = await db
        .selectFrom('newsletter_outbox')
        .innerJoin(
          'newsletter_subscribers',
          'newsletter_subscribers.id',
          'newsletter_outbox.subscriber_id',
        )
        .select([
          'newsletter_outbox.message_id',
          'email',
          'subscriber_id',
          'link_key',
          'link_secret',
        ])
        .where('issue_id', '=', issueId)
        .execute();
      for (const { to, raw } of sink.messages) {
        const row = rows.find((r) => r.email === to);
        const mail = await simpleParser(raw);
        expect(mail.messageId).toBe(row?.message_id);
        expect(mail.from?.value).toEqual([{ name: 'Policy Desk', address: 'desk@think.example' }]);
        expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '').toBe(to);
        expect(mail.subject).toBe('HQ Weekly: "Grids" & trade');
        expect(mail.date?.toISOString()).toBe('2026-06-01T12:00:00.000Z');
        const line = (key: string) =>
          mail.headerLines.filter((h) => h.key === key).map((h) => h.line);
        expect(line('list-id')).toEqual(['List-ID: "HQ Weekly" <hq-weekly.think.example>']);
        expect(line('list-unsubscribe-post')).toEqual([
          'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
        ]);
        // One List-Unsubscribe header: the https link first, then the mailto.
        const unsubscribe = mail.headerLines.filter((h) => h.key === 'list-unsubscribe');
        expect(unsubscribe).toHaveLength(1);
        const [https = '', mailto = ''] = [
          ...(unsubscribe[0]?.line ?? '').matchAll(/<([^>]+)>/g),
        ].map((m) => m[1] ?? '');
        expect(https).toMatch(
          /^https:\/\/think\.example\/newsletters\/unsubscribe\?k=[\w-]{22}&list=hq-weekly&t=/,
        );
        expect(mailto).toMatch(/^mailto:desk@think\.example\?subject=unsubscribe/);
        const link = readUnsubscribeLink(Object.fromEntries(new URL(https).searchParams));
        expect(link).toMatchObject({ form: 'key', key: row?.link_key, listSlug: 'hq-weekly' });
        const holder = {
          id: Number(row?.subscriber_id),
          linkKey: row?.link_key ?? '',
          linkSecret: row?.link_secret ?? '',
        };
        expect(isSignedFor(holder, link, 'unsubscribe')).toBe(true);

        // The parts: both say the same, with the subscriber's own links and the center's address.
        expect(mail.text).toContain('The Grid & the <Market>');
        expect(mail.text).toContain('https://think.example/research/grid-paper');
        expect(mail.text).toContain(`Unsubscribe from HQ Weekly: ${https}`);
        expect(mail.text).toContain('1 Main Street, 10000 Capital, Testland');
        expect(mail.text).not.toContain('dossier.invalid');
        const html = String(mail.html);
        expect(html).toContain('The Grid &amp; the &lt;Market');
        expect(html).not.toContain('<Market');
        expect(html).toContain(`href="${https.replaceAll('&', '&amp;')}"`);
        expect(html).toContain('https://think.example/uploads/');
        expect(html).toContain('<em>grids</em>');
        expect(html).not.toContain('<script>');
        for (const part of [html, mail.text ?? '']) expect(part).not.toContain('EMBARGOED');
      }
      const statuses = await db
        .selectFrom('newsletter_issues')
        .select(['status', 'finished_at'])
        .where('id', '=', issueId)
        .executeTakeFirstOrThrow();
      expect(statuses.status).toBe('sent');

      // Sending again sends nothing: every row is done.
      const again = await sender.send({ issueId });
      expect(again).toEqual([]);
      expect(sink.accepted()).toBe(2);
    });

    it('marks a permanent refusal at RCPT or after DATA as a bounce, and tries a 4xx again later', async () => {
      const db = world.database.db;
      await db.deleteFrom('newsletter_subscriptions').execute();
      const [good, rcptBounce, dataBounce, deferred] = await addSubscribers(
        world.database,
        world.listId,
        4,
        'bounce',
      );
      sink = await startCountingSink({
        atRecipient: (to) =>
          to === rcptBounce
            ? { code: 550, message: 'No such user' }
            : to === deferred
              ? { code: 451, message: 'Try again later' }
              : undefined,
        afterData: (to) => (to === dataBounce ? { code: 554, message: 'Rejected' } : undefined),
      });
      const issueId = await draftIssue();
      const sender = createNewsletterSender({
        database: world.database,
        config: world.configWith({ DOSSIER_EMAIL_SMTP_URL: sink.url }),
        clock: testClock(),
      });
      const [report] = await sender.send({ issueId });
      expect(report?.tally).toMatchObject({ sent: 1, bounced: 2, deferred: 1 });
      expect([...sink.counts.keys()]).toEqual([good]);
      expect(report?.finished).toBe(false);

      for (const address of [rcptBounce, dataBounce] as string[]) {
        const subscriber = await db
          .selectFrom('newsletter_subscribers')
          .select(['id', 'status', 'email_hash'])
          .where('email', '=', address)
          .executeTakeFirstOrThrow();
        expect(subscriber.status).toBe('bounced');
        const suppression = await db
          .selectFrom('newsletter_suppressions')
          .select('reason')
          .where('email_hash', '=', subscriber.email_hash)
          .executeTakeFirst();
        expect(suppression?.reason).toBe('bounce');
        const ledger = await db
          .selectFrom('newsletter_consent_ledger')
          .select(['event', 'channel'])
          .where('subscriber_id', '=', subscriber.id)
          .execute();
        expect(ledger).toEqual([{ event: 'bounce', channel: 'smtp' }]);
        const row = await db
          .selectFrom('newsletter_outbox')
          .select(['status', 'last_error'])
          .where('subscriber_id', '=', subscriber.id)
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('failed');
        expect(row.last_error).toMatch(/^bounced: 55[04]/);
      }
      const retry = await db
        .selectFrom('newsletter_outbox')
        .innerJoin(
          'newsletter_subscribers',
          'newsletter_subscribers.id',
          'newsletter_outbox.subscriber_id',
        )
        .select(['newsletter_outbox.status', 'attempts', 'claimed_until'])
        .where('email', '=', deferred as string)
        .executeTakeFirstOrThrow();
      expect(retry).toMatchObject({ status: 'queued', attempts: 1 });
      expect(retry.claimed_until && retry.claimed_until > '2026-06-01T12:00:00.000Z').toBe(true);
    });

    it('stops messages to a reader who unsubscribes while the send is running', async () => {
      const db = world.database.db;
      await db.deleteFrom('newsletter_subscriptions').execute();
      const readers = await addSubscribers(world.database, world.listId, 6, 'midsend');
      const last = readers[5] as string;
      sink = await startCountingSink({
        // The first accepted message: the whole batch is claimed by now.
        onAccepted: (total) => {
          if (total !== 1) return;
          void db
            .updateTable('newsletter_subscriptions')
            .set({ status: 'unsubscribed' })
            .where(
              'subscriber_id',
              'in',
              db.selectFrom('newsletter_subscribers').select('id').where('email', '=', last),
            )
            .execute();
        },
      });
      const issueId = await draftIssue();
      const sender = createNewsletterSender({
        database: world.database,
        config: world.configWith({
          DOSSIER_EMAIL_SMTP_URL: sink.url,
          DOSSIER_NEWSLETTER_SEND_RATE: '20',
        }),
        clock: testClock(),
      });
      const [report] = await sender.send({ issueId, batchSize: 10 });
      expect(report?.tally).toMatchObject({ sent: 5, suppressed: 1 });
      expect(sink.counts.has(last)).toBe(false);
      expect(sink.accepted()).toBe(5);
    });
  });
}
