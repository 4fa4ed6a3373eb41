import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestService } from '../../src/newsletter/digests/digest-service.ts';
import { createNewsletterSender } from '../../src/newsletter/sending/newsletter-sender.ts';
import { createOutboxRepository } from '../../src/newsletter/sending/outbox-repository.ts';
import { testDialects } from '../helpers/dialects.ts';
import {
  addSubscribers,
  LIST,
  openSendingWorld,
  type SendingWorld,
  testClock,
} from './sending-world.ts';

for (const dialect of testDialects()) {
  describe(`newsletter sending without SMTP: .eml files (${dialect.name})`, () => {
    let world: SendingWorld;
    beforeAll(async () => {
      world = await openSendingWorld(dialect);
    });
    afterAll(() => world.close());

    it('writes one .eml per message, once, even when a file was already written before a crash', async () => {
      const readers = await addSubscribers(world.database, world.listId, 5, 'eml');
      const digests = createDigestService({
        db: world.database.db,
        clock: testClock(),
        origin: 'https://think.example',
      });
      const issue = await digests.draft(LIST);
      const sender = createNewsletterSender({
        database: world.database,
        config: world.config,
        clock: testClock(),
      });

      // Queue the issue, then stand where a crash would leave a message: its file renamed
      // into place, its row not yet marked sent.
      const outbox = createOutboxRepository(world.database.db, world.database.dialect);
      const { fillOutbox } = await import('../../src/newsletter/sending/outbox-fill.ts');
      await fillOutbox(world.database.db, issue, {
        at: new Date(),
        senderAddress: 'no-reply@localhost',
      });
      const [first] = await outbox.claim(issue.id, 'dead-host/1/x', 1, new Date(), new Date(0));
      const folder = join(world.dataDir, 'outbox', 'newsletters', String(issue.id));
      await mkdir(folder, { recursive: true });
      await writeFile(
        join(folder, `${first?.id}.eml`),
        'Subject: written before the crash\r\n\r\nbody\r\n',
      );

      const [report] = await sender.send({ issueId: issue.id });
      expect(report?.counts).toMatchObject({ sent: 5, queued: 0, sending: 0 });
      const files = (await readdir(folder)).sort();
      expect(files).toHaveLength(5);
      expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
      expect(await readFile(join(folder, `${first?.id}.eml`), 'utf8')).toContain(
        'written before the crash',
      );

      const recipients: string[] = [];
      for (const file of files.filter((f) => f !== `${first?.id}.eml`)) {
        const mail = await simpleParser(await readFile(join(folder, file)));
        recipients.push(
          mail.to && !Array.isArray(mail.to) ? (mail.to.value[0]?.address ?? '') : '',
        );
        expect(
          mail.headerLines.some(
            (h) => h.line === 'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
          ),
        ).toBe(true);
        expect(mail.text).toContain('https://think.example/research/grid-paper');
        expect(String(mail.html)).toContain('https://think.example/research/grid-paper');
      }
      expect(recipients.sort()).toEqual(readers.slice(1).sort());

      // A second run finds nothing to do and writes nothing.
      await sender.send({ issueId: issue.id });
      expect(await readdir(folder)).toHaveLength(5);
    });

    it('hands a row whose claim expired to one worker only: the late one cannot mark it sent', async () => {
      const outbox = createOutboxRepository(world.database.db, world.database.dialect);
      const issue = await world.database.db
        .selectFrom('newsletter_outbox')
        .select(['issue_id', 'id'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await world.database.db
        .updateTable('newsletter_outbox')
        .set({ status: 'queued', claimed_by: null, claimed_until: null })
        .where('id', '=', issue.id)
        .execute();
      const t0 = new Date('2026-06-01T12:00:00Z');
      const [slow] = await outbox.claim(
        issue.issue_id,
        'slow',
        1,
        t0,
        new Date(t0.getTime() + 1_000),
      );
      expect(slow?.id).toBe(issue.id);
      // Still held: nobody else gets it.
      expect(
        await outbox.claim(issue.issue_id, 'fast', 1, t0, new Date(t0.getTime() + 60_000)),
      ).toEqual([]);
      const later = new Date(t0.getTime() + 5_000);
      const [taken] = await outbox.claim(
        issue.issue_id,
        'fast',
        1,
        later,
        new Date(later.getTime() + 60_000),
      );
      expect(taken?.id).toBe(issue.id);
      expect(await outbox.markSent(issue.id, 'slow', later)).toBe(false);
      expect(await outbox.markSent(issue.id, 'fast', later)).toBe(true);
      expect(await outbox.markSent(issue.id, 'fast', later)).toBe(false);
    });
  });
}
