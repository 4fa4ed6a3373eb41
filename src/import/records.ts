import { z } from 'zod';
import { menuUrlProblem } from '../domain/menu-url.ts';
import { normalizeOldUrl } from '../domain/old-url.ts';
import { checkOrcid } from '../domain/orcid.ts';
import { PUBLICATION_STATUSES, TAXONOMIES } from '../domain/publication.ts';
import {
  auditEntryRecord,
  revisionRecordOf,
  scheduledJobRecord,
  userRecord,
} from './account-records.ts';
import {
  consentEntryRecord,
  consentTextRecord,
  newsletterIssueRecord,
  subscriberRecord,
  suppressionRecord,
} from './reader-records.ts';
import { isoTime, slug, text, url } from './record-fields.ts';

/*
 * The JSON-lines import format: one record per line, `kind` first. References between
 * records are by slug, so a file can be written by hand or by another system. Records
 * are upserted by slug (publications may name `previousSlugs` to rename, which leaves a
 * 301 behind). The format is documented in docs/import-format.md.
 */

/**
 * First path segments the site's own routes use: a center on one of these prefixes
 * would hide those pages on the headquarters' site.
 */
export const RESERVED_PATH_PREFIXES = new Set([
  'research',
  'experts',
  'programs',
  'projects',
  'regions',
  'topics',
  'collections',
  'types',
  'assets',
  'uploads',
  'newsletters',
  'search',
  'admin',
  'api',
  'feeds',
  'sitemap',
  'events',
]);

/** A file path relative to the import file, never escaping its folder. */
const relativeFile = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'),
    'must be a relative path inside the import folder',
  );

const image = z.strictObject({
  src: relativeFile,
  alt: text(500),
  credit: text(300).default(''),
  width: z.int().positive().optional(),
  height: z.int().positive().optional(),
});

/**
 * The item's id in the system it came from (e.g. `wordpress/example.org/post/42`). A later
 * import with the same id updates the same item, following it even after a rename there.
 */
const externalId = z.string().min(1).max(200).optional();

/** A path the item had on the old site (`/2017/07/25/title/`, `/?p=42`), stored normalized. */
const oldUrl = z
  .string()
  .max(2000)
  .transform((value, ctx) => {
    const normalized = normalizeOldUrl(value);
    // 600 characters stay within an index entry's limit even at 4 bytes each.
    if (normalized !== undefined && normalized.length <= 600) return normalized;
    ctx.addIssue({
      code: 'custom',
      message: 'must be a path starting with / (600 characters at most once decoded)',
    });
    return z.NEVER;
  });

/** Paths the item had on the old site: each answers 301. */
const oldUrls = z.array(oldUrl).max(50).default([]);

/**
 * An ORCID iD, bare or as its orcid.org link, stored bare. The check character catches a
 * mistyped digit, which would otherwise link a byline to someone else's record.
 */
const orcid = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const checked = checkOrcid(value);
    if (checked.ok) return checked.orcid;
    ctx.addIssue({
      code: 'custom',
      message:
        checked.reason === 'shape'
          ? 'must be an ORCID iD such as 0000-0002-1825-0097'
          : `is not a valid ORCID iD: its last character should be ${checked.expected} (check for a mistyped digit)`,
    });
    return z.NEVER;
  });

