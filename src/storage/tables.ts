import type { Generated } from 'kysely';

/*
 * Row types, exactly as stored. They never leave storage/: repositories map them to
 * the domain types. Times are ISO-8601 UTC text; booleans are 0/1 integers.
 */

type Stamps = { created_at: string; updated_at: string };

export interface NetworksTable extends Stamps {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string;
  lettermark_path: string | null;
  url: string | null;
}

export interface CentersTable extends Stamps {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string;
  is_headquarters: number;
  tagline: string;
  description: string;
  logo_path: string | null;
  accent_color: string;
  locale: string;
  time_zone: string;
  host: string | null;
  path_prefix: string | null;
  street_address: string;
  locality: string;
  postal_code: string;
  country: string;
  phone: string;
  email: string;
  disclaimer: string;
  position: number;
  feed_full_text: number;
}

export interface NavigationItemsTable {
  id: Generated<number>;
  center_id: number;
  menu: 'header' | 'footer';
  position: number;
  label: string;
  url: string;
}

export interface NewsletterListsTable extends Stamps {
  id: Generated<number>;
  slug: string;
  name: string;
  center_id: number;
  language: string;
  description: string;
  is_center_default: number;
  /** daily | weekly | monthly | alerts (one issue per flagship piece) */
  cadence: Generated<string>;
  sender_name: Generated<string>;
  sender_email: Generated<string>;
}

export interface PagesTable extends Stamps {
  id: Generated<number>;
  center_id: number;
  slug: string;
  title: string;
  summary: string;
  body_markdown: string;
  body_html: string;
}

export interface TermsTable extends Stamps {
  id: Generated<number>;
  taxonomy: string;
  slug: string;
  name: string;
  parent_id: number | null;
  description: string;
}

export interface PublicationTypesTable extends Stamps {
  id: Generated<number>;
  slug: string;
  name: string;
  plural_name: string;
  position: number;
}

export interface PartnersTable extends Stamps {
  id: Generated<number>;
  slug: string;
  name: string;
  url: string | null;
}

export interface MediaTable extends Stamps {
  id: Generated<number>;
  path: string;
  mime_type: string;
  width: number | null;
  height: number | null;
  alt: string;
  credit: string;
  /** JSON: [{ width, format, path }] resized copies of an uploaded image. */
  variants: Generated<string>;
}

export interface PeopleTable extends Stamps {
  id: Generated<number>;
  slug: string;
  name: string;
  sort_name: string;
  role: string;
  program_id: number | null;
  center_id: number | null;
  affiliation: string;
  bio: string;
  photo_media_id: number | null;
  orcid: string | null;
  email: string | null;
  languages: string;
  links: string;
  is_expert: number;
  is_external: number;
}

export interface PersonExpertiseTable {
  person_id: number;
  term_id: number;
  position: number;
}

export interface PublicationsTable extends Stamps {
  id: Generated<number>;
  slug: string;
  type_id: number;
  title: string;
  summary: string;
  body_markdown: string;
  body_html: string;
  lead_media_id: number | null;
  status: string;
  published_at: string | null;
  revised_at: string | null;
  embargo_until: string | null;
  visible_from: string | null;
  primary_center_id: number;
  partner_id: number | null;
  external_url: string | null;
  canonical_url: string | null;
  language: string;
  translation_of_id: number | null;
  doi: string | null;
  licence: string | null;
  pdf_path: string | null;
  series: string | null;
  report_number: string | null;
}

export interface PublicationAuthorsTable {
  publication_id: number;
  person_id: number;
  position: number;
  published_at: string | null;
  visible_from: string | null;
}

export interface PublicationCentersTable {
  publication_id: number;
  center_id: number;
  is_primary: number;
  published_at: string | null;
  visible_from: string | null;
}

export interface PublicationTermsTable {
  publication_id: number;
  term_id: number;
  position: number;
  published_at: string | null;
  visible_from: string | null;
}

export interface PublicationNewslettersTable {
  publication_id: number;
  list_id: number;
}

export interface FeaturedPublicationsTable {
  center_id: number;
  publication_id: number;
  position: number;
}

export interface SlugRedirectsTable {
  kind: string;
  old_slug: string;
  target_id: number;
  created_at: string;
}

/** An item's id in the system it was imported from → the row it became. */
export interface ExternalIdsTable extends Stamps {
  kind: string;
  external_id: string;
  target_id: number;
  /** Fingerprint of the record last written for it: an equal one is not written again. */
  digest: string;
}

/** A path (with its query, if any) of the old site → the item now at a new URL. */
export interface OldUrlsTable {
  path: string;
  kind: string;
  target_id: number;
  created_at: string;
}

/** What a change-log row names: the item kinds the search index is built from. */
export type ChangeEntity =
  | 'publication'
  | 'person'
  | 'term'
  | 'center'
  | 'partner'
  | 'publication_type'
  /** An uploaded file's row: a person's photo (its description, credit, size). */
  | 'media'
  /** `dossier reindex` asks every running server to rebuild its search index. */
  | 'search_index'
  /** Rows up to seq `entity_id` were pruned: a reader that had not got there must rebuild. */
  | 'pruned';

/**
 * One insert, update or delete of an item, written by database triggers (migration
 * 2026-12-06-01). A publication's links count as changes of it.
 */
