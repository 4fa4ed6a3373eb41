import type { RecordKind } from '../import-service.ts';
import type { WordpressImportResult } from './wordpress-import.ts';

/*
 * The end-of-run report of a WordPress import as lines of text: counts per kind (new,
 * updated, unchanged), then every skipped item with its reason, then the notes, each
 * line naming the file, the line of the item and the item itself.
 */

export interface ReportText {
  /** The summary, for standard output. */
  summary: string[];
  /** Skipped items and notes, for standard error. */
  problems: string[];
}

export function formatReport(result: WordpressImportResult, isDryRun: boolean): ReportText {
  const { report, file } = result;
  const rate = Math.round(result.items / Math.max(result.seconds, 0.001));
  const verb = isDryRun ? 'would be' : 'were';
  const summary = [
    `${file}: ${result.items} items read in ${result.seconds.toFixed(1)} s (${rate}/s)${isDryRun ? ' — dry run, nothing written' : ''}`,
  ];
  const kinds = new Set<RecordKind>(
    [report.imported, report.unchanged].flatMap((c) => Object.keys(c) as RecordKind[]),
  );
  for (const kind of kinds) {
    const written = report.imported[kind] ?? 0;
    const created = report.created[kind] ?? 0;
    const unchanged = report.unchanged[kind] ?? 0;
    summary.push(`  ${kind}: ${created} new, ${written - created} updated, ${unchanged} unchanged`);
  }
  summary.push(
    `  skipped: ${report.rejected.length} item(s)${report.rejected.length > 0 ? ' (listed above)' : ''}; notes: ${result.notes.length}`,
  );
  if (isDryRun) summary.push(`  (counts say what ${verb} written by a real run)`);

  const problems = report.rejected.map((r) => {
    const item = r.item ?? [r.kind, r.slug].filter(Boolean).join(' ');
    const field = r.field ? `field ${r.field}: ` : '';
    return `${file}:${r.line}: skipped ${item}: ${field}${r.message}`;
  });
  for (const note of result.notes) {
    problems.push(
      note.line > 0
        ? `${file}:${note.line}: note on ${note.item}: ${note.message}`
        : `${file}: note: ${note.message}`,
    );
  }
  return { summary, problems };
}
