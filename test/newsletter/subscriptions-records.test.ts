import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { emailHash } from '../../src/newsletter/email-address.ts';
import {
  createSubscriptions,
  type Subscriptions,
} from '../../src/newsletter/subscriptions/subscriptions.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, seed } from '../helpers/factories.ts';

const CONSENT = '2026-12-06-1';

for (const dialect of testDialects()) {
  describe(`subscriber records: export, erasure, import (${dialect.name})`, () => {
    let database: Database;
    let dataDir: string;
    let subs: Subscriptions;
    const clock = fixedClock('2026-06-01T12:00:00Z');
    beforeAll(async () => {
      database = await dialect.open();
      dataDir = await mkdtemp(join(tmpdir(), 'dossier-records-'));
      await seed(database, join(dataDir, 'uploads'), baseWorld());
      // No SMTP server: messages become .eml files in the outbox folder. IPs are hashed.
      const config = loadConfig({
        DOSSIER_DATA_DIR: dataDir,
        DOSSIER_NEWSLETTER_IP_STORAGE: 'hash',
      });
      subs = createSubscriptions({ database, config, clock });
    });
    afterAll(async () => {
      subs?.close();
      await database?.destroy();
      await rm(dataDir, { recursive: true, force: true });
    });

    /** Signs up through the service, reads the .eml it wrote, confirms with its token. */
    async function subscribe(email: string, slug: string) {
      const list = await subs.lists.findBySlug(slug);
      if (!list) throw new Error(slug);
      await subs.signups.signUp({
        email,
        list,
        consentVersion: CONSENT,
        form: 'site-signup',
        page: '/',
        siteUrl: 'http://dossier.test',
        evidence: { ip: '203.0.113.9', userAgent: 'Agent/1' },
      });
      const outbox = join(dataDir, 'outbox');
      const files = (await readdir(outbox)).sort();
      const mail = await simpleParser(await readFile(join(outbox, files.at(-1) ?? '')));
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(email);
      const token = /confirm\?t=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '';
      expect(await subs.signups.confirm(token, { ip: '203.0.113.9' }, CONSENT)).toMatchObject({
        confirmed: true,
      });
      return list;
    }

    it('writes messages as .eml files when no SMTP server is set', async () => {
      await subscribe('eml@example.org', 'hq-weekly');
      const files = await readdir(join(dataDir, 'outbox'));
      expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
      expect(files.length).toBeGreaterThan(0);
    });

    it('exports everything held about one address, with the wording each consent was given to', async () => {
      await subscribe('export@example.org', 'hq-weekly');
      await subscribe('export@example.org', 'europe-hebdo');
      const record = await subs.records.exportOne('EXPORT@example.org');
      expect(record.email).toBe('export@example.org');
      expect(record.subscriptions.map((s) => [s.list, s.status])).toEqual([
        ['hq-weekly', 'active'],
        ['europe-hebdo', 'active'],
      ]);
      expect(record.consentLedger.map((e) => [e.event, e.list])).toEqual([
        ['signup', 'hq-weekly'],
        ['confirm', 'hq-weekly'],
        ['signup', 'europe-hebdo'],
        ['confirm', 'europe-hebdo'],
      ]);
      const [signup] = record.consentLedger;
      expect(signup?.consentWording).toContain('I agree that {center} emails me {list}.');
      // The ipStorage setting is "hash": the address itself is nowhere.
      expect(signup?.ip).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(JSON.stringify(record)).not.toContain('203.0.113');
      expect(record.suppression).toBeNull();
    });

    it('erases an address, leaving only a hashed tombstone and a suppression', async () => {
      await subscribe('erase-me@example.org', 'hq-weekly');
      const before = await database.db
        .selectFrom('newsletter_consent_ledger')
        .select('id')
        .execute();
      expect(await subs.records.erase('erase-me@example.org', 'cli')).toEqual({
        hadSubscriber: true,
      });
      const hash = emailHash('erase-me@example.org');
      const ledger = await database.db
        .selectFrom('newsletter_consent_ledger')
        .selectAll()
        .where('email_hash', '=', hash)
        .execute();
      expect(ledger).toEqual([
        expect.objectContaining({
          subscriber_id: null,
          event: 'erase',
          channel: 'cli',
          ip: null,
          list_id: null,
        }),
      ]);
      const after = await database.db
        .selectFrom('newsletter_consent_ledger')
        .select('id')
        .execute();
      expect(after.length).toBe(before.length - 2 + 1);
      const subscriber = await database.db
        .selectFrom('newsletter_subscribers')
        .select('id')
        .where('email_hash', '=', hash)
        .executeTakeFirst();
      expect(subscriber).toBeUndefined();
      const dump = JSON.stringify(
        await Promise.all(
          (
            [
              'newsletter_subscribers',
              'newsletter_consent_ledger',
              'newsletter_tokens',
              'newsletter_suppressions',
            ] as const
          ).map((t) => database.db.selectFrom(t).selectAll().execute()),
        ),
      );
      expect(dump).not.toContain('erase-me');
      const record = await subs.records.exportOne('erase-me@example.org');
      expect(record.subscriber).toBeNull();
      expect(record.suppression?.reason).toBe('erased');
      expect(record.consentLedger.map((e) => e.event)).toEqual(['erase']);
    });

    it('imports rows with consent evidence, refuses the rest by line and field, and never an erased address', async () => {
      await subs.records.erase('gone@example.org', 'cli');
      const csv = [
        'email,list,consented_at,consent_source,ip,user_agent',
        'new.one@example.org,hq-weekly,2025-05-01T10:00:00Z,Paper form at the 2025 conference,198.51.100.4,',
        'no-evidence@example.org,hq-weekly,,,,',
        'no-source@example.org,hq-weekly,2025-05-01,,,',
        'gone@example.org,hq-weekly,2025-05-01,Old CRM,,',
        'not an address,hq-weekly,2025-05-01,Old CRM,,',
        'later@example.org,no-such-list,2025-05-01,Old CRM,,',
        'future@example.org,hq-weekly,2099-01-01,Old CRM,,',
        'New.One@example.org,hq-weekly,2025-05-01,Duplicate,,',
        'two@example.org,europe-hebdo,2024-01-01,Old CRM,not-an-ip,',
        'third@example.org,,2024-01-01,Old CRM,,',
      ].join('\n');
      const result = await subs.importCsv('readers.csv', csv);
      expect(result.imported).toBe(1);
      expect(result.rejected.map((r) => [r.line, r.field])).toEqual([
        [3, 'consented_at'],
        [4, 'consent_source'],
        [5, 'email'],
        [6, 'email'],
        [7, 'list'],
        [8, 'consented_at'],
        [9, 'email'],
        [10, 'ip'],
        [11, 'list'],
      ]);
      expect(result.rejected.every((r) => r.file === 'readers.csv')).toBe(true);
      const record = await subs.records.exportOne('new.one@example.org');
      expect(record.subscriptions).toEqual([
        expect.objectContaining({ list: 'hq-weekly', status: 'active' }),
      ]);
      expect(record.consentLedger).toEqual([
        expect.objectContaining({
          event: 'import',
          channel: 'cli',
          detail: {
            file: 'readers.csv',
            line: 2,
            consentedAt: '2025-05-01T10:00:00.000Z',
            consentSource: 'Paper form at the 2025 conference',
          },
        }),
      ]);
      expect((await subs.records.exportOne('gone@example.org')).subscriber).toBeNull();
    });

    it('refuses a whole file whose header lacks a required column, or is not CSV', async () => {
      const noSource = await subs.importCsv(
        'a.csv',
        'email,consented_at\nx@example.org,2025-01-01\n',
        'hq-weekly',
      );
      expect(noSource).toEqual({
        imported: 0,
        rejected: [expect.objectContaining({ file: 'a.csv', line: 1, field: 'consent_source' })],
      });
      const broken = await subs.importCsv(
        'b.csv',
        'email,consented_at,consent_source\n"x@example.org,2025',
        'hq-weekly',
      );
      expect(broken.imported).toBe(0);
      expect(broken.rejected).toHaveLength(1);
      expect((await subs.records.exportOne('x@example.org')).subscriber).toBeNull();
    });

    it('does not resubscribe someone who unsubscribed after the consent a row shows', async () => {
      const list = await subscribe('left@example.org', 'hq-weekly');
      const id = (await subs.records.exportOne('left@example.org')).subscriber?.id ?? 0;
      await database.db
        .updateTable('newsletter_subscriptions')
        .set({ status: 'unsubscribed', updated_at: '2026-05-01T00:00:00Z' })
        .where('subscriber_id', '=', id)
        .where('list_id', '=', list.id)
        .execute();
      const csv = 'email,consented_at,consent_source\nleft@example.org,2025-01-01,Old CRM\n';
      const result = await subs.importCsv('c.csv', csv, 'hq-weekly');
      expect(result.rejected.map((r) => [r.line, r.field])).toEqual([[2, 'email']]);
      const after = await subs.records.exportOne('left@example.org');
      expect(after.subscriptions[0]?.status).toBe('unsubscribed');
    });
  });
}
