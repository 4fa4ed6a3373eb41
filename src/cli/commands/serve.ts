import { join } from 'node:path';
import { createScheduler, startScheduling } from '../../admin/scheduler/scheduler.ts';
import { buildServer } from '../../app.ts';
import type { Config } from '../../config/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import { keepHeapNearLiveSize } from '../../lib/heap-growth.ts';
import { startNewsletterDispatch } from '../../newsletter/sending/send-dispatch.ts';
import { createSearchIndex } from '../../search/create-search-index.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/** Serves the site until SIGINT/SIGTERM, then closes connections and the database. */
export async function serveCommand(config: Config, database: Database): Promise<number> {
  // A peak near what is live rather than near the load (lib/heap-growth.ts).
  keepHeapNearLiveSize(150);
  const search = createSearchIndex({ database, clock: systemClock, dataDir: config.data.dir });
  const app = await buildServer({ config, database, search });
  await app.listen({ host: config.server.host, port: config.server.port });
  // Scheduled transitions (a scheduled piece's move to published, take-downs): every
  // process polls, and each job still runs once (see admin/scheduler).
  const stopScheduling = startScheduling(
    createScheduler({
      db: database.db,
      dialect: database.dialect,
      clock: systemClock,
      uploadsDir: join(config.data.dir, 'uploads'),
    }),
    app.log,
  );
  const stopSending =
    config.newsletter.sendEvery > 0
      ? startNewsletterDispatch({
          database,
          clock: systemClock,
          log: app.log,
          everyMs: config.newsletter.sendEvery * 1000,
        })
      : async () => {};
  // Build the search index now rather than on the first reader's query (unless the
  // operator chose to build it on first use).
  const warming = config.search.buildAtStart
    ? search.suggest('a').catch((err) => app.log.error({ err }, 'could not build the search index'))
    : Promise.resolve();
  const shown =
    config.server.host === '0.0.0.0' || config.server.host === '::'
      ? 'localhost'
      : config.server.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  out.line(
    `Dossier is serving on http://${shown}:${port}/ (${database.dialect}). Stop with Ctrl+C.`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await stopScheduling();
  await stopSending();
  await app.close();
  await warming;
  await search.close();
  return 0;
}
