/*
 * The region taxonomy: world regions → sub-regions → countries (and one deeper level in
 * Latin America), so that region pages, facets and breadcrumbs have a real hierarchy to
 * show. Real geography; descriptions are our own.
 */
import type { TermInput } from './record-types.ts';

/**
 * The tree as an indented outline: `slug | name` or `slug | name | prose form`, two
 * spaces per level. Easier to read and extend than nested object literals.
 */
const OUTLINE = `
africa | Africa
  east-africa | East Africa
    kenya | Kenya
    ethiopia | Ethiopia
    tanzania | Tanzania
    uganda | Uganda
  west-africa | West Africa
    nigeria | Nigeria
    ghana | Ghana
    senegal | Senegal
    cote-d-ivoire | C\u00f4te d\u2019Ivoire
  southern-africa | Southern Africa
    south-africa | South Africa
    mozambique | Mozambique
    zambia | Zambia
  sahel | Sahel | the Sahel
    mali | Mali
    niger | Niger
  north-africa | North Africa
    egypt | Egypt
    morocco | Morocco
    tunisia | Tunisia
middle-east | Middle East | the Middle East
  gulf | Gulf | the Gulf
    saudi-arabia | Saudi Arabia
    united-arab-emirates | United Arab Emirates | the United Arab Emirates
    qatar | Qatar
    oman | Oman
  levant | Levant | the Levant
    jordan | Jordan
    lebanon | Lebanon
    syria | Syria
  iraq | Iraq
  iran | Iran
  turkiye | T\u00fcrkiye
europe | Europe
  western-europe | Western Europe
    france | France
    germany | Germany
    netherlands | Netherlands | the Netherlands
    belgium | Belgium
    spain | Spain
    italy | Italy
  central-eastern-europe | Central and Eastern Europe
    poland | Poland
    ukraine | Ukraine
    romania | Romania
    hungary | Hungary
  nordic-baltic | Nordic and Baltic States | the Nordic and Baltic states
    norway | Norway
    sweden | Sweden
    finland | Finland
    estonia | Estonia
  western-balkans | Western Balkans | the Western Balkans
    serbia | Serbia
    north-macedonia | North Macedonia
  united-kingdom | United Kingdom | the United Kingdom
asia | Asia
  east-asia | East Asia
    china | China
    japan | Japan
    south-korea | South Korea
    mongolia | Mongolia
  southeast-asia | Southeast Asia
    indonesia | Indonesia
    vietnam | Vietnam
    philippines | Philippines | the Philippines
    malaysia | Malaysia
    singapore | Singapore
    thailand | Thailand
  south-asia | South Asia
    india | India
    pakistan | Pakistan
    bangladesh | Bangladesh
    sri-lanka | Sri Lanka
  central-asia | Central Asia
    kazakhstan | Kazakhstan
    uzbekistan | Uzbekistan
oceania | Oceania
  pacific-islands | Pacific Islands | the Pacific Islands
    fiji | Fiji
    tonga | Tonga
    samoa | Samoa
  australia | Australia
  new-zealand | New Zealand
americas | Americas | the Americas
  north-america | North America
    united-states | United States | the United States
    canada | Canada
  latin-america | Latin America and the Caribbean | Latin America
    mexico | Mexico
    central-america | Central America
      guatemala | Guatemala
      honduras | Honduras
      panama | Panama
    south-america | South America
      brazil | Brazil
      argentina | Argentina
      colombia | Colombia
      chile | Chile
      peru | Peru
    caribbean | Caribbean | the Caribbean
      haiti | Haiti
      jamaica | Jamaica
      dominican-republic | Dominican Republic | the Dominican Republic
`;

export interface Region {
  slug: string;
  name: string;
  /** How prose refers to it, with an article where English needs one. */
  prose: string;
  parent?: string;
  isLeaf: boolean;
  /** Every descendant's slug, for picking a place inside a center's focus area. */
  descendants: string[];
}

/** Parses the outline; the line order already puts every parent before its children. */
function buildRegions(): readonly Region[] {
  const regions: Region[] = [];
  const ancestors: Region[] = [];
  for (const line of OUTLINE.split('\n')) {
    if (line.trim() === '') continue;
    const depth = (line.length - line.trimStart().length) / 2;
    const [slug = '', name = '', prose] = line.trim().split(' | ');
    ancestors.length = depth;
    const parent = ancestors[depth - 1];
    const region: Region = { slug, name, prose: prose ?? name, isLeaf: true, descendants: [] };
    if (parent) region.parent = parent.slug;
    for (const ancestor of ancestors) {
      ancestor.isLeaf = false;
      ancestor.descendants.push(slug);
    }
    regions.push(region);
    ancestors.push(region);
  }
  return regions;
}

/** Every region, parents before children. */
export const REGIONS: readonly Region[] = buildRegions();

const BY_SLUG = new Map(REGIONS.map((r) => [r.slug, r]));

export function getRegion(slug: string): Region {
  const region = BY_SLUG.get(slug);
  if (!region) throw new Error(`unknown demo region ${slug}`);
  return region;
}

export function regionRecords(): TermInput[] {
  return REGIONS.map((r) => ({
    kind: 'term',
    taxonomy: 'region',
    slug: r.slug,
    name: r.name,
    ...(r.parent ? { parent: r.parent } : {}),
    description: r.isLeaf
      ? `Research and commentary on ${r.prose}.`
      : `Analysis covering ${r.prose} and the countries within it.`,
  }));
}
