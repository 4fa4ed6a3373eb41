import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { claimEmptyFolder } from '../lib/empty-folder.ts';
import type { Tables } from '../storage/tables.ts';
import { writeAuditLog, writeUsers } from './account-records.ts';
import {
  createExportSink,
  EXPORT_FILE_NAME,
  type ExportProblem,
  type ExportSink,
} from './export-sink.ts';
import { writeFeatured } from './featured-records.ts';
import { writeNewsletterIssues } from './issue-records.ts';
import { writeMedia } from './media-records.ts';
import { writePeople } from './person-records.ts';
import { writePublications } from './publication-records.ts';
import {
  writeConsentLedger,
  writeConsentTexts,
  writeSubscribers,
  writeSuppressions,
} from './reader-records.ts';
import { writeRevisions, writeScheduledJobs } from './revision-records.ts';
import {
  writeCenters,
  writeNetworks,
  writeNewsletterLists,
  writePages,
  writePartners,
  writeTypes,
} from './site-records.ts';
import { writeTerms } from './term-records.ts';

/**
 * The sections of an export in dependency order: each names only what an earlier one
 * wrote, so `dossier import` can read the file top to bottom.
 */
const SECTIONS: ((
  db: Kysely<Tables>,
  sink: ExportSink,
  options: SectionOptions,
) => Promise<void>)[] = [
  writeNetworks,
  writeCenters,
  writeNewsletterLists,
  writePages,
  writeTypes,
  writeTerms,
  writePartners,
  writeMedia,
  writePeople,
  writeUsers,
  writePublications,
  writeFeatured,
  writeRevisions,
  writeScheduledJobs,
  writeConsentTexts,
  writeSubscribers,
  writeConsentLedger,
  writeSuppressions,
  writeNewsletterIssues,
  writeAuditLog,
];

/** What the caller chose to include beyond the site itself. */
export interface SectionOptions {
  /**
   * Editors' password hashes (scrypt), so they keep their passwords in the copy. Off by
   * default: anyone holding the file could try to guess passwords from them offline.
   */
  withPasswordHashes: boolean;
}

export interface ExportResult {
  /** The JSON-lines file written. */
  file: string;
  counts: ExportSink['counts'];
  /** Files copied from uploads. */
  files: number;
  /** What could not be carried over exactly; empty for a faithful export. */
  problems: ExportProblem[];
}

/**
 * Writes everything the database holds into `outDir` (which must be new or empty):
 * `dossier.jsonl` in the import format, and every file it names at the same relative
 * path, so `dossier import OUT/dossier.jsonl` into an empty database rebuilds the site.
 * Reads inside one read-only transaction, so a site that keeps changing still exports as
 * one consistent moment. On failure the folder is left as it was found.
 */
export async function exportSite(
  deps: { db: Kysely<Tables>; uploadsDir: string },
  options: {
    outDir: string;
    onProgress?: (records: number) => void;
    withPasswordHashes?: boolean;
  },
): Promise<ExportResult> {
  const sectionOptions: SectionOptions = {
    withPasswordHashes: options.withPasswordHashes ?? false,
  };
  const cleanUp = await claimEmptyFolder(options.outDir, 'an export');
  let sink: ExportSink | undefined;
  try {
    const opened = createExportSink({
      outDir: options.outDir,
      uploadsDir: deps.uploadsDir,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    sink = opened;
    await deps.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        for (const section of SECTIONS) await section(trx, opened, sectionOptions);
      });
    await opened.close();
    return {
      file: join(options.outDir, EXPORT_FILE_NAME),
      counts: opened.counts,
      files: opened.files,
      problems: opened.problems,
    };
  } catch (error) {
    sink?.abort();
    await cleanUp();
    throw error;
  }
}
