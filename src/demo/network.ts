/*
 * The fictional Aldermoor Network: a headquarters and five regional centers, each with
 * its own site (branding, contact details, disclaimer, menus) and newsletter lists.
 * All names, addresses and phone numbers are invented; phone numbers use ranges kept
 * for fiction or obviously unassigned blocks.
 */
import type { CenterInput, NetworkInput, NewsletterInput } from './record-types.ts';

export const NETWORK = {
  slug: 'aldermoor',
  name: 'Aldermoor Network for International Affairs',
  shortName: 'Aldermoor',
  url: 'https://aldermoor.example',
  lettermark: 'media/network-lettermark.svg',
} as const;

export interface CenterSpec {
  slug: string;
  /** Prefix of the center's newsletter slugs, e.g. `hq` in `hq-english-weekly`. */
  key: string;
  name: string;
  shortName: string;
  headquarters: boolean;
  tagline: string;
  description: string;
  accentColor: string;
  locale: string;
  timeZone: string;
  pathPrefix?: string;
  address: { street: string; locality: string; postalCode: string; country: string };
  phone: string;
  email: string;
  /** Region subtrees the center writes about most (slugs in regions.ts). */
  focusRegions: readonly string[];
  /** A second newsletter in the center's other working language, if it has one. */
  otherLanguage?: { language: string; slug: string; name: string; description: string };
}

export const CENTERS: readonly CenterSpec[] = [
  {
    slug: 'aldermoor-global',
    key: 'hq',
    name: 'Aldermoor Center for Global Affairs',
    shortName: 'Aldermoor Global',
    headquarters: true,
    tagline: 'Independent analysis for a crowded, connected world.',
    description:
      'The Aldermoor Center for Global Affairs is the headquarters of the Aldermoor Network. Its scholars study how states, markets and societies manage problems that no single country can solve alone, from the energy transition to the governance of new technologies.',
    accentColor: '#1d3557',
    locale: 'en-US',
    timeZone: 'America/New_York',
    address: {
      street: '1850 Foxhall Terrace NW',
      locality: 'Washington, DC',
      postalCode: '20037',
      country: 'United States',
    },
    phone: '+1 202 555 0148',
    email: 'info@aldermoor.example',
    focusRegions: ['north-america', 'europe', 'asia', 'africa', 'middle-east', 'americas'],
  },
  {
    slug: 'aldermoor-europe',
    key: 'europe',
    name: 'Aldermoor Europe',
    shortName: 'Aldermoor Europe',
    headquarters: false,
    tagline: 'Policy research on Europe and its neighbourhood.',
    description:
      'Aldermoor Europe works on the choices facing the European Union and its neighbours: energy security, enlargement, industrial policy and the continent\u2019s place between larger powers. Its team convenes officials, researchers and practitioners from across the region.',
    accentColor: '#5b2a6e',
    locale: 'en-GB',
    timeZone: 'Europe/Brussels',
    pathPrefix: 'europe',
    address: {
      street: 'Rue du Verger Bleu 18',
      locality: 'Brussels',
      postalCode: '1000',
      country: 'Belgium',
    },
    phone: '+32 2 555 01 72',
    email: 'europe@aldermoor.example',
    focusRegions: ['europe'],
    otherLanguage: {
      language: 'fr',
      slug: 'europe-french-monthly',
      name: 'La Lettre d\u2019Aldermoor Europe',
      description: 'Nos analyses du mois sur l\u2019Europe et son voisinage, en fran\u00e7ais.',
    },
  },
  {
    slug: 'aldermoor-asia-pacific',
    key: 'asia-pacific',
    name: 'Aldermoor Asia-Pacific Center',
    shortName: 'Aldermoor Asia-Pacific',
    headquarters: false,
    tagline: 'Research on the economies and security of the Indo-Pacific.',
    description:
      'The Aldermoor Asia-Pacific Center examines trade, maritime security and technology competition across Asia and the Pacific. It pairs long-term research with practical dialogue among governments, firms and civil society in the region.',
    accentColor: '#0b5351',
    locale: 'en-US',
    timeZone: 'Asia/Singapore',
    pathPrefix: 'asia-pacific',
    address: {
      street: '88 Cendana Quay, #14-02',
      locality: 'Singapore',
      postalCode: '049317',
      country: 'Singapore',
    },
    phone: '+65 6555 0190',
    email: 'asiapacific@aldermoor.example',
    focusRegions: ['asia', 'oceania'],
  },
  {
    slug: 'aldermoor-middle-east',
    key: 'middle-east',
    name: 'Aldermoor Middle East Center',
    shortName: 'Aldermoor Middle East',
    headquarters: false,
    tagline: 'Understanding change across the Middle East and North Africa.',
    description:
      'The Aldermoor Middle East Center studies governance, economic reform, water and energy across the Middle East and North Africa. Its researchers are based in the region and publish for audiences both inside and beyond it.',
    accentColor: '#7c2d12',
    locale: 'en-US',
    timeZone: 'Asia/Amman',
    pathPrefix: 'middle-east',
    address: {
      street: '27 Al-Yasmin Street, Abdoun',
      locality: 'Amman',
      postalCode: '11183',
      country: 'Jordan',
    },
    phone: '+962 6 555 0134',
    email: 'middleeast@aldermoor.example',
    focusRegions: ['middle-east', 'north-africa'],
  },
  {
    slug: 'aldermoor-africa',
    key: 'africa',
    name: 'Aldermoor Africa Center',
    shortName: 'Aldermoor Africa',
    headquarters: false,
    tagline: 'Evidence and ideas for Africa\u2019s policy choices.',
    description:
      'The Aldermoor Africa Center focuses on development finance, democratic institutions, climate adaptation and regional trade across the continent. It works closely with universities and policy institutes in East, West and Southern Africa.',
    accentColor: '#2d5016',
    locale: 'en-US',
    timeZone: 'Africa/Nairobi',
    pathPrefix: 'africa',
    address: {
      street: 'Mukoma Gardens, 5 Riverside Lane',
      locality: 'Nairobi',
      postalCode: '00100',
      country: 'Kenya',
    },
    phone: '+254 20 555 0166',
    email: 'africa@aldermoor.example',
    focusRegions: ['africa'],
  },
  {
    slug: 'aldermoor-latin-america',
    key: 'latin-america',
    name: 'Aldermoor Latin America Center',
    shortName: 'Aldermoor Latin America',
    headquarters: false,
    tagline: 'Analysis of Latin America\u2019s politics, economies and place in the world.',
    description:
      'The Aldermoor Latin America Center studies migration, public security, commodity economies and democratic resilience from Mexico to the Southern Cone. It publishes in English and Spanish.',
    accentColor: '#6b3a00',
    locale: 'en-US',
    timeZone: 'America/Mexico_City',
    pathPrefix: 'latin-america',
    address: {
      street: 'Calle Jacarandas 214, Col. Roma Norte',
      locality: 'Mexico City',
      postalCode: '06700',
      country: 'Mexico',
    },
    phone: '+52 55 5550 0123',
    email: 'latam@aldermoor.example',
    focusRegions: ['latin-america'],
    otherLanguage: {
      language: 'es',
      slug: 'latin-america-spanish-monthly',
      name: 'Bolet\u00edn mensual de Aldermoor Am\u00e9rica Latina',
      description: 'An\u00e1lisis mensual sobre la regi\u00f3n, en espa\u00f1ol.',
    },
  },
];

