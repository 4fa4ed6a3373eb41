import { stemmer } from 'stemmer';

/*
 * How text becomes index terms, the same for documents and queries: words are runs of
 * letters and digits, folded to lower case without accents ("Économie" → "economie"),
 * then reduced to their English stem ("policies" → "polici", like "policy").
 */

/**
 * Letters and digits, with combining marks kept inside the word (an "é" typed as e +
 * accent) and an inner apostrophe kept so "nation's" stays one word.
 */
export const WORD_PATTERN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’][\p{L}\p{M}]+)*/gu;
const WORD = new RegExp(WORD_PATTERN.source, 'gu');

/** Letters a Unicode decomposition leaves whole, spelled as a reader would type them. */
const LIGATURES: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};
const LIGATURE = /[ßæœøđðþłı]/g;
const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^ -~\t\n\r]/;

/** Lower case, accents off, ligatures spelled out. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(LIGATURE, (letter) => LIGATURES[letter] ?? letter);
}

/**
 * Words too common to tell documents apart. They take no room in the index; a phrase
 * still counts them as places ("cost of living" is "cost", one word, "living").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for from has have he her his i if in into is it its ' +
    'of on or our she so than that the their them then there these they this those to ' +
    'was we were what when which who will with would you'
  ).split(' '),
);

/** The index term of one folded word: its stem, with possessives and apostrophes gone. */
export function termOf(folded: string): string {
  let word = folded;
  if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
  if (word.includes("'") || word.includes('’')) word = word.replace(/['’]/g, '');
  // Numbers and codes are kept as written; the stemmer is for English words.
  if (/\d/.test(word) || word.length < 3) return word;
  return stemmer(word);
}

/**
 * Calls `visit` for every word of `text` with its folded spelling and where it sits in
 * the text, so highlighting can mark the original characters.
 */
export function forEachWord(
  text: string,
  visit: (folded: string, start: number, end: number) => void,
): void {
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    visit(fold(match[0]), match.index, match.index + match[0].length);
  }
}

/**
 * A memo of word → term for one build or one process: a corpus repeats a few tens of
 * thousands of words millions of times, and stemming each occurrence would dominate.
 */
export class TermCache {
  readonly #terms = new Map<string, string | null>();

  /** The term for a folded word, or null for a stopword. */
  termOf(folded: string): string | null {
    let term = this.#terms.get(folded);
    if (term === undefined) {
      term = STOPWORDS.has(folded) ? null : termOf(folded);
      if (term === '') term = null;
      // A runaway vocabulary (random strings) must not grow the memo without end.
      if (this.#terms.size > 500_000) this.#terms.clear();
      this.#terms.set(folded, term);
    }
    return term;
  }
}
