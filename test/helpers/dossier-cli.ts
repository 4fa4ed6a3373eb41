import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The installed command, as a user runs it. */
export const DOSSIER_BIN = fileURLToPath(new URL('../../bin/dossier.js', import.meta.url));

export interface DossierRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dossier` in `cwd` with a clean environment of our choosing (PATH plus `env`). */
export function runDossier(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  stdin?: string,
): Promise<DossierRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DOSSIER_BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