export const HEADQUARTERS = CENTERS[0] as CenterSpec;

export function findCenter(slug: string): CenterSpec {
  const center = CENTERS.find((c) => c.slug === slug);
  if (!center) throw new Error(`unknown demo center ${slug}`);
  return center;
}

/** The name as it reads mid-sentence: "the Aldermoor Asia-Pacific Center", but "Aldermoor Europe". */
export function proseName(center: CenterSpec): string {
  return center.name.includes('Center') ? `the ${center.name}` : center.name;
}

/** Each center's English list: the one its sign-up form offers by default. */
export function englishNewsletterSlug(center: CenterSpec): string {
  return `${center.key}-english-weekly`;
}

const HEADER_MENU = [
  { label: 'Research', url: '/research' },
  { label: 'Experts', url: '/experts' },
  { label: 'About', url: '/about' },
];

const FOOTER_MENU = [
  { label: 'Projects', url: '/projects' },
  { label: 'Events', url: '/events' },
  { label: 'Contact', url: '/contact' },
  { label: 'Careers', url: '/careers' },
  { label: 'Privacy', url: '/privacy' },
  { label: 'For Media', url: '/media' },
];

const capitalizeFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function disclaimer(center: CenterSpec): string {
  return (
    `${capitalizeFirst(proseName(center))} takes no institutional position on questions of public policy. ` +
    'The analysis and conclusions presented here are solely those of the author(s) and ' +
    `should not be attributed to ${proseName(center)}, the ${NETWORK.name}, its staff or its trustees.`
  );
}

export function networkRecord(): NetworkInput {
  const { slug, name, shortName, url, lettermark } = NETWORK;
  return { kind: 'network', slug, name, shortName, url, lettermark };
}

export function centerRecord(center: CenterSpec, position: number): CenterInput {
  return {
    kind: 'center',
    slug: center.slug,
    name: center.name,
    shortName: center.shortName,
    headquarters: center.headquarters,
    tagline: center.tagline,
    description: center.description,
    logo: `media/logos/${center.slug}.svg`,
    accentColor: center.accentColor,
    locale: center.locale,
    timeZone: center.timeZone,
    ...(center.pathPrefix ? { pathPrefix: center.pathPrefix } : {}),
    address: center.address,
    phone: center.phone,
    email: center.email,
    disclaimer: disclaimer(center),
    navigation: { header: HEADER_MENU, footer: FOOTER_MENU },
    position,
  };
}

export function newsletterRecords(center: CenterSpec): NewsletterInput[] {
  const english: NewsletterInput = {
    kind: 'newsletter',
    slug: englishNewsletterSlug(center),
    name: `${center.shortName} Weekly`,
    center: center.slug,
    language: 'en',
    description: `New research and commentary from ${proseName(center)}, every Thursday.`,
    centerDefault: true,
    cadence: 'weekly',
    ...sender(center),
  };
  const other = center.otherLanguage;
  if (!other) return [english];
  return [
    english,
    { kind: 'newsletter', center: center.slug, centerDefault: false, ...sender(center), ...other },
  ];
}

/** Issues come from the center itself, by its short name and public address. */
function sender(center: CenterSpec): { senderName: string; senderEmail: string } {
  return { senderName: center.shortName, senderEmail: center.email };
}
