import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/lib/clock.ts';
import { createDigestService } from '../../src/newsletter/digests/digest-service.ts';
import { startNewsletterDispatch } from '../../src/newsletter/sending/send-dispatch.ts';
import { testDialects } from '../helpers/dialects.ts';
import { DOSSIER_BIN } from '../helpers/dossier-cli.ts';
import { addSubscribers, LIST, openSendingWorld, type SendingWorld } from './sending-world.ts';

/*
 * A scheduled issue goes out with no cron: the server notices it is due and runs the
 * sender in a child process, which writes one message per subscriber (here as .eml files,
 * no SMTP being configured).
 */

for (const dialect of testDialects()) {
  describe(`${dialect.name}: due issues go out by themselves`, () => {
    let world: SendingWorld;

    beforeAll(async () => {
      world = await openSendingWorld(dialect);
    });
    afterAll(() => world?.close());

    it('sends a scheduled issue once its time has passed', async () => {
      await addSubscribers(world.database, world.listId, 3);
      const digests = createDigestService({
        db: world.database.db,
        clock: systemClock,
        origin: 'https://think.example',
      });
      const issue = await digests.draft(LIST);
      await digests.schedule(issue.id, new Date(Date.now() - 1000));
      const logged: string[] = [];
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH ?? '',
        DOSSIER_DATA_DIR: world.dataDir,
        DOSSIER_SERVER_PUBLIC_URL: 'https://think.example',
        ...(world.database.dialect === 'postgres'
          ? { DATABASE_URL: String(world.database.config.url) }
          : { DOSSIER_DATABASE_SQLITE_PATH: world.database.config.sqlitePath }),
      };
      const stop = startNewsletterDispatch({
        database: world.database,
        clock: systemClock,
        log: {
          info: (m) => logged.push(m),
          error: (o, m) => logged.push(`${m} ${JSON.stringify(o)}`),
        },
        everyMs: 200,
        command: [process.execPath, DOSSIER_BIN, 'newsletter', 'send'],
        env,
      });
      try {
        await expect
          .poll(async () => (await digests.getIssue(issue.id)).status, {
            timeout: 60_000,
            interval: 250,
          })
          .toBe('sent');
      } finally {
        await stop();
      }
      const folder = join(world.dataDir, 'outbox', 'newsletters', String(issue.id));
      const files = (await readdir(folder)).filter((f) => f.endsWith('.eml'));
      expect(files, logged.join('\n')).toHaveLength(3);
    }, 90_000);
  });
}
