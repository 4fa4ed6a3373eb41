#!/usr/bin/env node
// The `dossier` command. Sources are TypeScript run through tsx's loader, so an
// install needs no build step: `npm install && npm start` is all a new user types.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Name our tsconfig explicitly: tsx otherwise looks in the working directory, and a
// `dossier` started elsewhere would compile JSX for the wrong runtime.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
