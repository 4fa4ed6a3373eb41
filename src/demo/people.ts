/*
 * Turns the roster (staff.ts) into person records: roles, bios, photos, ORCID iDs,
 * languages, links and expertise. Each person draws from a stream seeded by their own
 * name, so people stay identical whatever the corpus seed, and adding someone to the
 * roster does not rewrite everyone else.
 */
import { CENTERS, type CenterSpec, NETWORK } from './network.ts';
import { randomOrcid } from './orcid.ts';
import { createRandom, type Random, seedFrom } from './random.ts';
import type { PersonInput } from './record-types.ts';
import { getRegion } from './regions.ts';
import { slugify } from './slug.ts';
import { EXTERNALS, type ExternalSpec, type Rank, STAFF, type StaffSpec } from './staff.ts';
import { PROGRAMS } from './taxonomy.ts';
import { topicsOfProgram } from './topics.ts';

/** What the publication generator needs to know about an author. */
export interface DemoPerson {
  slug: string;
  name: string;
  program: string;
  center: string;
  rank: Rank | 'external';
}

const PORTRAIT_SIZE = 240;

const LANGUAGE_POOLS: Record<string, readonly string[]> = {
  hq: ['es', 'fr', 'de', 'zh', 'ar'],
  europe: ['fr', 'de', 'nl', 'pl', 'it'],
  'asia-pacific': ['zh', 'ja', 'ko', 'id', 'ms'],
  'middle-east': ['ar', 'tr', 'fa', 'fr'],
  africa: ['sw', 'fr', 'am', 'yo', 'pt'],
  'latin-america': ['es', 'pt'],
};

const PAST_ROLES = [
  'advised a parliamentary committee on {topic}',
  'spent eight years as a correspondent covering {region}',
  'worked as an economist at a regional development bank',
  'served as a diplomat, with postings that included {region}',
  'ran field research for a humanitarian agency in {region}',
  'led the policy unit of a large city government',
  'worked on {subject} for an international organisation',
  'directed a consultancy advising governments on {topic}',
  'was a staff member on a national commission on {topic}',
];

const UNIVERSITIES = [
  'Eastmarch University',
  'Halden University',
  'the University of Carrow',
  'Universidad del Valle Alto',
  'Brennmoor College',
  'the Institut d\u2019\u00c9tudes de Vauclair',
  'Lakeside University of Kisumu',
  'the National University of Tembesi',
];

const FIELDS = [
  'economics',
  'international relations',
  'public policy',
  'political science',
  'environmental engineering',
  'epidemiology',
  'law',
  'geography',
  'history',
];

const OUTLETS = [
  'the Northlight Quarterly',
  'the Harbourside Gazette',
  'the Civic Ledger',
  'the Evening Dispatch',
  'the Saltmarsh Review',
];

const centerByKey = (key: string): CenterSpec => {
  const center = CENTERS.find((c) => c.key === key);
  if (!center) throw new Error(`unknown demo center key ${key}`);
  return center;
};

const programName = (slug: string): string => PROGRAMS.find((p) => p.slug === slug)?.name ?? slug;

export function displayName(person: {
  given: string;
  family: string;
  familyFirst?: boolean;
}): string {
  return person.familyFirst
    ? `${person.family} ${person.given}`
    : `${person.given} ${person.family}`;
}

const possessive = (name: string): string =>
  name.endsWith('s') ? `${name}\u2019` : `${name}\u2019s`;

/** The job title shown under a byline, as on the reference page. */
function roleTitle(staff: StaffSpec): string {
  const program = `${programName(staff.program)} Program`;
  switch (staff.rank) {
    case 'president':
      return `President, ${NETWORK.name}`;
    case 'center-director':
      return `Director, ${centerByKey(staff.center).name}`;
    case 'director':
      return `Director and Senior Fellow, ${program}`;
    case 'senior':
      return `Senior Fellow, ${program}`;
    case 'fellow':
      return `Fellow, ${program}`;
    case 'nonresident':
      return `Nonresident Scholar, ${program}`;
    case 'analyst':
      return `Research Analyst, ${program}`;
  }
}

/** The role as it reads inside a sentence, with the place of work. */
function roleProse(staff: StaffSpec): string {
  const center = centerByKey(staff.center).shortName;
  const program = `the ${programName(staff.program)} Program at ${center}`;
  switch (staff.rank) {
    case 'president':
      return `president of the ${NETWORK.name}`;
    case 'center-director':
      return `director of ${center}`;
    case 'director':
      return `a senior fellow and director of ${program}`;
    case 'senior':
      return `a senior fellow in ${program}`;
    case 'fellow':
      return `a fellow in ${program}`;
    case 'nonresident':
      return `a nonresident scholar in ${program}`;
    case 'analyst':
      return `a research analyst in ${program}`;
  }
}

