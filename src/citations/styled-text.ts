/** A run of citation text. The page shows italics; the copy button copies plain text. */
export interface Span {
  text: string;
  italic: boolean;
}

/** A finished rendering: callers read it, never change it. */
export type StyledText = readonly Readonly<Span>[];

/**
 * One element of an entry: plain text, an italic title, a title in quotation marks, or
 * runs already styled (APA's italic title followed by its roman report number, which
 * take no comma between them).
 */
export type Part = string | { italic: string } | { quoted: string } | { runs: StyledText };

/** A sentence of an entry: its parts, joined by commas. Empty parts are left out. */
export type Sentence = Part | (Part | undefined)[] | undefined;

export function plainText(styled: StyledText): string {
  return styled.map((span) => span.text).join('');
}

/**
 * Writes an entry as the three styles punctuate one: each sentence's parts joined by
 * commas, each sentence closed by a period, sentences separated by a space. The
 * American punctuation rules the manuals share (Chicago's chapter 6, MLA's chapter 6,
 * APA's section 9.19 for titles):
 * - a period or comma after a quoted title goes inside the closing quotation marks,
 *   single and double alike;
 * - a title or name already ending in a question mark or exclamation point takes no
 *   period or comma after it, and one ending in a period ("Jr.", "n.d.") no second period;
 * - double quotation marks inside a quoted title become single ones.
 * `closeLast: false` leaves the last sentence open: APA puts no period after the DOI
 * or URL that ends its entries, since the period could be taken as part of the link.
 */
export function composeEntry(
  sentences: Sentence[],
  { closeLast = true }: { closeLast?: boolean } = {},
): StyledText {
  const out: Span[] = [];
  let lastWasQuoted = false;
  const punctuate = (mark: '.' | ',') => {
    const last = out.at(-1);
    if (!last) return;
    // Inside a quoted title the mark goes before the closing quotation marks: before
    // ” alone, or before ’” when the title itself ends on a single-quoted phrase.
    const closing = lastWasQuoted ? (/‘[^’]*’”$/.test(last.text) ? 2 : 1) : 0;
    const body = last.text.slice(0, last.text.length - closing);
    if (/[?!]$/.test(body) || (mark === '.' && body.endsWith('.'))) return;
    if (closing > 0) last.text = `${body}${mark}${last.text.slice(-closing)}`;
    else push(out, mark, false);
  };
  const present = sentences
    .map((sentence) => (Array.isArray(sentence) ? sentence : [sentence]).filter(isPresent))
    .filter((parts) => parts.length > 0);
  present.forEach((parts, sentenceIndex) => {
    if (out.length > 0) push(out, ' ', false);
    parts.forEach((part, index) => {
      if (index > 0) {
        punctuate(',');
        push(out, ' ', false);
      }
      lastWasQuoted = typeof part === 'object' && 'quoted' in part;
      if (typeof part === 'string') push(out, part, false);
      else if ('italic' in part) push(out, part.italic, true);
      else if ('runs' in part) for (const run of part.runs) push(out, run.text, run.italic);
      else push(out, `“${nestQuotes(part.quoted)}”`, false);
    });
    if (closeLast || sentenceIndex < present.length - 1) punctuate('.');
    lastWasQuoted = false;
  });
  return out;
}

function isPresent(part: Part | undefined): part is Part {
  if (part === undefined) return false;
  if (typeof part === 'string') return part.trim() !== '';
  if ('italic' in part) return part.italic.trim() !== '';
  if ('quoted' in part) return part.quoted.trim() !== '';
  return part.runs.some((run) => run.text.trim() !== '');
}

function push(out: Span[], text: string, italic: boolean): void {
  // An empty run (a title left blank beside its report number) would be an empty <i>.
  if (text === '') return;
  const last = out.at(-1);
  if (last && last.italic === italic) last.text += text;
  else out.push({ text, italic });
}

/** Quotation marks inside a quoted title: “ ” and paired straight quotes become ‘ ’. */
function nestQuotes(title: string): string {
  let open = true;
  return title
    .replaceAll('“', '‘')
    .replaceAll('”', '’')
    .replace(/"/g, () => {
      const mark = open ? '‘' : '’';
      open = !open;
      return mark;
    });
}
