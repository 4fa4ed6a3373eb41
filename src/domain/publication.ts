/** Publication statuses, in workflow order (DESIGN §2). */
export const PUBLICATION_STATUSES = [
  'draft',
  'review',
  'scheduled',
  'published',
  'archived',
] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** Taxonomies a publication can be filed under; `type` lives in its own closed list. */
export const TAXONOMIES = ['program', 'project', 'region', 'topic', 'collection'] as const;
export type Taxonomy = (typeof TAXONOMIES)[number];

export interface PublicationType {
  id: number;
  slug: string;
  name: string;
  pluralName: string;
}

export interface TermRef {
  id: number;
  taxonomy: Taxonomy;
  slug: string;
  name: string;
}

export interface CenterRef {
  id: number;
  slug: string;
  name: string;
  shortName: string;
}

export interface AuthorRef {
  id: number;
  slug: string;
  name: string;
  /** "Family, Given" where known; structured outputs (Crossref, citations) split names on it. */
  sortName: string;
  role: string;
  /** The bare iD (0000-0002-1825-0097), checksum-verified on import. */
  orcid: string | null;
  /** A staff author's center; null for external authors and network-wide staff. */
  centerId: number | null;
  /** For external authors: the organisation they write from ('' when unknown). */
  affiliation: string;
  isExternal: boolean;
}

export interface MediaRef {
  path: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  alt: string;
  credit: string;
  /** Resized copies of an uploaded image, for srcset (none for imported media). */
  variants?: { width: number; format: 'avif' | 'webp' | 'jpeg'; path: string }[];
}

export interface PartnerRef {
  id: number;
  slug: string;
  name: string;
  url: string | null;
}

/** What a card in a list shows: enough for type, title, dek and authors. */
export interface PublicationSummary {
  id: number;
  slug: string;
  type: PublicationType;
  title: string;
  summary: string;
  publishedAt: string | null;
  authors: AuthorRef[];
}

/** A whole publication with everything its page renders. */
export interface Publication extends PublicationSummary {
  bodyHtml: string;
  status: PublicationStatus;
  revisedAt: string | null;
  embargoUntil: string | null;
  leadImage: MediaRef | null;
  primaryCenter: CenterRef;
  /** Every center the piece belongs to, the primary one first. */
  centers: CenterRef[];
  terms: Record<Taxonomy, TermRef[]>;
  partner: PartnerRef | null;
  externalUrl: string | null;
  canonicalUrl: string | null;
  language: string;
  doi: string | null;
  licence: string | null;
  /** The issuing series and number of a report, e.g. "Working Paper" and "WP 24-3". */
  series: string | null;
  reportNumber: string | null;
  pdfPath: string | null;
  newsletterSlugs: string[];
  createdAt: string;
  updatedAt: string;
}
