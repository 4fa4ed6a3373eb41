import type { Kysely } from 'kysely';
import { renderMarkdown } from '../lib/markdown.ts';
import {
  upsertCenter,
  upsertMedia,
  upsertNetwork,
  upsertNewsletterList,
  upsertPage,
  upsertPartner,
  upsertPerson,
  upsertPublication,
  upsertTerm,
  upsertType,
} from '../storage/repositories/content-writer.ts';
import type { Tables } from '../storage/tables.ts';
import { applyAccountRecord } from './apply-account-records.ts';
import { applyLinkRecord } from './apply-link-records.ts';
import { applyReaderRecord } from './apply-reader-records.ts';
import { type StoredFile, storeImportedFile } from './media-files.ts';
import { prepareOrigin } from './record-origin.ts';
import type {
  CenterRecord,
  ImportRecord,
  MediaRecord,
  PersonRecord,
  PublicationRecord,
} from './records.ts';
import type { SlugIndex, SlugSpace } from './slug-index.ts';

/** A record that cannot be applied: names the field at fault. Nothing of it is written. */
export class RecordError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * For a dry run's lookups (`.catch(unlessUnresolved)`): a reference the same run would
 * create is not there yet, so the record counts as new; any other error is a real one.
 */
export function unlessUnresolved(error: unknown): undefined {
  if (error instanceof RecordError) return undefined;
  throw error;
}

export interface ApplyContext {
  db: Kysely<Tables>;
  slugs: SlugIndex;
  /** Files already copied in this run, by their path in the import folder. */
  files: Map<string, StoredFile | { error: string }>;
  at: string;
  baseDir: string;
  uploadsDir: string;
  /** The record's fingerprint (record-origin.ts), kept with its external id. */
  digest: string;
  /** Its body as HTML when the reader rendered it already (check-record.ts); else rendered here. */
  bodyHtml?: string;
}

/** Writes one validated record; runs inside the caller's transaction. */
export async function applyRecord(record: ImportRecord, ctx: ApplyContext): Promise<void> {
  const prepared = await prepareOrigin(ctx.db, record, ctx);
  await writeRecord(prepared.record, ctx);
  await prepared.finish();
}

async function writeRecord(record: ImportRecord, ctx: ApplyContext): Promise<void> {
  const { db, at } = ctx;
  switch (record.kind) {
    case 'network': {
      const lettermark = record.lettermark
        ? (await storeFile(ctx, 'lettermark', record.lettermark)).path
        : null;
      await upsertNetwork(
        db,
        {
          slug: record.slug,
          name: record.name,
          short_name: record.shortName,
          lettermark_path: lettermark,
          url: record.url ?? null,
        },
        at,
      );
      return;
    }
    case 'center':
      ctx.slugs.remember('centers', record.slug, await applyCenter(record, ctx));
      return;
    case 'newsletter': {
      const center_id = await required(ctx, 'centers', record.center, 'center');
      const id = await upsertNewsletterList(
        db,
        {
          slug: record.slug,
          name: record.name,
          center_id,
          language: record.language,
          description: record.description,
          is_center_default: record.centerDefault ? 1 : 0,
          cadence: record.cadence,
          sender_name: record.senderName,
          sender_email: record.senderEmail,
        },
        at,
      );
      ctx.slugs.remember('newsletter_lists', record.slug, id);
      return;
    }
    case 'page': {
      const center_id = await required(ctx, 'centers', record.center, 'center');
      await upsertPage(
        db,
        {
          center_id,
          slug: record.slug,
          title: record.title,
          summary: record.summary,
          body_markdown: record.body,
          body_html: ctx.bodyHtml ?? renderMarkdown(record.body),
        },
        at,
      );
      return;
    }
    case 'type':
      ctx.slugs.remember(
        'publication_types',
        record.slug,
        await upsertType(
          db,
          {
            slug: record.slug,
            name: record.name,
            plural_name: record.pluralName,
            position: record.position,
          },
          at,
        ),
      );
      return;
    case 'term': {
      const parent_id =
        record.parent === undefined
          ? null
          : await requiredTerm(ctx, record.taxonomy, record.parent, 'parent');
      const id = await upsertTerm(
        db,
        {
          taxonomy: record.taxonomy,
          slug: record.slug,
          name: record.name,
          parent_id,
          description: record.description,
        },
        record.previousSlugs,
        at,
      );
      if (parent_id !== null && (await isOwnAncestor(db, id)))
        throw new RecordError('parent', `would make "${record.slug}" its own ancestor`);
      ctx.slugs.remember(`terms:${record.taxonomy}`, record.slug, id);
      return;
    }
    case 'partner':
      ctx.slugs.remember(
        'partners',
        record.slug,
        await upsertPartner(
          db,
          { slug: record.slug, name: record.name, url: record.url ?? null },
          at,
        ),
      );
      return;
    case 'person':
      ctx.slugs.remember('people', record.slug, await applyPerson(record, ctx));
      return;
    case 'publication':
      ctx.slugs.remember('publications', record.slug, await applyPublication(record, ctx));
      return;
    case 'media':
      await storeMedia(ctx, record);
      return;
    case 'featured':
    case 'oldUrl':
    case 'origin':
      await applyLinkRecord(record, ctx);
      return;
    case 'user':
    case 'revision':
    case 'scheduledJob':
    case 'auditEntry':
      await applyAccountRecord(record, ctx);
      return;
    case 'consentText':
    case 'subscriber':
    case 'consentEntry':
    case 'suppression':
    case 'newsletterIssue':
      await applyReaderRecord(record, ctx);
      return;
  }
}