export interface ChangeLogTable {
  seq: Generated<number>;
  entity: ChangeEntity;
  entity_id: number;
  changed_at: Generated<string>;
}

export interface NewsletterConsentTextsTable {
  version: string;
  wording: string;
  created_at: string;
}

export interface NewsletterSubscribersTable extends Stamps {
  id: Generated<number>;
  email: string;
  /** SHA-256 (hex) of the normalised address: outlives an erasure. */
  email_hash: string;
  status: 'active' | 'bounced';
  /** Random, public, unique: names the subscriber in the links of their messages. */
  link_key: string;
  link_secret: string;
}

export interface NewsletterSubscriptionsTable extends Stamps {
  subscriber_id: number;
  list_id: number;
  status: 'pending' | 'active' | 'unsubscribed';
}

export interface NewsletterConsentLedgerTable {
  id: Generated<number>;
  subscriber_id: number | null;
  email_hash: string;
  list_id: number | null;
  event: 'signup' | 'confirm' | 'subscribe' | 'unsubscribe' | 'import' | 'bounce' | 'erase';
  channel: string;
  at: string;
  ip: string | null;
  user_agent: string | null;
  form: string | null;
  page: string | null;
  consent_version: string | null;
  detail: string | null;
}

export interface NewsletterTokensTable {
  token_hash: string;
  purpose: string;
  subscriber_id: number;
  list_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface NewsletterSuppressionsTable {
  email_hash: string;
  reason: string;
  detail: Generated<string>;
  created_at: string;
}

export interface NewsletterIssuesTable extends Stamps {
  id: Generated<number>;
  list_id: number;
  status: Generated<'draft' | 'scheduled' | 'sending' | 'sent'>;
  subject: string;
  intro_markdown: Generated<string>;
  covers_from: string | null;
  covers_until: string;
  scheduled_for: string | null;
  queued_at: string | null;
  finished_at: string | null;
}

export interface NewsletterIssueItemsTable {
  issue_id: number;
  publication_id: number;
  position: number;
}

export interface NewsletterOutboxTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  status: Generated<'queued' | 'sending' | 'sent' | 'failed' | 'suppressed'>;
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_until: string | null;
  message_id: string;
  sent_at: string | null;
  last_error: string | null;
}

export type UserRole = 'administrator' | 'editor' | 'author';

export interface UsersTable extends Stamps {
  id: Generated<number>;
  email: string;
  name: string;
  role: UserRole;
  person_id: number | null;
  password_hash: string;
  password_changed_at: string;
  disabled: Generated<number>;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_email: Generated<string>;
  action: string;
  entity: Generated<string>;
  entity_id: Generated<string>;
  detail: Generated<string>;
  ip: Generated<string>;
}

export interface PublicationRevisionsTable {
  id: Generated<number>;
  publication_id: number;
  created_at: string;
  user_id: number | null;
  user_email: Generated<string>;
  kind: 'save' | 'publish' | 'restore';
  /** The import format's publication record, as JSON. */
  record: string;
  pending: Generated<number>;
}

export interface ScheduledJobsTable {
  id: Generated<number>;
  /** A timed transition (admin/scheduler): plain text in the schema, no CHECK. */
  kind: 'publish' | 'unpublish' | 'publish-revision';
  publication_id: number;
  run_at: string;
  status: Generated<'queued' | 'running' | 'done' | 'cancelled' | 'failed'>;
  claimed_by: string | null;
  claimed_until: string | null;
  attempts: Generated<number>;
  done_at: string | null;
  last_error: string | null;
  created_by: Generated<string>;
  created_at: string;
}

export interface PressPreviewsTable {
  id: Generated<number>;
  token_hash: string;
  publication_id: number;
  note: Generated<string>;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface PressPreviewUsesTable {
  id: Generated<number>;
  preview_id: number;
  at: string;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface Tables {
  networks: NetworksTable;
  centers: CentersTable;
  navigation_items: NavigationItemsTable;
  newsletter_lists: NewsletterListsTable;
  pages: PagesTable;
  terms: TermsTable;
  publication_types: PublicationTypesTable;
  partners: PartnersTable;
  media: MediaTable;
  people: PeopleTable;
  person_expertise: PersonExpertiseTable;
  publications: PublicationsTable;
  publication_authors: PublicationAuthorsTable;
  publication_centers: PublicationCentersTable;
  publication_terms: PublicationTermsTable;
  publication_newsletters: PublicationNewslettersTable;
  featured_publications: FeaturedPublicationsTable;
  slug_redirects: SlugRedirectsTable;
  external_ids: ExternalIdsTable;
  old_urls: OldUrlsTable;
  change_log: ChangeLogTable;
  newsletter_consent_texts: NewsletterConsentTextsTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_subscriptions: NewsletterSubscriptionsTable;
  newsletter_consent_ledger: NewsletterConsentLedgerTable;
  newsletter_tokens: NewsletterTokensTable;
  newsletter_suppressions: NewsletterSuppressionsTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_issue_items: NewsletterIssueItemsTable;
  newsletter_outbox: NewsletterOutboxTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
  publication_revisions: PublicationRevisionsTable;
  scheduled_jobs: ScheduledJobsTable;
  press_previews: PressPreviewsTable;
  press_preview_uses: PressPreviewUsesTable;
}
