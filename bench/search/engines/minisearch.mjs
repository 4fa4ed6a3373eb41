// MiniSearch 7.2.0 as a developer would use it for this page: one index over title,
// summary, body, author names and term names (title boosted ×2), everything needed to
// answer stored in it (storeFields: slug, title, summary, body, date and the facet
// values), every word required (combineWith AND), no prefix or fuzzy matching.
//
// Per query: one search (MiniSearch.wildcard when there is no text) returns every hit,
// scored and sorted; one pass over ALL of them applies the filters and counts the facets.
// A facet's counts leave out its own filter (a hit failing only that facet's filter
// counts for that facet alone), as Dossier's do. Top 20: the first 20 passing hits
// (relevance), or the 20 newest (facets only). Snippets: the first 200 characters of the
// body around the first of MiniSearch's matched terms (result.terms), matches in <mark>,
// and the title likewise. A phrase has no MiniSearch equivalent: its words are searched
// with AND (any order, any distance), so its totals are larger than a phrase's.
import MiniSearch from 'minisearch';
import {
  FACET_FIELDS,
  facetCounter,
  HITS_PER_PAGE,
  highlight,
  matchesFilter,
  readDocuments,
  snippet,
  TEXT_FIELDS,
  termPattern,
} from './peer-kit.mjs';

export const label = 'MiniSearch';
export const packageName = 'minisearch';
export const phraseHandling = 'words with AND (no phrase search)';
export const method =
  "one index over title, summary, body, author and term names (title ×2), storeFields holding slug, title, summary, body, date and facet values; per query one search with combineWith AND (MiniSearch.wildcard without text) returning every hit, then one pass over all hits applying the filters and counting every facet (a facet's counts leave out its own filter); top 20 by relevance or date; snippets: ~200 characters of the stored body around the first matched term (result.terms), title highlighted likewise";

export async function prepare({ corpusDir }) {
  return { corpusDir };
}

export async function build({ corpusDir }) {
  const started = performance.now();
  const index = new MiniSearch({
    idField: 'id',
    fields: TEXT_FIELDS,
    storeFields: ['slug', 'title', 'summary', 'body', 'date', ...Object.values(FACET_FIELDS)],
    searchOptions: { boost: { title: 2 }, combineWith: 'AND', prefix: false, fuzzy: false },
  });
  const { documents, textCharacters } = await readDocuments(corpusDir, (doc) => index.add(doc));
  const buildMs = performance.now() - started;
  return {
    search: (query) => search(index, query),
    stats: () => ({ documents, terms: index.termCount, textCharacters, buildMs }),
    close() {},
  };
}

function search(index, query) {
  const hits =
    query.words.length > 0
      ? index.search(query.words.join(' '))
      : index.search(MiniSearch.wildcard);
  const filters = Object.entries(query.filters);
  const counter = facetCounter();
  const facets = Object.keys(FACET_FIELDS);
  const top = [];
  let total = 0;
  for (const hit of hits) {
    let failed = -1;
    let failures = 0;
    for (let i = 0; i < filters.length && failures < 2; i++) {
      const [facet, selected] = filters[i];
      if (!matchesFilter(hit[FACET_FIELDS[facet]], selected)) {
        failures++;
        failed = i;
      }
    }
    if (failures === 0) {
      total++;
      for (const facet of facets) counter.add(facet, hit[FACET_FIELDS[facet]]);
      keepTop(top, hit, query.sort);
    } else if (failures === 1) {
      const facet = filters[failed][0];
      counter.add(facet, hit[FACET_FIELDS[facet]]);
    }
  }
  return {
    total,
    hits: top.map((hit) => {
      const pattern = termPattern(hit.terms ?? []);
      return {
        slug: hit.slug,
        title: hit.title,
        titleHtml: highlight(hit.title, pattern),
        snippetHtml: snippet(hit.body, pattern),
        score: hit.score,
      };
    }),
    facets: counter.result(query.filters),
  };
}

/** Relevance: hits come sorted, keep the first 20. Date: keep the 20 newest. */
function keepTop(top, hit, sort) {
  if (sort === 'relevance') {
    if (top.length < HITS_PER_PAGE) top.push(hit);
    return;
  }
  if (top.length === HITS_PER_PAGE && hit.date <= top[top.length - 1].date) return;
  let i = top.length;
  while (i > 0 && top[i - 1].date < hit.date) i--;
  top.splice(i, 0, hit);
  if (top.length > HITS_PER_PAGE) top.pop();
}
