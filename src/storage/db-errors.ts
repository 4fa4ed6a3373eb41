import { ConflictError, DossierError, ValidationError } from '../errors.ts';

/**
 * Turns a driver error into a DossierError where it is the caller's fault (a unique or
 * foreign-key constraint), the one place that knows both engines' spellings. Anything
 * else is returned unchanged: a bug or an outage, for the log.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof DossierError || !(error instanceof Error)) return error;
  const { code, constraint, detail } = error as Error & {
    code?: string;
    constraint?: string;
    detail?: string;
  };
  if (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  ) {
    const field = uniqueField(error.message, constraint, detail);
    return new ConflictError({
      code: 'SLUG_TAKEN',
      field,
      message: `Another item already uses this ${field ?? 'value'}.`,
      hint: 'Pick a different value.',
      cause: error,
    });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new ValidationError({
      code: 'REFERENCE_MISSING',
      message: 'It refers to something that does not exist (or is still referred to).',
      cause: error,
    });
  }
  return error;
}

/** "UNIQUE constraint failed: centers.host" / Key (host)=(x) already exists → "host". */
function uniqueField(message: string, constraint?: string, detail?: string): string | undefined {
  const sqlite = /constraint failed: \w+\.(\w+)/.exec(message)?.[1];
  const postgres = detail ? /Key \(([\w, ]+)\)=/.exec(detail)?.[1] : undefined;
  return sqlite ?? postgres ?? constraint;
}
