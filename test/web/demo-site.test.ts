import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, DEMO_FILE } from '../../src/cli/commands/demo-file.ts';
import {
  DEMO_CENTERS,
  FLAGSHIP_SLUG,
  MANY_AUTHORS_SLUG,
  UNPUBLISHED_SLUGS,
} from '../../src/demo/flagship.ts';
import { createImportService } from '../../src/import/import-service.ts';
import { testDialects } from '../helpers/dialects.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

/** Titles of the demo's unpublished pieces, read from the demo file itself. */
const unpublished = readFileSync(DEMO_FILE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line))
  .filter(
    (r) =>
      r.kind === 'publication' && (Object.values(UNPUBLISHED_SLUGS) as string[]).includes(r.slug),
  );

const MAX_PAGES = 600;

for (const dialect of testDialects()) {
  describe(`the demo site (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      // The demo's own clock: today, so its scheduled 2031 piece is still embargoed.
      site = await openTestSite(dialect, '2026-11-28T12:00:00Z');
      const service = createImportService({
        db: site.database.db,
        uploadsDir: `${site.dataDir}/uploads`,
        clock: site.clock,
      });
      const report = await service.importFile(DEMO_FILE);
      expect(report.rejected).toEqual([]);
      expect(report.imported.publication).toBeGreaterThanOrEqual(300);
      await site.rebuild();
    }, 180_000);
    afterAll(() => site?.close());

    it('imports from the demo folder with its images', () => {
      expect(DEMO_DIR).toMatch(/demo\/$/);
      expect(unpublished).toHaveLength(Object.keys(UNPUBLISHED_SLUGS).length);
    });

    it('crawls every linked page of two centers without an error or a leak', async () => {
      const seen = new Set<string>();
      const queue = [
        '/',
        `/${DEMO_CENTERS.regional.pathPrefix}`,
        `/research/${FLAGSHIP_SLUG}`,
        `/research/${MANY_AUTHORS_SLUG}`,
      ];
      const forbidden = unpublished.flatMap((p) => [p.slug, p.title]);
      const problems: string[] = [];
      while (queue.length > 0 && seen.size < MAX_PAGES) {
        const url = queue.shift() as string;
        if (seen.has(url)) continue;
        seen.add(url);
        const res = await site.app.inject({ method: 'GET', url });
        if (res.statusCode !== 200) problems.push(`${url} → ${res.statusCode}`);
        for (const secret of forbidden)
          if (res.body.includes(secret)) problems.push(`${url} shows "${secret}"`);
        for (const [, href] of res.body.matchAll(/href="(\/[^"#]*)"/g)) {
          const next = (href ?? '').replace(/&amp;/g, '&');
          if (!next.startsWith('/assets/') && !next.startsWith('/uploads/') && !seen.has(next))
            queue.push(next);
        }
      }
      expect(problems).toEqual([]);
      expect(seen.size).toBeGreaterThan(150);
    }, 180_000);
  });
}
