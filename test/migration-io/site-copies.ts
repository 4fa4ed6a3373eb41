import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { listFiles } from '../../src/backup/folder-copy.ts';
import { type ExportResult, exportSite } from '../../src/export/export-site.ts';
import { createImportService, type ImportReport } from '../../src/import/import-service.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';

/** A database and the uploads folder beside it: together, one copy of a site. */
export interface SiteCopy {
  database: Database;
  uploadsDir: string;
}

function importer(site: SiteCopy) {
  return createImportService({
    db: site.database.db,
    uploadsDir: site.uploadsDir,
    clock: fixedClock('2026-01-01T00:00:00Z'),
  });
}

/** Loads records (files named relative to `baseDir`), failing the test on any rejection. */
export async function load(
  site: SiteCopy,
  records: ImportRecordInput[],
  baseDir: string,
): Promise<void> {
  const report = await importer(site).importRecords(
    records.map((value, i) => ({ line: i + 1, value })),
    { file: 'world', baseDir },
  );
  expect(report.rejected).toEqual([]);
}

/** `dossier import FILE` into the site. */
export function importFile(site: SiteCopy, file: string): Promise<ImportReport> {
  return importer(site).importFile(file);
}

/** `dossier export OUT` of the site, failing the test on any problem. */
export async function exportTo(
  site: SiteCopy,
  outDir: string,
  options: { withPasswordHashes?: boolean } = {},
): Promise<ExportResult> {
  const result = await exportSite(
    { db: site.database.db, uploadsDir: site.uploadsDir },
    { outDir, ...options },
  );
  expect(result.problems).toEqual([]);
  return result;
}

/** Two folders hold the same files with the same bytes. */
export async function expectSameFolders(a: string, b: string): Promise<void> {
  const files = await listFiles(a);
  expect(await listFiles(b)).toEqual(files);
  for (const file of files) {
    const [left, right] = await Promise.all([readFile(join(a, file)), readFile(join(b, file))]);
    expect(left.equals(right), `${file} differs`).toBe(true);
  }
}