async function applyCenter(record: CenterRecord, ctx: ApplyContext): Promise<number> {
  const logo = record.logo ? (await storeFile(ctx, 'logo', record.logo)).path : null;
  const navigation = [
    ...record.navigation.header.map((item) => ({ menu: 'header' as const, ...item })),
    ...record.navigation.footer.map((item) => ({ menu: 'footer' as const, ...item })),
  ];
  return upsertCenter(
    ctx.db,
    {
      slug: record.slug,
      name: record.name,
      short_name: record.shortName,
      is_headquarters: record.headquarters ? 1 : 0,
      tagline: record.tagline,
      description: record.description,
      logo_path: logo,
      accent_color: record.accentColor,
      locale: record.locale,
      time_zone: record.timeZone,
      host: record.host ?? null,
      path_prefix: record.pathPrefix ?? null,
      street_address: record.address.street,
      locality: record.address.locality,
      postal_code: record.address.postalCode,
      country: record.address.country,
      phone: record.phone,
      email: record.email ?? '',
      disclaimer: record.disclaimer,
      position: record.position,
      feed_full_text: record.feedFullText ? 1 : 0,
    },
    navigation,
    ctx.at,
  );
}

async function applyPerson(record: PersonRecord, ctx: ApplyContext): Promise<number> {
  const program_id =
    record.program === undefined
      ? null
      : await requiredTerm(ctx, 'program', record.program, 'program');
  const center_id =
    record.center === undefined ? null : await required(ctx, 'centers', record.center, 'center');
  const expertise = await Promise.all(
    record.expertise.map((ref, i) => {
      const [taxonomy = '', slug = ''] = ref.split(':');
      return requiredTerm(ctx, taxonomy, slug, `expertise.${i}`);
    }),
  );
  const photo = record.photo ? await storeImage(ctx, 'photo', record.photo) : null;
  return upsertPerson(
    ctx.db,
    {
      slug: record.slug,
      name: record.name,
      sort_name: record.sortName ?? defaultSortName(record.name),
      role: record.role,
      program_id,
      center_id,
      affiliation: record.affiliation,
      bio: record.bio,
      photo_media_id: photo,
      orcid: record.orcid ?? null,
      email: record.email ?? null,
      languages: JSON.stringify(record.languages),
      links: JSON.stringify(record.links),
      is_expert: record.expert ? 1 : 0,
      is_external: record.external ? 1 : 0,
    },
    expertise,
    record.previousSlugs,
    ctx.at,
  );
}

async function applyPublication(record: PublicationRecord, ctx: ApplyContext): Promise<number> {
  const type_id = await required(ctx, 'publication_types', record.type, 'type');
  const primary_center_id = await required(ctx, 'centers', record.primaryCenter, 'primaryCenter');
  // Nearly every reference names something met before in this run: known() answers those
  // at once, where a look-up per reference cost a promise and a wait each.
  const all = async (slugs: string[], space: SlugSpace, field: string) => {
    const ids: number[] = [];
    for (const [i, slug] of slugs.entries())
      ids.push(ctx.slugs.known(space, slug) ?? (await lookUp(ctx, space, slug, `${field}.${i}`)));
    return ids;
  };
  const authorIds = await all(record.authors, 'people', 'authors');
  const centerIds = await all(record.centers, 'centers', 'centers');
  const featuredInCenterIds = await all(record.featuredIn, 'centers', 'featuredIn');
  const newsletterIds = await all(record.newsletters, 'newsletter_lists', 'newsletters');
  const termIds: number[] = [];
  for (const [taxonomy, field] of [
    ['program', 'programs'],
    ['project', 'projects'],
    ['region', 'regions'],
    ['topic', 'topics'],
    ['collection', 'collections'],
  ] as const) {
    termIds.push(...(await all(record[field], `terms:${taxonomy}`, field)));
  }
  const partner_id =
    record.partner === undefined
      ? null
      : await required(ctx, 'partners', record.partner, 'partner');
  const translation_of_id =
    record.translationOf === undefined
      ? null
      : await required(ctx, 'publications', record.translationOf, 'translationOf');
  const lead_media_id = record.leadImage
    ? await storeImage(ctx, 'leadImage', record.leadImage)
    : null;
  const pdf_path =
    record.pdf === undefined || /^https?:/.test(record.pdf)
      ? (record.pdf ?? null)
      : (await storeFile(ctx, 'pdf', record.pdf, 'application/pdf')).path;

  return upsertPublication(
    ctx.db,
    {
      slug: record.slug,
      type_id,
      title: record.title,
      summary: record.summary,
      body_markdown: record.body,
      body_html: ctx.bodyHtml ?? renderMarkdown(record.body),
      lead_media_id,
      status: record.status,
      published_at: record.publishedAt ?? null,
      revised_at: record.revisedAt ?? null,
      embargo_until: record.embargoUntil ?? null,
      primary_center_id,
      partner_id,
      external_url: record.externalUrl ?? null,
      canonical_url: record.canonicalUrl ?? null,
      language: record.language,
      translation_of_id,
      doi: record.doi ?? null,
      licence: record.licence ?? null,
      series: record.series ?? null,
      report_number: record.reportNumber ?? null,
      pdf_path,
    },
    { authorIds, centerIds, termIds, newsletterIds, featuredInCenterIds },
    record.previousSlugs,
    ctx.at,
  );
}

