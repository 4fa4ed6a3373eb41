import { renderMarkdown } from '../lib/markdown.ts';
import { type ImportRecord, importRecord } from './records.ts';

/** A value read from an import source, checked: a record to write, or why it is refused. */
export type CheckedRecord =
  | {
      ok: true;
      record: ImportRecord;
      /** The record's Markdown body as HTML, when the reader rendered it ahead of the writer. */
      bodyHtml?: string;
    }
  | { ok: false; field: string; message: string };

/**
 * Validates one parsed value against the import format. With `render`, also renders the
 * body of a publication or page: the costliest step of writing one, which a reader in
 * another thread can then do while the writer is busy with the records before it.
 */
export function checkRecord(value: unknown, options: { render: boolean }): CheckedRecord {
  const parsed = importRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      field: issue?.path.join('.') ?? '',
      message: issue?.message ?? 'is not valid',
    };
  }
  const record = parsed.data;
  if (!options.render || (record.kind !== 'publication' && record.kind !== 'page'))
    return { ok: true, record };
  return { ok: true, record, bodyHtml: renderMarkdown(record.body) };
}

/** A line that is not JSON. */
export function notJson(error: SyntaxError): CheckedRecord {
  return { ok: false, field: '', message: `is not valid JSON (${error.message})` };
}

/**
 * The kind and slug a value claims to have, cut to a length fit for a report. Kinds
 * without a slug are named by their natural key (an account by its address, a revision
 * as `piece/3`); readers' records by nothing but their line, so that no subscriber's
 * address reaches a report.
 */
export function nameOf(value: unknown): { kind?: string; slug?: string } {
  if (value === null || typeof value !== 'object') return {};
  const { kind, slug } = value as { kind?: unknown; slug?: unknown };
  const key = typeof slug === 'string' ? slug : naturalKeyOf(value as Record<string, unknown>);
  return {
    ...(typeof kind === 'string' ? { kind: kind.slice(0, 40) } : {}),
    ...(key !== undefined ? { slug: key.slice(0, 200) } : {}),
  };
}

function naturalKeyOf(value: Record<string, unknown>): string | undefined {
  const parts = (() => {
    switch (value.kind) {
      case 'user':
        return [value.email];
      case 'revision':
        return [value.publication, value.number];
      case 'scheduledJob':
        return [value.publication, value.action];
      case 'newsletterIssue':
        return [value.list, value.number];
      case 'consentText':
        return [value.version];
      default:
        return [];
    }
  })();
  if (parts.length === 0 || !parts.every((p) => typeof p === 'string' || typeof p === 'number'))
    return undefined;
  return parts.join('/');
}
