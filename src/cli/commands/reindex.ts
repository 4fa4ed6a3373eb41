import type { Config } from '../../config/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import { createSearchIndex } from '../../search/create-search-index.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/**
 * `dossier reindex`: builds the search index from the database with a progress bar and
 * reports its size, then asks every running server to rebuild its own copy (through the
 * change log, so servers on other machines hear it too). Servers keep answering from
 * their current index until the new one is ready.
 */
export async function reindexCommand(config: Config, database: Database): Promise<number> {
  const index = createSearchIndex({ database, clock: systemClock, dataDir: config.data.dir });
  const started = Date.now();
  await index.rebuild((done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    out.progress(
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} publications, ${Math.round(done / seconds)}/s`,
    );
  });
  out.endProgress();
  const stats = index.stats();
  await index.close();
  await database.db
    .insertInto('change_log')
    .values({ entity: 'search_index', entity_id: 0 })
    .execute();
  out.line(
    `Search index: ${stats.documents} live publications, ${stats.terms} terms, ${(stats.memoryBytes / 1024 / 1024).toFixed(1)} MiB in memory, built in ${(stats.buildMs / 1000).toFixed(1)} s. Running servers will rebuild theirs.`,
  );
  return 0;
}
