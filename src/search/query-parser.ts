import { forEachWord, STOPWORDS, termOf } from './text-analysis.ts';

/*
 * A reader's search text → what must match. Nothing a reader types is an error: quotes
 * that do not close, stray operators, `*` alone or a pasted page all become plain words,
 * and the parts that carry no word are dropped.
 */

/** Longer text is cut here: no real query is longer, and the work stays bounded. */
export const MAX_QUERY_CHARS = 500;
/** At most this many words and phrases count; the rest are ignored. */
export const MAX_CLAUSES = 24;

export type Clause =
  /** A word, matched by its stem or a plural's (bus / buses stem apart in Porter's rules). */
  | { kind: 'word'; terms: string[] }
  /** `econom*`: any term that starts so (the typed letters, or their stem). */
  | { kind: 'prefix'; prefix: string; term: string }
  /** `"cost of living"`: terms at fixed distances (stopwords keep their place). */
  | { kind: 'phrase'; slots: { term: string; offset: number }[] };

export interface ParsedQuery {
  clauses: Clause[];
}

export function parseQuery(
  input: string,
  options: { lastWordIsPrefix?: boolean } = {},
): ParsedQuery {
  // Cut at a space, so no word is left half typed.
  const text =
    input.length <= MAX_QUERY_CHARS
      ? input
      : input.slice(0, MAX_QUERY_CHARS).replace(/\s+\S*$/, '') || input.slice(0, MAX_QUERY_CHARS);
  const clauses: Clause[] = [];
  const parts = text.split('"');
  // With an odd number of quotes the last one does not close: its text is plain words.
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  parts.forEach((part, index) => {
    const isPhrase = index % 2 === 1 && index < closed;
    if (isPhrase) addPhrase(part, clauses);
    else addWords(part, clauses, options.lastWordIsPrefix === true && index === parts.length - 1);
  });
  return { clauses: dedupe(clauses).slice(0, MAX_CLAUSES) };
}

function addWords(text: string, clauses: Clause[], lastIsPrefix: boolean): void {
  const words: { folded: string; starred: boolean }[] = [];
  forEachWord(text, (folded, _start, end) => {
    words.push({ folded, starred: text[end] === '*' });
  });
  words.forEach(({ folded, starred }, index) => {
    const prefix = starred || (lastIsPrefix && index === words.length - 1 && !/\s$/.test(text));
    if (prefix) {
      // A prefix shorter than two letters would match half the dictionary.
      if (folded.length >= 2)
        clauses.push({ kind: 'prefix', prefix: folded, term: termOf(folded) });
      return;
    }
    if (STOPWORDS.has(folded)) return;
    const terms = wordTerms(folded);
    if (terms.length > 0) clauses.push({ kind: 'word', terms });
  });
}

function addPhrase(text: string, clauses: Clause[]): void {
  const slots: { term: string; offset: number }[] = [];
  let offset = 0;
  forEachWord(text, (folded) => {
    if (!STOPWORDS.has(folded)) {
      const term = termOf(folded);
      if (term !== '') slots.push({ term, offset });
    }
    offset++;
  });
  if (slots.length === 0) return;
  if (slots.length === 1) {
    clauses.push({ kind: 'word', terms: [(slots[0] as { term: string }).term] });
    return;
  }
  const first = (slots[0] as { offset: number }).offset;
  clauses.push({
    kind: 'phrase',
    slots: slots.map((s) => ({ term: s.term, offset: s.offset - first })),
  });
}

/**
 * A word's stem and, for English plurals the stemmer splits from their singular
 * ("buses" → buse, "bus" → bu), the other form's stem too.
 */
function wordTerms(folded: string): string[] {
  const terms = [termOf(folded)];
  if (folded.length > 4 && folded.endsWith('es')) terms.push(termOf(folded.slice(0, -2)));
  else if (folded.length > 2 && folded.endsWith('s') && !folded.endsWith('ss'))
    terms.push(termOf(`${folded}es`));
  return [...new Set(terms.filter((term) => term !== ''))];
}

function dedupe(clauses: Clause[]): Clause[] {
  const seen = new Set<string>();
  return clauses.filter((clause) => {
    const key = JSON.stringify(clause);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The words of a query as highlighting needs them: exact terms and prefixes. */
export function highlightTargets(query: ParsedQuery): { terms: Set<string>; prefixes: string[] } {
  const terms = new Set<string>();
  const prefixes: string[] = [];
  for (const clause of query.clauses) {
    if (clause.kind === 'word') for (const term of clause.terms) terms.add(term);
    else if (clause.kind === 'prefix') {
      prefixes.push(clause.prefix);
      terms.add(clause.term);
    } else for (const slot of clause.slots) terms.add(slot.term);
  }
  return { terms, prefixes };
}
