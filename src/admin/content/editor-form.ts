import type { ImportRecordInput } from '../../import/records.ts';
import { type PublicationRecord, slugFrom } from './publication-editor.ts';

/*
 * The editor's form, field by field, to and from the publication record. Fields the form
 * does not show (lead image, DOI, centers, partner…) are kept from the record being
 * edited. Times are entered in UTC as the browser's datetime-local gives them.
 */

export type EditorForm = Record<string, string | string[] | undefined>;

const text = (form: EditorForm, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : '';
};
const list = (form: EditorForm, name: string): string[] => {
  const value = form[name];
  return (Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [])
    .map((v) => v.trim())
    .filter(Boolean);
};

/** "2026-06-01T12:00" (UTC) → ISO; empty → undefined; anything else is left for the checks to refuse. */
export function fromLocalUtc(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)
    ? `${v.length === 16 ? `${v}:00` : v}Z`
    : v;
}

/** ISO → what a datetime-local input shows, in UTC. */
export function toLocalUtc(iso: string | undefined): string {
  return iso ? iso.slice(0, 16) : '';
}

/**
 * The record the form describes, and the records it needs first: an external author typed
 * in by name becomes a person of their own (no account needed), placed in the byline.
 */
export function recordFromForm(
  form: EditorForm,
  base: PublicationRecord | undefined,
): { record: PublicationRecord; extra: ImportRecordInput[] } {
  const extra: ImportRecordInput[] = [];
  const authors = text(form, 'authors')
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const newAuthor = text(form, 'newAuthor').trim();
  if (newAuthor !== '') {
    const slug = `${slugFrom(newAuthor)}`;
    extra.push({ kind: 'person', slug, name: newAuthor.slice(0, 200), external: true });
    authors.push(slug);
  }
  const title = text(form, 'title').trim();
  const record = {
    ...(base ?? { kind: 'publication' as const }),
    kind: 'publication' as const,
    slug: base?.slug ?? (text(form, 'slug').trim() || slugFrom(title)),
    title,
    type: text(form, 'type'),
    summary: text(form, 'summary'),
    body: text(form, 'body'),
    status: text(form, 'status') || 'draft',
    publishedAt: fromLocalUtc(text(form, 'publishedAt')),
    embargoUntil: fromLocalUtc(text(form, 'embargoUntil')),
    primaryCenter: text(form, 'primaryCenter'),
    authors,
    topics: list(form, 'topics'),
    regions: list(form, 'regions'),
  };
  return { record: record as PublicationRecord, extra };
}
