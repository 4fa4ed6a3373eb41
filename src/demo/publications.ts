/*
 * Generated publications: one record per call, built on the fly so a 100k-piece corpus
 * streams in constant memory (only the set of used slugs grows). Every choice comes from
 * the seeded stream, so a seed always yields the same corpus.
 */
import { composeBody } from './body.ts';
import { composeForeign, type ForeignLanguage } from './foreign.ts';
import { LEAD_IMAGES, leadImageRecord } from './media.ts';
import { CENTERS, type CenterSpec, englishNewsletterSlug, findCenter } from './network.ts';
import type { DemoPerson } from './people.ts';
import type { Random } from './random.ts';
import type { PublicationInput } from './record-types.ts';
import { getRegion, REGIONS } from './regions.ts';
import { slugify } from './slug.ts';
import {
  COLLECTIONS,
  PARTNERS,
  PROGRAMS,
  PROJECTS,
  type PublicationTypeSpec,
  TYPES,
} from './taxonomy.ts';
import { composeSummary, composeTitle, createContext } from './text.ts';
import { TOPICS, type TopicSpec, topicsOfProgram } from './topics.ts';

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2012, 0, 2);
/** Generated pieces stop here, so the hand-written pieces are each author's newest work. */
const LAST_DAY = Date.UTC(2026, 7, 31);
/** Nothing published may lie after this instant (the demo's notion of "now"). */
const LATEST_REVISION = Date.UTC(2026, 9, 31, 12);
/** Every 40th generated piece is a large collaborative report. */
const MANY_AUTHORS_EVERY = 40;
/** The first pieces are featured, a few per center, so every home page has a lead story. */
const FEATURED_COUNT = CENTERS.length * 3;

export interface PublicationFactoryDeps {
  random: Random;
  people: readonly DemoPerson[];
  /** Shared with the hand-written pieces so generated slugs never collide with them. */
  claimSlug: (base: string) => string;
}

/** The fields of one piece decided before any text is written. */
interface Plan {
  type: PublicationTypeSpec;
  language: 'en' | ForeignLanguage;
  authors: DemoPerson[];
  center: CenterSpec;
  publishedMs: number;
}

const TYPE_WEIGHTS = TYPES.map((t) => [t, t.weight] as const);

/** People grouped once, so per-piece choices never filter the whole roster. */
interface Roster {
  staff: readonly DemoPerson[];
  externals: readonly DemoPerson[];
  byProgram: ReadonlyMap<string, readonly DemoPerson[]>;
}

function createRoster(people: readonly DemoPerson[]): Roster {
  const staff = people.filter((p) => p.rank !== 'external');
  const byProgram = new Map<string, DemoPerson[]>();
  for (const person of staff)
    byProgram.set(person.program, [...(byProgram.get(person.program) ?? []), person]);
  return { staff, externals: people.filter((p) => p.rank === 'external'), byProgram };
}

/** `count` distinct people from `pool`, never `excluded`. */
function sampleOthers(
  random: Random,
  pool: readonly DemoPerson[],
  count: number,
  excluded: DemoPerson,
): DemoPerson[] {
  return random
    .sample(pool, count + 1)
    .filter((p) => p !== excluded)
    .slice(0, count);
}

function pickDate(random: Random): number {
  const day = FIRST_DAY + random.int(0, Math.floor((LAST_DAY - FIRST_DAY) / DAY_MS)) * DAY_MS;
  return day + random.int(9, 17) * 3_600_000 + random.pick([0, 15, 30, 45]) * 60_000;
}

function pickAuthors(
  random: Random,
  first: DemoPerson,
  roster: Roster,
  isMany: boolean,
): DemoPerson[] {
  if (isMany) return [first, ...sampleOthers(random, roster.staff, random.int(18, 23), first)];
  const count = random.weighted<number>([
    [1, 50],
    [2, 28],
    [3, 14],
    [4, 8],
  ]);
  const colleagues = roster.byProgram.get(first.program) ?? [];
  const pool = random.chance(0.6) && colleagues.length > count ? colleagues : roster.staff;
  const authors = [first, ...sampleOthers(random, pool, count - 1, first)];
  if (random.chance(0.12)) authors.push(random.pick(roster.externals));
  return authors;
}

