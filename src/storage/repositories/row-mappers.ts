import type {
  AuthorRef,
  MediaRef,
  PublicationSummary,
  Taxonomy,
  TermRef,
} from '../../domain/publication.ts';

/* Small row → domain conversions shared by the repositories. */

export function toAuthorRef(row: {
  id: number;
  slug: string;
  name: string;
  sort_name: string;
  role: string;
  orcid: string | null;
  center_id: number | null;
  affiliation: string;
  is_external: number;
}): AuthorRef {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    sortName: row.sort_name,
    role: row.role,
    orcid: row.orcid,
    centerId: row.center_id,
    affiliation: row.affiliation,
    isExternal: row.is_external === 1,
  };
}

export function toTermRef(row: {
  id: number;
  taxonomy: string;
  slug: string;
  name: string;
}): TermRef {
  return { id: row.id, taxonomy: row.taxonomy as Taxonomy, slug: row.slug, name: row.name };
}

export function toMediaRef(row: {
  media_path: string | null;
  media_mime_type: string | null;
  media_width: number | null;
  media_height: number | null;
  media_alt: string | null;
  media_credit: string | null;
  media_variants?: string | null;
}): MediaRef | null {
  if (row.media_path === null) return null;
  const variants = parseVariants(row.media_variants);
  return {
    path: row.media_path,
    mimeType: row.media_mime_type ?? 'application/octet-stream',
    width: row.media_width,
    height: row.media_height,
    alt: row.media_alt ?? '',
    credit: row.media_credit ?? '',
    ...(variants.length > 0 ? { variants } : {}),
  };
}

function parseVariants(text: string | null | undefined): NonNullable<MediaRef['variants']> {
  if (!text || text === '[]') return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as NonNullable<MediaRef['variants']>) : [];
  } catch {
    return [];
  }
}

export interface SummaryRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  published_at: string | null;
  type_id: number;
  type_slug: string;
  type_name: string;
  type_plural_name: string;
}

export function toSummary(row: SummaryRow, authors: AuthorRef[]): PublicationSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    publishedAt: row.published_at,
    type: {
      id: row.type_id,
      slug: row.type_slug,
      name: row.type_name,
      pluralName: row.type_plural_name,
    },
    authors,
  };
}

/** Groups rows by a key, keeping the order they came in. */
export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
