/*
 * What a reader expects on the first screen for a query over the demo content
 * (demo/dossier-demo.jsonl), judged by reading its titles, summaries, authors and
 * terms, not by asking the engine. Each listed piece must rank in the top five.
 *
 * Where a subject has exactly N pieces about it (N ≤ 5), all N are listed: a reader
 * who searches a subject expects every piece on it before any piece that only touches it.
 */

export interface Judgment {
  query: string;
  /** Slugs that must all be in the top five. */
  expected: string[];
  /** Why a reader expects them. */
  why: string;
}

export const JUDGMENTS: Judgment[] = [
  {
    query: 'cross-border power trade',
    expected: ['connecting-the-region-cross-border-power-trade'],
    why: 'the exact subject of the 19-author report’s title',
  },
  {
    query: 'electricity grids pipelines',
    expected: ['power-lines-are-the-new-trade-routes'],
    why: 'the flagship’s summary compares cross-border grids with pipelines',
  },
  {
    query: 'nineteen scholars',
    expected: ['connecting-the-region-cross-border-power-trade'],
    why: 'words of that report’s summary',
  },
  {
    query: 'deep-sea mining',
    expected: [
      'why-haiti-should-take-deep-sea-mining-seriously',
      'getting-deep-sea-mining-wrong-a-warning-from-samoa',
      'the-uneven-geography-of-deep-sea-mining',
    ],
    why: 'the three pieces with deep-sea mining in their titles',
  },
  {
    query: 'sovereign debt restructuring',
    expected: [
      'a-reality-check-on-sovereign-debt-restructuring',
      'a-reality-check-on-sovereign-debt-restructuring-2',
      'rethinking-sovereign-debt-restructuring-lessons-from-uganda',
      'rebuilding-trust-in-sovereign-debt-restructuring',
      'small-steps-large-stakes-sovereign-debt-restructuring-in-spain',
    ],
    why: 'the only five pieces about it, all with it in their titles',
  },
  {
    query: 'fisheries subsidies',
    expected: [
      'a-reality-check-on-fisheries-subsidies',
      'governing-fisheries-subsidies-institutions-money-and-power',
      'the-quiet-politics-of-fisheries-subsidies',
      'three-scenarios-for-fisheries-subsidies-in-latin-america',
      'who-pays-for-fisheries-subsidies',
    ],
    why: 'the only five pieces about it, all with it in their titles',
  },
  {
    query: 'green hydrogen',
    expected: [
      'rebuilding-trust-in-green-hydrogen',
      'between-promise-and-practice-green-hydrogen-in-tunisia',
    ],
    why: 'the two green hydrogen pieces',
  },
  {
    query: 'lithium',
    expected: [
      'the-uneven-geography-of-lithium-mining',
      'after-the-summit-what-comes-next-for-lithium-mining',
      'how-finance-ministries-can-make-lithium-mining-work',
    ],
    why: 'the three English pieces on lithium mining',
  },
  {
    query: 'cobalt supply',
    expected: [
      'can-africa-get-cobalt-supply-right',
      'mapping-cobalt-supply-across-haiti',
      'beyond-cobalt-supply-a-new-agenda-for-saudi-arabia',
    ],
    why: 'the three cobalt supply pieces',
  },
  {
    query: 'carbon border adjustments',
    expected: [
      'the-case-for-patience-on-carbon-border-adjustments',
      'why-city-authorities-keep-misreading-carbon-border-adjustments',
      'rethinking-carbon-border-adjustments-lessons-from-egypt',
      'rebuilding-trust-in-carbon-border-adjustments',
    ],
    why: 'the only four pieces about it',
  },
  {
    query: 'small modular reactors',
    expected: [
      'can-new-zealand-get-small-modular-reactors-right',
      'how-finance-ministries-can-make-small-modular-reactors-work',
    ],
    why: 'the two pieces with it in their titles',
  },
  {
    query: 'reactor safety egypt',
    expected: ['between-promise-and-practice-reactor-safety-oversight-in-egypt'],
    why: 'the one reactor safety piece about Egypt',
  },
  {
    query: 'asylum processing uganda',
    expected: ['between-promise-and-practice-asylum-processing-in-uganda'],
    why: 'the one asylum processing piece about Uganda',
  },
  {
    query: 'undersea cables',
    expected: ['tracking-undersea-cables-a-2018-review'],
    why: 'the only piece on undersea cables',
  },
  {
    query: 'vaccines',
    expected: ['reading-the-fine-print-on-vaccine-manufacturing-capacity'],
    why: 'the only piece on vaccine manufacturing (plural typed, singular written)',
  },
  {
    query: 'population ageing',
    expected: [
      'getting-population-ageing-wrong-a-warning-from-sweden',
      'why-national-parliaments-keep-misreading-population-ageing',
      'rebuilding-trust-in-population-ageing',
      'what-population-ageing-could-mean-for-tunisia',
    ],
    why: 'the four pieces on population ageing',
  },
  {
    query: 'aging population',
    expected: [
      'getting-population-ageing-wrong-a-warning-from-sweden',
      'why-national-parliaments-keep-misreading-population-ageing',
      'rebuilding-trust-in-population-ageing',
      'what-population-ageing-could-mean-for-tunisia',
    ],
    why: 'the same four, typed in American spelling and the other order',
  },
  {
    query: '"primary health care"',
    expected: [
      'small-steps-large-stakes-primary-health-care-in-lebanon',
      'small-steps-large-stakes-primary-health-care-in-brazil',
      'the-long-road-to-primary-health-care',
      'the-quiet-politics-of-primary-health-care',
    ],
    why: 'the four pieces on primary health care, as a phrase',
  },
  {
    query: 'sanctions enforcement',
    expected: [
      'rebuilding-trust-in-sanctions-enforcement',
      'rebuilding-trust-in-sanctions-enforcement-2',
      'the-uneven-geography-of-sanctions-enforcement',
    ],
    why: 'the three published pieces on it (the fourth is in review)',
  },
  {
    query: 'coast guard cooperation tonga',
    expected: ['small-steps-large-stakes-coast-guard-cooperation-in-tonga'],
    why: 'the coast guard piece about Tonga',
  },
  {
    query: 'Mozambique',
    expected: [
      'beyond-remittance-flows-a-new-agenda-for-mozambique',
      'rethinking-marine-protected-areas-lessons-from-mozambique',
      'can-mozambique-get-forward-deployments-right',
      'what-concessional-lending-could-mean-for-mozambique',
    ],
    why: 'the four pieces with Mozambique in their titles',
  },
  {
    query: 'Ingrid Mabaso',
    expected: [
      'power-lines-are-the-new-trade-routes',
      'les-lignes-electriques-sont-les-nouvelles-routes-commerciales',
    ],
    why: 'her flagship essay and its translation, which she wrote alone',
  },
  {
    query: 'Selin Demirtas',
    expected: [
      'rebuilding-trust-in-irrigation-efficiency',
      'why-civil-society-groups-keep-misreading-judicial-independence',
    ],
    why: 'her only two pieces, her name typed without the cedilla',
  },
  {
    query: 'Amina Yusuf',
    expected: [
      'mapping-refugee-resettlement-across-syria',
      'mapping-military-spending-targets-across-oceania',
    ],
    why: 'her only two pieces',
  },
  {
    query: 'Pieter van Houten',
    expected: [
      'who-pays-for-emergency-health-financing',
      'unfinished-business-multilateral-bank-reform-in-fiji',
      'beyond-collective-defense-commitments-a-new-agenda-for-norway',
    ],
    why: 'his only three pieces',
  },
  {
    query: 'sécurité alimentaire',
    expected: ['le-sahel-face-a-la-securite-alimentaire'],
    why: 'the French title, typed as written',
  },
  {
    query: 'securite maritime maroc',
    expected: ['le-maroc-face-a-la-securite-maritime'],
    why: 'the French title, typed without accents',
  },
  {
    query: 'minería de litio',
    expected: ['por-que-chile-debe-tomarse-en-serio-la-mineria-de-litio'],
    why: 'the Spanish title’s words',
  },
  {
    query: 'compute governance turkiye',
    expected: ['between-promise-and-practice-compute-governance-in-turkiye'],
    why: 'the Türkiye piece, typed without the umlaut',
  },
  {
    query: "Cote d'Ivoire early warning",
    expected: ['what-cote-d-ivoire-can-teach-the-world-about-early-warning-systems'],
    why: 'the title, with a straight apostrophe where it has a curly one',
  },
  {
    query: 'electric buses',
    expected: [
      'the-quiet-politics-of-electric-bus-fleets',
      'what-electric-bus-fleets-could-mean-for-north-america',
    ],
    why: 'the two pieces on electric bus fleets, the plural typed',
  },
];
