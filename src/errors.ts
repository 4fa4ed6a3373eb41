/*
 * One error family. `message` is safe to show a reader or an editor; `cause` keeps the
 * original for the log. Tests assert `code`, `status` and `field`, never message text.
 * Codes are SCREAMING_SNAKE and never renamed once released.
 */

/** The catalogue of codes, each with what it means; see docs/errors.md. */
export const ERROR_CODES = {
  CONFIG_INVALID: 'The configuration has a bad or missing setting.',
  NOT_FOUND: 'No such page, or it is not published.',
  BAD_REQUEST: 'The request could not be understood (bad path, query or header).',
  SLUG_TAKEN: 'Another item of the same kind already uses this slug (or host, or prefix).',
  REFERENCE_MISSING: 'It refers to something that does not exist.',
  TARGET_NOT_EMPTY:
    'An export, backup or restore was pointed at a folder or database that already holds data.',
  BACKUP_INVALID: 'A backup folder is missing, incomplete, damaged or of another kind of install.',
  TOOL_FAILED: 'A program the command runs (pg_dump, pg_restore) is missing or reported an error.',
  INTERNAL_ERROR:
    'Something failed on the server (the search API names it so; pages say it in words).',
  SEARCH_WARMING_UP:
    'The search index is still being built after a start (up to a minute on a large site).',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface DossierErrorOptions {
  code: ErrorCode;
  message: string;
  field?: string;
  hint?: string;
  cause?: unknown;
}

export class DossierError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(status: number, options: DossierErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = options.code;
    this.field = options.field;
    this.hint = options.hint;
  }
}

export class ValidationError extends DossierError {
  constructor(options: DossierErrorOptions) {
    super(422, options);
  }
}

export class BadRequestError extends DossierError {
  constructor(options: DossierErrorOptions) {
    super(400, options);
  }
}

export class NotFoundError extends DossierError {
  constructor(options: DossierErrorOptions) {
    super(404, options);
  }
}

export class ServiceUnavailableError extends DossierError {
  constructor(options: DossierErrorOptions) {
    super(503, options);
  }
}

export class ConflictError extends DossierError {
  constructor(options: DossierErrorOptions) {
    super(409, options);
  }
}
