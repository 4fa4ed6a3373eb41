import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../config/schema.ts';
import type { BuildMessage, BuildTask } from './build-worker.ts';
import type { SearchCatalog } from './search-catalog.ts';
import { type EngineParts, SearchEngine } from './search-engine.ts';

/*
 * A large index is built by several threads at once, each over its own run of
 * publication ids, and joined (SearchEngine.fromParts). On 100,000 long publications the
 * analysis of ~140 million words is most of a build; two cores halve it. The threads'
 * leftovers (bodies read, arenas, memos) go away with them, so the server's memory holds
 * only the finished index.
 */

/** Below this many publications one thread is as quick (starting threads costs ~0.3 s). */
export const THREADED_BUILD_MIN_DOCUMENTS = 5_000;

export function buildThreadCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export async function buildInThreads(options: {
  database: DatabaseConfig;
  catalog: SearchCatalog;
  ids: number[];
  threads: number;
  now: number;
  positionsDir: string;
  onProgress?: (done: number) => void;
}): Promise<{ engine: SearchEngine; pending: Map<number, number> }> {
  const script = await workerScript();
  const { ids, threads } = options;
  const runs: BuildTask[] = [];
  for (let t = 0; t < threads; t++) {
    const from = Math.floor((ids.length * t) / threads);
    const to = Math.floor((ids.length * (t + 1)) / threads);
    if (to <= from) continue;
    runs.push({
      database: options.database,
      after: from === 0 ? 0 : (ids[from - 1] as number),
      until: ids[to - 1] as number,
      now: options.now,
    });
  }
  let done = 0;
  const results = await Promise.all(
    runs.map(
      (task) =>
        new Promise<{ parts: EngineParts; pending: [number, number][] }>((resolve, reject) => {
          const worker = new Worker(script, { workerData: task });
          let result: { parts: EngineParts; pending: [number, number][] } | undefined;
          worker.on('message', (message: BuildMessage) => {
            if (message.kind === 'progress') {
              done += message.done;
              options.onProgress?.(done);
            } else result = message;
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            // Nothing of the thread's may keep its arrays alive once they are joined.
            worker.removeAllListeners();
            if (result) resolve(result);
            else reject(new Error(`a search build thread stopped (exit code ${code})`));
            result = undefined;
          });
        }),
    ),
  );
  const engine = SearchEngine.fromParts(
    options.catalog,
    results.map((result) => result.parts),
    { positionsDir: options.positionsDir },
  );
  const pending = new Map(results.flatMap((result) => result.pending));
  // The parts were copied into the joined index: let them go before anyone measures.
  results.length = 0;
  return { engine, pending };
}

let bundled: Promise<string> | undefined;

/**
 * The thread's code as one script, bundled by esbuild from build-worker.ts: a worker
 * cannot load TypeScript, whether Dossier runs from its compiled sources, through tsx or
 * under Vitest. Native and driver packages stay outside, so the file goes where Node
 * finds them: node_modules/.cache, named by its content (written once per version).
 */
function workerScript(): Promise<string> {
  bundled ??= (async () => {
    const { build, stop } = await import('esbuild');
    try {
      const { outputFiles } = await build({
        entryPoints: [fileURLToPath(new URL('./build-worker.ts', import.meta.url))],
        write: false,
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        external: ['better-sqlite3', 'pg', 'pg-native'],
        logLevel: 'silent',
      });
      const [output] = outputFiles;
      if (output === undefined) throw new Error('esbuild wrote no script for the build thread');
      const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 16);
      const file = fileURLToPath(
        new URL(
          `../../node_modules/.cache/dossier-search/build-worker-${hash}.cjs`,
          import.meta.url,
        ),
      );
      if (!existsWithSameContent(file, output.contents)) {
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, output.contents);
        // A rename is atomic: a second process never loads half a file.
        renameSync(temporary, file);
      }
      return file;
    } finally {
      // esbuild's service process (about 40 MB) would otherwise live with the server.
      await stop();
    }
  })();
  bundled.catch(() => {
    bundled = undefined;
  });
  return bundled;
}

function existsWithSameContent(file: string, contents: Uint8Array): boolean {
  try {
    return Buffer.compare(readFileSync(file), contents) === 0;
  } catch {
    return false;
  }
}
