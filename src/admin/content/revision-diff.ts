import { diffArrays, diffWordsWithSpace } from 'diff';
import type { PublicationRecord } from './publication-editor.ts';

/** A readable difference of one field: runs of kept, added and removed text. */
export interface FieldDiff {
  field: string;
  label: string;
  parts: { value: string; added: boolean; removed: boolean }[];
}

const FIELDS: [keyof PublicationRecord, string][] = [
  ['title', 'Title'],
  ['summary', 'Summary'],
  ['body', 'Body'],
  ['authors', 'Authors'],
  ['status', 'Status'],
  ['publishedAt', 'Publication time'],
  ['embargoUntil', 'Embargo'],
  ['type', 'Type'],
  ['primaryCenter', 'Center'],
  ['topics', 'Topics'],
  ['regions', 'Regions'],
];

/** The fields that differ from `current` to `revision`, word by word (lists item by item). */
export function diffRecords(current: PublicationRecord, revision: PublicationRecord): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const [field, label] of FIELDS) {
    const a = current[field];
    const b = revision[field];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    const parts =
      Array.isArray(a) || Array.isArray(b)
        ? diffArrays((a as string[]) ?? [], (b as string[]) ?? []).map((p) => ({
            value: `${p.value.join(', ')} `,
            added: p.added ?? false,
            removed: p.removed ?? false,
          }))
        : diffWordsWithSpace(String(a ?? ''), String(b ?? '')).map((p) => ({
            value: p.value,
            added: p.added ?? false,
            removed: p.removed ?? false,
          }));
    diffs.push({ field, label, parts });
  }
  return diffs;
}
