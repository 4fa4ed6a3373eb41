/*
 * The fixed vocabularies of the demo: publication types, programs, projects,
 * collections and partner institutes. Topics (which also feed the prose) live in
 * topics.ts and regions in regions.ts.
 */
import type { PartnerInput, TermInput, TypeInput } from './record-types.ts';

export interface PublicationTypeSpec {
  slug: string;
  name: string;
  pluralName: string;
  /** Relative frequency in the generated corpus. */
  weight: number;
  /** What the prose calls a piece of this type ("This paper argues…"). */
  noun: string;
}

// biome-ignore format: one entry per line reads as a table
export const TYPES: readonly PublicationTypeSpec[] = [
  { slug: 'paper', name: 'Paper', pluralName: 'Papers', weight: 18, noun: 'paper' },
  { slug: 'commentary', name: 'Commentary', pluralName: 'Commentary', weight: 34, noun: 'commentary' },
  { slug: 'article', name: 'Article', pluralName: 'Articles', weight: 20, noun: 'article' },
  { slug: 'report', name: 'Report', pluralName: 'Reports', weight: 10, noun: 'report' },
  { slug: 'other', name: 'Other', pluralName: 'Other', weight: 8, noun: 'essay' },
  { slug: 'book', name: 'Book', pluralName: 'Books', weight: 4, noun: 'book' },
  { slug: 'testimony', name: 'Testimony', pluralName: 'Testimony', weight: 6, noun: 'testimony' },
];

export interface ProgramSpec {
  slug: string;
  name: string;
  description: string;
}

// biome-ignore format: one entry per line reads as a table
export const PROGRAMS: readonly ProgramSpec[] = [
  { slug: 'energy-climate', name: 'Energy and Climate', description: 'How countries decarbonize while keeping power affordable and secure, and how they adapt to the warming already under way.' },
  { slug: 'trade-economics', name: 'Trade and Economic Statecraft', description: 'Trade rules, sanctions, investment screening and the use of economic tools for strategic ends.' },
  { slug: 'security-defense', name: 'Security and Defense', description: 'Alliances, deterrence, defense budgets and the changing character of conflict.' },
  { slug: 'democracy-governance', name: 'Democracy and Governance', description: 'Elections, accountability, the rule of law and the health of public institutions.' },
  { slug: 'technology-affairs', name: 'Technology and International Affairs', description: 'The governance of digital infrastructure, artificial intelligence, data and emerging technologies across borders.' },
  { slug: 'migration-mobility', name: 'Migration and Mobility', description: 'Why people move, how states manage borders and labour mobility, and how displaced people are protected.' },
  { slug: 'global-health', name: 'Global Health Security', description: 'Preparedness for epidemics, the financing of health systems and the politics of medical supply chains.' },
  { slug: 'nuclear-policy', name: 'Nuclear Policy', description: 'Arms control, non-proliferation, nuclear energy and the reduction of nuclear risk.' },
  { slug: 'development-finance', name: 'Development Finance', description: 'Public debt, multilateral lending, aid effectiveness and the mobilization of private capital for development.' },
  { slug: 'food-water', name: 'Food and Water Systems', description: 'Agricultural markets, water scarcity and the resilience of food systems to shocks.' },
  { slug: 'maritime-affairs', name: 'Maritime and Ocean Affairs', description: 'Sea lanes, ports, fisheries and the law of the sea in an era of contested waters.' },
  { slug: 'cities-infrastructure', name: 'Cities and Infrastructure', description: 'Urban governance, housing, transport and the infrastructure that growing cities depend on.' },
];

export interface ProjectSpec {
  slug: string;
  name: string;
  program: string;
  description: string;
}

