// The seeded query mix, drawn from a corpus's stats.json (bench/search/corpus.mts).
//
// Five kinds in equal shares: one common word (in 40–97% of publications), two words
// (each in 2–40%), a rare word (in 2 to max(10, N/2,000) publications), a phrase (a
// recurring collocation of two or three words, in 0.1–30%), and facets only (no text).
// Half of each text kind carries 1–2 filters, so the classes are text-only (40%),
// text+facets (40%) and facets-only (20%). Filters are one value of one or two facets,
// taken from a publication sampled at random (so a popular value is picked more often,
// and a region filter is as often a parent region as a country); they are not chosen to
// match the text, so a rare word with a filter often matches nothing, as a reader's would.
// Text queries sort by relevance, facets-only by date (newest first); 20 hits per page.

export const KINDS = ['common', 'two-words', 'rare', 'phrase', 'facets'];
export const CLASSES = ['text', 'text+facets', 'facets'];

/** How often each facet is the one filtered on (a reader's habits, roughly). */
const FACET_WEIGHTS = {
  topic: 3,
  region: 3,
  type: 2,
  center: 2,
  program: 2,
  year: 2,
  author: 1,
  language: 1,
  project: 1,
  collection: 1,
};

export function makeQueries(stats, { count = 200, seed = 1 } = {}) {
  const random = mulberry32(seed * 7919 + 17);
  const n = stats.docs;
  const inBand = (list, low, high) => list.filter(([, df]) => df >= low && df <= high);
  const bands = {
    common: inBand(stats.words, 0.4 * n, 0.97 * n),
    mid: inBand(stats.words, 0.02 * n, 0.4 * n),
    rare: inBand(stats.words, 2, Math.max(10, n / 2000)),
    phrases: inBand(stats.phrases, Math.max(2, 0.001 * n), 0.3 * n),
  };
  for (const [name, list] of Object.entries(bands))
    if (list.length === 0) throw new Error(`no ${name} words in the corpus's stats`);
  const pick = (list) => list[Math.floor(random() * list.length)];

  const queries = [];
  const perKind = new Map();
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const nth = perKind.get(kind) ?? 0;
    perKind.set(kind, nth + 1);
    const filtered = kind === 'facets' || nth % 2 === 1;
    let words;
    let df;
    if (kind === 'common') [words, df] = single(pick(bands.common));
    else if (kind === 'rare') [words, df] = single(pick(bands.rare));
    else if (kind === 'phrase') {
      const [phrase, phraseDf] = pick(bands.phrases);
      [words, df] = [phrase.split(' '), phraseDf];
    } else if (kind === 'two-words') {
      const first = pick(bands.mid);
      let second = pick(bands.mid);
      while (second[0] === first[0]) second = pick(bands.mid);
      [words, df] = [
        [first[0], second[0]],
        [first[1], second[1]],
      ];
    } else [words, df] = [[], null];
    const phrase = kind === 'phrase';
    queries.push({
      kind,
      class: kind === 'facets' ? 'facets' : filtered ? 'text+facets' : 'text',
      words,
      phrase,
      /** Dossier's query syntax: words, or a "quoted phrase". */
      text: phrase ? `"${words.join(' ')}"` : words.join(' '),
      filters: filtered ? pickFilters(stats.sample, random) : {},
      sort: kind === 'facets' ? 'date' : 'relevance',
      /** Publications the word(s) or phrase occur in, per the generator. */
      df,
    });
  }
  // Interleave the kinds in a seeded order, then number them.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j], queries[i]];
  }
  return queries.map((q, i) => ({ id: `q${String(i + 1).padStart(3, '0')}`, ...q }));
}

function single([word, df]) {
  return [[word], df];
}

function pickFilters(sample, random) {
  const doc = sample[Math.floor(random() * sample.length)];
  const wanted = random() < 0.5 ? 1 : 2;
  const available = Object.entries(FACET_WEIGHTS).filter(([facet]) => {
    const value = doc[facet];
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
  const filters = {};
  while (Object.keys(filters).length < Math.min(wanted, available.length)) {
    const candidates = available.filter(([facet]) => !(facet in filters));
    const total = candidates.reduce((sum, [, w]) => sum + w, 0);
    let roll = random() * total;
    let facet = candidates[0][0];
    for (const [name, weight] of candidates) {
      roll -= weight;
      if (roll < 0) {
        facet = name;
        break;
      }
    }
    const value = doc[facet];
    filters[facet] = [Array.isArray(value) ? value[Math.floor(random() * value.length)] : value];
  }
  return filters;
}

/** The same small generator as src/demo/random.ts, so the mix is reproducible. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
