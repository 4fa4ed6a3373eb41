import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { TAXONOMIES } from '../../domain/publication.ts';
import { isTimeZone } from '../records.ts';

/*
 * The map file of `dossier import wordpress --map MAP.json`: how a WordPress site's
 * post types, taxonomies, users and post meta become Dossier's. Every key is optional;
 * DEFAULT_MAP says what happens without one. Documented in docs/wordpress-import.md.
 */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens')
  .max(200);

/** Where a WordPress term goes: a Dossier taxonomy, a center, or nowhere. */
const termTarget = z.enum([...TAXONOMIES, 'center', 'skip']);
export type TermTarget = z.infer<typeof termTarget>;

/**
 * A WordPress taxonomy's rule: one target for all its terms, or per top-level term
 * ("the children of Regions are regions"), the top-level term itself being only a group.
 */
const taxonomyRule = z.union([
  termTarget,
  z.strictObject({
    under: z.record(z.string().min(1), termTarget).default({}),
    other: termTarget.default('skip'),
  }),
]);
export type TaxonomyRule = z.infer<typeof taxonomyRule>;

const postTypeRule = z.union([
  z.literal('page'),
  z.literal('skip'),
  z.strictObject({
    type: slug,
    name: z.string().min(1).max(60).optional(),
    pluralName: z.string().min(1).max(60).optional(),
  }),
]);
export type PostTypeRule = z.infer<typeof postTypeRule>;

/** Publication fields that a post meta key may fill. */
export const META_FIELDS = [
  'reportNumber',
  'series',
  'pdf',
  'doi',
  'licence',
  'externalUrl',
  'canonicalUrl',
] as const;
export type MetaField = (typeof META_FIELDS)[number];

export const wordpressMap = z.strictObject({
  /** The center that receives pages and owns posts without a center term. */
  center: slug.optional(),
  /** IANA zone of the WordPress site, for dates WordPress kept only in local time. */
  timeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .optional(),
  /** Names this site in re-import keys; the export's own address by default. */
  source: z.string().min(1).max(100).optional(),
  postTypes: z.record(z.string().min(1), postTypeRule).optional(),
  taxonomies: z.record(z.string().min(1), taxonomyRule).optional(),
  /** A WordPress term slug (of a term that maps to `center`) → a Dossier center slug. */
  centers: z.record(z.string().min(1), slug).default({}),
  coauthors: z
    .strictObject({
      /** A post meta key holding the byline as comma-separated WordPress user ids. */
      metaKey: z.string().min(1).optional(),
      /** Read the Co-Authors Plus plugin's `author` terms and guest authors. */
      coAuthorsPlus: z.boolean().default(true),
    })
    .default({ coAuthorsPlus: true }),
  /** Post meta key → publication field. */
  meta: z.record(z.string().min(1), z.enum(META_FIELDS)).default({}),
  /** People the export does not describe (co-authors who wrote no post alone), by user id. */
  users: z
    .record(
      z.string().regex(/^\d+$/, 'must be a WordPress user id'),
      z.strictObject({ name: z.string().min(1).max(200), slug: slug.optional() }),
    )
    .default({}),
});

export type WordpressMap = z.infer<typeof wordpressMap>;

/** What a map leaves unsaid. */
export const DEFAULT_POST_TYPES: Record<string, PostTypeRule> = {
  post: { type: 'article', name: 'Article', pluralName: 'Articles' },
  page: 'page',
};

export const DEFAULT_TAXONOMIES: Record<string, TaxonomyRule> = {
  category: 'topic',
  post_tag: 'topic',
};

/** A map file read and checked, or a message naming the file and the field at fault. */
export async function loadWordpressMap(
  path: string | undefined,
): Promise<{ map: WordpressMap } | { error: string }> {
  if (path === undefined) return { map: wordpressMap.parse({}) };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { error: `${path}: cannot read the map file.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `${path}: is not valid JSON (${(error as Error).message}).` };
  }
  const parsed = wordpressMap.safeParse(json);
  if (parsed.success) return { map: parsed.data };
  const issue = parsed.error.issues[0];
  return { error: `${path}: field ${issue?.path.join('.') || '(top)'}: ${issue?.message}` };
}
