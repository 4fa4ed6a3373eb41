import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { DossierError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { translateDatabaseError } from '../storage/db-errors.ts';
import type { Tables } from '../storage/tables.ts';
import { type ApplyContext, applyRecord, RecordError } from './apply-record.ts';
import { type ImportRecord, importRecord } from './records.ts';
import { SlugIndex } from './slug-index.ts';

export type RecordKind = ImportRecord['kind'];

/** One record that was not imported, located precisely enough to fix by hand. */
export interface RejectedRecord {
  file: string;
  line: number;
  kind?: string;
  slug?: string;
  field: string;
  message: string;
}

export interface ImportReport {
  imported: Partial<Record<RecordKind, number>>;
  rejected: RejectedRecord[];
}

export interface ImportProgress {
  line: number;
  imported: number;
  rejected: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
}

/** A record as read: its line number and the parsed (not yet validated) value. */
export interface SourceRecord {
  line: number;
  value: unknown;
}

export interface ImportService {
  /** Imports a JSON-lines file; files it names are read relative to its folder. */
  importFile(path: string, options?: ImportOptions): Promise<ImportReport>;
  /** Imports records from any source (the demo generator streams straight in). */
  importRecords(
    records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>,
    source: { file: string; baseDir: string },
    options?: ImportOptions,
  ): Promise<ImportReport>;
}

export function createImportService(deps: {
  db: Kysely<Tables>;
  uploadsDir: string;
  clock: Clock;
}): ImportService {
  const service: ImportService = {
    async importFile(path, options) {
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) {
        return {
          imported: {},
          rejected: [{ file: path, line: 0, field: '', message: 'No such file.' }],
        };
      }
      return service.importRecords(
        readJsonLines(path),
        { file: basename(path), baseDir: dirname(path) },
        options,
      );
    },

    async importRecords(records, source, options = {}) {
      const report: ImportReport = { imported: {}, rejected: [] };
      const slugs = new SlugIndex();
      const files: ApplyContext['files'] = new Map();
      let count = 0;
      for await (const { line, value } of records) {
        const rejected = await importOne(value, line);
        if (rejected) report.rejected.push(rejected);
        count++;
        if (options.onProgress && count % 250 === 0) options.onProgress(progressOf(report, line));
      }
      options.onProgress?.(progressOf(report, count));
      return report;

      async function importOne(value: unknown, line: number): Promise<RejectedRecord | undefined> {
        const where = { file: source.file, line, ...describe(value) };
        if (value instanceof SyntaxError)
          return { ...where, field: '', message: `is not valid JSON (${value.message})` };
        const parsed = importRecord.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return {
            ...where,
            field: issue?.path.join('.') ?? '',
            message: issue?.message ?? 'is not valid',
          };
        }
        try {
          const at = deps.clock.now().toISOString();
          await deps.db.transaction().execute((trx) =>
            applyRecord(parsed.data, {
              db: trx,
              slugs,
              files,
              at,
              baseDir: source.baseDir,
              uploadsDir: deps.uploadsDir,
            }),
          );
          report.imported[parsed.data.kind] = (report.imported[parsed.data.kind] ?? 0) + 1;
          return undefined;
        } catch (error) {
          slugs.clear();
          if (error instanceof RecordError)
            return { ...where, field: error.field, message: error.message };
          const translated = translateDatabaseError(error);
          if (translated instanceof DossierError)
            return { ...where, field: translated.field ?? '', message: translated.message };
          throw error;
        }
      }
    },
  };
  return service;
}

function progressOf(report: ImportReport, line: number): ImportProgress {
  const imported = Object.values(report.imported).reduce((a, b) => a + b, 0);
  return { line, imported, rejected: report.rejected.length };
}

function describe(value: unknown): { kind?: string; slug?: string } {
  if (value === null || typeof value !== 'object') return {};
  const { kind, slug } = value as { kind?: unknown; slug?: unknown };
  return {
    ...(typeof kind === 'string' ? { kind: kind.slice(0, 40) } : {}),
    ...(typeof slug === 'string' ? { slug: slug.slice(0, 200) } : {}),
  };
}

/** Streams a JSON-lines file; a line that is not JSON yields its SyntaxError as the value. */
async function* readJsonLines(path: string): AsyncGenerator<SourceRecord> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '' || trimmed.startsWith('//')) continue;
    try {
      yield { line, value: JSON.parse(trimmed) };
    } catch (error) {
      yield { line, value: error instanceof SyntaxError ? error : new SyntaxError(String(error)) };
    }
  }
}