const navItem = z.strictObject({
  label: text(80).min(1),
  url: z.string().superRefine((url, ctx) => {
    const problem = menuUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
const language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR');

export const networkRecord = z.strictObject({
  kind: z.literal('network'),
  slug,
  name: text(200).min(1),
  shortName: text(40).min(1),
  lettermark: relativeFile.optional(),
  url: url.optional(),
});

export const centerRecord = z.strictObject({
  kind: z.literal('center'),
  slug,
  name: text(200).min(1),
  shortName: text(60).min(1),
  headquarters: z.boolean().default(false),
  tagline: text(300).default(''),
  description: text(5000).default(''),
  logo: relativeFile.optional(),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1f4e79')
    .default('#1f4e79'),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a locale such as en-US')
    .default('en-US'),
  timeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .default('UTC'),
  host: z
    .string()
    .max(260)
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/,
      'must be a host name such as europe.example.org, in lower case, without http:// or a path',
    )
    .optional(),
  pathPrefix: slug
    .refine(
      (prefix) => !RESERVED_PATH_PREFIXES.has(prefix),
      'is a path the site itself uses; pick another prefix',
    )
    .optional(),
  address: z
    .strictObject({
      street: text(300).default(''),
      locality: text(200).default(''),
      postalCode: text(40).default(''),
      country: text(100).default(''),
    })
    .default({ street: '', locality: '', postalCode: '', country: '' }),
  phone: text(60).default(''),
  email: z.email().max(300).optional(),
  disclaimer: text(2000).default(''),
  feedFullText: z.boolean().default(false),
  navigation: z
    .strictObject({
      header: z.array(navItem).max(20).default([]),
      footer: z.array(navItem).max(30).default([]),
    })
    .default({ header: [], footer: [] }),
  position: z.int().min(0).default(0),
});

export const newsletterRecord = z.strictObject({
  kind: z.literal('newsletter'),
  slug,
  name: text(200).min(1),
  center: slug,
  language: language.default('en'),
  description: text(1000).default(''),
  centerDefault: z.boolean().default(false),
  /** How often an issue goes out; `alerts` is one per flagship piece. */
  cadence: z.enum(['daily', 'weekly', 'monthly', 'alerts']).default('weekly'),
  /** Who issues come from; empty means the site's DOSSIER_EMAIL_FROM. */
  senderName: text(200).default(''),
  senderEmail: z.union([z.literal(''), z.email().max(254)]).default(''),
});

export const pageRecord = z.strictObject({
  kind: z.literal('page'),
  center: slug,
  slug,
  title: text(300).min(1),
  summary: text(1000).default(''),
  body: text(200_000).default(''),
  externalId,
  oldUrls,
});

export const typeRecord = z.strictObject({
  kind: z.literal('type'),
  slug,
  name: text(60).min(1),
  pluralName: text(60).min(1),
  position: z.int().min(0).default(0),
});

export const termRecord = z.strictObject({
  kind: z.literal('term'),
  taxonomy: z.enum(TAXONOMIES),
  slug,
  previousSlugs: z.array(slug).max(20).default([]),
  name: text(200).min(1),
  parent: slug.optional(),
  description: text(5000).default(''),
  externalId,
  oldUrls,
});

export const partnerRecord = z.strictObject({
  kind: z.literal('partner'),
  slug,
  name: text(300).min(1),
  url: url.optional(),
});

/** A term reference written `taxonomy:slug`, e.g. `topic:energy-security`. */
const termRef = z
  .string()
  .regex(
    /^(program|project|region|topic|collection):[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be taxonomy:slug, e.g. topic:energy',
  );

export const personRecord = z.strictObject({
  kind: z.literal('person'),
  slug,
  previousSlugs: z.array(slug).max(20).default([]),
  name: text(200).min(1),
  // Longer than the name allows: the sort name made from a 200-character name ("Family,
  // Given") gains a comma, and an export writes it back out.
  sortName: text(210).optional(),
  role: text(300).default(''),
  program: slug.optional(),
  center: slug.optional(),
  affiliation: text(300).default(''),
  bio: text(20_000).default(''),
  photo: image.optional(),
  orcid: orcid.optional(),
  email: z.email().max(300).optional(),
  languages: z.array(language).max(20).default([]),
  links: z
    .array(z.strictObject({ label: text(80).min(1), url }))
    .max(20)
    .default([]),
  expertise: z.array(termRef).max(30).default([]),
  expert: z.boolean().default(false),
  external: z.boolean().default(false),
  externalId,
  oldUrls,
});

const slugList = (max: number) => z.array(slug).max(max).default([]);

export const publicationRecord = z
  .strictObject({
    kind: z.literal('publication'),
    slug,
    previousSlugs: slugList(20),
    type: slug,
    title: text(500).min(1),
    summary: text(5000).default(''),
    body: text(1_000_000).default(''),
    leadImage: image.optional(),
    authors: z.array(slug).max(500).default([]),
    status: z.enum(PUBLICATION_STATUSES).default('published'),
    publishedAt: isoTime.optional(),
    revisedAt: isoTime.optional(),
    embargoUntil: isoTime.optional(),
    primaryCenter: slug,
    centers: slugList(50),
    programs: slugList(50),
    projects: slugList(50),
    regions: slugList(100),
    topics: slugList(100),
    collections: slugList(50),
    partner: slug.optional(),
    externalUrl: url.optional(),
    canonicalUrl: url.optional(),
    language: language.default('en'),
    translationOf: slug.optional(),
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/, 'must be a DOI such as 10.5555/abc-123')
      .max(300)
      .optional(),
    licence: text(300).optional(),
    series: text(120).optional(),
    reportNumber: text(60).optional(),
    pdf: z.union([url, relativeFile]).optional(),
    newsletters: slugList(20),
    featuredIn: slugList(20),
    externalId,
    oldUrls,
  })
  .refine((r) => r.status === 'draft' || r.status === 'review' || r.publishedAt !== undefined, {
    path: ['publishedAt'],
    message: 'is required once a piece is scheduled, published or archived',
  })
  .refine((r) => !r.authors.some((a, i) => r.authors.indexOf(a) !== i), {
    path: ['authors'],
    message: 'names the same person twice',
  });

/** A file in the media library (an image with its alt text and credit, or a PDF). */
export const mediaRecord = z.strictObject({
  kind: z.literal('media'),
  src: relativeFile,
  alt: text(500).default(''),
  credit: text(300).default(''),
  width: z.int().positive().optional(),
  height: z.int().positive().optional(),
  externalId,
  oldUrls,
});

/**
 * An item named by its natural key, for records that only link to it: a publication,
 * person or page by slug (a page within its center), a term by taxonomy and slug, a media
 * file by its path.
 */
const itemRef = z.discriminatedUnion('item', [
  z.strictObject({ item: z.literal('publication'), slug }),
  z.strictObject({ item: z.literal('person'), slug }),
  z.strictObject({ item: z.literal('page'), center: slug, slug }),
  z.strictObject({ item: z.literal('term'), taxonomy: z.enum(TAXONOMIES), slug }),
  z.strictObject({ item: z.literal('media'), src: relativeFile }),
]);

/**
 * A center's featured pieces in home-page order; replaces the list the center had. An
 * export writes one per center after the publications, because `featuredIn` alone
 * orders pieces by when they were imported, not as the editors arranged them.
 */
export const featuredRecord = z
  .strictObject({
    kind: z.literal('featured'),
    center: slug,
    publications: z.array(slug).max(10_000),
  })
  .refine((r) => new Set(r.publications).size === r.publications.length, {
    path: ['publications'],
    message: 'names the same publication twice',
  });

/** One address of the old site that answers with a 301 to an item (as `oldUrls` does). */
export const oldUrlRecord = z.strictObject({
  kind: z.literal('oldUrl'),
  path: oldUrl,
  target: itemRef,
});

/**
 * Where an item came from: its id in the source system and the fingerprint of what was
 * last imported from there. Lets a later import from that system recognise the item (and
 * skip it when unchanged) after the site moved through an export.
 */
export const originRecord = z.strictObject({
  kind: z.literal('origin'),
  externalId: z.string().min(1).max(200),
  digest: z.string().min(1).max(200),
  target: itemRef,
});

/** A saved version of a publication (account-records.ts), holding a publication record. */
export const revisionRecord = revisionRecordOf(publicationRecord);

export const importRecord = z.discriminatedUnion('kind', [
  networkRecord,
  centerRecord,
  newsletterRecord,
  pageRecord,
  typeRecord,
  termRecord,
  partnerRecord,
  personRecord,
  publicationRecord,
  mediaRecord,
  featuredRecord,
  oldUrlRecord,
  originRecord,
  userRecord,
  revisionRecord,
  scheduledJobRecord,
  auditEntryRecord,
  consentTextRecord,
  subscriberRecord,
  consentEntryRecord,
  suppressionRecord,
  newsletterIssueRecord,
]);

export type ImportRecord = z.infer<typeof importRecord>;
export type CenterRecord = z.infer<typeof centerRecord>;
export type PersonRecord = z.infer<typeof personRecord>;
export type PublicationRecord = z.infer<typeof publicationRecord>;
export type MediaRecord = z.infer<typeof mediaRecord>;
export type RevisionRecord = z.infer<typeof revisionRecord>;
/** An item named by its natural key, as `oldUrl` and `origin` records name their target. */
export type ItemRef = z.infer<typeof itemRef>;
/** What a record looks like before defaults are applied: what a file may contain. */
export type ImportRecordInput = z.input<typeof importRecord>;

/** Whether the runtime knows an IANA time zone of this name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
