import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite 8 transforms TS/TSX with oxc; say the JSX runtime here too, so tests never depend
  // on how (or whether) it reads tsconfig's `jsx`/`jsxImportSource`.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    // Opening browsers, starting the Nu checker's JVM and creating databases happen in hooks.
    hookTimeout: 120_000,
    // Forks, not threads: better-sqlite3 and pg hold native handles; a crash stays in its fork.
    pool: 'forks',
    // The machines have 2 cores; each worker may also drive Chromium, Java or PostgreSQL.
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
