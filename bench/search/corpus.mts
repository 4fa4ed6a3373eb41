// The search bench's corpus: N publications of about 1,400 words as a `dossier import`
// JSON-lines file (docs/import-format.md), with the word statistics the queries are drawn
// from. Seeded: the same N and seed give the same bytes.
//
//   node --import tsx bench/search/corpus.mts --docs N [--seed 1] --out DIR
//
// Writes DIR/corpus.jsonl and DIR/stats.json and prints one line of JSON on stdout.
//
// The text is made of invented English-like words, so that every engine tokenizes it the
// same way: each word is its own Porter stem, none is a prefix of another (Orama matches
// prefixes), and none collides with a name, a term or a function word. Around them, real
// English function words ("the", "of", "and"…) at their usual share (~45% of tokens).
// - A vocabulary of 50,000 words ranked by a Zipf–Mandelbrot law (short words first), so
//   the top ~20 words are in nearly every publication and ranks ~20–160 in 40–97% of them.
// - Each topic has 250 words of its own, which make up 15% of a publication's words on
//   its topics: text and facets correlate, as in real collections.
// - 2,000 collocations (two or three words that recur together) for phrase queries.
// - A pool of max(20,000, 2N) rare words; each publication uses 2–6 of them (a typical
//   rare word is in 1–5 publications).
// - Facets: 8 types, 5 centers, 12 programs, 60 projects, 46 regions in three levels,
//   25 topics, 20 collections, 3 languages, 3,000 people (1–4 authors each), dates over
//   2011–2025 (more in later years). Every publication is published.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRandom } from '../../src/demo/random.ts';
import {
  CENTERS,
  COLLECTIONS,
  FIRST_NAMES,
  FIRST_YEAR,
  FUNCTION_WORDS,
  JOINERS,
  LANGUAGES,
  LAST_NAMES,
  LAST_YEAR,
  PROGRAMS,
  PROJECT_COUNT,
  PROJECT_PARTS,
  REGIONS,
  TOPICS,
  TYPES,
} from './corpus-lists.mts';
import { aliasSampler, inventVocabulary, zipfWeights } from './words.mts';

/** Bumped when the output changes for the same arguments: cached corpora are remade. */
export const CORPUS_VERSION = 1;

const MAIN_VOCABULARY = 50_000;
const TOPIC_WORDS = 250;
const TOPIC_SHARE = 0.15;
const FUNCTION_SHARE = 0.45;
const COLLOCATIONS = 2_000;
const COLLOCATION_RATE = 0.012;
const PEOPLE = 3_000;
const SAMPLE_DOCS = 3_000;

// ---------------------------------------------------------------------------------------
// The corpus

interface Term {
  taxonomy: 'program' | 'project' | 'region' | 'topic' | 'collection';
  slug: string;
  name: string;
  parent?: string;
}

export interface CorpusInfo {
  file: string;
  stats: string;
  docs: number;
  seed: number;
  version: number;
  records: number;
  bytes: number;
  meanBodyWords: number;
  seconds: number;
}

