import type { Taxonomy } from '../../domain/publication.ts';
import { DEFAULT_TAXONOMIES, type TermTarget, type WordpressMap } from './map-file.ts';
import { toDossierSlug } from './slugs.ts';
import type { WxrIndex } from './wxr-index.ts';
import type { WxrTerm } from './wxr-reader.ts';

/*
 * WordPress terms → Dossier terms and centers, by the map's rules. A rule names one
 * target for a whole taxonomy ("post_tag": "topic"), or one per top-level term
 * ("category": { "under": { "regions": "region" } }): then the top-level term is only a
 * group, its descendants become terms of that taxonomy and keep their hierarchy below it.
 */

export interface PlannedTerm {
  /** `taxonomy/slug` in WordPress. */
  key: string;
  source: WxrTerm;
  target: Taxonomy | 'center';
  slug: string;
  /** The Dossier slug of the parent, in the same taxonomy. */
  parent: string | undefined;
}

export interface TermPlan {
  /** Every WordPress term that goes somewhere, by `taxonomy/slug`. */
  byKey: Map<string, PlannedTerm>;
  /** One per Dossier term (twins merged), parents before children. */
  terms: PlannedTerm[];
  /** Centers that terms map to, once each. */
  centers: PlannedTerm[];
  notes: string[];
}

/** Taxonomies that hold site structure, not subjects: never reported as unmapped. */
const STRUCTURAL = new Set([
  'nav_menu',
  'post_format',
  'link_category',
  'wp_theme',
  'wp_template_part_area',
  'author',
]);

export function planTerms(index: WxrIndex, map: WordpressMap): TermPlan {
  const rules = { ...DEFAULT_TAXONOMIES, ...map.taxonomies };
  const byKey = new Map<string, PlannedTerm>();
  const unmapped = new Map<string, number>();
  for (const [key, term] of index.terms) {
    const rule = rules[term.taxonomy];
    if (rule === undefined) {
      if (!STRUCTURAL.has(term.taxonomy))
        unmapped.set(term.taxonomy, (unmapped.get(term.taxonomy) ?? 0) + 1);
      continue;
    }
    const placed = place(index, term, rule);
    if (placed.target === 'skip') continue;
    const slug =
      placed.target === 'center'
        ? (map.centers[term.slug] ?? toDossierSlug(term.slug))
        : toDossierSlug(term.slug) || `${term.taxonomy.replace(/^post_/, '')}-${term.id}`;
    if (!slug) continue;
    const parent = placed.parent ? index.term(term.taxonomy, placed.parent) : undefined;
    byKey.set(key, { key, source: term, target: placed.target, slug, parent: parent?.slug });
  }
  // Parents were noted by WordPress slug: now that every term has a Dossier slug, swap.
  for (const planned of byKey.values()) {
    const parent = planned.parent
      ? byKey.get(`${planned.source.taxonomy}/${planned.parent}`)
      : undefined;
    planned.parent = parent && parent.target === planned.target ? parent.slug : undefined;
  }
  return {
    byKey,
    ...ordered(byKey),
    notes: [...unmapped].map(
      ([taxonomy, n]) =>
        `${n} term(s) of the WordPress taxonomy "${taxonomy}" are not imported: give it a rule under "taxonomies" in the map`,
    ),
  };
}

/** The target of one term and its parent's WordPress slug under that rule. */
function place(
  index: WxrIndex,
  term: WxrTerm,
  rule: TermTarget | { under: Record<string, TermTarget>; other: TermTarget },
): { target: TermTarget; parent: string | undefined } {
  if (typeof rule === 'string') return { target: rule, parent: term.parent || undefined };
  const chain = ancestors(index, term);
  const root = chain[chain.length - 1] ?? term;
  const grouped = rule.under[root.slug];
  if (grouped === undefined) return { target: rule.other, parent: term.parent || undefined };
  if (root === term) return { target: 'skip', parent: undefined };
  return { target: grouped, parent: term.parent === root.slug ? undefined : term.parent };
}

/** Parent, grandparent… up to the top; a loop in the data ends the walk. */
function ancestors(index: WxrIndex, term: WxrTerm): WxrTerm[] {
  const chain: WxrTerm[] = [];
  let current = term;
  while (current.parent && chain.length < 32) {
    const parent = index.term(term.taxonomy, current.parent);
    if (!parent || parent === term || chain.includes(parent)) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

function ordered(byKey: Map<string, PlannedTerm>): Pick<TermPlan, 'terms' | 'centers'> {
  const terms: PlannedTerm[] = [];
  const centers: PlannedTerm[] = [];
  const emitted = new Set<string>();
  const first = new Map<string, PlannedTerm>();
  for (const planned of byKey.values()) {
    const id = `${planned.target}/${planned.slug}`;
    if (!first.has(id)) first.set(id, planned);
  }
  const emit = (planned: PlannedTerm, depth: number) => {
    const id = `${planned.target}/${planned.slug}`;
    if (emitted.has(id) || depth > 32) return;
    const parent = planned.parent && first.get(`${planned.target}/${planned.parent}`);
    if (parent) emit(parent, depth + 1);
    if (emitted.has(id)) return;
    emitted.add(id);
    (planned.target === 'center' ? centers : terms).push(planned);
  };
  for (const planned of byKey.values()) emit(planned, 0);
  return { terms, centers };
}
