import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createImportService, type ImportReport } from '../../src/import/import-service.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';

/** Files the factories' records name (logos, lead images), relative to this folder. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

type Kind = ImportRecordInput['kind'];
type RecordOf<K extends Kind> = Extract<ImportRecordInput, { kind: K }>;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

export function makePublication(
  overrides: Partial<RecordOf<'publication'>> = {},
): RecordOf<'publication'> {
  const slug = overrides.slug ?? unique('piece');
  return {
    kind: 'publication',
    slug,
    type: 'paper',
    title: `Title of ${slug}`,
    summary: `Summary of ${slug}.`,
    body: `Opening of ${slug}.[^1]\n\n## Main Argument\n\nThe argument.\n\n## Policy Implications\n\n- First\n- Second\n\n[^1]: A note.`,
    primaryCenter: 'hq',
    authors: ['alice-archer'],
    status: 'published',
    publishedAt: '2024-03-01T12:00:00Z',
    ...overrides,
  };
}

export function makePerson(overrides: Partial<RecordOf<'person'>> = {}): RecordOf<'person'> {
  const slug = overrides.slug ?? unique('person');
  return {
    kind: 'person',
    slug,
    name: `Person ${slug}`,
    role: 'Fellow',
    expert: true,
    ...overrides,
  };
}

/**
 * A small network to test against: a headquarters, a center on a path prefix
 * (/europe) and one on its own host, with menus, lists, terms and three people.
 */
export function baseWorld(): ImportRecordInput[] {
  const nav = {
    header: [
      { label: 'Research', url: '/research' },
      { label: 'Experts', url: '/experts' },
    ],
    footer: [{ label: 'Projects', url: '/projects' }],
  };
  return [
    {
      kind: 'network',
      slug: 'test-network',
      name: 'Test Network',
      shortName: 'TN',
      lettermark: 'media/logo.svg',
    },
    {
      kind: 'center',
      slug: 'hq',
      name: 'Headquarters Center',
      shortName: 'HQ',
      headquarters: true,
      logo: 'media/logo.svg',
      disclaimer: 'HQ DISCLAIMER.',
      navigation: nav,
      address: {
        street: '1 Main Street',
        locality: 'Capital',
        postalCode: '10000',
        country: 'Testland',
      },
      phone: '+1 555 0100',
    },
    {
      kind: 'center',
      slug: 'europe',
      name: 'Europe Center',
      shortName: 'Europe',
      pathPrefix: 'europe',
      logo: 'media/logo.svg',
      disclaimer: 'EUROPE DISCLAIMER.',
      navigation: nav,
      locale: 'en-GB',
      timeZone: 'Europe/Berlin',
      address: {
        street: '2 Canal Road',
        locality: 'Harbourtown',
        postalCode: 'E1',
        country: 'Eurland',
      },
      phone: '+49 555 0200',
    },
    {
      kind: 'center',
      slug: 'asia',
      name: 'Asia Center',
      shortName: 'Asia',
      host: 'asia.example.test',
      disclaimer: 'ASIA DISCLAIMER.',
      navigation: nav,
      phone: '+65 555 0300',
    },
    { kind: 'newsletter', slug: 'hq-weekly', name: 'HQ Weekly', center: 'hq', centerDefault: true },
    {
      kind: 'newsletter',
      slug: 'europe-weekly',
      name: 'Europe Weekly',
      center: 'europe',
      centerDefault: true,
    },
    {
      kind: 'newsletter',
      slug: 'europe-hebdo',
      name: 'Europe Hebdo',
      center: 'europe',
      language: 'fr',
    },
    {
      kind: 'newsletter',
      slug: 'asia-weekly',
      name: 'Asia Weekly',
      center: 'asia',
      centerDefault: true,
    },
    { kind: 'type', slug: 'paper', name: 'Paper', pluralName: 'Papers' },
    { kind: 'type', slug: 'commentary', name: 'Commentary', pluralName: 'Commentary' },
    { kind: 'type', slug: 'report', name: 'Report', pluralName: 'Reports' },
    { kind: 'term', taxonomy: 'program', slug: 'economy', name: 'Economy Program' },
    { kind: 'term', taxonomy: 'project', slug: 'grid-futures', name: 'Grid Futures' },
    { kind: 'term', taxonomy: 'region', slug: 'europe', name: 'Europe' },
    {
      kind: 'term',
      taxonomy: 'region',
      slug: 'western-europe',
      name: 'Western Europe',
      parent: 'europe',
    },
    { kind: 'term', taxonomy: 'region', slug: 'france', name: 'France', parent: 'western-europe' },
    { kind: 'term', taxonomy: 'region', slug: 'asia', name: 'Asia' },
    { kind: 'term', taxonomy: 'topic', slug: 'energy', name: 'Energy' },
    { kind: 'term', taxonomy: 'topic', slug: 'trade', name: 'Trade' },
    { kind: 'term', taxonomy: 'collection', slug: 'briefs', name: 'Briefs' },
    {
      kind: 'partner',
      slug: 'harbor-institute',
      name: 'Harbor Institute',
      url: 'https://harbor.example',
    },
    makePerson({
      slug: 'alice-archer',
      name: 'Alice Archer',
      role: 'Director and Senior Fellow, Economy Program',
      program: 'economy',
      center: 'hq',
      bio: 'Alice studies energy markets.',
      orcid: '0000-0002-1825-0097',
      expertise: ['topic:energy', 'region:france'],
    }),
    makePerson({
      slug: 'bruno-bell',
      name: 'Bruno Bell',
      role: 'Fellow',
      center: 'europe',
      expertise: ['topic:trade'],
    }),
    makePerson({
      slug: 'chen-cho',
      name: 'Chen Cho',
      external: true,
      expert: false,
      affiliation: 'Harbor Institute',
    }),
  ];
}

/** Imports records through the real import path and fails the test on any rejection. */
export async function seed(
  database: Database,
  uploadsDir: string,
  records: ImportRecordInput[],
): Promise<ImportReport> {
  const service = createImportService({
    db: database.db,
    uploadsDir,
    clock: fixedClock('2026-01-01T00:00:00Z'),
  });
  const report = await service.importRecords(
    records.map((value, i) => ({ line: i + 1, value })),
    { file: 'factories', baseDir: FIXTURES_DIR },
  );
  expect(report.rejected).toEqual([]);
  return report;
}
