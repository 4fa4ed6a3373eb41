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
import { digestOf, planRecord, type RecordOutcome } from './record-origin.ts';
import { type ImportRecord, importRecord } from './records.ts';
import { SlugIndex } from './slug-index.ts';

export type RecordKind = ImportRecord['kind'];

/** One record that was not imported, located precisely enough to fix by hand. */
export interface RejectedRecord {
  file: string;
  line: number;
  kind?: string;
  slug?: string;
  /** How the source names the item, when it knows better than kind and slug. */
  item?: string;
  field: string;
  message: string;
}

type KindCounts = Partial<Record<RecordKind, number>>;

export interface ImportReport {
  /** Records written (in a dry run: that would be written). */
  imported: KindCounts;
  /** Of those, records that made a new item (known for tracked records, dry runs and `countCreated`). */
  created: KindCounts;
  /** Records with an externalId equal to what the last import wrote: not written again. */
  unchanged: KindCounts;
  rejected: RejectedRecord[];
}

export interface ImportProgress {
  line: number;
  imported: number;
  rejected: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Validate and count what would change, writing nothing. References to items that the
   * same run would create cannot be checked then: only the real run checks those.
   */
  dryRun?: boolean;
  /**
   * Tell new items from updated ones for records without an externalId too (one more
   * query each); otherwise only tracked records and dry runs count `created`.
   */
  countCreated?: boolean;
}

/** A record as read: its line number and the parsed (not yet validated) value. */
export interface SourceRecord {
  line: number;
  value: unknown;
  /** How the source names the item in a report ("post 42 “Title”"). */
  label?: string;
}

/**
 * The value of a SourceRecord that its reader already knows it cannot make a record of
 * (a WordPress item with an impossible date…): reported as rejected with its reason.
 */
export class SkippedRecord {
  readonly field: string;
  readonly message: string;

  constructor(field: string, message: string) {
    this.field = field;
    this.message = message;
  }
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
          created: {},
          unchanged: {},
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
      const report: ImportReport = { imported: {}, created: {}, unchanged: {}, rejected: [] };
      const slugs = new SlugIndex();
      const files: ApplyContext['files'] = new Map();
      let count = 0;
      for await (const { line, value, label } of records) {
        const rejected = await importOne(value, line, label);
        if (rejected) report.rejected.push(rejected);
        count++;
        if (options.onProgress && count % 250 === 0) options.onProgress(progressOf(report, line));
      }
      options.onProgress?.(progressOf(report, count));
      return report;

      async function importOne(
        value: unknown,
        line: number,
        label: string | undefined,
      ): Promise<RejectedRecord | undefined> {
        const where = {
          file: source.file,
          line,
          ...describe(value),
          ...(label ? { item: label } : {}),
        };
        if (value instanceof SkippedRecord)
          return { ...where, field: value.field, message: value.message };
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
        const record = parsed.data;
        // An `origin` record names an external id for another item: it is not tracked itself.
        const isTracked =
          record.kind !== 'origin' && 'externalId' in record && record.externalId !== undefined;
        // Only a record that carries its origin keeps a fingerprint: plain imports skip the hash.
        const digest = isTracked ? digestOf(record) : '';
        try {
          const outcome = await plan(record, digest, isTracked);
          if (outcome === 'unchanged') {
            tally(report.unchanged, record.kind);
            return undefined;
          }
          if (!options.dryRun) {
            const at = deps.clock.now().toISOString();
            await deps.db.transaction().execute((trx) =>
              applyRecord(record, {
                db: trx,
                slugs,
                files,
                at,
                baseDir: source.baseDir,
                uploadsDir: deps.uploadsDir,
                digest,
              }),
            );
          }
          tally(report.imported, record.kind);
          if (outcome === 'create') tally(report.created, record.kind);
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

      /**
       * Only records that came with an externalId (or any, in a dry run or when asked) are
       * compared with what is stored: a plain JSON-lines import pays no extra query.
       */
      async function plan(
        record: ImportRecord,
        digest: string,
        isTracked: boolean,
      ): Promise<RecordOutcome | undefined> {
        if (!isTracked && !options.dryRun && !options.countCreated) return undefined;
        return planRecord(deps.db, record, digest, slugs);
      }
    },
  };
  return service;
}

function tally(counts: KindCounts, kind: RecordKind): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
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
