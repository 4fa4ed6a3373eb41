import { createReadStream, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import {
  createImportService,
  type ImportReport,
  SkippedRecord,
  type SourceRecord,
} from '../import-service.ts';
import { htmlToText } from './html-to-markdown.ts';
import { type ItemContext, itemToRecord } from './item-records.ts';
import type { WordpressMap } from './map-file.ts';
import { contentLinks } from './old-urls.ts';
import { planPeople } from './people-plan.ts';
import { planPosts } from './post-plan.ts';
import { ScratchDatabase, type ScratchMap } from './scratch-tables.ts';
import { planSetup } from './setup-records.ts';
import { planTerms } from './term-plan.ts';
import { buildIndex, type WxrIndex } from './wxr-index.ts';
import { readWxr, WxrFileError, type WxrItem } from './wxr-reader.ts';

/*
 * `dossier import wordpress`: two streaming passes over a WXR export. The first indexes
 * what items refer to (wxr-index.ts); the second turns each item into an import record
 * and hands it to the ordinary importer, which validates and writes it atomically (its
 * own savepoint in a batch). A re-run updates by WordPress id and skips what has not changed.
 */

export interface WordpressImportOptions {
  file: string;
  map: WordpressMap;
  /** Where the export's wp-content/uploads files are; `uploads/` beside the file by default. */
  uploadsDir?: string | undefined;
  dryRun?: boolean;
  onProgress?: (progress: { items: number; perSecond: number; rejected: number }) => void;
}

/** Something worth a look that did not stop an item (a dropped script, a stand-in name). */
export interface ImportNote {
  line: number;
  item: string;
  message: string;
}

export interface WordpressImportResult {
  file: string;
  report: ImportReport;
  notes: ImportNote[];
  items: number;
  seconds: number;
}

export async function importWordpress(
  deps: { db: Kysely<Tables>; uploadsDir: string; clock: Clock },
  options: WordpressImportOptions,
): Promise<WordpressImportResult | { error: string }> {
  const started = Date.now();
  const info = await stat(options.file).catch(() => undefined);
  if (!info?.isFile()) return { error: `${options.file}: no such file.` };
  const uploadsDir = options.uploadsDir ?? defaultUploads(options.file);
  if (options.uploadsDir !== undefined && !isDirectory(options.uploadsDir))
    return { error: `${options.uploadsDir}: the --uploads folder does not exist.` };

  const scratch = new ScratchDatabase();
  try {
    return await importWith(scratch, deps, { ...options, uploadsDir }, started);
  } finally {
    scratch.close();
  }
}

async function importWith(
  scratch: ScratchDatabase,
  deps: { db: Kysely<Tables>; uploadsDir: string; clock: Clock },
  options: WordpressImportOptions,
  started: number,
): Promise<WordpressImportResult | { error: string }> {
  const { map, uploadsDir } = options;
  const fileName = basename(options.file);
  const read = () => readWxr(createReadStream(options.file, { encoding: 'utf8' }), fileName);
  let index: WxrIndex;
  try {
    const coauthors = map.coauthors;
    const indexOptions = {
      coauthorMetaKey: coauthors.metaKey,
      coAuthorsPlus: coauthors.coAuthorsPlus,
    };
    index = await buildIndex(read(), indexOptions, scratch);
  } catch (error) {
    if (error instanceof WxrFileError) return { error: error.message };
    throw error;
  }
  const source = `wordpress/${map.source ?? siteName(index)}`;
  const posts = planPosts(index, map, scratch);
  const terms = planTerms(index, map);
  const people = planPeople(index, map, (type) => {
    const rule = posts.rules[type];
    return typeof rule === 'object';
  });
  const setup = await planSetup(deps.db, index, { map, posts, terms, people, source });
  if ('error' in setup) return setup;

  const notes: ImportNote[] = [...terms.notes, ...people.notes].map((message) => ({
    line: 0,
    item: 'site',
    message,
  }));
  const hasFile = fileChecker(uploadsDir, scratch.map());
  const context: ItemContext = {
    index,
    map,
    posts,
    terms,
    people,
    links: contentLinks(index, posts, hasFile),
    source,
    center: setup.center,
    timeZone: setup.timeZone,
    language: languageOf(index),
    hasFile,
  };
  const setupRecords = setup.records;
  let items = 0;
  let comments = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    yield* setupRecords;
    for await (const event of read()) {
      if (event.kind === 'broken') {
        const item = event.item ? labelOf(event.item) : 'the file';
        yield { line: event.line, label: item, value: brokenXml(event.message) };
        return;
      }
      if (event.kind !== 'item') continue;
      items++;
      comments += event.item.comments;
      const result = itemToRecord(event.item, context);
      if ('ignore' in result) continue;
      const label = labelOf(event.item);
      if ('skip' in result) {
        const value = new SkippedRecord(result.skip.field, result.skip.message);
        yield { line: event.item.line, label, value };
        continue;
      }
      for (const message of result.notes)
        notes.push({ line: event.item.line, item: label, message });
      yield { line: event.item.line, label, value: result.record };
    }
  }

  const service = createImportService({
    db: deps.db,
    uploadsDir: deps.uploadsDir,
    clock: deps.clock,
  });
  const report = await service.importRecords(
    records(),
    { file: fileName, baseDir: uploadsDir ?? dirname(options.file) },
    {
      dryRun: options.dryRun ?? false,
      countCreated: true,
      onProgress: ({ rejected }) => {
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        options.onProgress?.({ items, perSecond: Math.round(items / seconds), rejected });
      },
    },
  );
  if (comments > 0) {
    notes.push({
      line: 0,
      item: 'site',
      message: `${comments} comment(s) were not imported: Dossier has no comments`,
    });
  }
  return { file: fileName, report, notes, items, seconds: (Date.now() - started) / 1000 };
}

/** How an item is named in the report: `post 42 “Its title”`. */
function labelOf(item: Partial<WxrItem>): string {
  const title = htmlToText(item.title ?? '');
  const short = title.length > 60 ? `${title.slice(0, 59)}…` : title;
  return [item.postType || 'item', item.id, short ? `“${short}”` : ''].filter(Boolean).join(' ');
}

function brokenXml(message: string): SkippedRecord {
  return new SkippedRecord(
    '',
    `the XML breaks off here (${message}); this item and anything after it were not read. Is the file truncated?`,
  );
}

/** The export's own site name (`example.org`), used to tell its ids from another site's. */
function siteName(index: WxrIndex): string {
  const url = index.channel?.baseSiteUrl || index.channel?.link || '';
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'site';
  }
}

function languageOf(index: WxrIndex): string {
  const language = index.channel?.language ?? '';
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) ? language : 'en';
}

function defaultUploads(file: string): string | undefined {
  const beside = join(dirname(file), 'uploads');
  return isDirectory(beside) ? beside : undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a file of the export is in the uploads folder; asked once per file. */
function fileChecker(
  uploadsDir: string | undefined,
  known: ScratchMap<string, boolean>,
): (file: string) => boolean {
  return (file) => {
    if (uploadsDir === undefined || file.split('/').includes('..')) return false;
    let found = known.get(file);
    if (found === undefined) {
      try {
        found = statSync(join(uploadsDir, file)).isFile();
      } catch {
        found = false;
      }
      known.set(file, found);
    }
    return found;
  };
}
