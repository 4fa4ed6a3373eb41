import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { DossierError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { withBulkWriteSettings } from '../storage/bulk-writes.ts';
import { translateDatabaseError } from '../storage/db-errors.ts';
import type { Tables } from '../storage/tables.ts';
import { type ApplyContext, applyRecord, RecordError } from './apply-record.ts';
import { type CheckedRecord, checkRecord, nameOf, notJson } from './check-record.ts';
import { parseJsonLines } from './json-lines.ts';
import { createRecordBatch } from './record-batch.ts';
import { digestOf, planRecord, type RecordOutcome } from './record-origin.ts';
import type { ImportRecord } from './records.ts';
import { SlugIndex } from './slug-index.ts';
import { readJsonLinesInWorker } from './threaded-json-lines.ts';

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
  /** The value already checked by the reader (in another thread): not checked again. */
  checked?: CheckedRecord;
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

/**
 * Files from this size on are read in a worker thread (threaded-json-lines.ts); below it,
 * starting one (about 0.2 s) would cost more than it saves.
 */
const THREADED_FROM_BYTES = 4 * 2 ** 20;

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
        info.size >= THREADED_FROM_BYTES ? readJsonLinesInWorker(path) : parseJsonLines(path),
        { file: basename(path), baseDir: dirname(path) },
        options,
      );
    },

    async importRecords(records, source, options = {}) {
      const report: ImportReport = { imported: {}, created: {}, unchanged: {}, rejected: [] };
      const slugs = new SlugIndex();
      const files: ApplyContext['files'] = new Map();
      const batch = createRecordBatch(deps.db);
      let count = 0;
      const importAll = async () => {
        try {
          for await (const read of records) {
            const rejected = await importOne(read);
            if (rejected) report.rejected.push(rejected);
            count++;
            if (options.onProgress && count % 250 === 0)
              options.onProgress(progressOf(report, read.line));
          }
          await batch.commit();
        } catch (error) {
          // Keep the records written before the failure, as the report counts them.
          await batch.commit().catch(() => batch.rollback());
          throw error;
        }
      };
      await (options.dryRun ? importAll() : withBulkWriteSettings(deps.db, importAll));
      options.onProgress?.(progressOf(report, count));
      return report;

      async function importOne({
        line,
        value,
        label,
        checked,
      }: SourceRecord): Promise<RejectedRecord | undefined> {
        const where = {
          file: source.file,
          line,
          ...nameOf(value),
          ...(label ? { item: label } : {}),
        };
        if (value instanceof SkippedRecord)
          return { ...where, field: value.field, message: value.message };
        const check =
          checked ??
          (value instanceof SyntaxError ? notJson(value) : checkRecord(value, { render: false }));
        if (!check.ok) return { ...where, field: check.field, message: check.message };
        const { record, bodyHtml } = check;
        // An `origin` record names an external id for another item: it is not tracked itself.
        const isTracked =
          record.kind !== 'origin' && 'externalId' in record && record.externalId !== undefined;
        // Only a record that carries its origin keeps a fingerprint: plain imports skip the hash.
        const digest = isTracked ? digestOf(record) : '';
        try {
          const outcome = options.dryRun
            ? await plan(deps.db, record, digest, isTracked)
            : await batch.write(async (trx) => {
                // Planned in the batch too: it must see the records written before it.
                const planned = await plan(trx, record, digest, isTracked);
                if (planned === 'unchanged') return planned;
                await applyRecord(record, {
                  db: trx,
                  slugs,
                  files,
                  at: deps.clock.now().toISOString(),
                  baseDir: source.baseDir,
                  uploadsDir: deps.uploadsDir,
                  digest,
                  ...(bodyHtml === undefined ? {} : { bodyHtml }),
                });
                return planned;
              });
          if (outcome === 'unchanged') {
            tally(report.unchanged, record.kind);
            return undefined;
          }
          tally(report.imported, record.kind);
          if (outcome === 'create') tally(report.created, record.kind);
          return undefined;
        } catch (error) {
          // The record's writes were undone: ids it cached may not exist.
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
        db: Kysely<Tables>,
        record: ImportRecord,
        digest: string,
        isTracked: boolean,
      ): Promise<RecordOutcome | undefined> {
        if (!isTracked && !options.dryRun && !options.countCreated) return undefined;
        return planRecord(db, record, digest, slugs);
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
