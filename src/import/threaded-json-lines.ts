import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceRecord } from './import-service.ts';
import type { ReaderMessage } from './json-lines-worker.ts';

/*
 * A large JSON-lines file is read in a second thread. On one thread, parsing, validating
 * and rendering the Markdown bodies took 40% of an import (100,000 publications on
 * SQLite: about 75 s; with the reading in a worker, about 45 s): the worker does that for
 * the next records while the main thread writes the ones before, which only it can do
 * (one SQLite connection, and the order of the file).
 */

/**
 * Reads and checks a JSON-lines file in a worker thread; yields its lines in order, each
 * with its check (a valid record with its body rendered, or why it is refused).
 */
export async function* readJsonLinesInWorker(path: string): AsyncGenerator<SourceRecord> {
  const worker = new Worker(await bundleWorker(), { eval: true, workerData: { path } });
  const inbox: ReaderMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (message: ReaderMessage) => {
    inbox.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the import's reader thread stopped (exit code ${code})`);
    wake?.();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && failure === undefined)
        await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift();
      if (message === undefined) throw failure;
      // Taken: the reader may prepare one more chunk while these are written.
      if (!message.done) worker.postMessage('taken');
      yield* message.lines;
      if (message.done) return;
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * The worker's code as one script, bundled by esbuild from json-lines-worker.ts and
 * everything it imports, packages included: a worker thread cannot load TypeScript,
 * whether Dossier runs from its compiled sources, through tsx or under Vitest. Kept in
 * memory, so that nothing is left behind on disk when the import is killed. About a tenth
 * of a second, once per file imported.
 */
async function bundleWorker(): Promise<string> {
  const { build, stop } = await import('esbuild');
  try {
    const { outputFiles } = await build({
      entryPoints: [fileURLToPath(new URL('./json-lines-worker.ts', import.meta.url))],
      write: false,
      bundle: true,
      // A script, as `new Worker(code, { eval: true })` runs it.
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    const [script] = outputFiles;
    if (script === undefined) throw new Error('esbuild wrote no script for the reader thread');
    return script.text;
  } finally {
    // esbuild's service process (about 40 MB) would otherwise live as long as the import.
    await stop();
  }
}
