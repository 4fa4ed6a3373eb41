import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestService } from '../../src/newsletter/digests/digest-service.ts';
import { createNewsletterSender } from '../../src/newsletter/sending/newsletter-sender.ts';
import { fillOutbox } from '../../src/newsletter/sending/outbox-fill.ts';
import { createOutboxRepository } from '../../src/newsletter/sending/outbox-repository.ts';
import { testDialects } from '../helpers/dialects.ts';
import {
  addSubscribers,
  LIST,
  openSendingWorld,
  type SendingWorld,
  testClock,
} from './sending-world.ts';
import { startCountingSink } from './smtp-counting-sink.ts';

/** A process id no process has (above Linux's pid_max limit of 2^22). */
const DEAD_PID = 2 ** 22 + 7;

for (const dialect of testDialects()) {
  describe(`resuming after a killed sender (${dialect.name})`, () => {
    let world: SendingWorld;
    beforeAll(async () => {
      world = await openSendingWorld(dialect);
    });
    afterAll(() => world.close());

    it("marks what a dead worker's journal names as sent, and sends the rest of its claims at once", async () => {
      const readers = await addSubscribers(world.database, world.listId, 4, 'resume');
      const digests = createDigestService({
        db: world.database.db,
        clock: testClock(),
        origin: 'https://think.example',
      });
      const issue = await digests.draft(LIST);
      await fillOutbox(world.database.db, issue, {
        at: new Date(),
        senderAddress: 'no-reply@localhost',
      });
      // A worker of this machine claimed two messages for an hour, handed the first over
      // (its journal says so) and was killed before the database heard of it.
      const dead = `${hostname()}/${DEAD_PID}/abcd1234`;
      const outbox = createOutboxRepository(world.database.db, world.database.dialect);
      const now = new Date();
      const [handedOver, inFlight] = await outbox.claim(
        issue.id,
        dead,
        2,
        now,
        new Date(now.getTime() + 3_600_000),
      );
      const journals = join(world.dataDir, 'outbox', 'journal');
      await mkdir(journals, { recursive: true });
      await writeFile(join(journals, `${encodeURIComponent(dead)}.journal`), `${handedOver?.id}\n`);

      const sink = await startCountingSink();
      try {
        const sender = createNewsletterSender({
          database: world.database,
          config: world.configWith({ DOSSIER_EMAIL_SMTP_URL: sink.url }),
          clock: testClock(),
        });
        const [report] = await sender.send({ issueId: issue.id });
        expect(report?.counts).toMatchObject({ sent: 4, queued: 0, sending: 0 });
        expect(sink.accepted()).toBe(3);
        expect(sink.counts.has(readers[0] as string)).toBe(false);
        expect(inFlight?.id).toBeDefined();
        expect(await readdir(journals)).toEqual([]);
      } finally {
        await sink.close();
      }
    });
  });
}
