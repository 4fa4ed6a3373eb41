import { parentPort, workerData } from 'node:worker_threads';
import type { DatabaseConfig } from '../config/schema.ts';
import { createDatabase } from '../storage/database.ts';
import { readAllDocuments, readCatalog } from './index-source.ts';
import { SearchCatalog } from './search-catalog.ts';
import { type EngineParts, SearchEngine } from './search-engine.ts';

/*
 * One build thread (see threaded-build.ts): opens its own connection, indexes one run of
 * publication ids, and hands back the sealed arrays. Everything the build leaves behind
 * (bodies read, the arena, the spelling memo) dies with the thread, so the server keeps
 * only the finished index.
 */

export interface BuildTask {
  database: DatabaseConfig;
  after: number;
  until: number;
  /** The moment of the build: pieces public later are held back, by id and time. */
  now: number;
}

export type BuildMessage =
  | { kind: 'progress'; done: number }
  | { kind: 'done'; parts: EngineParts; pending: [number, number][] };

async function main(): Promise<void> {
  const task = workerData as BuildTask;
  const port = parentPort;
  if (!port) throw new Error('build-worker.ts runs as a worker thread');
  const database = createDatabase(task.database);
  try {
    const engine = new SearchEngine(new SearchCatalog(await readCatalog(database.db)));
    const pending: [number, number][] = [];
    for await (const batch of readAllDocuments(database.db, task)) {
      for (const doc of batch) {
        const at = Date.parse(doc.visibleFrom);
        if (at <= task.now) engine.add(doc);
        else pending.push([doc.id, at]);
      }
      port.postMessage({ kind: 'progress', done: batch.length } satisfies BuildMessage);
    }
    engine.seal();
    const parts = engine.exportParts();
    const { words, facets } = parts;
    port.postMessage({ kind: 'done', parts, pending } satisfies BuildMessage, [
      words.postings.buffer,
      words.positions.buffer,
      words.postingStart.buffer,
      words.positionStart.buffer,
      words.df.buffer,
      words.docLength.buffer,
      words.lastDoc.buffer,
      words.surfaceTerms.buffer,
      facets.valueBit.buffer,
      facets.start.buffer,
      facets.values.buffer,
      parts.publication.buffer,
      parts.publishedMs.buffer,
      parts.visibleMs.buffer,
    ] as ArrayBuffer[]);
  } finally {
    await database.destroy();
  }
}

main().catch((error) => {
  // The parent hears of it through the worker's 'error' event.
  throw error;
});
