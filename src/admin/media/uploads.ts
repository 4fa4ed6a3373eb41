import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type Sharp from 'sharp';
import { ValidationError } from '../../errors.ts';
import { slugFrom } from '../content/publication-editor.ts';

/**
 * sharp (libvips) is loaded on the first upload, not when the server starts: it adds
 * about 20 MB to every process's memory, and most processes never receive an image.
 */
let loadedSharp: Promise<typeof Sharp> | undefined;
function imageLibrary(): Promise<typeof Sharp> {
  loadedSharp ??= import('sharp').then((module) => module.default);
  return loadedSharp;
}

/*
 * Files editors upload. What a file is comes from its first bytes, never from its name:
 * JPEG, PNG, WebP, AVIF and GIF images, and PDFs. SVG and HTML are refused (either can
 * carry script); so is anything else. A name with a path in it is refused too, and a
 * stored file is named by us: its words, a random tag, and the extension of what it is.
 *
 * Each image is kept as uploaded and as resized copies for `srcset`: AVIF, WebP and JPEG
 * at up to three widths, without the camera's metadata (location included).
 */

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
const WIDTHS = [480, 960, 1600];
const FORMATS = [
  { format: 'avif', options: { quality: 50 } },
  { format: 'webp', options: { quality: 75 } },
  { format: 'jpeg', options: { quality: 80, mozjpeg: true } },
] as const;

export type Sniffed =
  | { kind: 'image'; mimeType: string; extension: string }
  | { kind: 'pdf'; mimeType: 'application/pdf'; extension: 'pdf' };

export interface Variant {
  width: number;
  format: 'avif' | 'webp' | 'jpeg';
  path: string;
}

export interface StoredUpload {
  path: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  variants: Variant[];
}

/** What the bytes are, by their signature; undefined for anything we do not take. */
export function sniff(bytes: Buffer): Sniffed | undefined {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (starts(0xff, 0xd8, 0xff)) return { kind: 'image', mimeType: 'image/jpeg', extension: 'jpg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))
    return { kind: 'image', mimeType: 'image/png', extension: 'png' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP')
    return { kind: 'image', mimeType: 'image/webp', extension: 'webp' };
  if (ascii(4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(8, 12)))
    return { kind: 'image', mimeType: 'image/avif', extension: 'avif' };
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')
    return { kind: 'image', mimeType: 'image/gif', extension: 'gif' };
  if (ascii(0, 5) === '%PDF-')
    return { kind: 'pdf', mimeType: 'application/pdf', extension: 'pdf' };
  return undefined;
}

/** Refuses a name that tries to say where the file goes, or that no one could read. */
export function checkUploadName(name: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (name === '' || name.length > 200 || /[/\\]|\.\.|[\u0000-\u001f\u007f]/.test(name))
    throw refused(
      'The file name must be a plain name (no folders, no "..", 200 characters at most).',
    );
}

export async function storeUpload(
  uploadsDir: string,
  upload: { filename: string; bytes: Buffer; now: Date },
  expect: 'image' | 'pdf',
): Promise<StoredUpload> {
  checkUploadName(upload.filename);
  const sniffed = sniff(upload.bytes);
  if (!sniffed || sniffed.kind !== expect)
    throw refused(
      expect === 'image'
        ? 'Upload a JPEG, PNG, WebP, AVIF or GIF image (SVG and HTML are not accepted).'
        : 'Upload a PDF file.',
    );
  const limit = expect === 'image' ? MAX_IMAGE_BYTES : MAX_PDF_BYTES;
  if (upload.bytes.length > limit)
    throw refused(`The file is over ${Math.round(limit / 1024 / 1024)} MB.`);
  const month = upload.now.toISOString().slice(0, 7).replace('-', '/');
  const base = `${slugFrom(upload.filename.slice(0, upload.filename.length - extname(upload.filename).length))}-${randomBytes(4).toString('hex')}`;
  const folder = expect === 'image' ? `media/${month}` : `files/${month}`;
  const path = `${folder}/${base}.${sniffed.extension}`;
  const written: string[] = [];
  const write = async (relative: string, data: Buffer) => {
    const target = join(uploadsDir, relative);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data, { flag: 'wx' });
    written.push(target);
  };
  try {
    if (sniffed.kind === 'pdf') {
      await write(path, upload.bytes);
      return { path, mimeType: sniffed.mimeType, width: null, height: null, variants: [] };
    }
    const sharp = await imageLibrary();
    const image = sharp(upload.bytes, { limitInputPixels: 100_000_000, animated: false });
    const meta = await image.metadata().catch(() => undefined);
    if (!meta?.width || !meta.height) throw refused('The image could not be read.');
    // Phones store pictures sideways with a note to turn them: sizes after turning.
    const turned = (meta.orientation ?? 1) >= 5;
    const width = turned ? meta.height : meta.width;
    const height = turned ? meta.width : meta.height;
    await write(path, await withoutMetadata(sharp, upload.bytes, sniffed.mimeType));
    const variants: Variant[] = [];
    if (sniffed.mimeType !== 'image/gif') {
      const widths = [...new Set([...WIDTHS.filter((w) => w < width), Math.min(width, 1600)])];
      for (const w of widths)
        for (const { format, options } of FORMATS) {
          const out = await sharp(upload.bytes, { limitInputPixels: 100_000_000 })
            .rotate()
            .resize({ width: w, withoutEnlargement: true })
            .toFormat(format, options)
            .toBuffer();
          const variantPath = `${folder}/${base}-${w}.${format === 'jpeg' ? 'jpg' : format}`;
          await write(variantPath, out);
          variants.push({ width: w, format, path: variantPath });
        }
    }
    return { path, mimeType: sniffed.mimeType, width, height, variants };
  } catch (error) {
    // Nothing half-stored is left behind.
    for (const file of written) await rm(file, { force: true });
    if (error instanceof ValidationError) throw error;
    throw refused('The image could not be read.');
  }
}

/**
 * The original as the site will serve it: turned upright and written again without its
 * metadata. A phone's picture carries where it was taken (EXIF GPS), the camera's serial
 * number and the time, and a portrait or lead image must not publish them. GIFs are kept
 * as they are (sharp would keep only their first frame; they carry no camera data).
 */
async function withoutMetadata(
  sharp: typeof Sharp,
  bytes: Buffer,
  mimeType: string,
): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: 100_000_000 }).rotate();
  switch (mimeType) {
    case 'image/jpeg':
      return image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
    case 'image/png':
      return image.png().toBuffer();
    case 'image/webp':
      return image.webp({ quality: 90 }).toBuffer();
    case 'image/avif':
      return image.avif({ quality: 70 }).toBuffer();
    default:
      return bytes;
  }
}

function refused(message: string) {
  return new ValidationError({ code: 'UPLOAD_REFUSED', field: 'file', message });
}
