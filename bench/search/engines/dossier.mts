// Dossier's own search (src/search/) as the app runs it: `createSearchIndex` over the
// database the corpus was imported into (SQLite in the data folder, or PostgreSQL when
// DATABASE_URL is set), the system clock, and the data folder. The build is an explicit
// `rebuild()` from the database; each query goes through `search()`, which answers the
// total, the first page of 20 hits with highlighted titles and snippets (read from the
// database), and every facet's counts over the whole match. run.mjs compiles this file
// with esbuild (bundling src/, packages left to node_modules) and child.mjs loads it.
import { loadConfig } from '../../../src/config/load.ts';
import { systemClock } from '../../../src/lib/clock.ts';
import { createSearchIndex } from '../../../src/search/create-search-index.ts';
import type { FacetName, SearchQuery, SearchResult } from '../../../src/search/search-index.ts';
import { createDatabase, type Database } from '../../../src/storage/database.ts';

/** A query of the mix (bench/search/queries.mjs). */
interface BenchQuery {
  text: string;
  filters: Partial<Record<FacetName, string[]>>;
  sort: 'relevance' | 'date';
}

interface Prepared {
  database: Database;
  dataDir: string;
}

export const label = 'Dossier';
export const phraseHandling = 'phrase ("…")';
export const method =
  'createSearchIndex({ database, clock: systemClock, dataDir }) then rebuild(); per query search({ text, filters, sort, page: 1, pageSize: 20 }) — the total, 20 hits with titleHtml and snippetHtml read from the database, and every facet counted over the whole match';

export async function prepare(options: {
  dataDir: string;
  databaseUrl?: string;
}): Promise<Prepared> {
  const config = loadConfig({
    DOSSIER_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
  });
  const database = createDatabase(config.database);
  // Open the connection (and the pool) before the measure starts.
  await database.db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return { database, dataDir: config.data.dir };
}

export async function build({ database, dataDir }: Prepared) {
  const index = createSearchIndex({ database, clock: systemClock, dataDir });
  await index.rebuild();
  return {
    search(query: BenchQuery): Promise<SearchResult> {
      const request: SearchQuery = {
        text: query.text,
        filters: query.filters,
        sort: query.sort,
        page: 1,
        pageSize: 20,
      };
      return index.search(request);
    },
    stats: () => index.stats(),
    async close() {
      await index.close();
      await database.destroy();
    },
  };
}
