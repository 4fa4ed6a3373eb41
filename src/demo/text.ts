/*
 * Sentence composition: fills phrase-bank templates with the subject, place and actors
 * of one piece, and turns titles into headline case. Kept free of Markdown so the same
 * sentences serve titles, summaries and bodies.
 */
import {
  ARTICLE_TITLES,
  BOOK_TITLES,
  CITIES,
  DATASETS,
  JOURNALS,
  PRESSES,
  SCHOLARS,
} from './body-phrases.ts';
import {
  ACTORS,
  INTRO_STAKES,
  PRESSURES,
  SUMMARY_CLOSERS,
  SUMMARY_OPENERS,
  TITLE_TEMPLATES,
  TYPE_TITLE_TEMPLATES,
} from './phrases.ts';
import type { Random } from './random.ts';

/** What one piece is about; every template in the piece is filled from it. */
export interface ProseContext {
  subject: string;
  /** Lower-case topic name, e.g. "energy transition". */
  topic: string;
  /** Region as prose, with an article where needed ("the Sahel"). */
  region: string;
  /** What the piece calls itself: "paper", "commentary", … */
  kind: string;
  year: number;
  actor: string;
  actor2: string;
  pressure: string;
}

export function createContext(
  random: Random,
  base: Pick<ProseContext, 'subject' | 'topic' | 'region' | 'kind' | 'year'>,
): ProseContext {
  const [actor = 'governments', actor2 = 'their partners'] = random.sample(ACTORS, 2);
  const { subject, topic, region, kind, year } = base;
  // Listed field by field: an object spread followed by more properties is very slow in V8.
  return { subject, topic, region, kind, year, actor, actor2, pressure: random.pick(PRESSURES) };
}

/** Fractions that read well before "of": "{share} of the projects". */
const SHARES = [
  'a quarter',
  'roughly half',
  'about a third',
  'nearly two-thirds',
  'around a fifth',
  'close to 40 percent',
];

function contextValue(ctx: ProseContext, key: string): string | undefined {
  switch (key) {
    case 'subject':
      return ctx.subject;
    case 'topic':
      return ctx.topic;
    case 'region':
      return ctx.region;
    case 'kind':
      return ctx.kind;
    case 'year':
      return String(ctx.year);
    case 'actor':
      return ctx.actor;
    case 'actor2':
      return ctx.actor2;
    case 'pressure':
      return ctx.pressure;
    default:
      return undefined;
  }
}

/** Values drawn fresh for each sentence; `values` keeps them consistent within it. */
function sentenceValue(
  key: string,
  ctx: ProseContext,
  random: Random,
  values: Record<string, string>,
): string | undefined {
  switch (key) {
    case 'pastYear':
      return String(Math.max(2005, ctx.year - random.int(2, 9)));
    case 'percent':
      return String(random.int(8, 68));
    case 'share':
      return random.pick(SHARES);
    case 'count':
      return String(random.int(3, 12));
    case 'count2': {
      values.count ??= String(random.int(3, 12));
      return String(Number(values.count) + random.int(2, 6));
    }
    case 'dataset':
      return random.pick(DATASETS);
    case 'scholar':
      return random.pick(SCHOLARS);
    case 'press':
      return random.pick(PRESSES);
    case 'journal':
      return random.pick(JOURNALS);
    case 'city':
      return random.pick(CITIES);
    case 'bookTitle':
      return random.pick(BOOK_TITLES);
    case 'articleTitle':
      return random.pick(ARTICLE_TITLES);
    case 'volume':
      return String(random.int(4, 38));
    case 'issue':
      return String(random.int(1, 4));
    default:
      return undefined;
  }
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

interface Slot {
  key: string;
  isCapitalized: boolean;
  raw: string;
}

/** Templates are split once into text and slots: filling a 100k corpus calls fill millions of times. */
const compiled = new Map<string, readonly (string | Slot)[]>();

function compile(template: string): readonly (string | Slot)[] {
  const parts: (string | Slot)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([A-Za-z0-9]+)\}/g)) {
    const key = match[1] ?? '';
    parts.push(template.slice(last, match.index));
    const lower = key.charAt(0).toLowerCase() + key.slice(1);
    parts.push({ key: lower, isCapitalized: lower !== key, raw: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  compiled.set(template, parts);
  return parts;
}

/**
 * Replaces `{key}` with the context or a per-sentence value; `{Key}` capitalizes it.
 * Unknown keys are left in place (e.g. `{fn}`, which the body composer handles).
 */
export function fill(template: string, ctx: ProseContext, random: Random): string {
  const parts = compiled.get(template) ?? compile(template);
  let values: Record<string, string> | undefined;
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let value = contextValue(ctx, part.key);
    if (value === undefined) {
      values ??= {};
      value = values[part.key] ?? sentenceValue(part.key, ctx, random, values);
      if (value !== undefined) values[part.key] = value;
    }
    if (value === undefined) out += part.raw;
    else out += part.isCapitalized ? capitalize(value) : value;
  }
  return out;
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'but',
  'of',
  'in',
  'on',
  'for',
  'to',
  'at',
  'by',
  'with',
  'from',
  'as',
  'vs',
]);

/** Headline case: major words capitalized, short function words not, except first and after a colon. */
export function titleCase(title: string): string {
  const words = title.split(' ');
  let isStartOfPhrase = true;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (isStartOfPhrase || !SMALL_WORDS.has(word.toLowerCase())) {
      // Hyphenated compounds: capitalize each part except inner function words ("Debt-for-Nature").
      const parts = word.split('-');
      words[i] = parts
        .map((part, j) => (j > 0 && SMALL_WORDS.has(part) ? part : capitalize(part)))
        .join('-');
    }
    isStartOfPhrase = word.endsWith(':');
  }
  return words.join(' ');
}

export function composeTitle(random: Random, ctx: ProseContext, typeSlug: string): string {
  const special = TYPE_TITLE_TEMPLATES[typeSlug];
  const bank = special && random.chance(0.4) ? special : TITLE_TEMPLATES;
  return titleCase(fill(random.pick(bank), ctx, random));
}

export function composeSummary(random: Random, ctx: ProseContext): string {
  const sentences = [random.pick(SUMMARY_OPENERS)];
  if (random.chance(0.5)) sentences.push(random.pick(INTRO_STAKES));
  sentences.push(random.pick(SUMMARY_CLOSERS));
  return sentences.map((s) => capitalize(fill(s, ctx, random))).join(' ');
}

/** Picks `count` distinct templates and fills each: sentences in one paragraph never repeat. */
export function sentences(
  random: Random,
  ctx: ProseContext,
  bank: readonly string[],
  count: number,
): string[] {
  return random.sample(bank, count).map((s) => capitalize(fill(s, ctx, random)));
}
