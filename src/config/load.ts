import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { type Config, configSchema } from './schema.ts';

type Env = Record<string, string | undefined>;

/**
 * Reads settings from the environment: DOSSIER_<SECTION>_<KEY> (e.g. DOSSIER_SERVER_PORT,
 * DOSSIER_DATA_DIR), plus the conventional DATABASE_URL and PORT. Throws a
 * ValidationError listing every bad setting; the result is frozen.
 */
export function loadConfig(
  env: Env,
  overrides: DeepPartial<z.input<typeof configSchema>> = {},
): Readonly<Config> {
  const dataDir = overrides.data?.dir ?? env.DOSSIER_DATA_DIR;
  const input = {
    server: {
      host: env.DOSSIER_SERVER_HOST,
      port: env.DOSSIER_SERVER_PORT ?? env.PORT,
      publicUrl: env.DOSSIER_SERVER_PUBLIC_URL,
      trustProxy: env.DOSSIER_SERVER_TRUST_PROXY,
      logLevel: env.DOSSIER_SERVER_LOG_LEVEL,
      logRequests: env.DOSSIER_SERVER_LOG_REQUESTS,
      ...overrides.server,
    },
    data: { dir: dataDir },
    database: {
      url: env.DOSSIER_DATABASE_URL ?? emptyToUndefined(env.DATABASE_URL),
      sqlitePath:
        env.DOSSIER_DATABASE_SQLITE_PATH ?? (dataDir ? join(dataDir, 'dossier.sqlite') : undefined),
      poolSize: env.DOSSIER_DATABASE_POOL_SIZE,
      ...overrides.database,
    },
    crossref: {
      depositorName: env.DOSSIER_CROSSREF_DEPOSITOR_NAME,
      depositorEmail: env.DOSSIER_CROSSREF_DEPOSITOR_EMAIL,
      registrant: env.DOSSIER_CROSSREF_REGISTRANT,
      doiPrefix: env.DOSSIER_CROSSREF_DOI_PREFIX,
      ...overrides.crossref,
    },
    search: { buildAtStart: env.DOSSIER_SEARCH_BUILD_AT_START, ...overrides.search },
    email: {
      smtpUrl: env.DOSSIER_EMAIL_SMTP_URL,
      from: env.DOSSIER_EMAIL_FROM,
      ...overrides.email,
    },
    newsletter: {
      ipStorage: env.DOSSIER_NEWSLETTER_IP_STORAGE,
      sendRate: env.DOSSIER_NEWSLETTER_SEND_RATE,
      confirmationHours: env.DOSSIER_NEWSLETTER_CONFIRMATION_HOURS,
      sendEvery: env.DOSSIER_NEWSLETTER_SEND_EVERY,
      ...overrides.newsletter,
    },
  };
  const parsed = configSchema.safeParse(dropUndefined(input));
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${settingName(issue.path)}: ${issue.message}`,
    );
    throw new ValidationError({
      code: 'CONFIG_INVALID',
      message: `The configuration is not valid:\n  ${lines.join('\n  ')}`,
      hint: 'Fix the settings named above (environment variables) and start again.',
    });
  }
  // Relative folders are taken from where Dossier was started, once, so later code (and
  // libraries that insist on absolute paths) never depends on the working directory.
  const config = parsed.data;
  config.data.dir = resolve(config.data.dir);
  if (config.database.sqlitePath !== ':memory:')
    config.database.sqlitePath = resolve(config.database.sqlitePath);
  return deepFreeze(config);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function settingName(path: PropertyKey[]): string {
  return `DOSSIER_${path
    .map((p) =>
      String(p)
        .replace(/[A-Z]/g, (c) => `_${c}`)
        .toUpperCase(),
    )
    .join('_')}`;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function dropUndefined(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, dropUndefined(v)]),
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