export function writeSearchCorpus(outDir: string, docs: number, seed: number): CorpusInfo {
  const started = performance.now();
  const random = createRandom(seed);
  const slugify = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const list = (text: string) => text.split(';').map((s) => s.replace(/\s+/g, ' ').trim());

  // Vocabularies and people
  const terms: Term[] = [];
  for (const name of list(PROGRAMS)) terms.push({ taxonomy: 'program', slug: slugify(name), name });
  const projectNames = new Set<string>();
  while (projectNames.size < PROJECT_COUNT)
    projectNames.add(
      `${random.pick(PROJECT_PARTS.first)} ${random.pick(PROJECT_PARTS.second)} ${random.pick(PROJECT_PARTS.third)}`,
    );
  for (const name of projectNames) terms.push({ taxonomy: 'project', slug: slugify(name), name });
  const parents: string[] = [];
  for (const line of REGIONS.split('\n')) {
    if (line.trim() === '') continue;
    const depth = (line.length - line.trimStart().length) / 2;
    const [slug = '', name = ''] = line.split('|').map((s) => s.trim());
    parents.length = depth;
    terms.push({
      taxonomy: 'region',
      slug,
      name,
      ...(depth > 0 ? { parent: parents[depth - 1] } : {}),
    });
    parents[depth] = slug;
  }
  for (const name of list(TOPICS)) terms.push({ taxonomy: 'topic', slug: slugify(name), name });
  for (const name of list(COLLECTIONS))
    terms.push({ taxonomy: 'collection', slug: slugify(name), name });
  const ofTaxonomy = (taxonomy: Term['taxonomy']) => terms.filter((t) => t.taxonomy === taxonomy);
  const programs = ofTaxonomy('program');
  const projects = ofTaxonomy('project');
  const regions = ofTaxonomy('region');
  const topics = ofTaxonomy('topic');
  const collections = ofTaxonomy('collection');
  const parentOf = new Map(regions.map((r) => [r.slug, r.parent]));
  const withAncestors = (slug: string) => {
    const chain: string[] = [];
    for (let s: string | undefined = slug; s !== undefined; s = parentOf.get(s)) chain.push(s);
    return chain;
  };

  const firstNames = FIRST_NAMES.split(/\s+/).filter(Boolean);
  const lastNames = LAST_NAMES.split(/\s+/).filter(Boolean);
  const people: { slug: string; name: string; sortName: string }[] = [];
  const usedNames = new Set<string>();
  while (people.length < PEOPLE) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const middle = usedNames.has(`${first} ${last}`) ? `${random.pick(firstNames)[0]}. ` : '';
    const name = `${first} ${middle}${last}`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    people.push({
      slug: slugify(name),
      name,
      sortName: `${last}, ${first}${middle ? ` ${middle.trim()}` : ''}`,
    });
  }

  const reserved = new Set<string>();
  const reserve = (text: string) => {
    for (const token of text.toLowerCase().split(/[^a-z0-9]+/)) if (token) reserved.add(token);
  };
  for (const [word] of FUNCTION_WORDS) reserve(word);
  for (const p of people) reserve(p.name);
  for (const t of terms) reserve(t.name);
  for (const [, name, plural] of TYPES) reserve(`${name} ${plural}`);
  for (const [, name, short] of CENTERS)
    reserve(`${name} ${short} Meridian Network for Public Policy`);

  const rareCount = Math.max(20_000, 2 * docs);
  const vocabulary = inventVocabulary(random, MAIN_VOCABULARY + rareCount, reserved);
  // Zipf's law of abbreviation: shorter words are the commoner ones (with some noise).
  const main = vocabulary
    .slice(0, MAIN_VOCABULARY)
    .map((word) => ({ word, key: word.length + random.next() * 4 }))
    .sort((a, b) => a.key - b.key)
    .map((w) => w.word);
  const allWords = [...main, ...vocabulary.slice(MAIN_VOCABULARY)];
  const drawMain = aliasSampler(zipfWeights(MAIN_VOCABULARY, 1.0, 2.7));
  const drawFunction = aliasSampler(FUNCTION_WORDS.map(([, w]) => w));
  const drawTitleWord = aliasSampler(zipfWeights(5_000, 0.9, 20));
  const topicWords = topics.map(() =>
    Array.from({ length: TOPIC_WORDS }, () => random.int(300, 20_000)),
  );
  const collocations = Array.from({ length: COLLOCATIONS }, () =>
    Array.from({ length: random.chance(0.7) ? 2 : 3 }, () => random.int(30, 3_000)),
  );
  const drawCollocation = aliasSampler(zipfWeights(COLLOCATIONS, 0.9, 1));
  const drawPerson = aliasSampler(zipfWeights(PEOPLE, 0.8, 10));
  const drawTopic = aliasSampler(zipfWeights(topics.length, 0.7, 2));

  // Document frequencies: a word's count goes up once per publication.
  const df = new Int32Array(allWords.length);
  const lastDoc = new Int32Array(allWords.length).fill(-1);
  const phraseDf = new Int32Array(COLLOCATIONS);
  const phraseLastDoc = new Int32Array(COLLOCATIONS).fill(-1);
  let doc = 0;
  const seen = (id: number) => {
    if (lastDoc[id] !== doc) {
      lastDoc[id] = doc;
      df[id] = (df[id] ?? 0) + 1;
    }
    return allWords[id] as string;
  };

  /** One content word (or a collocation's words) for a publication on `docTopics`. */
  const contentWords = (docTopics: number[], rare: number[], out: string[]) => {
    if (random.next() < COLLOCATION_RATE) {
      const c = drawCollocation(random);
      if (phraseLastDoc[c] !== doc) {
        phraseLastDoc[c] = doc;
        phraseDf[c] = (phraseDf[c] ?? 0) + 1;
      }
      for (const id of collocations[c] as number[]) out.push(seen(id));
    } else if (rare.length > 0 && random.next() < 0.008) {
      out.push(seen(rare.pop() as number));
    } else if (random.next() < TOPIC_SHARE) {
      const words = topicWords[random.pick(docTopics)] as number[];
      out.push(seen(random.pick(words)));
    } else {
      out.push(seen(drawMain(random)));
    }
  };
  const sentence = (docTopics: number[], rare: number[], length: number) => {
    const words: string[] = [];
    while (words.length < length) {
      if (random.next() < FUNCTION_SHARE)
        words.push((FUNCTION_WORDS[drawFunction(random)] as [string, number])[0]);
      else contentWords(docTopics, rare, words);
    }
    let text = '';
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      text +=
        i === 0
          ? word[0]?.toUpperCase() + word.slice(1)
          : (random.next() < 0.06 && i < words.length - 2 ? ', ' : ' ') + word;
    }
    return { text: `${text}.`, words: words.length };
  };
  const titleCase = (words: string[]) =>
    words
      .map((w, i) =>
        i > 0 && w.length < 4 && FUNCTION_WORDS.some(([f]) => f === w)
          ? w
          : w[0]?.toUpperCase() + w.slice(1),
      )
      .join(' ');
  const heading = (docTopics: number[]) => {
    const words: string[] = [];
    const length = random.int(2, 5);
    while (words.length < length || JOINERS.includes(words.at(-1) ?? '')) {
      if (words.length > 0 && words.length < length - 1 && random.chance(0.25))
        words.push(random.pick(JOINERS));
      else if (random.chance(0.4))
        words.push(seen(random.pick(topicWords[random.pick(docTopics)] as number[])));
      else words.push(seen(drawTitleWord(random)));
    }
    return titleCase(words);
  };

  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'corpus.jsonl');
  const fd = openSync(file, 'w');
  let chunk = '';
  let bytes = 0;
  let records = 0;
  const write = (record: object) => {
    chunk += `${JSON.stringify(record)}\n`;
    records++;
    if (chunk.length >= 1 << 20) {
      bytes += writeSync(fd, chunk);
      chunk = '';
    }
  };
  const sample: object[] = [];
  const sampleEvery = Math.max(1, Math.floor(docs / SAMPLE_DOCS));
  let bodyWords = 0;
  try {
    write({
      kind: 'network',
      slug: 'meridian',
      name: 'Meridian Network for Public Policy',
      shortName: 'Meridian',
    });
    for (const [i, [slug, name, shortName]] of CENTERS.entries())
      write({
        kind: 'center',
        slug,
        name,
        shortName,
        headquarters: i === 0,
        ...(i > 0 ? { pathPrefix: slug.replace('meridian-', '') } : {}),
        position: i,
      });
    for (const [position, [slug, name, pluralName]] of TYPES.entries())
      write({ kind: 'type', slug, name, pluralName, position });
    for (const t of terms) write({ kind: 'term', ...t });
    for (const p of people) write({ kind: 'person', ...p });

    const yearWeights = Array.from(
      { length: LAST_YEAR - FIRST_YEAR + 1 },
      (_, i) => [FIRST_YEAR + i, 1 + i * 0.15] as const,
    );
    for (doc = 0; doc < docs; doc++) {
      const docTopics = random.sample(
        [...new Set(Array.from({ length: random.int(1, 3) }, () => drawTopic(random)))],
        3,
      );
      const rare = Array.from(
        { length: random.int(2, 6) },
        () => MAIN_VOCABULARY + random.int(0, rareCount - 1),
      );
      const titleWords: string[] = [];
      const titleLength = random.int(4, 9);
      // Never ends on a joining word: "Grids and Borders", not "Grids and".
      while (titleWords.length < titleLength || JOINERS.includes(titleWords.at(-1) ?? '')) {
        if (titleWords.length > 0 && titleWords.length < titleLength - 1 && random.chance(0.2))
          titleWords.push(random.pick(JOINERS));
        else if (random.chance(0.35))
          titleWords.push(seen(random.pick(topicWords[random.pick(docTopics)] as number[])));
        else titleWords.push(seen(drawTitleWord(random)));
      }
      const title = titleCase(titleWords);
      const summary = [
        sentence(docTopics, [], random.int(14, 26)),
        sentence(docTopics, [], random.int(12, 24)),
      ]
        .map((s) => s.text)
        .join(' ');
      const target = random.int(1_100, 1_700);
      const blocks: string[] = [];
      let words = 0;
      let sinceHeading = 0;
      while (words < target) {
        if (sinceHeading >= 3 && random.chance(0.35)) {
          blocks.push(`## ${heading(docTopics)}`);
          sinceHeading = 0;
        }
        const sentences: string[] = [];
        const count = random.int(3, 7);
        for (let i = 0; i < count; i++) {
          const s = sentence(docTopics, rare, random.int(10, 30));
          sentences.push(s.text);
          words += s.words;
        }
        blocks.push(
          random.chance(0.08) ? sentences.map((s) => `- ${s}`).join('\n') : sentences.join(' '),
        );
        sinceHeading++;
      }
      bodyWords += words;

      const year = random.weighted(yearWeights);
      const month = random.int(1, 12);
      const day = random.int(1, 28);
      const publishedAt = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(random.int(8, 19)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00Z`;
      const authorCount = random.weighted([
        [1, 45],
        [2, 30],
        [3, 15],
        [4, 10],
      ] as const);
      const authors = [
        ...new Set(Array.from({ length: authorCount }, () => drawPerson(random))),
      ].map((i) => (people[i] as { slug: string }).slug);
      const primaryCenter = random.weighted(CENTERS.map(([slug, , , w]) => [slug, w] as const));
      const centers = random.chance(0.25)
        ? [random.pick(CENTERS.map(([slug]) => slug).filter((s) => s !== primaryCenter))]
        : [];
      const docRegions = [
        ...new Set(
          Array.from({ length: random.int(1, 3) }, () => {
            const depth = random.weighted([
              [2, 70],
              [1, 20],
              [0, 10],
            ] as const);
            return random.pick(regions.filter((r) => withAncestors(r.slug).length === depth + 1))
              .slug;
          }),
        ),
      ];
      const record = {
        kind: 'publication',
        slug: `p${doc + 1}-${titleWords
          .slice(0, 4)
          .map((w) => w.toLowerCase())
          .join('-')}`,
        type: random.weighted(TYPES.map(([slug, , , w]) => [slug, w] as const)),
        title,
        summary,
        body: blocks.join('\n\n'),
        authors,
        status: 'published',
        publishedAt,
        primaryCenter,
        centers,
        programs: random.sample(programs, random.chance(0.85) ? 1 : 2).map((t) => t.slug),
        projects: random.chance(0.4) ? [random.pick(projects).slug] : [],
        regions: docRegions,
        topics: docTopics.map((i) => (topics[i] as Term).slug),
        collections: random.chance(0.15) ? [random.pick(collections).slug] : [],
        language: random.weighted(LANGUAGES),
      };
      write(record);
      if (doc % sampleEvery === 0 && sample.length < SAMPLE_DOCS)
        sample.push({
          type: record.type,
          center: [primaryCenter, ...centers],
          program: record.programs,
          project: record.projects,
          region: [...new Set(docRegions.flatMap(withAncestors))],
          topic: record.topics,
          collection: record.collections,
          author: authors,
          language: record.language,
          year: String(year),
        });
    }
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }

  const words: [string, number][] = [];
  for (let i = 0; i < allWords.length; i++)
    if ((df[i] ?? 0) > 0) words.push([allWords[i] as string, df[i] ?? 0]);
  words.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const phrases: [string, number][] = collocations
    .map(
      (ids, i) => [ids.map((id) => allWords[id]).join(' '), phraseDf[i] ?? 0] as [string, number],
    )
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const stats = join(outDir, 'stats.json');
  writeFileSync(
    stats,
    JSON.stringify({ docs, seed, version: CORPUS_VERSION, words, phrases, sample }),
  );
  return {
    file,
    stats,
    docs,
    seed,
    version: CORPUS_VERSION,
    records,
    bytes,
    meanBodyWords: Math.round(bodyWords / docs),
    seconds: (performance.now() - started) / 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  if (values.docs === undefined || values.out === undefined) {
    process.stderr.write('usage: corpus.mts --docs N [--seed S] --out DIR\n');
    process.exit(2);
  }
  const info = writeSearchCorpus(values.out, Number(values.docs), Number(values.seed));
  process.stdout.write(`${JSON.stringify(info)}\n`);
}