const HOME_OF_LANGUAGE: Record<string, string> = {
  fr: 'aldermoor-europe',
  es: 'aldermoor-latin-america',
};

function planPiece(random: Random, index: number, roster: Roster): Plan {
  const type =
    index < TYPES.length ? (TYPES[index] as PublicationTypeSpec) : random.weighted(TYPE_WEIGHTS);
  // Featured and type-covering slots stay English; after them about 3% are French or Spanish.
  const roll = index < FEATURED_COUNT ? 1 : random.next();
  const language = roll < 0.015 ? 'fr' : roll < 0.03 ? 'es' : 'en';
  const home = HOME_OF_LANGUAGE[language];
  const first = random.pick(home ? roster.staff.filter((p) => p.center === home) : roster.staff);
  const featuredCenter = index < FEATURED_COUNT ? CENTERS[index % CENTERS.length] : undefined;
  const center =
    featuredCenter ??
    (home || random.chance(0.8) ? findCenter(first.center) : random.pick(CENTERS));
  const authors = pickAuthors(
    random,
    first,
    roster,
    index % MANY_AUTHORS_EVERY === MANY_AUTHORS_EVERY - 1,
  );
  return { type, language, authors, center, publishedMs: pickDate(random) };
}

function pickRegion(random: Random, center: CenterSpec): string {
  if (center.headquarters || random.chance(0.25)) return random.pick(REGIONS).slug;
  const root = getRegion(random.pick(center.focusRegions));
  return random.pick([root.slug, ...root.descendants]);
}

/** A leaf region often comes with its parent, so region pages at every level fill up. */
function regionList(random: Random, first: string): string[] {
  const list = [first];
  const parent = getRegion(first).parent;
  if (parent && random.chance(0.5)) list.push(parent);
  if (random.chance(0.2)) list.push(random.pick(REGIONS).slug);
  return [...new Set(list)];
}

function pickTopic(random: Random, program: string): TopicSpec {
  return random.chance(0.85) ? random.pick(topicsOfProgram(program)) : random.pick(TOPICS);
}

function taxonomyFields(random: Random, program: string, topic: string, region: string) {
  const programs = [program];
  if (random.chance(0.2)) programs.push(random.pick(PROGRAMS).slug);
  const topics = [topic];
  if (random.chance(0.4)) topics.push(random.pick(topicsOfProgram(program)).slug);
  const ownProjects = PROJECTS.filter((p) => p.program === program);
  const projects =
    ownProjects.length > 0 && random.chance(0.35) ? [random.pick(ownProjects).slug] : [];
  const collections = random.chance(0.12) ? [random.pick(COLLECTIONS).slug] : [];
  return {
    programs: [...new Set(programs)],
    projects,
    regions: regionList(random, region),
    topics: [...new Set(topics)],
    collections,
  };
}

function affiliatedCenters(random: Random, primary: CenterSpec): string[] {
  const count = random.weighted<number>([
    [0, 50],
    [1, 35],
    [2, 15],
  ]);
  return random
    .sample(
      CENTERS.filter((c) => c !== primary),
      count,
    )
    .map((c) => c.slug);
}

/** About one piece in eight first appeared at a partner institute. */
function republication(random: Random, slug: string, year: number): Partial<PublicationInput> {
  if (!random.chance(1 / 8)) return {};
  const partner = random.pick(PARTNERS);
  const url = `${partner.url}/${partner.section}/${year}/${slug}`;
  return { partner: partner.slug, externalUrl: url, canonicalUrl: url };
}

