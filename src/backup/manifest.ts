import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { listFiles } from './folder-copy.ts';

/*
 * manifest.json: what a backup folder holds, so a restore can tell a whole, untouched
 * backup of the right kind from a damaged, partial or foreign one before changing anything.
 */

export const MANIFEST_FILE = 'manifest.json';

const relativePath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'),
    'must be a path inside the backup folder',
  );

const manifestSchema = z.strictObject({
  format: z.literal('dossier-backup'),
  version: z.literal(1),
  dialect: z.enum(['sqlite', 'postgres']),
  /** The last migration applied to the database backed up. */
  schemaVersion: z.string().min(1),
  createdAt: z.iso.datetime(),
  /** The database file within the folder: a SQLite file or a pg_dump archive. */
  database: relativePath,
  files: z.array(
    z.strictObject({
      path: relativePath,
      size: z.int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = Manifest['files'][number];

/** Size and SHA-256 of every file under `dir` but the manifest, in a stable order. */
export async function describeFiles(dir: string): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const path of await listFiles(dir)) {
    if (path === MANIFEST_FILE) continue;
    const full = join(dir, ...path.split('/'));
    files.push({ path, size: (await stat(full)).size, sha256: await sha256Of(full) });
  }
  return files;
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
    flag: 'wx',
  });
}

/** Reads and checks a backup's manifest; a missing or malformed one is BACKUP_INVALID. */
export async function readManifest(dir: string): Promise<Manifest> {
  const where = join(dir, MANIFEST_FILE);
  const text = await readFile(where, 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw invalid(
      `${dir} is not a Dossier backup: it has no readable ${MANIFEST_FILE}.`,
      'Name the folder that `dossier backup` wrote.',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(`${where} is not valid JSON: the backup is damaged.`);
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `${where}: field ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'is not valid'}: the backup is damaged or not one of Dossier's.`,
    );
  }
  return parsed.data;
}

/**
 * Checks that every file the manifest lists is there with its size and checksum, and
 * that the database file is among them: a backup that lost or changed a file is refused.
 */
export async function verifyFiles(dir: string, manifest: Manifest): Promise<void> {
  if (!manifest.files.some((file) => file.path === manifest.database))
    throw invalid(`${dir}: the manifest does not list the database file ${manifest.database}.`);
  for (const file of manifest.files) {
    const full = join(dir, ...file.path.split('/'));
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile())
      throw invalid(`${dir}: ${file.path} is missing: the backup is incomplete.`);
    if (info.size !== file.size || (await sha256Of(full)) !== file.sha256) {
      throw invalid(
        `${dir}: ${file.path} is not the file that was backed up (its size or checksum differs): the backup is damaged.`,
      );
    }
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function invalid(message: string, hint = 'Restore from another backup.'): ValidationError {
  return new ValidationError({ code: 'BACKUP_INVALID', message, hint });
}