const KIND_NAMES = {
  centers: 'center',
  people: 'person',
  partners: 'partner',
  publication_types: 'publication type',
  newsletter_lists: 'newsletter list',
  publications: 'publication',
} as const;

/** The id of what `slug` names in `table`, or a RecordError on `field` when it is not there. */
export async function required(
  ctx: Pick<ApplyContext, 'db' | 'slugs'>,
  table: keyof typeof KIND_NAMES,
  slug: string,
  field: string,
): Promise<number> {
  const id = await ctx.slugs.find(ctx.db, table, slug);
  if (id === undefined)
    throw new RecordError(
      field,
      `names ${KIND_NAMES[table]} "${slug}", which does not exist (import it first)`,
    );
  return id;
}

/** `required` or `requiredTerm`, by where the slug lives. */
function lookUp(ctx: ApplyContext, space: SlugSpace, slug: string, field: string) {
  return space.startsWith('terms:')
    ? requiredTerm(ctx, space.slice('terms:'.length), slug, field)
    : required(ctx, space as keyof typeof KIND_NAMES, slug, field);
}

async function requiredTerm(
  ctx: ApplyContext,
  taxonomy: string,
  slug: string,
  field: string,
): Promise<number> {
  const id = await ctx.slugs.findTerm(ctx.db, taxonomy, slug);
  if (id === undefined)
    throw new RecordError(
      field,
      `names ${taxonomy} "${slug}", which does not exist (import it first)`,
    );
  return id;
}

async function storeFile(ctx: ApplyContext, field: string, path: string, expectedMime?: string) {
  // A corpus reuses a few images thousands of times: copy each file once per run.
  let stored = ctx.files.get(path);
  if (!stored) {
    stored = await storeImportedFile(ctx.baseDir, path, ctx.uploadsDir);
    ctx.files.set(path, stored);
  }
  if ('error' in stored) throw new RecordError(field, stored.error);
  if (expectedMime && stored.mimeType !== expectedMime)
    throw new RecordError(field, `must be a ${expectedMime} file`);
  return stored;
}

async function storeImage(
  ctx: ApplyContext,
  field: string,
  image: {
    src: string;
    alt: string;
    credit: string;
    width?: number | undefined;
    height?: number | undefined;
  },
): Promise<number> {
  const stored = await storeFile(ctx, `${field}.src`, image.src);
  if (!stored.mimeType.startsWith('image/'))
    throw new RecordError(`${field}.src`, 'must be an image');
  const row = {
    path: stored.path,
    mime_type: stored.mimeType,
    width: image.width ?? stored.width,
    height: image.height ?? stored.height,
    alt: image.alt,
    credit: image.credit,
  };
  const key = JSON.stringify(row);
  const known = ctx.slugs.findMedia(key);
  if (known !== undefined) return known;
  const id = await upsertMedia(ctx.db, row, ctx.at);
  ctx.slugs.rememberMedia(key, id);
  return id;
}

/** A library file: images keep their alt text and credit; a PDF is stored as it is. */
async function storeMedia(ctx: ApplyContext, record: MediaRecord): Promise<void> {
  const stored = await storeFile(ctx, 'src', record.src);
  if (stored.mimeType.startsWith('image/')) {
    await storeImage(ctx, '', record);
    return;
  }
  await upsertMedia(
    ctx.db,
    {
      path: stored.path,
      mime_type: stored.mimeType,
      width: null,
      height: null,
      alt: record.alt,
      credit: record.credit,
    },
    ctx.at,
  );
}

async function isOwnAncestor(db: Kysely<Tables>, id: number): Promise<boolean> {
  let current: number | null = id;
  for (let depth = 0; depth < 64 && current !== null; depth++) {
    const row: { parent_id: number | null } | undefined = await db
      .selectFrom('terms')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
    if (current === id) return true;
  }
  return current !== null;
}

/** "Ana María López" → "López, Ana María": good enough until an editor says otherwise. */
function defaultSortName(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return name;
  const last = parts.pop() ?? '';
  return `${last}, ${parts.join(' ')}`;
}
