import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { CURRENT_CONSENT } from '../../src/newsletter/consent-wording.ts';
import { checkEmailAddress } from '../../src/newsletter/email-address.ts';
import { readUnsubscribeLink, unsubscribeUrl } from '../../src/newsletter/links.ts';
import { createSubscriptions } from '../../src/newsletter/subscriptions/subscriptions.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, seed } from '../helpers/factories.ts';
import { exportTo, importFile, type SiteCopy } from './site-copies.ts';

/*
 * Readers through an export, where consent law is at stake: a reader who left after the
 * export was taken stays gone when it is imported again, an erased reader is never
 * brought back, the ledger is never doubled, and a released consent wording never changes.
 */

const READER = 'reader@example.test';

function subscriptionsOf(database: Database, dataDir: string, now: string) {
  return createSubscriptions({
    database,
    config: loadConfig({ DOSSIER_DATA_DIR: dataDir }),
    clock: fixedClock(now),
  });
}

async function countRows(database: Database, table: 'newsletter_consent_ledger' | 'audit_log') {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of testDialects()) {
  describe(`newsletter readers through an export (${dialect.name})`, () => {
    let dir: string;
    let source: SiteCopy;
    let exported: string;
    const copies: SiteCopy[] = [];
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-reader-export-'));
      source = { database: await dialect.open(), uploadsDir: join(dir, 'uploads-source') };
      await seed(source.database, source.uploadsDir, baseWorld());
      const subscriptions = subscriptionsOf(
        source.database,
        join(dir, 'data'),
        '2026-06-01T12:00:00Z',
      );
      try {
        const csv = `email,list,consented_at,consent_source\n${READER},hq-weekly,2026-05-01T00:00:00Z,paper form\n`;
        expect((await subscriptions.importCsv('readers.csv', csv)).rejected).toEqual([]);
      } finally {
        subscriptions.close();
      }
      exported = (await exportTo(source, join(dir, 'export'))).file;
    });
    afterAll(async () => {
      for (const copy of [source, ...copies]) await copy?.database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    it('keeps the choice of a reader who left after the export, and doubles no ledger entry', async () => {
      const later = subscriptionsOf(source.database, join(dir, 'data'), '2026-06-02T00:00:00Z');
      try {
        const subscriber = await source.database.db
          .selectFrom('newsletter_subscribers')
          .select(['link_key', 'link_secret'])
          .executeTakeFirstOrThrow();
        const url = unsubscribeUrl(
          'https://think.example',
          { linkKey: subscriber.link_key, linkSecret: subscriber.link_secret },
          'hq-weekly',
        );
        await later.preferences.unsubscribe(
          readUnsubscribeLink(Object.fromEntries(new URL(url).searchParams)),
          'one-click',
          { ip: '203.0.113.1' },
        );
      } finally {
        later.close();
      }
      const entries = await countRows(source.database, 'newsletter_consent_ledger');
      expect(entries).toBe(2);

      // The older export says "active": the later unsubscribe wins.
      expect((await importFile(source, exported)).rejected).toEqual([]);
      const status = await source.database.db
        .selectFrom('newsletter_subscriptions')
        .select('status')
        .executeTakeFirstOrThrow();
      expect(status.status).toBe('unsubscribed');
      expect(await countRows(source.database, 'newsletter_consent_ledger')).toBe(entries);
    });

    it('never brings back a reader the site has erased', async () => {
      const copy = { database: await dialect.open(), uploadsDir: join(dir, 'uploads-copy') };
      copies.push(copy);
      expect((await importFile(copy, exported)).rejected).toEqual([]);
      const subscriptions = subscriptionsOf(
        copy.database,
        join(dir, 'data-copy'),
        '2026-06-03T00:00:00Z',
      );
      try {
        await subscriptions.records.erase(READER, 'cli');
      } finally {
        subscriptions.close();
      }

      const again = await importFile(copy, exported);
      expect(again.rejected.map(({ kind, field }) => ({ kind, field }))).toEqual([
        { kind: 'subscriber', field: 'email' },
        { kind: 'consentEntry', field: 'emailHash' },
      ]);
      expect(
        await copy.database.db.selectFrom('newsletter_subscribers').selectAll().execute(),
      ).toEqual([]);
      const hash = checkEmailAddress(READER);
      const ledger = await copy.database.db
        .selectFrom('newsletter_consent_ledger')
        .select(['event', 'email_hash'])
        .execute();
      expect(ledger).toEqual([{ event: 'erase', email_hash: hash.ok ? hash.hash : '' }]);
    });

    it('refuses new words for a released consent wording', async () => {
      const file = join(dir, 'wording.jsonl');
      const released = { kind: 'consentText', ...CURRENT_CONSENT };
      const changed = { ...released, wording: 'I agree to anything.' };
      await writeFile(file, [released, changed].map((r) => JSON.stringify(r)).join('\n'));
      const report = await importFile(source, file);
      expect(report.rejected.map(({ line, field }) => ({ line, field }))).toEqual([
        { line: 2, field: 'wording' },
      ]);
      const stored = await source.database.db
        .selectFrom('newsletter_consent_texts')
        .select('wording')
        .executeTakeFirstOrThrow();
      expect(stored.wording).toBe(CURRENT_CONSENT.wording);
    });
  });
}
