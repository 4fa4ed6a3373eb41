import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import type { TestDialect } from '../helpers/dialects.ts';
import { baseWorld, seed } from '../helpers/factories.ts';

export interface NewsletterSite {
  app: FastifyInstance;
  database: Database;
  config: Config;
  dataDir: string;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/**
 * The test world (baseWorld: HQ, Europe on /europe, Asia on its own host, four lists)
 * served with mail going to `smtpUrl` (or to .eml files when it is undefined).
 */
export async function openNewsletterSite(
  dialect: TestDialect,
  smtpUrl: string | undefined,
  env: Record<string, string> = {},
): Promise<NewsletterSite> {
  const database = await dialect.open();
  const dataDir = await mkdtemp(join(tmpdir(), 'dossier-newsletter-'));
  const config = loadConfig({
    DOSSIER_DATA_DIR: dataDir,
    DOSSIER_SERVER_PUBLIC_URL: 'http://dossier.test',
    ...(smtpUrl ? { DOSSIER_EMAIL_SMTP_URL: smtpUrl } : {}),
    ...env,
  });
  await seed(database, join(dataDir, 'uploads'), baseWorld());
  const clock = fixedClock('2026-06-01T12:00:00Z');
  const app = await buildServer({ config, database, clock, logger: false });
  return {
    app,
    database,
    config,
    dataDir,
    clock,
    async close() {
      await app.close();
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A form post as a browser sends it. */
export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of [value].flat()) params.append(name, v);
  return params.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The first link in a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const match = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S+`));
  if (!match) throw new Error(`no link starting ${prefix} in:\n${text}`);
  return match[0];
}

/** The path and query of an absolute link on the test site. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}
