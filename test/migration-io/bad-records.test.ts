import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/admin/accounts/passwords.ts';
import { emailHash } from '../../src/newsletter/email-address.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication, seed } from '../helpers/factories.ts';
import { importFile, type SiteCopy } from './site-copies.ts';

/*
 * Bad account and reader records are reported by file, line and field, nothing of them
 * is written, and every good record around them loads.
 */

const revision = (overrides: Record<string, unknown>) => ({
  kind: 'revision',
  publication: 'known',
  number: 1,
  at: '2026-01-01T00:00:00Z',
  action: 'save',
  record: makePublication({ slug: 'known' }),
  ...overrides,
});

for (const dialect of testDialects()) {
  describe(`bad account and reader records (${dialect.name})`, () => {
    let dir: string;
    let site: SiteCopy;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-bad-records-'));
      site = { database: await dialect.open(), uploadsDir: join(dir, 'uploads') };
      await seed(site.database, site.uploadsDir, [
        ...baseWorld(),
        makePublication({ slug: 'known' }),
      ]);
    });
    afterAll(async () => {
      await site?.database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    it('names the line and field of each bad record and loads the rest', async () => {
      const good = { kind: 'user', email: 'good@example.test', name: 'Good', role: 'editor' };
      const lines: unknown[] = [
        good,
        { kind: 'user', email: 'chief@example.test', name: 'Chief', role: 'emperor' },
        { kind: 'user', email: 'no-at-sign.example.test', name: 'Nobody', role: 'author' },
        {
          kind: 'user',
          email: 'x@example.test',
          name: 'X',
          role: 'author',
          passwordHash: 'md5$abc',
        },
        {
          kind: 'user',
          email: 'costly@example.test',
          name: 'Costly',
          role: 'author',
          passwordHash: (await hashPassword('a long enough password')).replace(
            '$32768$',
            '$1048576$',
          ),
        },
        { kind: 'user', email: 'lf@example.test', name: 'Two\nlines', role: 'author' },
        { kind: 'user', email: 'p@example.test', name: 'P', role: 'author', person: 'nobody' },
        revision({ publication: 'no-such-piece' }),
        revision({ number: 2 }),
        revision({ user: 'ghost@example.test' }),
        revision({ record: { ...makePublication({ slug: 'known' }), status: 'nonsense' } }),
        revision({}),
        revision({ number: 2, pending: true }),
        revision({ number: 3, pending: true }),
        {
          kind: 'scheduledJob',
          publication: 'known',
          action: 'explode',
          runAt: '2030-01-01T00:00:00Z',
        },
        {
          kind: 'auditEntry',
          at: '2026-01-01T00:00:00Z',
          action: 'x',
          entity: 'publication',
          entityKey: 'gone',
        },
        {
          kind: 'auditEntry',
          at: '2026-01-01T00:00:00Z',
          action: 'x',
          entity: 'term',
          entityKey: 'a',
        },
        {
          kind: 'consentEntry',
          emailHash: 'ABC',
          event: 'signup',
          channel: 'form',
          at: '2026-01-01T00:00:00Z',
        },
        {
          kind: 'consentEntry',
          emailHash: emailHash('stranger@example.test'),
          event: 'signup',
          channel: 'form',
          at: '2026-01-01T00:00:00Z',
        },
        {
          kind: 'subscriber',
          email: 'reader@example.test',
          subscriptions: [
            { list: 'no-such-list', status: 'active', since: '2026-01-01T00:00:00Z' },
          ],
        },
        { kind: 'consentText', version: 'v1', wording: 'Yes.' },
        {
          kind: 'newsletterIssue',
          list: 'hq-weekly',
          number: 2,
          subject: 'S',
          coversUntil: '2026-01-01T00:00:00Z',
        },
        {
          kind: 'newsletterIssue',
          list: 'hq-weekly',
          number: 1,
          subject: 'S',
          coversUntil: '2026-01-01T00:00:00Z',
          publications: ['known', 'missing'],
        },
        { ...good, email: 'second-good@example.test' },
      ];
      const file = join(dir, 'bad.jsonl');
      await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);

      const report = await importFile(site, file);
      expect(
        report.rejected.map(({ line, kind, slug, field }) => ({ line, kind, slug, field })),
      ).toEqual([
        { line: 2, kind: 'user', slug: 'chief@example.test', field: 'role' },
        { line: 3, kind: 'user', slug: 'no-at-sign.example.test', field: 'email' },
        { line: 4, kind: 'user', slug: 'x@example.test', field: 'passwordHash' },
        { line: 5, kind: 'user', slug: 'costly@example.test', field: 'passwordHash' },
        { line: 6, kind: 'user', slug: 'lf@example.test', field: 'name' },
        { line: 7, kind: 'user', slug: 'p@example.test', field: 'person' },
        { line: 8, kind: 'revision', slug: 'no-such-piece/1', field: 'publication' },
        { line: 9, kind: 'revision', slug: 'known/2', field: 'number' },
        { line: 10, kind: 'revision', slug: 'known/1', field: 'user' },
        { line: 11, kind: 'revision', slug: 'known/1', field: 'record.status' },
        { line: 14, kind: 'revision', slug: 'known/3', field: 'pending' },
        { line: 15, kind: 'scheduledJob', slug: 'known/explode', field: 'action' },
        { line: 16, kind: 'auditEntry', slug: undefined, field: 'entityKey' },
        { line: 17, kind: 'auditEntry', slug: undefined, field: 'entityKey' },
        { line: 18, kind: 'consentEntry', slug: undefined, field: 'emailHash' },
        { line: 19, kind: 'consentEntry', slug: undefined, field: 'emailHash' },
        { line: 20, kind: 'subscriber', slug: undefined, field: 'subscriptions.0.list' },
        { line: 21, kind: 'consentText', slug: 'v1', field: 'version' },
        { line: 22, kind: 'newsletterIssue', slug: 'hq-weekly/2', field: 'number' },
        { line: 23, kind: 'newsletterIssue', slug: 'hq-weekly/1', field: 'publications.1' },
      ]);
      for (const rejected of report.rejected) expect(rejected.message).not.toBe('');
      // No subscriber's address in a report: the line says which record it is.
      expect(JSON.stringify(report.rejected)).not.toContain('reader@example.test');
      expect(report.imported).toMatchObject({ user: 2, revision: 2 });

      const db = site.database.db;
      const users = await db.selectFrom('users').select('email').orderBy('email').execute();
      expect(users.map((u) => u.email)).toEqual(['good@example.test', 'second-good@example.test']);
      const revisions = await db.selectFrom('publication_revisions').select('pending').execute();
      expect(revisions.map((r) => r.pending).sort()).toEqual([0, 1]);
      // A rejected subscriber leaves nothing, not even the reader without their lists.
      expect(await db.selectFrom('newsletter_subscribers').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('newsletter_issues').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    });
  });
}
