import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { ValidationError } from '../../errors.ts';
import type { StoredUpload } from './uploads.ts';

/*
 * An admin upload form as @fastify/multipart hands it over (admin-plugin.ts reads every
 * part into the body): one `file` part and a few text fields, each as `{ value }`.
 */

interface UploadForm {
  /** The chosen file, or undefined when the form came without one. */
  file: { filename: string; bytes: Buffer } | undefined;
  /** A text field of the form, trimmed; empty when absent. */
  field(name: string): string;
}

export async function readUploadForm(body: unknown): Promise<UploadForm> {
  const parts = (body ?? {}) as Record<string, unknown>;
  const part = parts.file as { filename?: unknown; toBuffer?: () => Promise<Buffer> } | undefined;
  const filename = typeof part?.filename === 'string' ? part.filename : '';
  const file =
    part?.toBuffer && filename !== '' ? { filename, bytes: await part.toBuffer() } : undefined;
  return {
    file,
    field(name) {
      const value = (parts[name] as { value?: unknown } | undefined)?.value;
      return typeof value === 'string' ? value.trim() : '';
    },
  };
}

/** The refusal of a form sent without a file. */
export function noFileChosen(message: string): ValidationError {
  return new ValidationError({ code: 'UPLOAD_REFUSED', field: 'file', message });
}

/**
 * The multipart parser's own refusal of a file over its limit (it stops reading before our
 * checks run), as the same message our size check gives; undefined for any other error.
 */
export function oversizeUpload(error: unknown, limitBytes: number): ValidationError | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'FST_REQ_FILE_TOO_LARGE') return undefined;
  return new ValidationError({
    code: 'UPLOAD_REFUSED',
    field: 'file',
    message: `The file is over ${Math.round(limitBytes / 1024 / 1024)} MB.`,
  });
}

/** Deletes a stored upload and its copies, when what it was for could not be saved. */
export async function discardUpload(uploadsDir: string, stored: StoredUpload): Promise<void> {
  for (const path of [stored.path, ...stored.variants.map((v) => v.path)])
    await rm(join(uploadsDir, path), { force: true });
}

/**
 * Options for an upload route: the multipart parser stops reading a file past `limitBytes`
 * (Fastify's bodyLimit does not cover multipart bodies), and that refusal comes back as
 * the route's own form with the message, through `refused`.
 */
export function uploadRoute(
  limitBytes: number,
  refused: (request: FastifyRequest, reply: FastifyReply, error: ValidationError) => unknown,
): RouteShorthandOptions {
  return {
    config: { multipartOptions: { limits: { fileSize: limitBytes } } },
    errorHandler: async (error, request, reply) => {
      const tooLarge = oversizeUpload(error, limitBytes);
      if (!tooLarge) throw error;
      return refused(request, reply, tooLarge);
    },
  };
}
