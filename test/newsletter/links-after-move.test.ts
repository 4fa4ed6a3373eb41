import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createDigestService } from '../../src/newsletter/digests/digest-service.ts';
import { emailHash } from '../../src/newsletter/email-address.ts';
import { signById } from '../../src/newsletter/links.ts';
import { createNewsletterSender } from '../../src/newsletter/sending/newsletter-sender.ts';
import { createSubscriptions } from '../../src/newsletter/subscriptions/subscriptions.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { exportTo, importFile, type SiteCopy } from '../migration-io/site-copies.ts';
import { FORM, pathOf } from './newsletter-site.ts';
import { LIST, openSendingWorld, type SendingWorld, testClock } from './sending-world.ts';

/*
 * A site moves (dossier export, then dossier import into an empty database elsewhere):
 * the links in messages sent before the move must keep working on the new install, where
 * every row id is different. Unsubscribe links above all: readers use them weeks later.
 */

const MOVER = 'mover@example.org';

for (const dialect of testDialects()) {
  describe(`newsletter links after a move to another install (${dialect.name})`, () => {
    let dir: string;
    let world: SendingWorld;
    let copy: SiteCopy;
    let app: FastifyInstance;
    let exported: string;
    /** The links of the message site A sent to MOVER before the move. */
    const mailed = { unsubscribe: '', preferences: '' };
    const moverOn = (database: Database) =>
      database.db
        .selectFrom('newsletter_subscribers')
        .select(['id', 'link_key', 'link_secret'])
        .where('email_hash', '=', emailHash(MOVER))
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-links-move-'));
      world = await openSendingWorld(dialect);
      const subscriptions = createSubscriptions({
        database: world.database,
        config: world.config,
        clock: testClock(),
      });
      try {
        const csv = [
          'email,list,consented_at,consent_source',
          'early@example.org,hq-weekly,2026-05-01T00:00:00Z,paper form',
          `${MOVER},hq-weekly,2026-05-01T00:00:00Z,paper form`,
          `${MOVER},europe-weekly,2026-05-01T00:00:00Z,paper form`,
        ].join('\n');
        expect((await subscriptions.importCsv('readers.csv', csv)).rejected).toEqual([]);
        // Erased before the move: the copy numbers its subscribers differently.
        await subscriptions.records.erase('early@example.org', 'cli');
      } finally {
        subscriptions.close();
      }

      const digests = createDigestService({
        db: world.database.db,
        clock: testClock(),
        origin: 'https://think.example',
      });
      const issue = await digests.draft(LIST);
      const sender = createNewsletterSender({
        database: world.database,
        config: world.config,
        clock: testClock(),
      });
      const [report] = await sender.send({ issueId: issue.id });
      expect(report?.counts).toMatchObject({ sent: 1 });
      const folder = join(world.dataDir, 'outbox', 'newsletters', String(issue.id));
      const [file = ''] = await readdir(folder);
      const mail = await simpleParser(await readFile(join(folder, file)));
      const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
      mailed.unsubscribe = /<(https:[^>]+)>/.exec(header)?.[1] ?? '';
      mailed.preferences =
        /https:\/\/think\.example\/newsletters\/preferences\?\S+/.exec(mail.text ?? '')?.[0] ?? '';

      exported = (
        await exportTo(
          { database: world.database, uploadsDir: join(world.dataDir, 'uploads') },
          join(dir, 'export'),
        )
      ).file;
      copy = { database: await dialect.open(), uploadsDir: join(dir, 'copy', 'uploads') };
      expect((await importFile(copy, exported)).rejected).toEqual([]);
      app = await buildServer({
        config: loadConfig({
          DOSSIER_DATA_DIR: join(dir, 'copy'),
          DOSSIER_SERVER_PUBLIC_URL: 'https://think.example',
        }),
        database: copy.database,
        clock: fixedClock('2026-07-01T12:00:00Z'),
        logger: false,
      });
    });
    afterAll(async () => {
      await app?.close();
      await copy?.database.destroy();
      await world?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const statusesOnCopy = async () => {
      const rows = await copy.database.db
        .selectFrom('newsletter_subscriptions as s')
        .innerJoin('newsletter_lists as l', 'l.id', 's.list_id')
        .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
        .select(['l.slug', 's.status'])
        .where('r.email_hash', '=', emailHash(MOVER))
        .orderBy('l.slug')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.slug, r.status]));
    };

    it('carries the key and secret, under another id', async () => {
      const before = await moverOn(world.database);
      const after = await moverOn(copy.database);
      expect(after.id).not.toBe(before.id);
      expect(after.link_key).toBe(before.link_key);
      expect(after.link_secret).toBe(before.link_secret);
      expect(new URL(mailed.unsubscribe).searchParams.get('k')).toBe(before.link_key);
    });

    it('opens the preferences link of a message sent before the move', async () => {
      const res = await app.inject({ url: pathOf(mailed.preferences) });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(MOVER);
    });

    it('unsubscribes from that list only, on the new install, with a ledger entry', async () => {
      expect(await statusesOnCopy()).toEqual({
        'europe-weekly': 'active',
        'hq-weekly': 'active',
      });
      const ledgerBefore = await copy.database.db
        .selectFrom('newsletter_consent_ledger')
        .select('id')
        .execute();
      const res = await app.inject({
        method: 'POST',
        url: pathOf(mailed.unsubscribe),
        headers: FORM,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('You are unsubscribed');
      expect(await statusesOnCopy()).toEqual({
        'europe-weekly': 'active',
        'hq-weekly': 'unsubscribed',
      });
      const entries = await copy.database.db
        .selectFrom('newsletter_consent_ledger as e')
        .innerJoin('newsletter_lists as l', 'l.id', 'e.list_id')
        .select(['e.event', 'e.channel', 'l.slug', 'e.subscriber_id', 'e.email_hash'])
        .where('e.id', 'not in', [0, ...ledgerBefore.map((e) => e.id)])
        .execute();
      expect(entries).toEqual([
        {
          event: 'unsubscribe',
          channel: 'one-click',
          slug: 'hq-weekly',
          subscriber_id: (await moverOn(copy.database)).id,
          email_hash: emailHash(MOVER),
        },
      ]);
    });

    it('does not understand an id-form link of the old install (ids are local to it)', async () => {
      const old = await moverOn(world.database);
      const list = world.listId;
      const t = signById(old.link_secret, 'unsubscribe', old.id, list);
      const res = await app.inject({
        url: `/newsletters/unsubscribe?s=${old.id}&l=${list}&t=${t}`,
      });
      expect(res.statusCode).toBe(404);
    });

    it('keeps the key when the same export is imported again', async () => {
      const key = (await moverOn(copy.database)).link_key;
      expect((await importFile(copy, exported)).rejected).toEqual([]);
      expect((await moverOn(copy.database)).link_key).toBe(key);
    });

    it('refuses a link key another subscriber holds, or a key or secret out of shape', async () => {
      const taken = (await moverOn(copy.database)).link_key;
      const secret = 'S'.repeat(43);
      const record = (email: string, fields: Record<string, unknown>) => ({
        kind: 'subscriber',
        email,
        subscriptions: [],
        ...fields,
      });
      const file = join(dir, 'bad-keys.jsonl');
      const records = [
        record('copycat@example.org', { linkKey: taken, linkSecret: secret }),
        record('short@example.org', { linkKey: 'abc', linkSecret: secret }),
        record('long@example.org', { linkKey: 'k'.repeat(65), linkSecret: secret }),
        record('dotted@example.org', { linkKey: `${'k'.repeat(21)}.`, linkSecret: secret }),
        record('keyonly@example.org', { linkKey: 'K'.repeat(22) }),
        record('secretonly@example.org', { linkSecret: secret }),
        record('weak@example.org', { linkKey: 'W'.repeat(22), linkSecret: 'short' }),
      ];
      await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n'));
      const report = await importFile(copy, file);
      expect(report.rejected.map(({ line, field }) => ({ line, field }))).toEqual([
        { line: 1, field: 'linkKey' },
        { line: 2, field: 'linkKey' },
        { line: 3, field: 'linkKey' },
        { line: 4, field: 'linkKey' },
        { line: 5, field: 'linkSecret' },
        { line: 6, field: 'linkKey' },
        { line: 7, field: 'linkSecret' },
      ]);
      // The report never names the reader, nor repeats the secret.
      expect(JSON.stringify(report.rejected)).not.toContain('@example.org');
      expect(JSON.stringify(report.rejected)).not.toContain(secret);
      const emails = await copy.database.db
        .selectFrom('newsletter_subscribers')
        .select('email')
        .execute();
      expect(emails).toEqual([{ email: MOVER }]);
    });

    it('gives a subscriber imported without a key a new key and secret', async () => {
      const file = join(dir, 'no-key.jsonl');
      await writeFile(file, JSON.stringify({ kind: 'subscriber', email: 'fresh@example.org' }));
      expect((await importFile(copy, file)).rejected).toEqual([]);
      const row = await copy.database.db
        .selectFrom('newsletter_subscribers')
        .select(['link_key', 'link_secret'])
        .where('email_hash', '=', emailHash('fresh@example.org'))
        .executeTakeFirstOrThrow();
      expect(row.link_key).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(row.link_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(row.link_key).not.toBe((await moverOn(copy.database)).link_key);
    });
  });
}
