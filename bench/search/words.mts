// Invented English-like words for the search bench's corpus, and the samplers that draw
// them: each word is its own Porter stem, none is a prefix of another (Orama matches
// prefixes) or of a reserved token, so every engine tokenizes the text the same way.
import { stemmer } from 'stemmer';
import type { Random } from '../../src/demo/random.ts';

const ONSETS =
  'b c d f g h j k l m n p r s t v w z bl br ch cl cr dr fl fr gl gr pl pr sc sh sk sl sm sn sp st str sw th tr tw wh qu'.split(
    ' ',
  );
const NUCLEI = 'a e i o u a e i o a o ai au ea ee ei ie io oa oo ou ua'.split(' ');
const CODAS = '- - - - b d ff g k l ll m n nd ng nk nt p r rd rk rm rn rt sk sp st t th x'.split(
  ' ',
);

export function inventWord(random: Random): string {
  const syllables = random.weighted([
    [1, 8],
    [2, 45],
    [3, 37],
    [4, 10],
  ] as const);
  let word = '';
  for (let i = 0; i < syllables; i++) {
    if (i === 0 ? random.chance(0.85) : true) word += random.pick(ONSETS);
    word += random.pick(NUCLEI);
    const coda = random.pick(CODAS);
    if (coda !== '-' && (i === syllables - 1 || random.chance(0.3))) word += coda;
  }
  return word;
}

/**
 * `count` invented words, each its own Porter stem, none a prefix of another or of a
 * reserved token (names, terms, function words), none sharing a stem with one. Accepted
 * in the order they are invented, so short words come early and still fit.
 */
export function inventVocabulary(random: Random, count: number, reserved: Set<string>): string[] {
  const prefixes = new Set<string>();
  const blockedStems = new Set<string>();
  for (const token of reserved) {
    blockedStems.add(stemmer(token));
    for (let end = 1; end <= token.length; end++) prefixes.add(token.slice(0, end));
  }
  const accepted = new Set<string>();
  const words: string[] = [];
  while (words.length < count) {
    const word = inventWord(random);
    if (word.length < 3 || word.length > 13 || prefixes.has(word) || blockedStems.has(word))
      continue;
    let prefixed = false;
    for (let end = 1; end < word.length && !prefixed; end++)
      prefixed = accepted.has(word.slice(0, end));
    if (prefixed || stemmer(word) !== word) continue;
    accepted.add(word);
    words.push(word);
    for (let end = 1; end <= word.length; end++) prefixes.add(word.slice(0, end));
  }
  return words;
}

/** Vose's alias method: O(1) draws from a fixed discrete distribution. */
export function aliasSampler(weights: ArrayLike<number>): (random: Random) => number {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] ?? 0;
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = ((weights[i] ?? 0) * n) / total;
    ((scaled[i] ?? 0) < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    probability[s] = scaled[s] ?? 0;
    alias[s] = l;
    scaled[l] = (scaled[l] ?? 0) + (scaled[s] ?? 0) - 1;
    ((scaled[l] ?? 0) < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) probability[i] = 1;
  return (random) => {
    const i = Math.floor(random.next() * n);
    return random.next() < (probability[i] ?? 1) ? i : (alias[i] ?? i);
  };
}

export function zipfWeights(n: number, s: number, q: number): Float64Array {
  const weights = new Float64Array(n);
  for (let r = 0; r < n; r++) weights[r] = 1 / (r + 1 + q) ** s;
  return weights;
}
