import { escapeHtml } from '../lib/xml-text.ts';
import { forEachWord, TermCache } from './text-analysis.ts';

/*
 * Highlighted text for results: the reader's words in <mark>, everything else escaped.
 * The output is HTML built only here, from escaped pieces, so a hostile title or body
 * can never bring markup of its own.
 */

/** Whether a folded word of a document is one the reader asked for. */
export type WordMatcher = (folded: string) => boolean;

const cache = new TermCache();

export function wordMatcher(targets: { terms: Set<string>; prefixes: string[] }): WordMatcher {
  // A stem keeps its word's first three letters (Porter's rules only change endings), so
  // most words are ruled out by those before any stemming.
  const starts = new Set<string>();
  for (const term of targets.terms) starts.add(term.slice(0, 3));
  for (const prefix of targets.prefixes) starts.add(prefix.slice(0, 3));
  if (starts.size === 0) return () => false;
  return (folded) => {
    if (!starts.has(folded.slice(0, 3))) return false;
    const term = cache.termOf(folded);
    if (term !== null && targets.terms.has(term)) return true;
    return targets.prefixes.some((prefix) => folded.startsWith(prefix));
  };
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
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  const spans: { start: number; end: number; hit: boolean }[] = [];
  forEachWord(scanned, (folded, start, end) => {
    spans.push({ start, end, hit: matches(folded) });
  });
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
  const from = best === 0 ? 0 : (spans[best] as { start: number }).start;
  const to = (spans[last] as { end: number }).end;
  const marks: [number, number][] = [];
  for (let i = best; i <= last; i++) {
    const span = spans[i] as { start: number; end: number; hit: boolean };
    if (span.hit) marks.push([span.start, span.end]);
  }
  const lead = from > 0 ? '… ' : '';
  const tail = to < text.length ? ' …' : '';
  return `${lead}${markRanges(text, from, to, marks)}${tail}`;
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
