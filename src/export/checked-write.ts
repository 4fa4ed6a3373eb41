import type { z } from 'zod';
import { type ImportRecordInput, importRecord } from '../import/records.ts';
import type { ExportSink } from './export-sink.ts';

/*
 * Accounts, revisions and readers' records hold values written by the app over years
 * (times, addresses, JSON evidence), not only what an import wrote. Before one is written
 * it is read back as the import would read it: a value the import would refuse, or would
 * store in another spelling, is listed as a problem (the record is still written), so
 * that an export never claims a faithful copy it cannot make.
 */

/**
 * Writes `record` after checking it against the import format; `name` names it in
 * problems. Returns the record as the import reads it, or undefined when it refuses it.
 */
export async function writeChecked(
  sink: ExportSink,
  record: ImportRecordInput,
  name: string,
): Promise<Record<string, unknown> | undefined> {
  const parsed = importRecord.safeParse(record);
  let read: Record<string, unknown> | undefined;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    sink.problem({
      record: name,
      field: issue?.path.join('.') ?? '',
      message: `${issue?.message ?? 'is not valid'}: the import will refuse this record`,
    });
  } else {
    read = parsed.data as Record<string, unknown>;
    for (const [field, value] of Object.entries(record)) {
      if (typeof value === 'string' && read[field] !== value)
        sink.problem({
          record: name,
          field,
          message: 'is stored in a spelling the import would change; the copy will differ',
        });
    }
  }
  await sink.write(record);
  return read;
}

/**
 * A JSON column (audit and consent evidence) as the value the record carries. Text that
 * is not JSON, or not in the one spelling the import writes back, is listed as a problem.
 */
export function storedJson(
  text: string,
  sink: ExportSink,
  name: string,
  field: string,
): z.core.util.JSONType {
  try {
    const value = JSON.parse(text) as z.core.util.JSONType;
    if (JSON.stringify(value) !== text)
      sink.problem({
        record: name,
        field,
        message:
          'is JSON spaced or spelled otherwise than the import writes it; the copy will differ',
      });
    return value;
  } catch {
    sink.problem({ record: name, field, message: 'is not JSON; written as text' });
    return text;
  }
}

/** A short, stable name for a reader's record in problems, without their address. */
export function readerName(kind: string, hash: string, at?: string): string {
  return [kind, hash.slice(0, 12), at].filter(Boolean).join(' ');
}