function staffBio(
  staff: StaffSpec,
  random: Random,
  subjects: readonly string[],
  regionProse: string,
): string {
  const name = displayName(staff);
  const family = staff.family;
  const [first = 'policy', second = 'governance'] = random.sample(subjects, 2);
  const topic = programName(staff.program).toLowerCase();
  const past = random
    .pick(PAST_ROLES)
    .replace('{topic}', topic)
    .replace('{region}', regionProse)
    .replace('{subject}', first);
  const opening = random.pick([
    `${name} is ${roleProse(staff)}, where ${possessive(family)} research focuses on ${first} and ${second}.`,
    `${name} works on ${first} and ${second} as ${roleProse(staff)}.`,
  ]);
  const sentences = [
    opening,
    `Before joining ${NETWORK.shortName}, ${family} ${past}.`,
    `${family} holds a doctorate in ${random.pick(FIELDS)} from ${random.pick(UNIVERSITIES)}.`,
  ];
  if (random.chance(0.5)) {
    const [a, b] = random.sample(OUTLETS, 2);
    sentences.push(`${possessive(family)} commentary has appeared in ${a} and ${b}.`);
  }
  return sentences.join(' ');
}

function photo(slug: string, name: string): NonNullable<PersonInput['photo']> {
  return {
    src: `media/people/${slug}.svg`,
    alt: name,
    credit: '',
    width: PORTRAIT_SIZE,
    height: PORTRAIT_SIZE,
  };
}

function expertise(staff: StaffSpec, random: Random, regionSlugs: readonly string[]): string[] {
  const topics = random.sample(topicsOfProgram(staff.program), 2).map((t) => `topic:${t.slug}`);
  return [...topics, ...regionSlugs.map((r) => `region:${r}`)];
}

function staffRecord(staff: StaffSpec): PersonInput {
  const name = displayName(staff);
  const slug = slugify(name);
  const random = createRandom(seedFrom(`person:${slug}`));
  const center = centerByKey(staff.center);
  const focus = random.pick(center.focusRegions);
  const regionSlugs = [focus, ...random.sample(getRegion(focus).descendants, 1)];
  const subjects = topicsOfProgram(staff.program).flatMap((t) => t.subjects);
  const languages = ['en', ...random.sample(LANGUAGE_POOLS[staff.center] ?? [], random.int(0, 2))];
  const links = [
    { label: 'Publications list', url: `https://scholar-index.example/profiles/${slug}` },
  ];
  if (random.chance(0.4)) links.push({ label: 'Personal website', url: `https://${slug}.example` });
  // Program directors always carry an iD, so the flagship author's profile shows one.
  const orcid = staff.rank === 'director' || random.chance(0.4) ? randomOrcid(random) : undefined;
  return {
    kind: 'person',
    slug,
    name,
    sortName: staff.familyFirst ? name : `${staff.family}, ${staff.given}`,
    role: roleTitle(staff),
    program: staff.program,
    center: center.slug,
    bio: staffBio(staff, random, subjects, getRegion(focus).prose),
    photo: photo(slug, name),
    ...(orcid ? { orcid } : {}),
    email: `${slug}@aldermoor.example`,
    languages,
    links,
    expertise: expertise(staff, random, regionSlugs),
    expert: staff.rank !== 'analyst',
    external: false,
  };
}

function externalRecord(spec: ExternalSpec): PersonInput {
  const name = displayName(spec);
  const slug = slugify(name);
  const random = createRandom(seedFrom(`person:${slug}`));
  const [first, second] = random.sample(
    topicsOfProgram(spec.program).flatMap((t) => t.subjects),
    2,
  );
  const orcid = random.chance(0.5) ? randomOrcid(random) : undefined;
  return {
    kind: 'person',
    slug,
    name,
    sortName: `${spec.family}, ${spec.given}`,
    role: spec.role,
    affiliation: spec.affiliation,
    bio: `${name}, ${spec.role} at ${spec.affiliation}, writes on ${first} and ${second}. ${spec.family} has co-authored work with ${NETWORK.shortName} scholars.`,
    photo: photo(slug, name),
    ...(orcid ? { orcid } : {}),
    languages: ['en'],
    links: [],
    expertise: [],
    external: true,
  };
}

/** Every person record: staff first (flagship author first of all), then outside co-authors. */
export function personRecords(): PersonInput[] {
  return [...STAFF.map(staffRecord), ...EXTERNALS.map(externalRecord)];
}

/** The same people, reduced to what publication generation needs. */
export function demoPeople(): DemoPerson[] {
  const staff = STAFF.map((s) => ({
    slug: slugify(displayName(s)),
    name: displayName(s),
    program: s.program,
    center: centerByKey(s.center).slug,
    rank: s.rank,
  }));
  const externals = EXTERNALS.map((e) => ({
    slug: slugify(displayName(e)),
    name: displayName(e),
    program: e.program,
    center: '',
    rank: 'external' as const,
  }));
  return [...staff, ...externals];
}
