import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { RecordKind } from '../import/import-service.ts';
import type { ImportRecordInput } from '../import/records.ts';

/** Something the export could not carry over as it is, named by record and field. */
export interface ExportProblem {
  /** `kind slug` of the record concerned. */
  record: string;
  field: string;
  message: string;
}

/**
 * Where the export goes: the JSON-lines file (written as a stream, waiting whenever the
 * disk falls behind, so memory stays flat), the files it names (copied beside it, at the
 * path the import will look for them), counts and problems.
 */
export interface ExportSink {
  write(record: ImportRecordInput): Promise<void>;
  /** Copies an upload into the export at the same relative path; a missing one is a problem. */
  copyUpload(path: string, record: string, field: string): Promise<void>;
  problem(problem: ExportProblem): void;
  readonly counts: Partial<Record<RecordKind, number>>;
  readonly problems: ExportProblem[];
  readonly files: number;
  close(): Promise<void>;
  /** Stops writing after a failure, releasing the file so it can be removed. */
  abort(): void;
}

export const EXPORT_FILE_NAME = 'dossier.jsonl';

/** The first line: a comment the importer skips. No date, so equal sites give equal files. */
const HEADER =
  '// Dossier export (docs/import-format.md): `dossier import dossier.jsonl` into an empty database.\n';

export function createExportSink(options: {
  outDir: string;
  uploadsDir: string;
  onProgress?: (records: number) => void;
}): ExportSink {
  const stream = createWriteStream(join(options.outDir, EXPORT_FILE_NAME), { flags: 'wx' });
  const counts: Partial<Record<RecordKind, number>> = {};
  const problems: ExportProblem[] = [];
  let records = 0;
  let files = 0;
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  stream.write(HEADER);

  const sink: ExportSink = {
    counts,
    problems,
    get files() {
      return files;
    },
    async write(record) {
      if (failure) throw failure;
      counts[record.kind] = (counts[record.kind] ?? 0) + 1;
      records++;
      if (records % 1000 === 0) options.onProgress?.(records);
      if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
    },
    async copyUpload(path, record, field) {
      if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
        problems.push({ record, field, message: `names a file outside uploads (${path})` });
        return;
      }
      const target = join(options.outDir, path);
      await mkdir(dirname(target), { recursive: true });
      try {
        // Many records name the same logo or image: the first copy wins, the rest are no-ops.
        await copyFile(join(options.uploadsDir, path), target, constants.COPYFILE_EXCL);
        files++;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return;
        if (code !== 'ENOENT') throw error;
        problems.push({
          record,
          field,
          message: `names ${path}, which is missing from the uploads folder: the import will refuse this record until the file is put beside the export`,
        });
      }
    },
    problem(problem) {
      problems.push(problem);
    },
    async close() {
      if (failure) throw failure;
      stream.end();
      await once(stream, 'finish');
      options.onProgress?.(records);
    },
    abort() {
      stream.destroy();
    },
  };
  return sink;
}
