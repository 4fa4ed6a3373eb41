// The TypeScript sources compiled into plain JavaScript modules with esbuild, once per
// version of the sources, kept under node_modules/.cache/dossier-cli/<fingerprint>/.
//
// Why not run them through tsx's loader, as the tests do: a Node 20 loader hook runs in
// a thread of its own with its own heap, and keeps every transpiled file; a server
// started that way holds about 55 MB more memory for nothing. Compiling takes about half
// a second, on the first start after an install or an edit; every later start reuses it.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = join(ROOT, 'src');
const ENTRY = join(SOURCES, 'cli', 'main.ts');
const CACHE = join(ROOT, 'node_modules', '.cache', 'dossier-cli');
/** Builds kept besides the newest: a server still running an older one loads chunks lazily. */
const KEEP_BUILDS = 3;

/** The file URL of the compiled `src/cli/main.ts`, compiling first when the sources changed. */
export async function compiledCli() {
  const outDir = join(CACHE, fingerprint());
  const entry = join(outDir, 'main.js');
  if (!existsSync(entry)) await compile(outDir);
  return pathToFileURL(entry).href;
}

/** Every source file's path, size and modification time, with the build settings. */
function fingerprint() {
  const hash = createHash('sha256');
  for (const file of sourceFiles(SOURCES)) {
    const info = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${info.size}\0${info.mtimeMs}\n`);
  }
  for (const file of ['tsconfig.json', 'package.json', 'bin/compiled-sources.js'])
    hash.update(readFileSync(join(ROOT, file)));
  return hash.digest('hex').slice(0, 20);
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else yield path;
  }
}

async function compile(outDir) {
  const { build } = await import('esbuild');
  // Into a folder of our own first, then renamed into place: several processes starting at
  // once (a test run) each build, and the first rename wins; none sees a half-written one.
  const partial = `${outDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(dirname(outDir), { recursive: true });
  try {
    await build({
      entryPoints: { main: ENTRY },
      outdir: partial,
      bundle: true,
      // Lazy `import()`s (the commands, citation writers) stay lazy, as separate chunks.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      tsconfig: join(ROOT, 'tsconfig.json'),
      sourcemap: 'linked',
      logLevel: 'silent',
      plugins: [keepModuleUrls],
    });
    try {
      renameSync(partial, outDir);
    } catch (error) {
      if (!existsSync(join(outDir, 'main.js'))) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  pruneOldBuilds(outDir);
}

/**
 * `import.meta.url` keeps naming the source file, not the bundle: code finds the demo
 * and the web assets beside itself that way.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
      if (!args.path.startsWith(SOURCES)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          JSON.stringify(pathToFileURL(args.path).href),
        ),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

function pruneOldBuilds(current) {
  const builds = readdirSync(CACHE, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && join(CACHE, entry.name) !== current)
    .filter((entry) => !entry.name.includes('.partial-'))
    .map((entry) => ({
      path: join(CACHE, entry.name),
      at: statSync(join(CACHE, entry.name)).mtimeMs,
    }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP_BUILDS)) rmSync(old.path, { recursive: true, force: true });
}
