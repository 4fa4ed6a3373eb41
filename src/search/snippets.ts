import { escapeHtml } from '../lib/xml-text.ts';
import { fold, forEachWord, TermCache, WORD_PATTERN } from './text-analysis.ts';

/*
 * Highlighted text for results: the reader's words in <mark>, everything else escaped.
 * The output is HTML built only here, from escaped pieces, so a hostile title or body
 * can never bring markup of its own.
 */

/**
 * Whether a folded word of a document is one the reader asked for; `starts` are the
 * first three letters any such word has (none: nothing can match).
 */
export type WordMatcher = ((folded: string) => boolean) & { starts: ReadonlySet<string> };

const cache = new TermCache();

export function wordMatcher(targets: { terms: Set<string>; prefixes: string[] }): WordMatcher {
  // A stem keeps its word's first three letters (Porter's rules only change endings), so
  // most words are ruled out by those before any stemming.
  const starts = new Set<string>();
  for (const term of targets.terms) starts.add(term.slice(0, 3));
  for (const prefix of targets.prefixes) starts.add(prefix.slice(0, 3));
  const matches = (folded: string) => {
    if (!starts.has(folded.slice(0, 3))) return false;
    const term = cache.termOf(folded);
    if (term !== null && targets.terms.has(term)) return true;
    return targets.prefixes.some((prefix) => folded.startsWith(prefix));
  };
  return Object.assign(matches, { starts });
}

/** All of a short text (a title) with its matches marked. */
export function highlightAll(text: string, matches: WordMatcher): string {
  const marks: [number, number][] = [];
  forEachWord(text, (folded, start, end) => {
    if (matches(folded)) marks.push([start, end]);
  });
  return markRanges(text, 0, text.length, marks);
}

/** Words around the densest cluster of matches: read at most this far into a body. */
const SCAN_CHARS = 20_000;

/**
 * About `words` words of `text` around where the reader's words are densest, marked;
 * the start of the text when nothing matches. Ellipses show that the text goes on.
 */
export function snippet(text: string, matches: WordMatcher, words = 30): string {
  const end = Math.min(text.length, SCAN_CHARS);
  const first = firstHit(text, end, matches);
  // Only the stretch around the first match is split into words: a body is thousands.
  if (first === null) return snippetWithin(text, 0, Math.min(end, words * 24), matches, words);
  if (first === undefined) return snippetWithin(text, 0, end, matches, words);
  return snippetWithin(
    text,
    Math.max(0, first - 120),
    Math.min(end, first + words * 24),
    matches,
    words,
  );
}

const WORD_AT = new RegExp(WORD_PATTERN.source, 'uy');
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Where the first matching word starts, found by searching for the matches' first three
 * letters rather than splitting every word: null when there is none; undefined when the
 * text's lower case does not line up with it (a few letters lengthen), so the caller
 * splits it all.
 */
function firstHit(text: string, end: number, matches: WordMatcher): number | null | undefined {
  const lower = text.slice(0, end).toLowerCase();
  if (lower.length !== end) return undefined;
  let first: number | null = null;
  for (const start of matches.starts) {
    for (let at = lower.indexOf(start); at >= 0 && (first === null || at < first); ) {
      if (at === 0 || !WORD_CHAR.test(lower[at - 1] as string)) {
        WORD_AT.lastIndex = at;
        const word = WORD_AT.exec(lower);
        if (word && matches(fold(word[0]))) {
          first = at;
          break;
        }
      }
      at = lower.indexOf(start, at + 1);
    }
  }
  return first;
}

function snippetWithin(
  text: string,
  from: number,
  to: number,
  matches: WordMatcher,
  words: number,
): string {
  const spans: { start: number; end: number; hit: boolean }[] = [];
  forEachWord(text.slice(from, to), (folded, start, end) => {
    spans.push({ start: from + start, end: from + end, hit: matches(folded) });
  });
  // A stretch cut out of the middle may begin inside a word: drop that piece.
  if (from > 0 && WORD_CHAR.test(text[from - 1] as string)) spans.shift();
  if (spans.length === 0) return '';

  // Slide a window of `words` words; keep the one with the most hits (first wins).
  let best = 0;
  let bestHits = -1;
  let hitsInWindow = 0;
  for (let i = 0; i < spans.length; i++) {
    if (spans[i]?.hit) hitsInWindow++;
    if (i >= words && spans[i - words]?.hit) hitsInWindow--;
    const start = Math.max(0, i - words + 1);
    if (hitsInWindow > bestHits) {
      bestHits = hitsInWindow;
      best = start;
    }
  }
  // Start a few words before the first hit, so it reads in context.
  if (bestHits > 0) {
    let firstHit = best;
    while (firstHit < spans.length && !spans[firstHit]?.hit) firstHit++;
    best = Math.max(0, firstHit - 4);
  }
  const last = Math.min(spans.length, best + words) - 1;
  const start = best === 0 && from === 0 ? 0 : (spans[best] as { start: number }).start;
  const stop = (spans[last] as { end: number }).end;
  const marks: [number, number][] = [];
  for (let i = best; i <= last; i++) {
    const span = spans[i] as { start: number; end: number; hit: boolean };
    if (span.hit) marks.push([span.start, span.end]);
  }
  const lead = start > 0 ? '… ' : '';
  const tail = stop < text.length ? ' …' : '';
  return `${lead}${markRanges(text, start, stop, marks)}${tail}`;
}

function markRanges(text: string, from: number, to: number, marks: [number, number][]): string {
  let out = '';
  let at = from;
  for (const [start, end] of marks) {
    out += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}
