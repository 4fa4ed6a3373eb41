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
});

export type Config = z.infer<typeof configSchema>;
export type DatabaseConfig = Config['database'];
