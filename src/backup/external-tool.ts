import { spawn } from 'node:child_process';
import { DossierError } from '../errors.ts';

/** Where a program is looked for and what it is told: the command's environment. */
export type ToolEnv = Record<string, string | undefined>;

/**
 * Runs a program to completion. A program that is not installed, or that exits with an
 * error, becomes a TOOL_FAILED error naming it and quoting what it said, never a stack.
 */
export async function runTool(
  program: string,
  args: string[],
  env: ToolEnv,
  installHint: string,
): Promise<void> {
  const result = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // The first few kilobytes say what went wrong; the rest would only bury it.
      if (text.length < 4000) text += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, text }));
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new DossierError(503, {
        code: 'TOOL_FAILED',
        message: `${program} is not installed (or not on PATH), and this command needs it.`,
        hint: installHint,
        cause: error,
      });
    }
    throw error;
  });
  if (result.code !== 0) {
    throw new DossierError(503, {
      code: 'TOOL_FAILED',
      message: `${program} failed (exit code ${result.code}): ${result.text.trim() || 'it gave no reason'}`,
      hint: installHint,
    });
  }
}
