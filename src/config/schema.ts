import { z } from 'zod';

/** Every setting Dossier reads, with its default. Env: DOSSIER_<SECTION>_<KEY>. */
export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().min(1).default('0.0.0.0'),
      port: z.coerce.number().int().min(0).max(65535).default(3000),
      /** The public address, used in absolute links (canonical URLs, share links). */
      publicUrl: z.url().optional(),
      /** Trust X-Forwarded-* headers from a proxy or CDN in front. */
      trustProxy: z.stringbool().default(false),
      logLevel: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
      /** One log line per request; off by default (a CDN or proxy usually logs them). */
      logRequests: z.stringbool().default(false),
    })
    .default({
      host: '0.0.0.0',
      port: 3000,
      trustProxy: false,
      logLevel: 'info',
      logRequests: false,
    }),
  data: z.strictObject({ dir: z.string().min(1).default('./data') }).default({ dir: './data' }),
  database: z
    .strictObject({
      /** A postgres:// URL selects PostgreSQL; without one, SQLite in the data folder. */
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
        .optional(),
      sqlitePath: z.string().min(1).default('./data/dossier.sqlite'),
      poolSize: z.coerce.number().int().min(1).max(200).default(10),
    })
    .default({ sqlitePath: './data/dossier.sqlite', poolSize: 10 }),
  /**
   * Crossref DOI deposits (`dossier crossref export`). Optional: the site runs without them;
   * the command names whichever of these it is missing.
   */
  crossref: z
    .strictObject({
      /** Who sends the deposit; Crossref mails the result of each batch to the email. */
      depositorName: z.string().trim().min(1).max(130).optional(),
      depositorEmail: z.email().max(200).optional(),
      /** The organisation the DOIs are registered for; defaults to the network's name. */
      registrant: z.string().trim().min(1).max(255).optional(),
      /** The DOI prefix Crossref assigned, e.g. 10.5555; DOIs outside it are not deposited. */
      doiPrefix: z
        .string()
        .regex(/^10\.\d{4,9}$/, 'must be a DOI prefix such as 10.5555')
        .optional(),
    })
    .default({}),
  search: z
    .strictObject({
      /**
       * Build the search index as soon as the server listens (the default), so the first
       * reader's search is fast. Off, it is built on the first search instead, and a site
       * whose readers rarely search never holds it in memory.
       */
      buildAtStart: z.stringbool().default(true),
    })
    .default({ buildAtStart: true }),
  /** Outgoing email: newsletters, their confirmation links, password resets. */
  email: z
    .strictObject({
      /**
       * smtp:// or smtps:// URL of the server to send through (user and password in the
       * URL). Without one, every message is written as an .eml file under
       * <data dir>/outbox/ instead, so nothing is lost and a developer can read them.
       */
      smtpUrl: z
        .string()
        .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
        .optional(),
      /** Sender of messages that are not a list's (confirmations, resets). */
      from: z.string().trim().min(3).max(320).optional(),
    })
    .default({}),
  newsletter: z
    .strictObject({
      /** How a reader's IP address is kept in the consent ledger. */
      ipStorage: z.enum(['truncate', 'hash', 'full', 'none']).default('truncate'),
      /** Messages per second a send may hand to the SMTP server, per process. */
      sendRate: z.coerce.number().int().min(1).max(100_000).default(100),
      /** How long a sign-up's confirmation link stays valid. */
      confirmationHours: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(72),
      /**
       * How often (seconds) a server looks for issues due to go out and sends them in a
       * child process; 0 leaves sending to `dossier newsletter send` (cron).
       */
      sendEvery: z.coerce.number().int().min(0).max(86_400).default(60),
    })
    .default({ ipStorage: 'truncate', sendRate: 100, confirmationHours: 72, sendEvery: 60 }),
});

export type Config = z.infer<typeof configSchema>;
export type DatabaseConfig = Config['database'];
export type CrossrefConfig = Config['crossref'];
export type EmailConfig = Config['email'];
export type NewsletterConfig = Config['newsletter'];
