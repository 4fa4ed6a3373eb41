import { join } from 'node:path';
import type { Config } from '../../config/schema.ts';
import { generateDemoRecords } from '../../demo/generator.ts';
import { createImportService, type SourceRecord } from '../../import/import-service.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';
import { DEMO_DIR } from './demo-file.ts';
import { printReport } from './import.ts';

/**
 * `dossier demo --publications N --seed S`: generates a corpus of the demo's shape and
 * imports it through the same path as `dossier import`, showing progress. For benchmarks.
 */
export async function demoCommand(
  config: Config,
  database: Database,
  options: { publications: number; seed: number },
): Promise<number> {
  const service = createImportService({
    db: database.db,
    uploadsDir: join(config.data.dir, 'uploads'),
    clock: systemClock,
  });
  const started = Date.now();
  function* records(): Generator<SourceRecord> {
    let line = 0;
    for (const value of generateDemoRecords(options)) yield { line: ++line, value };
  }
  const report = await service.importRecords(
    records(),
    { file: `demo(seed ${options.seed})`, baseDir: DEMO_DIR },
    {
      onProgress: ({ line, imported }) => {
        const seconds = (Date.now() - started) / 1000;
        out.progress(
          `generated ${line} records, ${imported} imported, ${Math.round(imported / Math.max(seconds, 0.001))}/s`,
        );
      },
    },
  );
  out.endProgress();
  printReport('demo', report, Date.now() - started);
  return report.rejected.length > 0 ? 1 : 0;
}
