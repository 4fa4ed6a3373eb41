// Orama 3.1.18 as a developer would use it for this page: one database whose schema
// indexes title, summary, body, author names and term names as text (default tokenizer,
// no stemming, no stop words), the date as a number (to sort by) and every facet as an
// enum or enum[] (to filter and count). Orama keeps whole documents in its own store.
//
// Per query, Orama's own features: `term` over the five text fields, title boosted ×2,
// `threshold: 0` (every word required — within one field, which is how Orama applies
// it), `where` for the filters (enum: `in`; enum[]: `containsAny`), `facets` for the counts
// (Orama counts them over ALL matches, not only the page), `limit: 20`; facets only: no
// term, `sortBy` date descending. A facet's counts leave out its own filter, as
// Dossier's do: for each filtered facet one more search without that filter, counting
// that facet only (what Algolia-style disjunctive faceting needs). Snippets: a window of
// ~200 characters of the body around the first match of a query word, matches in
// <mark>, and the title likewise. Orama matches word prefixes by default; the corpus's
// words are prefix-free, so that changes nothing here. A phrase has no Orama equivalent:
// its words are searched with threshold 0 (all of them, any order, one field).
import { create, insert, search as oramaSearch } from '@orama/orama';
import {
  FACET_FIELDS,
  HITS_PER_PAGE,
  highlight,
  readDocuments,
  SINGLE_VALUED,
  snippet,
  TEXT_FIELDS,
  termPattern,
} from './peer-kit.mjs';

export const label = 'Orama';
export const packageName = '@orama/orama';
export const phraseHandling = 'words with threshold 0 (no phrase search)';
export const method =
  "schema: title, summary, body, author and term names as string, date as number, facets as enum / enum[]; whole documents in Orama's store; per query one search with term, threshold 0 (every word, within one field), boost title ×2, where for the filters, facets over all matches, limit 20 (facets only: no term, sortBy date), plus one search per filtered facet without its own filter to count that facet; snippets: ~200 characters of the body around the first match of a query word, title highlighted likewise";

const ALL_VALUES = { limit: 1_000_000 };

export async function prepare({ corpusDir }) {
  return { corpusDir };
}

export async function build({ corpusDir }) {
  const started = performance.now();
  const schema = { date: 'number' };
  for (const field of TEXT_FIELDS) schema[field] = 'string';
  for (const field of Object.values(FACET_FIELDS))
    schema[field] = SINGLE_VALUED.has(field) ? 'enum' : 'enum[]';
  const db = create({ schema });
  const { documents, textCharacters } = await readDocuments(corpusDir, async (doc) => {
    await insert(db, { ...doc, id: String(doc.id) });
  });
  const buildMs = performance.now() - started;
  return {
    search: (query) => search(db, query),
    stats: () => ({ documents, textCharacters, buildMs }),
    close() {},
  };
}

function where(filters, except) {
  const clause = {};
  for (const [facet, values] of Object.entries(filters)) {
    if (facet === except) continue;
    const field = FACET_FIELDS[facet];
    clause[field] = SINGLE_VALUED.has(field) ? { in: values } : { containsAny: values };
  }
  return clause;
}

function baseParams(query) {
  return query.words.length > 0
    ? { term: query.words.join(' '), properties: TEXT_FIELDS, threshold: 0, boost: { title: 2 } }
    : { sortBy: { property: 'date', order: 'DESC' } };
}

async function search(db, query) {
  const base = baseParams(query);
  const selected = Object.keys(query.filters);
  const facetsConfig = {};
  for (const facet of Object.keys(FACET_FIELDS))
    if (!selected.includes(facet)) facetsConfig[FACET_FIELDS[facet]] = ALL_VALUES;
  const main = await oramaSearch(db, {
    ...base,
    where: where(query.filters),
    facets: facetsConfig,
    limit: HITS_PER_PAGE,
  });
  const counts = {};
  for (const [field, result] of Object.entries(main.facets ?? {})) counts[field] = result.values;
  // Disjunctive counts for the filtered facets: the same search without that one filter.
  for (const facet of selected) {
    const field = FACET_FIELDS[facet];
    const without = await oramaSearch(db, {
      ...base,
      where: where(query.filters, facet),
      facets: { [field]: ALL_VALUES },
      limit: 0,
    });
    counts[field] = without.facets?.[field]?.values ?? {};
  }
  const facets = {};
  for (const facet of Object.keys(FACET_FIELDS)) {
    const chosen = new Set(query.filters[facet] ?? []);
    facets[facet] = Object.entries(counts[FACET_FIELDS[facet]] ?? {})
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ value, count, selected: chosen.has(value) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  }
  const pattern = termPattern(query.words);
  return {
    total: main.count,
    hits: main.hits.map(({ document, score }) => ({
      slug: document.slug,
      title: document.title,
      titleHtml: highlight(document.title, pattern),
      snippetHtml: snippet(document.body, pattern),
      score,
    })),
    facets,
  };
}
