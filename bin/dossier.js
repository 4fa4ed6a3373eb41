#!/usr/bin/env node
// The `dossier` command. Sources are TypeScript, compiled on first use (see
// compiled-sources.js), so an install needs no build step: `npm install && npm start` is
// all a new user types. DOSSIER_TSX=1 runs the sources through tsx's loader instead (what
// `npm run dev` does, so that `node --watch` sees the source files).
import { fileURLToPath } from 'node:url';

async function cliModule() {
  if (process.env.DOSSIER_TSX !== '1') {
    const { compiledCli } = await import('./compiled-sources.js');
    return compiledCli();
  }
  const { register } = await import('tsx/esm/api');
  // Name our tsconfig explicitly: tsx otherwise looks in the working directory, and a
  // `dossier` started elsewhere would compile JSX for the wrong runtime.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  return '../src/cli/main.ts';
}

const { runCli } = await import(await cliModule());
process.exitCode = await runCli(process.argv.slice(2));
