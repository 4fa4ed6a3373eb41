import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { verifyPassword } from '../../src/admin/accounts/passwords.ts';
import { createPublicationEditor } from '../../src/admin/content/publication-editor.ts';
import { createScheduler } from '../../src/admin/scheduler/scheduler.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, makePublication, seed } from '../helpers/factories.ts';
import { exportTo, importFile, type SiteCopy } from './site-copies.ts';

/*
 * Accounts through an export: password hashes only when asked (and then still
 * verifying), never a session, a sign-in failure or a reset link; a pending revision
 * still pending; a scheduled piece still published at its time by the copy's scheduler.
 */

const PASSWORD = 'staple battery horse correct';
const EMBARGO = '2026-07-01T09:00:00.000Z';

function servicesOf(database: Database, dataDir: string, now = '2026-06-01T12:00:00Z') {
  const clock = fixedClock(now);
  const config = loadConfig({ DOSSIER_DATA_DIR: dataDir });
  const accounts = createAccounts({ db: database.db, clock, mailer: () => createMailer(config) });
  const scheduler = createScheduler({ db: database.db, dialect: database.dialect, clock });
  return { clock, accounts, scheduler };
}

async function idOf(database: Database, slug: string): Promise<number> {
  const row = await database.db
    .selectFrom('publications')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

const client = { ip: '203.0.113.5', userAgent: 'Test/1' };

for (const dialect of testDialects()) {
  describe(`accounts, revisions and jobs through an export (${dialect.name})`, () => {
    let dir: string;
    let source: SiteCopy;
    const copies: SiteCopy[] = [];
    const freshCopy = async (name: string): Promise<SiteCopy> => {
      const copy = { database: await dialect.open(), uploadsDir: join(dir, `uploads-${name}`) };
      copies.push(copy);
      return copy;
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-account-export-'));
      source = { database: await dialect.open(), uploadsDir: join(dir, 'uploads-source') };
      await seed(source.database, source.uploadsDir, [
        ...baseWorld(),
        makePublication({ slug: 'live-piece', authors: ['bruno-bell'] }),
      ]);
      const { accounts, scheduler, clock } = servicesOf(source.database, join(dir, 'data'));
      const editor = await accounts.createUser({
        email: 'editor@example.test',
        name: 'Ed Itor',
        role: 'editor',
        password: PASSWORD,
      });
      // What an export must never carry: a session, a failed sign-in, a reset link.
      await accounts.signIn('editor@example.test', PASSWORD, client);
      await accounts
        .signIn('editor@example.test', 'not the password at all', client)
        .catch(() => undefined);
      await accounts.requestPasswordReset('editor@example.test', 'http://dossier.test', client);

      const editing = createPublicationEditor({
        db: source.database.db,
        clock,
        uploadsDir: source.uploadsDir,
        audit: accounts.audit,
        scheduler,
      });
      const live = await idOf(source.database, 'live-piece');
      const { record } = await editing.state(live, editor);
      await editing.save(live, editor, { ...record, title: 'The pending title' });
      await editing.create(editor, {
        ...record,
        slug: 'embargoed-piece',
        title: 'Under embargo',
        status: 'scheduled',
        publishedAt: EMBARGO,
      });
    });
    afterAll(async () => {
      for (const copy of [source, ...copies]) await copy?.database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    it('leaves password hashes, sessions, sign-in failures and reset links out by default', async () => {
      const stored = await source.database.db
        .selectFrom('users')
        .select('password_hash')
        .executeTakeFirstOrThrow();
      const secrets = await source.database.db
        .selectFrom('sessions')
        .select('id')
        .union(source.database.db.selectFrom('password_resets').select('token_hash as id'))
        .execute();
      expect(secrets).toHaveLength(2);

      const result = await exportTo(source, join(dir, 'plain'));
      const text = await readFile(result.file, 'utf8');
      expect(text).toContain('"kind":"user","email":"editor@example.test"');
      expect(text).not.toContain('passwordHash');
      expect(text).not.toContain(stored.password_hash.split('$')[5]);
      for (const { id } of secrets) expect(text).not.toContain(id);

      const copy = await freshCopy('plain');
      expect((await importFile(copy, result.file)).rejected).toEqual([]);
      for (const table of ['sessions', 'login_failures', 'password_resets'] as const) {
        const rows = await copy.database.db.selectFrom(table).selectAll().execute();
        expect(rows, table).toEqual([]);
      }
      // The account is there, but no password opens it until its owner resets it.
      const { accounts } = servicesOf(copy.database, join(dir, 'data-plain'));
      await expect(accounts.signIn('editor@example.test', PASSWORD, client)).rejects.toMatchObject({
        code: 'SIGN_IN_FAILED',
      });
      const user = await accounts.users.withHashByEmail('editor@example.test');
      expect(user?.user).toMatchObject({ role: 'editor', disabled: false });
      expect(user?.passwordHash).not.toBe(stored.password_hash);

      // "Forgot your password?" works for it, and then the new password does.
      await accounts.requestPasswordReset('editor@example.test', 'http://dossier.test', client);
      const outbox = join(dir, 'data-plain', 'outbox');
      const [message = ''] = await readdir(outbox);
      const token = /\/admin\/reset\/([A-Za-z0-9_-]{43})/.exec(
        await readFile(join(outbox, message), 'utf8'),
      )?.[1];
      await accounts.resetPassword(token ?? '', 'a brand new passphrase', client);
      const signedIn = await accounts.signIn(
        'editor@example.test',
        'a brand new passphrase',
        client,
      );
      expect(signedIn.user.email).toBe('editor@example.test');
    });

    it('carries hashes that still verify with --with-password-hashes, and keeps a password set since', async () => {
      const result = await exportTo(source, join(dir, 'hashes'), { withPasswordHashes: true });
      const user = await source.database.db
        .selectFrom('users')
        .select(['password_hash', 'password_changed_at'])
        .executeTakeFirstOrThrow();
      const line = (await readFile(result.file, 'utf8'))
        .split('\n')
        .find((l) => l.startsWith('{"kind":"user"'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({
        passwordHash: user.password_hash,
        passwordChangedAt: user.password_changed_at,
      });

      const copy = await freshCopy('hashes');
      expect((await importFile(copy, result.file)).rejected).toEqual([]);
      const { accounts } = servicesOf(copy.database, join(dir, 'data-hashes'));
      const signedIn = await accounts.signIn('editor@example.test', PASSWORD, client);
      expect(signedIn.user.email).toBe('editor@example.test');

      // An export without hashes, imported over the copy, leaves its password alone.
      const plain = await exportTo(source, join(dir, 'plain-again'));
      expect((await importFile(copy, plain.file)).rejected).toEqual([]);
      const kept = await accounts.users.withHashByEmail('editor@example.test');
      expect(await verifyPassword(PASSWORD, kept?.passwordHash ?? '')).toBe(true);
    });

    it('keeps a pending revision pending, and publishes the embargoed piece at its time', async () => {
      const result = await exportTo(source, join(dir, 'restore'));
      const copy = await freshCopy('restore');
      expect((await importFile(copy, result.file)).rejected).toEqual([]);

      const live = await copy.database.db
        .selectFrom('publications')
        .select(['id', 'title'])
        .where('slug', '=', 'live-piece')
        .executeTakeFirstOrThrow();
      expect(live.title).toBe('Title of live-piece');
      const revisions = await copy.database.db
        .selectFrom('publication_revisions')
        .select(['pending', 'record', 'user_email'])
        .where('publication_id', '=', live.id)
        .execute();
      expect(revisions).toHaveLength(1);
      expect(revisions[0]).toMatchObject({ pending: 1, user_email: 'editor@example.test' });
      expect(JSON.parse(revisions[0]?.record ?? '{}')).toMatchObject({
        title: 'The pending title',
      });

      const { scheduler, clock } = servicesOf(copy.database, join(dir, 'data-restore'));
      const piece = await idOf(copy.database, 'embargoed-piece');
      const statusOf = async () =>
        (
          await copy.database.db
            .selectFrom('publications')
            .select('status')
            .where('id', '=', piece)
            .executeTakeFirstOrThrow()
        ).status;
      clock.set('2026-07-01T08:59:59.999Z');
      expect(await scheduler.runDue()).toBe(0);
      expect(await statusOf()).toBe('scheduled');
      clock.set(EMBARGO);
      expect(await scheduler.runDue()).toBe(1);
      expect(await statusOf()).toBe('published');
    });
  });
}
