import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Every regular file under `root`, as paths relative to it with `/` separators, sorted by
 * code units: the same list on every machine. Links and other special files are skipped.
 */
export async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(relative(root, path).split(sep).join('/'));
    }
  }
  if ((await stat(root).catch(() => undefined))?.isDirectory()) await walk(root);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Copies the files under `from` into `to` (created as needed), never overwriting one
 * that is there already. A missing `from` copies nothing: a site without uploads yet.
 * Returns how many files were copied.
 */
export async function copyFolder(from: string, to: string): Promise<number> {
  const files = await listFiles(from);
  await mkdir(to, { recursive: true });
  for (const file of files) {
    const target = join(to, ...file.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(from, ...file.split('/')), target, constants.COPYFILE_EXCL);
  }
  return files.length;
}
