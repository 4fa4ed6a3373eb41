/**
 * A value as BibTeX and RIS can hold it: one line (a blank line ends a paragraph in
 * BibTeX; a new line is a new tag in RIS), whitespace runs as single spaces, and no
 * control characters, which neither format nor LaTeX can carry.
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(CONTROL, '').trim();
}

// Outside the function: esbuild writes a `\p{…}` literal as `new RegExp(…)`, made afresh
// at every call.
const CONTROL = /\p{Cc}/gu;
