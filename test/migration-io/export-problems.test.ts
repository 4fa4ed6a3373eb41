import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/export/export-site.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, seed } from '../helpers/factories.ts';
import { importFile, type SiteCopy } from './site-copies.ts';

/*
 * Accounts and readers hold what the app wrote over years, not only what an import
 * wrote: an export lists each value it cannot carry exactly (and exits 1 on the command
 * line), yet writes a file the import takes whole.
 */

for (const dialect of testDialects()) {
  describe(`what an export cannot carry exactly (${dialect.name})`, () => {
    let dir: string;
    let site: SiteCopy;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-export-problems-'));
      site = { database: await dialect.open(), uploadsDir: join(dir, 'uploads') };
      await seed(site.database, site.uploadsDir, baseWorld());
      const db = site.database.db;
      const at = '2026-01-01T00:00:00.000Z';
      // Written behind the app's back, as an old version or a hand edit might have.
      await db
        .insertInto('users')
        .values({
          email: 'legacy@example.test',
          name: 'Legacy',
          role: 'editor',
          person_id: null,
          password_hash: 'bcrypt$2b$10$abcdefghijklmnopqrstuv',
          password_changed_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db
        .insertInto('audit_log')
        .values({
          at,
          action: 'old.thing',
          detail: '{ "spaced": true }',
          entity: 'publication',
          entity_id: '999999',
        })
        .execute();
      const list = await db
        .selectFrom('newsletter_lists')
        .select('id')
        .where('slug', '=', 'hq-weekly')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('newsletter_issues')
        .values({
          list_id: list.id,
          status: 'sending',
          subject: 'Half sent',
          covers_from: null,
          covers_until: at,
          scheduled_for: null,
          queued_at: at,
          finished_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    });
    afterAll(async () => {
      await site?.database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    it('names each record and field, and writes a file the import takes', async () => {
      const result = await exportSite(
        { db: site.database.db, uploadsDir: site.uploadsDir },
        { outDir: join(dir, 'out'), withPasswordHashes: true },
      );
      expect(result.problems.map(({ record, field }) => ({ record, field }))).toEqual([
        { record: 'user legacy@example.test', field: 'passwordHash' },
        { record: 'newsletterIssue hq-weekly/1', field: 'status' },
        { record: `auditEntry 2026-01-01T00:00:00.000Z old.thing`, field: 'entityId' },
        { record: `auditEntry 2026-01-01T00:00:00.000Z old.thing`, field: 'detail' },
      ]);

      const copy = { database: await dialect.open(), uploadsDir: join(dir, 'uploads-copy') };
      try {
        expect((await importFile(copy, result.file)).rejected).toEqual([]);
        const user = await copy.database.db
          .selectFrom('users')
          .select(['email', 'password_hash'])
          .executeTakeFirstOrThrow();
        expect(user.email).toBe('legacy@example.test');
        expect(user.password_hash).toMatch(/^scrypt\$/);
      } finally {
        await copy.database.destroy();
      }
    });
  });
}
