import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../src/cli/commands/demo-file.ts';
import { UNPUBLISHED_SLUGS } from '../../src/demo/flagship.ts';
import { createImportService } from '../../src/import/import-service.ts';
import { testDialects } from '../helpers/dialects.ts';
import { JUDGMENTS } from './relevance-judgments.ts';
import { openSearchWorld, query, type SearchWorld, slugsOf } from './search-world.ts';

// SQLite only: ranking happens in the in-memory index, the same whichever database the
// content came from; the other suites check that both databases feed it alike.
const sqlite = testDialects().find((dialect) => dialect.name === 'sqlite');
const TOP = 5;

describe.runIf(sqlite)('search relevance over the demo content', () => {
  let world: SearchWorld;

  beforeAll(async () => {
    // The demo's own clock, so its scheduled 2031 piece is still in the future.
    world = await openSearchWorld(sqlite as NonNullable<typeof sqlite>, [], '2026-11-28T12:00:00Z');
    const service = createImportService({
      db: world.database.db,
      uploadsDir: `${world.dataDir}/uploads`,
      clock: world.clock,
    });
    const report = await service.importFile(DEMO_FILE);
    expect(report.rejected).toEqual([]);
  }, 180_000);
  afterAll(() => world?.close());

  it('has at least twenty judged queries', () => {
    expect(JUDGMENTS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(JUDGMENTS)('ranks what a reader expects for $query in the top five', async (judgment) => {
    const result = await world.index.search(query(judgment.query, { pageSize: TOP }));
    const top = slugsOf(result);
    const missing = judgment.expected.filter((slug) => !top.includes(slug));
    expect(missing, `${judgment.why}; top five: ${top.join(', ')}`).toEqual([]);
    for (const slug of Object.values(UNPUBLISHED_SLUGS)) expect(top).not.toContain(slug);
  });
});
