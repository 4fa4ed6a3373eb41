import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
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

/**
 * A record from an admin form, checked by the import format's schema; the first problem
 * is thrown with its field and in an editor's words (`label` names the field).
 */
export function checkRecord<S extends z.ZodType>(
  schema: S,
  record: unknown,
  label: (field: string) => string,
): z.output<S> {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  throw new ValidationError({
    code: 'BAD_REQUEST',
    field,
    message: `${label(field)} ${issue ? describeIssue(issue) : 'is not valid'}.`,
  });
}

/** Zod's finding in an editor's words. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters`
        : `needs at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters`
        : `may have at most ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'must be a date and time'
        : 'must be lower-case words joined by hyphens';
    case 'invalid_value':
      return 'is not one of the choices';
    default:
      return issue.message;
  }
}
