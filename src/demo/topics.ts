/*
 * Topics, each tied to the program that writes about it most and carrying the noun
 * phrases ("subjects") that titles and prose are built around, so a generated piece
 * stays on one subject from title to policy implications.
 */
import type { TermInput } from './record-types.ts';

export interface TopicSpec {
  slug: string;
  name: string;
  program: string;
  /** Noun phrases without a leading article, usable mid-sentence. */
  subjects: readonly string[];
}

// biome-ignore format: one entry per line reads as a table
export const TOPICS: readonly TopicSpec[] = [
  { slug: 'energy-transition', name: 'Energy Transition', program: 'energy-climate', subjects: ['grid interconnection', 'coal phase-out plans', 'clean power auctions', 'energy subsidy reform', 'green hydrogen'] },
  { slug: 'climate-adaptation', name: 'Climate Adaptation', program: 'energy-climate', subjects: ['flood defenses', 'heat resilience', 'adaptation finance', 'drought insurance', 'climate-proof infrastructure'] },
  { slug: 'carbon-markets', name: 'Carbon Markets', program: 'energy-climate', subjects: ['carbon border adjustments', 'emissions trading', 'carbon credit integrity', 'methane pledges'] },
  { slug: 'trade-policy', name: 'Trade Policy', program: 'trade-economics', subjects: ['tariff escalation', 'regional trade agreements', 'export controls', 'trade dispute settlement', 'services trade'] },
  { slug: 'supply-chains', name: 'Supply Chains', program: 'trade-economics', subjects: ['supply chain diversification', 'nearshoring', 'semiconductor supply chains', 'port congestion'] },
  { slug: 'sanctions', name: 'Sanctions', program: 'trade-economics', subjects: ['financial sanctions', 'sanctions enforcement', 'secondary sanctions', 'asset freezes'] },
  { slug: 'critical-minerals', name: 'Critical Minerals', program: 'trade-economics', subjects: ['lithium mining', 'critical mineral partnerships', 'rare earth processing', 'cobalt supply'] },
  { slug: 'alliances', name: 'Alliances', program: 'security-defense', subjects: ['alliance burden-sharing', 'collective defense commitments', 'minilateral security pacts', 'forward deployments'] },
  { slug: 'defense-budgets', name: 'Defense Budgets', program: 'security-defense', subjects: ['defense procurement', 'military spending targets', 'joint arms production', 'ammunition stockpiles'] },
  { slug: 'conflict-prevention', name: 'Conflict Prevention', program: 'security-defense', subjects: ['ceasefire monitoring', 'peace mediation', 'peacekeeping mandates', 'early warning systems'] },
  { slug: 'elections', name: 'Elections', program: 'democracy-governance', subjects: ['election administration', 'campaign finance rules', 'electoral disinformation', 'voter registration'] },
  { slug: 'rule-of-law', name: 'Rule of Law', program: 'democracy-governance', subjects: ['judicial independence', 'constitutional courts', 'anti-corruption agencies', 'public procurement oversight'] },
  { slug: 'civil-society', name: 'Civil Society', program: 'democracy-governance', subjects: ['foreign funding laws', 'civic space', 'independent media', 'local accountability'] },
  { slug: 'artificial-intelligence', name: 'Artificial Intelligence', program: 'technology-affairs', subjects: ['AI safety standards', 'compute governance', 'AI in public services', 'algorithmic accountability'] },
  { slug: 'cybersecurity', name: 'Cybersecurity', program: 'technology-affairs', subjects: ['ransomware response', 'critical infrastructure protection', 'cyber norms', 'software supply chain security'] },
  { slug: 'digital-infrastructure', name: 'Digital Infrastructure', program: 'technology-affairs', subjects: ['undersea cables', 'data localization', 'digital public infrastructure', 'satellite broadband'] },
  { slug: 'migration', name: 'Migration', program: 'migration-mobility', subjects: ['labour migration pathways', 'return agreements', 'remittance flows', 'border externalization'] },
  { slug: 'refugees', name: 'Refugees', program: 'migration-mobility', subjects: ['refugee resettlement', 'temporary protection', 'asylum processing', 'refugee inclusion in labour markets'] },
  { slug: 'pandemic-preparedness', name: 'Pandemic Preparedness', program: 'global-health', subjects: ['pathogen surveillance', 'vaccine manufacturing capacity', 'emergency health financing', 'medical countermeasure stockpiles'] },
  { slug: 'health-systems', name: 'Health Systems', program: 'global-health', subjects: ['primary health care', 'health worker migration', 'universal health coverage', 'medicine pricing'] },
  { slug: 'arms-control', name: 'Arms Control', program: 'nuclear-policy', subjects: ['strategic arms limits', 'missile defense', 'verification regimes', 'risk reduction hotlines'] },
  { slug: 'nuclear-energy', name: 'Nuclear Energy', program: 'nuclear-policy', subjects: ['small modular reactors', 'nuclear fuel supply', 'reactor safety oversight', 'spent fuel storage'] },
  { slug: 'public-debt', name: 'Public Debt', program: 'development-finance', subjects: ['sovereign debt restructuring', 'debt-for-nature swaps', 'climate-resilient debt clauses', 'domestic revenue mobilization'] },
  { slug: 'development-aid', name: 'Development Aid', program: 'development-finance', subjects: ['multilateral bank reform', 'blended finance', 'aid localization', 'concessional lending'] },
  { slug: 'food-security', name: 'Food Security', program: 'food-water', subjects: ['grain export bans', 'fertilizer prices', 'strategic food reserves', 'smallholder credit'] },
  { slug: 'water-security', name: 'Water Security', program: 'food-water', subjects: ['transboundary river basins', 'groundwater depletion', 'desalination', 'irrigation efficiency'] },
  { slug: 'maritime-security', name: 'Maritime Security', program: 'maritime-affairs', subjects: ['freedom of navigation', 'coast guard cooperation', 'illegal fishing', 'shipping chokepoints'] },
  { slug: 'ocean-governance', name: 'Ocean Governance', program: 'maritime-affairs', subjects: ['deep-sea mining', 'marine protected areas', 'high seas biodiversity', 'fisheries subsidies'] },
  { slug: 'urbanization', name: 'Urbanization', program: 'cities-infrastructure', subjects: ['affordable housing', 'informal settlements', 'municipal finance', 'urban heat planning'] },
  { slug: 'transport', name: 'Transport', program: 'cities-infrastructure', subjects: ['public transit investment', 'rail corridors', 'electric bus fleets', 'logistics hubs'] },
  { slug: 'demographics', name: 'Demographics', program: 'migration-mobility', subjects: ['population ageing', 'youth employment', 'pension reform', 'skills mismatches'] },
];

const BY_PROGRAM = new Map<string, TopicSpec[]>();
for (const topic of TOPICS) {
  const list = BY_PROGRAM.get(topic.program) ?? [];
  list.push(topic);
  BY_PROGRAM.set(topic.program, list);
}

/** The topics a program writes about; every program has at least one. */
export function topicsOfProgram(program: string): readonly TopicSpec[] {
  const list = BY_PROGRAM.get(program);
  if (!list) throw new Error(`no demo topics for program ${program}`);
  return list;
}

export function topicRecords(): TermInput[] {
  return TOPICS.map((t) => ({
    kind: 'term',
    taxonomy: 'topic',
    slug: t.slug,
    name: t.name,
    description: `Analysis of ${t.name.toLowerCase()}, including ${t.subjects.slice(0, 2).join(' and ')}.`,
  }));
}
