import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { ValidationError } from '../../errors.ts';
import { createImportService } from '../../import/import-service.ts';
import type { ImportRecordInput } from '../../import/records.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';

/**
 * Writes records from the admin through the importer, the one write path: checked in a
 * dry run first, so a bad one writes nothing, and refused with the field at fault
 * (`label` turns a field's name into the editor's words).
 *
 * The importer copies the files a record names (a lead image, a photo) from a folder of
 * the source into uploads: `files` are the record's uploads, copied into a temporary
 * folder for it. Never hard-linked: copying a file onto another name of itself could
 * truncate it.
 */
export async function writeThroughImporter(
  deps: { db: Kysely<Tables>; clock: Clock; uploadsDir: string },
  records: ImportRecordInput[],
  options: { files?: string[]; label?: (field: string) => string } = {},
): Promise<void> {
  const label = options.label ?? ((field: string) => `The ${field || 'record'}`);
  const baseDir = await mkdtemp(join(tmpdir(), 'dossier-admin-'));
  try {
    for (const file of options.files ?? []) {
      const target = join(baseDir, file);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(deps.uploadsDir, file), target).catch(() => undefined);
    }
    const importer = createImportService(deps);
    const input = records.map((value, i) => ({ line: i + 1, value }));
    const source = { file: 'admin', baseDir };
    for (const dryRun of [true, false]) {
      const report = await importer.importRecords(input, source, { dryRun });
      const problem = report.rejected[0];
      if (problem) {
        const field = problem.field.split('.')[0] ?? '';
        throw new ValidationError({
          code: 'BAD_REQUEST',
          field,
          message: `${label(field)} ${problem.message}.`.replace(/\.\.$/, '.'),
        });
      }
    }
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }
}
