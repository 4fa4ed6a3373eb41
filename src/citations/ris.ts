import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { type CslRecord, withoutUndefined } from './csl-record.ts';
import { oneLine } from './one-line.ts';

/*
 * RIS from the CSL record. citation-js maps the record to RIS tags (report → TY RPRT,
 * with PB for the institution, SN for the report number, T2 for the series); we write
 * the lines ourselves because citation-js 0.8 breaks every value after 70 characters,
 * mid-word, and its own reader joins the pieces back with a space, and it writes line
 * breaks inside a value as they are, so a summary could start a tag of its own.
 *
 * RIS has no escaping: a value is the rest of its line. So whitespace is collapsed to
 * single spaces and control characters are dropped. A comma inside a name cannot be
 * told from the "Family, Given" separator; no RIS reader can get such a name back.
 */
export function toRis(record: CslRecord): string {
  const [entry] = new Cite(withoutUndefined(record)).format('ris', { format: 'object' });
  if (!entry) throw new Error(`citation-js mapped no RIS entry for ${record.id}`);
  const lines = [`TY  - ${entry.TY}`];
  for (const [tag, value] of Object.entries(entry)) {
    if (tag === 'TY') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = oneLine(String(item));
      if (text !== '') lines.push(`${tag}  - ${text}`);
    }
  }
  lines.push('ER  - ');
  // The RIS specification ends each line with CR LF; readers accept LF too.
  return `${lines.join('\r\n')}\r\n`;
}
