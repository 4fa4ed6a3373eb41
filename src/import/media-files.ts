import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';

/** File types an import may bring in, by extension; anything else is refused. */
const MIME_BY_EXTENSION: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
};

export interface StoredFile {
  path: string;
  mimeType: string;
  width: number | null;
  height: number | null;
}

/**
 * Copies a file named by an import record into the data folder's uploads, keeping its
 * relative path (so re-imports overwrite rather than pile up). Returns undefined with a
 * reason when the file is missing or of a type we do not take.
 */
export async function storeImportedFile(
  sourceDir: string,
  relativePath: string,
  uploadsDir: string,
): Promise<StoredFile | { error: string }> {
  const mimeType = MIME_BY_EXTENSION[extname(relativePath).toLowerCase()];
  if (!mimeType)
    return {
      error: `has a file type we do not accept (${extname(relativePath) || 'none'}); use SVG, PNG, JPEG, WebP, AVIF, GIF or PDF`,
    };
  const source = join(sourceDir, relativePath);
  const info = await stat(source).catch(() => undefined);
  if (!info?.isFile()) return { error: `names a file that does not exist: ${relativePath}` };
  const target = join(uploadsDir, relativePath);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(source, target);
  const size =
    mimeType === 'image/svg+xml'
      ? svgSize(await readFile(source, 'utf8'))
      : { width: null, height: null };
  return { path: relativePath, mimeType, ...size };
}

/** An SVG's intrinsic size from its width/height attributes, else its viewBox. */
function svgSize(svg: string): { width: number | null; height: number | null } {
  const tag = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string) => {
    const value = new RegExp(`\\b${name}="([\\d.]+)(px)?"`).exec(tag)?.[1];
    return value === undefined ? null : Math.round(Number(value));
  };
  let width = attr('width');
  let height = attr('height');
  const viewBox = /\bviewBox="[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"/.exec(tag);
  if ((width === null || height === null) && viewBox) {
    width = Math.round(Number(viewBox[1]));
    height = Math.round(Number(viewBox[2]));
  }
  return { width, height };
}
