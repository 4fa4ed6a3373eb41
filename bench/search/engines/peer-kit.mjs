// What the two peer engines share: reading the corpus the way an application would hand
// documents to them, the facet bookkeeping, and snippets made as a developer would make
// them (a window of the body around the first match, matches in <mark>).
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Facet → the document field holding its values (arrays, except where noted). */
export const FACET_FIELDS = {
  type: 'type', // one value
  center: 'center',
  program: 'program',
  project: 'project',
  region: 'region', // with every ancestor: a filter on a region matches its sub-regions
  topic: 'topic',
  collection: 'collection',
  author: 'author',
  language: 'language', // one value
  year: 'year', // one value
};
export const SINGLE_VALUED = new Set(['type', 'language', 'year']);
/** The text fields both peers search, with the title weighted double. */
export const TEXT_FIELDS = ['title', 'summary', 'body', 'authors', 'terms'];
export const HITS_PER_PAGE = 20;

/**
 * The corpus's publications as flat documents: the text the peers search (title,
 * summary, body, author names, the names of the publication's terms) and its facet
 * values (slugs; centers are the primary and the affiliated ones; regions carry their
 * ancestors). Streams corpus.jsonl; `onDocument` gets each in order. Returns how many
 * there were and the characters of their title, summary and body.
 */
export async function readDocuments(corpusDir, onDocument) {
  const people = new Map();
  const terms = new Map();
  let id = 0;
  let textCharacters = 0;
  const lines = createInterface({ input: createReadStream(join(corpusDir, 'corpus.jsonl')) });
  for await (const line of lines) {
    const record = JSON.parse(line);
    if (record.kind === 'person') people.set(record.slug, record.name);
    else if (record.kind === 'term')
      terms.set(`${record.taxonomy}:${record.slug}`, { name: record.name, parent: record.parent });
    else if (record.kind === 'publication') {
      const names = [];
      const of = (taxonomy, slugs) =>
        slugs.map((slug) => {
          names.push(terms.get(`${taxonomy}:${slug}`).name);
          return slug;
        });
      const regions = new Set();
      for (const slug of record.regions) {
        names.push(terms.get(`region:${slug}`).name);
        for (let s = slug; s !== undefined; s = terms.get(`region:${s}`).parent) regions.add(s);
      }
      const date = Date.parse(record.publishedAt);
      textCharacters += record.title.length + record.summary.length + record.body.length;
      await onDocument({
        id: id++,
        slug: record.slug,
        title: record.title,
        summary: record.summary,
        body: record.body,
        authors: record.authors.map((slug) => people.get(slug)).join('; '),
        date,
        type: record.type,
        language: record.language,
        year: String(new Date(date).getUTCFullYear()),
        center: [record.primaryCenter, ...record.centers],
        program: of('program', record.programs),
        project: of('project', record.projects),
        region: [...regions],
        topic: of('topic', record.topics),
        collection: of('collection', record.collections),
        author: record.authors,
        terms: names.join('; '),
      });
    }
  }
  return { documents: id, textCharacters };
}

/** Counts per facet value, as Map per facet; `add` one document's values to a facet. */
export function facetCounter() {
  const counts = Object.fromEntries(Object.keys(FACET_FIELDS).map((f) => [f, new Map()]));
  return {
    add(facet, value) {
      const map = counts[facet];
      if (Array.isArray(value)) for (const v of value) map.set(v, (map.get(v) ?? 0) + 1);
      else map.set(value, (map.get(value) ?? 0) + 1);
    },
    /** Every facet's values, most frequent first, selected ones flagged. */
    result(filters) {
      const out = {};
      for (const [facet, map] of Object.entries(counts)) {
        const selected = new Set(filters[facet] ?? []);
        out[facet] = [...map]
          .map(([value, count]) => ({ value, count, selected: selected.has(value) }))
          .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      }
      return out;
    },
  };
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/** A regular expression for any of the terms as a whole word, case-insensitive. */
export function termPattern(terms) {
  const alternatives = [...new Set(terms)]
    .filter((t) => t.length > 0)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return alternatives.length === 0 ? null : new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'gi');
}

/** Escaped text with every match of `pattern` in <mark>. */
export function highlight(text, pattern) {
  if (pattern === null) return escapeHtml(text);
  let html = '';
  let at = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    html += `${escapeHtml(text.slice(at, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    at = m.index + m[0].length;
  }
  return html + escapeHtml(text.slice(at));
}

/**
 * About 200 characters of `text` around the first match of `pattern` (the start when
 * none), cut at spaces, Markdown heading and list marks dropped, matches in <mark>.
 */
export function snippet(text, pattern, length = 200) {
  let first = 0;
  if (pattern !== null) {
    pattern.lastIndex = 0;
    first = pattern.exec(text)?.index ?? 0;
  }
  let start = Math.max(0, first - 60);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + length);
  if (end < text.length)
    end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  const window = text
    .slice(start, end)
    .replace(/(^|\n)(?:#+ |- )/g, '$1')
    .replace(/\s+/g, ' ');
  return `${start > 0 ? '… ' : ''}${highlight(window, pattern)}${end < text.length ? ' …' : ''}`;
}

/** Whether a document's value (one or a list) is one of the selected values. */
export function matchesFilter(value, selected) {
  if (Array.isArray(value)) {
    for (const v of value) if (selected.includes(v)) return true;
    return false;
  }
  return selected.includes(value);
}