// biome-ignore format: one entry per line reads as a table
export const PROJECTS: readonly ProjectSpec[] = [
  { slug: 'grid-futures-initiative', name: 'Grid Futures Initiative', program: 'energy-climate', description: 'Tracks how power grids are being rebuilt for variable renewable supply.' },
  { slug: 'ports-and-passages', name: 'Ports and Passages', program: 'maritime-affairs', description: 'Maps the chokepoints, ports and shipping routes that carry world trade.' },
  { slug: 'digital-trust-initiative', name: 'Digital Trust Initiative', program: 'technology-affairs', description: 'Studies rules for data flows, cloud services and trustworthy AI.' },
  { slug: 'borderlands-dialogue', name: 'Borderlands Dialogue', program: 'migration-mobility', description: 'Brings together officials and communities from border regions.' },
  { slug: 'fiscal-resilience-lab', name: 'Fiscal Resilience Lab', program: 'development-finance', description: 'Models debt sustainability under climate and commodity shocks.' },
  { slug: 'coastal-cities-project', name: 'Coastal Cities Project', program: 'cities-infrastructure', description: 'Examines how port cities finance protection against rising seas.' },
  { slug: 'quiet-channels-dialogue', name: 'Quiet Channels Dialogue', program: 'nuclear-policy', description: 'A track-two dialogue on risk reduction between nuclear-armed states.' },
  { slug: 'preparedness-audit', name: 'Preparedness Audit', program: 'global-health', description: 'Reviews how well countries implemented their pandemic preparedness plans.' },
  { slug: 'critical-minerals-tracker', name: 'Critical Minerals Tracker', program: 'trade-economics', description: 'Follows the trade and investment in minerals needed for clean technologies.' },
  { slug: 'seed-to-table-initiative', name: 'Seed to Table Initiative', program: 'food-water', description: 'Follows food prices and supply from farm inputs to household budgets.' },
  { slug: 'ballot-integrity-project', name: 'Ballot Integrity Project', program: 'democracy-governance', description: 'Compares how election bodies protect the vote and communicate results.' },
];

// biome-ignore format: one entry per line reads as a table
export const COLLECTIONS: readonly ProgramSpec[] = [
  { slug: 'turning-points', name: 'Turning Points', description: 'Essays on decisions that changed the course of a policy debate.' },
  { slug: 'policy-primers', name: 'Policy Primers', description: 'Short explainers for readers new to a subject.' },
  { slug: 'the-long-view', name: 'The Long View', description: 'Analysis looking a decade or more ahead.' },
  { slug: 'scholar-dialogues', name: 'Scholar Dialogues', description: 'Pieces written in conversation between scholars from different centers.' },
  { slug: 'year-in-review', name: 'Year in Review', description: 'Our scholars look back at the year behind them.' },
];

export interface PartnerSpec {
  slug: string;
  name: string;
  url: string;
  /** The path segment under which the partner publishes analysis. */
  section: string;
}

// biome-ignore format: one entry per line reads as a table
export const PARTNERS: readonly PartnerSpec[] = [
  { slug: 'kestrel-policy-forum', name: 'Kestrel Policy Forum', url: 'https://kestrel-forum.example', section: 'essays' },
  { slug: 'juniper-ridge-institute', name: 'Juniper Ridge Institute for Economics', url: 'https://juniper-ridge.example', section: 'analysis' },
  { slug: 'quillon-foundation', name: 'Quillon Foundation', url: 'https://quillon.example', section: 'insights' },
  { slug: 'saltmarsh-review', name: 'Saltmarsh Review of International Affairs', url: 'https://saltmarsh-review.example', section: 'articles' },
  { slug: 'baobab-policy-collective', name: 'Baobab Policy Collective', url: 'https://baobab-collective.example', section: 'briefs' },
  { slug: 'northlight-quarterly', name: 'Northlight Quarterly', url: 'https://northlight-quarterly.example', section: 'issues' },
  { slug: 'cassia-institute', name: 'Cassia Institute', url: 'https://cassia-institute.example', section: 'publications' },
];

export function typeRecords(): TypeInput[] {
  return TYPES.map((t, position) => ({
    kind: 'type',
    slug: t.slug,
    name: t.name,
    pluralName: t.pluralName,
    position,
  }));
}

export function programRecords(): TermInput[] {
  return PROGRAMS.map((p) => ({
    kind: 'term',
    taxonomy: 'program',
    slug: p.slug,
    name: p.name,
    description: p.description,
  }));
}

export function projectRecords(): TermInput[] {
  return PROJECTS.map((p) => ({
    kind: 'term',
    taxonomy: 'project',
    slug: p.slug,
    name: p.name,
    description: p.description,
  }));
}

export function collectionRecords(): TermInput[] {
  return COLLECTIONS.map((c) => ({
    kind: 'term',
    taxonomy: 'collection',
    slug: c.slug,
    name: c.name,
    description: c.description,
  }));
}

export function partnerRecords(): PartnerInput[] {
  return PARTNERS.map((p) => ({ kind: 'partner', slug: p.slug, name: p.name, url: p.url }));
}
