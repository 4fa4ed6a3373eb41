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
  EMAIL_INVALID: 'An email address a reader or a file gave is not one we can send to.',
  EMAIL_REFUSED: 'A message was refused before sending: a bad recipient, sender or header.',
  EMAIL_UNAVAILABLE: 'The mail server could not take a message just now.',
  NEWSLETTER_LINK_INVALID:
    'A newsletter link (confirmation, preferences, unsubscribe) is wrong, used or expired.',
  TOO_MANY_SIGNUPS: 'Too many newsletter sign-ups came from one network in a short time.',
  NEWSLETTER_ISSUE_LOCKED:
    'A newsletter issue that is being sent or was sent cannot be edited, scheduled or sent again.',
  NEWSLETTER_ISSUE_EMPTY: 'A newsletter issue has no live pieces left to send.',
  NEWSLETTER_SENDER_INVALID: "A list's sender address (or DOSSIER_EMAIL_FROM) is not usable.",
  SIGN_IN_FAILED: 'The email address or the password is wrong (the admin never says which).',
  SIGN_IN_LOCKED: 'Too many failed sign-ins for the account or from the network: wait and retry.',
  SIGN_IN_REQUIRED: 'The admin page needs a signed-in account.',
  FORBIDDEN: "The signed-in account's role does not allow this.",
  CSRF_FAILED: "A form was sent without this session's security token (or from another site).",
  ACCOUNT_EXISTS: 'An account with this email address already exists.',
  PASSWORD_WEAK: 'A new password is too short, too long or too easy to guess.',
  RESET_LINK_INVALID: 'A password-reset link is wrong, used or expired.',
  UPLOAD_REFUSED:
    'An uploaded file is not one we take (by its content), is too large, or has a path in its name.',
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

export class UnauthorizedError extends DossierError {
  constructor(options: DossierErrorOptions) {
    super(401, options);
  }
}

export class ForbiddenError extends DossierError {
  constructor(options: DossierErrorOptions) {
    super(403, options);
  }
}

export class TooManyRequestsError extends DossierError {
  /** Seconds until a retry may succeed, for Retry-After. */
  readonly retryAfter: number;
  constructor(options: DossierErrorOptions & { retryAfter: number }) {
    super(429, options);
    this.retryAfter = options.retryAfter;
  }
}
