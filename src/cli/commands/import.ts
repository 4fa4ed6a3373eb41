import { join } from 'node:path';
import type { Config } from '../../config/schema.ts';
import { createImportService, type ImportReport } from '../../import/import-service.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

/** `dossier import FILE…`: loads JSON-lines files; exit 1 when any record was rejected. */
export async function importCommand(
  config: Config,
  database: Database,
  files: string[],
): Promise<number> {
  if (files.length === 0) {
    out.error(
      'dossier import: name at least one JSON-lines file, e.g. dossier import demo/dossier-demo.jsonl',
    );
    return 2;
  }
  const service = createImportService({
    db: database.db,
    uploadsDir: join(config.data.dir, 'uploads'),
    clock: systemClock,
  });
  let failed = false;
  for (const file of files) {
    const started = Date.now();
    const report = await service.importFile(file, {
      onProgress: (p) =>
        out.progress(`${file}: line ${p.line}, ${p.imported} imported, ${p.rejected} rejected`),
    });
    out.endProgress();
    printReport(file, report, Date.now() - started);
    failed ||= report.rejected.length > 0;
  }
  return failed ? 1 : 0;
}

export function printReport(file: string, report: ImportReport, ms: number): void {
  for (const r of report.rejected) {
    const record = [r.kind, r.slug].filter(Boolean).join(' ');
    out.error(
      `${file}:${r.line}: ${record ? `record ${record}: ` : ''}${r.field ? `field ${r.field}: ` : ''}${r.message}`,
    );
  }
  const counts = Object.entries(report.imported).map(([kind, n]) => `${n} ${kind}`);
  out.line(
    `${file}: imported ${counts.join(', ') || 'nothing'}; rejected ${report.rejected.length} (${(ms / 1000).toFixed(1)} s)`,
  );
}
