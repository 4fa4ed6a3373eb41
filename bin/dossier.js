#!/usr/bin/env node
// The `dossier` command. Sources are TypeScript run through tsx's loader, so an
// install needs no build step: `npm install && npm start` is all a new user types.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
