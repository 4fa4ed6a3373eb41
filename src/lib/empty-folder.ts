import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError } from '../errors.ts';

/**
 * Makes `path` an empty folder to write into, refusing one that already holds anything:
 * an export or a backup never mixes with, or overwrites, what is there. Returns a clean-up
 * that removes what was written, for a run that fails half way (the folder itself too when
 * this call created it), so the same command can simply be run again.
 */
export async function claimEmptyFolder(path: string, what: string): Promise<() => Promise<void>> {
  const info = await stat(path).catch(() => undefined);
  if (info !== undefined && !info.isDirectory()) {
    throw new ConflictError({
      code: 'TARGET_NOT_EMPTY',
      message: `${path} exists and is not a folder: ${what} needs a new or empty folder.`,
      hint: 'Name a folder that does not exist yet.',
    });
  }
  if (info !== undefined && (await readdir(path)).length > 0) {
    throw new ConflictError({
      code: 'TARGET_NOT_EMPTY',
      message: `${path} is not empty: ${what} writes only into a new or empty folder, so nothing there is overwritten.`,
      hint: 'Name a folder that does not exist yet, or empty this one first.',
    });
  }
  await mkdir(path, { recursive: true });
  const created = info === undefined;
  return async () => {
    if (created) {
      await rm(path, { recursive: true, force: true });
      return;
    }
    for (const entry of await readdir(path)) {
      await rm(join(path, entry), { recursive: true, force: true });
    }
  };
}

/** True when `path` does not exist or is a folder with nothing in it. */
export async function isAbsentOrEmpty(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return true;
  return info.isDirectory() && (await readdir(path)).length === 0;
}
