/*
 * The hand-written pieces every demo corpus starts with: the flagship piece that mirrors
 * the reference page (DESIGN §1), its French translation, a 19-author report by the
 * flagship author, and unpublished pieces (draft, review, scheduled) that tests use to
 * prove nothing unpublished leaks. They do not depend on the seed.
 */
import { composeBody } from './body.ts';
import { leadImageNamed } from './media.ts';
import type { DemoPerson } from './people.ts';
import { createRandom, seedFrom } from './random.ts';
import type { PublicationInput } from './record-types.ts';
import { createContext } from './text.ts';

/** Centers the tests address by name: the piece belongs to HQ, is affiliated with Asia-Pacific, and is viewed on Europe. */
export const DEMO_CENTERS = {
  headquarters: { slug: 'aldermoor-global' },
  regional: { slug: 'aldermoor-europe', pathPrefix: 'europe' },
  flagshipAffiliate: { slug: 'aldermoor-asia-pacific', pathPrefix: 'asia-pacific' },
} as const;

export const FLAGSHIP_SLUG = 'power-lines-are-the-new-trade-routes';
export const FLAGSHIP_TRANSLATION_SLUG =
  'les-lignes-electriques-sont-les-nouvelles-routes-commerciales';
export const FLAGSHIP_AUTHOR_SLUG = 'ingrid-mabaso';
export const FLAGSHIP_PARTNER_SLUG = 'kestrel-policy-forum';
/** Exactly 19 authors, the flagship author first: shows as "Ingrid Mabaso +18". */
export const MANY_AUTHORS_SLUG = 'connecting-the-region-cross-border-power-trade';
/** Pieces that must never appear on any public surface. */
export const UNPUBLISHED_SLUGS = {
  draft: 'unreleased-draft-grid-tariff-notes',
  draftWithPastDate: 'unreleased-draft-coastal-insurance-memo',
  review: 'unreleased-review-sanctions-enforcement-brief',
  scheduled: 'embargoed-energy-security-outlook-2031',
} as const;

const FLAGSHIP_URL = `https://kestrel-forum.example/essays/2026/${FLAGSHIP_SLUG}`;

const FLAGSHIP_BODY = `Pipelines shaped the geopolitics of energy for half a century. The next half-century will be shaped by something less visible: the high-voltage lines that carry electricity across borders. As countries add wind and solar power, the value of connecting their grids rises sharply, because the sun and wind rarely fail everywhere at once. Yet the rules for building and running those connections remain thin, and the politics around them are only beginning to form.

## Main Argument

Interconnection turns a neighbor\u2019s surplus into your reserve. A grid that can import power during a windless week needs less idle capacity of its own, and studies of regional power pools suggest savings of a tenth or more of total system costs.[^1] The benefit grows as the share of variable renewables rises, which is why interest in cross-border lines has accelerated across Southeast Asia, southern Africa and Europe\u2019s periphery.

But a cable is also a dependency. Whoever controls the converter station, the dispatch software or the maintenance contract holds a quiet form of leverage. Governments that welcomed foreign-built pipelines now hesitate over foreign-built transmission, and with reason: electricity cannot be stored cheaply, so an interruption is felt immediately.[^2]

The result is a paradox. The physics argue for more connection; the politics argue for caution. Countries that resolve it will do so not by avoiding interdependence but by making it rule-bound: clear ownership, transparent pricing, shared operating codes and a neutral forum for disputes.

> \u201cWe spent ten years arguing about the price of the power and ten minutes on who could switch it off.\u201d
>
> \u2014 A former grid regulator, speaking to the author

There is precedent for getting this right. Regional power pools that began with modest bilateral trades have grown into markets once members trusted the settlement rules.[^3] Where trust was missing, lines were built and then left underused.

## Policy Implications

Governments and lenders weighing cross-border grids should:

- **Negotiate the rulebook before the route.** Agree on dispatch, pricing and curtailment rules before committing to specific lines.
- **Separate ownership from operation.** Independent system operators reduce the leverage any single owner can exercise.
- **Fund the software, not just the steel.** Control systems and cybersecurity deserve a fixed share of every project budget.
- **Build a dispute forum early.** A standing regional body is cheaper than renegotiating each crisis.
- **Measure reliability publicly.** Publishing outage and trade data builds the trust that markets need.

Grid diplomacy will not make headlines the way pipeline politics did. It will matter more.

[^1]: Author\u2019s synthesis of published regional power-pool assessments, 2019\u20132025.

[^2]: See S. Halloran, *The Patient State* (Halden University Press, 2022), chap. 4.

[^3]: Interviews with system operators conducted by the author in Jakarta and Lisbon, 2024\u20132025.
`;