function extras(random: Random, plan: Plan, index: number): Partial<PublicationInput> {
  const year = new Date(plan.publishedMs).getUTCFullYear();
  const out: Partial<PublicationInput> = {};
  if (random.chance(0.08)) {
    out.revisedAt = new Date(
      Math.min(LATEST_REVISION, plan.publishedMs + random.int(1, 90) * DAY_MS),
    ).toISOString();
  }
  const licence = random.weighted<string>([
    ['', 62],
    ['CC BY 4.0', 30],
    ['CC BY-NC-ND 4.0', 8],
  ]);
  if (licence) out.licence = licence;
  if (plan.type.slug === 'report' && random.chance(0.6))
    out.doi = `10.55555/aldermoor.${year}.${String(index).padStart(6, '0')}`;
  // Reports and papers are numbered in a series, as institutes number their working papers.
  if (plan.type.slug === 'report' || plan.type.slug === 'paper') {
    out.series = plan.type.slug === 'report' ? 'Aldermoor Reports' : 'Aldermoor Working Papers';
    const prefix = plan.type.slug === 'report' ? 'AR' : 'WP';
    out.reportNumber = `${prefix} ${String(year).slice(2)}-${(index % 97) + 1}`;
  }
  if (random.chance(0.85)) out.leadImage = leadImageRecord(random.pick(LEAD_IMAGES));
  return out;
}

function newsletters(plan: Plan): string[] {
  if (plan.language === 'en') return [englishNewsletterSlug(plan.center)];
  const other = plan.center.otherLanguage;
  return other?.language === plan.language ? [other.slug] : [];
}

function writeText(random: Random, plan: Plan, program: string) {
  const year = new Date(plan.publishedMs).getUTCFullYear();
  if (plan.language !== 'en') return composeForeign(random, plan.language, year);
  const topic = pickTopic(random, program);
  const region = pickRegion(random, plan.center);
  const ctx = createContext(random, {
    subject: random.pick(topic.subjects),
    topic: topic.name.toLowerCase(),
    region: getRegion(region).prose,
    kind: plan.type.noun,
    year,
  });
  const isLong =
    plan.type.slug === 'paper' || plan.type.slug === 'report' || plan.type.slug === 'book';
  return {
    title: composeTitle(random, ctx, plan.type.slug),
    summary: composeSummary(random, ctx),
    body: composeBody(random, ctx, { isLong }),
    topic: topic.slug,
    region,
  };
}

/** Returns a function building the `index`-th generated piece; call it with 0, 1, 2, … in order. */
export function createPublicationFactory(
  deps: PublicationFactoryDeps,
): (index: number) => PublicationInput {
  const { random } = deps;
  const roster = createRoster(deps.people);
  return (index) => {
    const plan = planPiece(random, index, roster);
    const program = (plan.authors[0] as DemoPerson).program;
    const text = writeText(random, plan, program);
    const slug = deps.claimSlug(slugify(text.title));
    const tax = taxonomyFields(random, program, text.topic, text.region);
    // Built by assignment rather than object spread: V8 is many times slower at spreads
    // followed by more properties, which dominated the 100k-piece run.
    const record: PublicationInput = {
      kind: 'publication',
      slug,
      type: plan.type.slug,
      title: text.title,
      summary: text.summary,
      body: text.body,
      authors: plan.authors.map((a) => a.slug),
      status: 'published',
      publishedAt: new Date(plan.publishedMs).toISOString(),
      primaryCenter: plan.center.slug,
      centers: affiliatedCenters(random, plan.center),
      programs: tax.programs,
      projects: tax.projects,
      regions: tax.regions,
      topics: tax.topics,
      collections: tax.collections,
    };
    Object.assign(record, republication(random, slug, new Date(plan.publishedMs).getUTCFullYear()));
    record.language = plan.language;
    Object.assign(record, extras(random, plan, index));
    record.newsletters = newsletters(plan);
    record.featuredIn = index < FEATURED_COUNT ? [plan.center.slug] : [];
    return record;
  };
}
