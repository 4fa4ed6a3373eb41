import type { Migration, MigrationProvider } from 'kysely';
import * as createContentModel from './2026-11-28-01-create-content-model.ts';
import * as addReportNumbers from './2026-11-29-01-add-report-numbers.ts';
import * as supportFeedsAndSitemaps from './2026-11-29-02-support-feeds-and-sitemaps.ts';
import * as trackImportOrigins from './2026-11-29-03-track-import-origins.ts';
import * as recordChanges from './2026-12-06-01-record-changes.ts';
import * as addNewsletters from './2026-12-06-02-add-newsletters.ts';
import * as addAccounts from './2026-12-06-05-add-accounts.ts';
import * as addRevisions from './2026-12-06-06-add-revisions.ts';
import * as addScheduledJobs from './2026-12-06-07-add-scheduled-jobs.ts';
import * as addPressPreviews from './2026-12-06-08-add-press-previews.ts';
import * as addMediaVariants from './2026-12-06-09-add-media-variants.ts';
import * as subscriberLinkKeys from './2026-12-06-12-subscriber-link-keys.ts';
import * as logMediaChanges from './2026-12-06-13-log-media-changes.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so the set is
 * fixed at build time and a stray file can never run. Add new files at the end.
 */
const migrations: Record<string, Migration> = {
  '2026-11-28-01-create-content-model': createContentModel,
  '2026-11-29-01-add-report-numbers': addReportNumbers,
  '2026-11-29-02-support-feeds-and-sitemaps': supportFeedsAndSitemaps,
  '2026-11-29-03-track-import-origins': trackImportOrigins,
  '2026-12-06-01-record-changes': recordChanges,
  '2026-12-06-02-add-newsletters': addNewsletters,
  '2026-12-06-05-add-accounts': addAccounts,
  '2026-12-06-06-add-revisions': addRevisions,
  '2026-12-06-07-add-scheduled-jobs': addScheduledJobs,
  '2026-12-06-08-add-press-previews': addPressPreviews,
  '2026-12-06-09-add-media-variants': addMediaVariants,
  '2026-12-06-12-subscriber-link-keys': subscriberLinkKeys,
  '2026-12-06-13-log-media-changes': logMediaChanges,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