const TRANSLATION_BODY = `Les gazoducs ont fa\u00e7onn\u00e9 la g\u00e9opolitique de l\u2019\u00e9nergie pendant un demi-si\u00e8cle. Le prochain sera fa\u00e7onn\u00e9 par les lignes \u00e0 haute tension qui relient les r\u00e9seaux \u00e9lectriques par-del\u00e0 les fronti\u00e8res.

## Argument principal

L\u2019interconnexion transforme l\u2019exc\u00e9dent d\u2019un voisin en r\u00e9serve. Mais un c\u00e2ble est aussi une d\u00e9pendance : qui contr\u00f4le la station de conversion ou le logiciel de r\u00e9partition d\u00e9tient un levier discret.[^1]

## Implications politiques

- **N\u00e9gocier les r\u00e8gles avant le trac\u00e9.**
- **S\u00e9parer la propri\u00e9t\u00e9 de l\u2019exploitation.**
- **Publier les donn\u00e9es de fiabilit\u00e9.**

[^1]: Voir la version originale en anglais pour les sources compl\u00e8tes.
`;

export function flagshipPiece(): PublicationInput {
  return {
    kind: 'publication',
    slug: FLAGSHIP_SLUG,
    type: 'other',
    title: 'Power Lines Are the New Trade Routes',
    summary:
      'Cross-border electricity grids are becoming as strategically important as pipelines once were. Countries that connect their grids gain cheaper, cleaner and more secure power, but only if they first agree on who builds the lines, who pays for them and who controls the switch.',
    body: FLAGSHIP_BODY,
    leadImage: leadImageNamed('corridor-links'),
    authors: [FLAGSHIP_AUTHOR_SLUG],
    status: 'published',
    publishedAt: '2026-10-06T13:00:00.000Z',
    primaryCenter: DEMO_CENTERS.headquarters.slug,
    centers: [DEMO_CENTERS.flagshipAffiliate.slug],
    programs: ['energy-climate'],
    projects: ['grid-futures-initiative'],
    regions: ['southeast-asia', 'asia', 'southern-africa'],
    topics: ['energy-transition'],
    collections: ['the-long-view'],
    partner: FLAGSHIP_PARTNER_SLUG,
    externalUrl: FLAGSHIP_URL,
    canonicalUrl: FLAGSHIP_URL,
    language: 'en',
    licence: 'CC BY 4.0',
    newsletters: ['hq-english-weekly'],
    featuredIn: [DEMO_CENTERS.headquarters.slug, DEMO_CENTERS.regional.slug],
  };
}

export function flagshipTranslation(): PublicationInput {
  return {
    kind: 'publication',
    slug: FLAGSHIP_TRANSLATION_SLUG,
    type: 'other',
    title: 'Les lignes \u00e9lectriques sont les nouvelles routes commerciales',
    summary:
      'Les r\u00e9seaux \u00e9lectriques transfrontaliers deviennent aussi strat\u00e9giques que l\u2019\u00e9taient les gazoducs. Encore faut-il s\u2019entendre sur qui construit, qui paie et qui contr\u00f4le.',
    body: TRANSLATION_BODY,
    authors: [FLAGSHIP_AUTHOR_SLUG],
    status: 'published',
    publishedAt: '2026-10-08T09:00:00.000Z',
    primaryCenter: DEMO_CENTERS.regional.slug,
    centers: [DEMO_CENTERS.headquarters.slug],
    programs: ['energy-climate'],
    regions: ['southeast-asia'],
    topics: ['energy-transition'],
    language: 'fr',
    translationOf: FLAGSHIP_SLUG,
    newsletters: ['europe-french-monthly'],
  };
}

/** A generated body on a fixed seed: the report reads like the corpus but never changes. */
export function manyAuthorsPiece(people: readonly DemoPerson[]): PublicationInput {
  const random = createRandom(seedFrom('many-authors-report'));
  const ctx = createContext(random, {
    subject: 'cross-border power trade',
    topic: 'energy transition',
    region: 'Southeast Asia',
    kind: 'report',
    year: 2026,
  });
  const others = people
    .filter((p) => p.rank !== 'external' && p.slug !== FLAGSHIP_AUTHOR_SLUG)
    .slice(0, 18);
  return {
    kind: 'publication',
    slug: MANY_AUTHORS_SLUG,
    type: 'report',
    title: 'Connecting the Region: A Collaborative Assessment of Cross-Border Power Trade',
    summary:
      'Nineteen scholars from across the Aldermoor Network assess the state of cross-border electricity trade and set out a shared agenda for regulators, lenders and grid operators.',
    body: composeBody(random, ctx, { isLong: true }),
    leadImage: leadImageNamed('grain-routes'),
    authors: [FLAGSHIP_AUTHOR_SLUG, ...others.map((p) => p.slug)],
    status: 'published',
    publishedAt: '2026-09-22T14:00:00.000Z',
    primaryCenter: DEMO_CENTERS.headquarters.slug,
    centers: ['aldermoor-europe', 'aldermoor-asia-pacific', 'aldermoor-africa'],
    programs: ['energy-climate', 'trade-economics'],
    projects: ['grid-futures-initiative'],
    regions: ['southeast-asia', 'asia'],
    topics: ['energy-transition', 'supply-chains'],
    collections: ['scholar-dialogues'],
    doi: '10.55555/aldermoor.2026.power-trade',
    licence: 'CC BY 4.0',
    series: 'Aldermoor Reports',
    reportNumber: 'AR 26-14',
    newsletters: ['hq-english-weekly'],
  };
}
