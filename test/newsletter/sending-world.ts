import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { emailHash } from '../../src/newsletter/email-address.ts';
import type { Database } from '../../src/storage/database.ts';
import type { TestDialect } from '../helpers/dialects.ts';
import { baseWorld, makePublication, seed } from '../helpers/factories.ts';

/** The list the sending tests send: HQ Weekly of baseWorld (center HQ, with an address). */
export const LIST = 'hq-weekly';

export interface SendingWorld {
  database: Database;
  config: Config;
  dataDir: string;
  listId: number;
  /** Config with other settings (an SMTP URL) on top of the world's. */
  configWith(env: Record<string, string>): Config;
  close(): Promise<void>;
}

/**
 * baseWorld plus three live pieces published into HQ Weekly (one with a lead image), one
 * embargoed piece in it that must never show, and a piece of another list.
 */
export async function openSendingWorld(
  dialect: TestDialect,
  env: Record<string, string> = {},
): Promise<SendingWorld> {
  const database = await dialect.open();
  const dataDir = await mkdtemp(join(tmpdir(), 'dossier-sending-'));
  const baseEnv = {
    DOSSIER_DATA_DIR: dataDir,
    DOSSIER_SERVER_PUBLIC_URL: 'https://think.example',
    DOSSIER_NEWSLETTER_SEND_RATE: '100000',
    ...env,
  };
  await seed(database, join(dataDir, 'uploads'), [
    ...baseWorld(),
    makePublication({
      slug: 'grid-paper',
      title: 'The Grid & the <Market>',
      summary: 'Why "prices" matter.',
      newsletters: [LIST],
      publishedAt: '2026-05-01T10:00:00Z',
      leadImage: { src: 'media/lead.svg', alt: 'Pylons at dusk', credit: 'Source: Agency' },
    }),
    makePublication({
      slug: 'trade-note',
      title: 'A Note on Trade',
      newsletters: [LIST],
      authors: ['alice-archer', 'chen-cho'],
      publishedAt: '2026-05-02T10:00:00Z',
    }),
    makePublication({
      slug: 'older-brief',
      newsletters: [LIST],
      publishedAt: '2026-04-01T10:00:00Z',
    }),
    makePublication({
      slug: 'embargoed-report',
      title: 'EMBARGOED REPORT',
      newsletters: [LIST],
      status: 'scheduled',
      publishedAt: '2026-05-03T10:00:00Z',
      embargoUntil: '2099-01-01T00:00:00Z',
    }),
    makePublication({ slug: 'europe-piece', newsletters: ['europe-weekly'] }),
  ]);
  const list = await database.db
    .selectFrom('newsletter_lists')
    .select('id')
    .where('slug', '=', LIST)
    .executeTakeFirstOrThrow();
  return {
    database,
    config: loadConfig(baseEnv),
    dataDir,
    listId: Number(list.id),
    configWith: (more) => loadConfig({ ...baseEnv, ...more }),
    async close() {
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `reader-00001@example.test` …: active subscribers of the list, inserted directly. */
export async function addSubscribers(
  database: Database,
  listId: number,
  count: number,
  prefix = 'reader',
): Promise<string[]> {
  const at = '2026-01-01T00:00:00.000Z';
  const addresses = Array.from(
    { length: count },
    (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}@example.test`,
  );
  for (let start = 0; start < addresses.length; start += 500) {
    const chunk = addresses.slice(start, start + 500);
    const rows = await database.db
      .insertInto('newsletter_subscribers')
      .values(
        chunk.map((email) => ({
          email,
          email_hash: emailHash(email),
          status: 'active' as const,
          link_key: randomBytes(16).toString('base64url'),
          link_secret: randomBytes(16).toString('hex'),
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute();
    await database.db
      .insertInto('newsletter_subscriptions')
      .values(
        rows.map((r) => ({
          subscriber_id: Number(r.id),
          list_id: listId,
          status: 'active' as const,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
  return addresses;
}

export const testClock = () => fixedClock('2026-06-01T12:00:00Z');
