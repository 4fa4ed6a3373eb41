import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld } from '../helpers/factories.ts';
import { checkHtml, formatHtmlProblems, withHtmlProblems } from '../helpers/html-checker.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, accountsOf, csrfOf, PASSWORD } from './admin-helpers.ts';

/*
 * Disabling and enabling accounts from the Users page: the account's sessions end at
 * once, sign-in answers as for a wrong password, reset links stop working, and the site
 * always keeps an enabled administrator. Through the real server, with a cookie jar.
 */

const HOSTILE_NAME = '<img src=x onerror=alert(1)> Mallory';

for (const dialect of testDialects()) {
  describe(`${dialect.name}: disabling accounts`, () => {
    let site: TestSite;
    let accounts: ReturnType<typeof createAccounts>;
    const browser = () => new AdminBrowser(() => site.app);
    const idOf = async (email: string) =>
      (await accounts.users.withHashByEmail(email))?.user.id ?? -1;
    const signedIn = async (email: string) => {
      const who = browser();
      expect((await who.signIn(email, PASSWORD)).statusCode, email).toBe(303);
      return who;
    };
    /** Presses the Disable or Enable button of an account on the Users page. */
    const press = async (who: AdminBrowser, change: 'disable' | 'enable', email: string) =>
      who.submit('/admin/users', `/admin/users/${await idOf(email)}/${change}`, {});
    const auditOf = (action: string) =>
      site.database.db
        .selectFrom('audit_log')
        .select(['user_email', 'entity_id', 'detail'])
        .where('action', '=', action)
        .orderBy('id')
        .execute();

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(baseWorld());
      accounts = accountsOf(site);
      for (const [email, role, name] of [
        ['admin@example.org', 'administrator', 'Ada Admin'],
        ['second@example.org', 'administrator', 'Sam Second'],
        ['editor@example.org', 'editor', 'Ed Editor'],
        ['mallory@example.org', 'author', HOSTILE_NAME],
      ] as const)
        await accounts.createUser({ email, name, role, password: PASSWORD });
    });
    beforeEach(() => site.clock.set('2026-06-01T12:00:00Z'));
    afterAll(() => site?.close());

    it('ends every session of a disabled account at once and keeps it out', async () => {
      const laptop = await signedIn('editor@example.org');
      const phone = await signedIn('editor@example.org');
      const outbox = join(site.dataDir, 'outbox');
      await rm(outbox, { recursive: true, force: true });
      // A reset link asked for before the account is disabled must not let it back in.
      await accounts.requestPasswordReset('editor@example.org', 'http://dossier.test', {
        ip: '192.0.2.1',
        userAgent: 'test',
      });
      const [mailFile] = await readdir(outbox);
      const mail = await readFile(join(outbox, mailFile as string), 'utf8');
      const resetPath = /\/admin\/reset\/[A-Za-z0-9_-]{43}/.exec(mail)?.[0] as string;
      expect(resetPath).toBeDefined();

      const admin = await signedIn('admin@example.org');
      const disabled = await press(admin, 'disable', 'editor@example.org');
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(disabled.body).toContain('editor@example.org is disabled; 2 sessions ended.');
      expect(disabled.body).toMatch(/Disabled<form[^>]+\/enable"/);

      expect((await laptop.get('/admin')).statusCode).toBe(303);
      expect((await phone.get('/admin/publications')).statusCode).toBe(303);
      const sessions = await site.database.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', await idOf('editor@example.org'))
        .execute();
      expect(sessions).toEqual([]);
      expect((await browser().get(resetPath)).statusCode).toBe(404);

      // Sign-in answers exactly as for a wrong password: the form tells nothing.
      const wrong = await browser().signIn('editor@example.org', 'not the password at all');
      const right = await browser().signIn('editor@example.org', PASSWORD);
      expect(right.statusCode).toBe(401);
      expect(right.body).toBe(wrong.body.replace(csrfOf(wrong.body), csrfOf(right.body)));
      // The log tells the administrators why.
      const failures = await auditOf('session.sign-in-failed');
      expect(failures.map((f) => JSON.parse(f.detail))).toContainEqual({
        reason: 'account disabled',
      });
      const [entry] = await auditOf('user.disable');
      expect(entry).toMatchObject({
        user_email: 'admin@example.org',
        entity_id: String(await idOf('editor@example.org')),
      });
      expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({ sessionsEnded: 2 });
    });

    it('enables the account again: its password works, no old session returns', async () => {
      const admin = await signedIn('admin@example.org');
      const enabled = await press(admin, 'enable', 'editor@example.org');
      expect(enabled.statusCode).toBe(200);
      expect(enabled.body).toContain('editor@example.org is enabled');
      expect((await browser().signIn('editor@example.org', PASSWORD)).statusCode).toBe(303);
      expect(await auditOf('user.enable')).toHaveLength(1);
    });

    it('never lets an administrator disable themselves or the last administrator', async () => {
      const admin = await signedIn('admin@example.org');
      const self = await press(admin, 'disable', 'admin@example.org');
      expect(self.statusCode).toBe(403);
      expect((await admin.get('/admin')).statusCode).toBe(200);
      // The page offers no button for one's own account.
      const page = await admin.get('/admin/users');
      expect(page.body).not.toContain(`/admin/users/${await idOf('admin@example.org')}/disable`);
      expect(page.body).toContain(`/admin/users/${await idOf('second@example.org')}/disable`);

      // Two administrators disabling each other at once: never both.
      const second = await signedIn('second@example.org');
      const [first, other] = await Promise.all([
        press(admin, 'disable', 'second@example.org'),
        press(second, 'disable', 'admin@example.org'),
      ]);
      expect([first.statusCode, other.statusCode]).toContain(200);
      const admins = (await accounts.users.list()).filter(
        (u) => u.role === 'administrator' && !u.disabled,
      );
      expect(admins).toHaveLength(1);
      const survivor = admins[0]?.email as string;
      const survivorUser = (await accounts.users.withHashByEmail(survivor))?.user;
      const loser = survivor === 'admin@example.org' ? 'second@example.org' : 'admin@example.org';

      // Even for a caller holding a stale copy of the other administrator's account.
      const staleLoser = {
        ...(await accounts.users.withHashByEmail(loser))?.user,
        disabled: false,
      };
      await expect(
        accounts.status.disable(
          survivorUser?.id ?? -1,
          staleLoser as NonNullable<typeof survivorUser>,
          { ip: '192.0.2.1' },
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expect((await accounts.users.byId(survivorUser?.id ?? -1))?.disabled).toBe(false);

      // Put things back for the next test.
      await accounts.status.enable(
        await idOf(loser),
        survivorUser as NonNullable<typeof survivorUser>,
        {
          ip: '192.0.2.1',
        },
      );
    });

    it('keeps disabling to administrators, behind the form token', async () => {
      const target = await idOf('mallory@example.org');
      const editor = await signedIn('editor@example.org');
      const dashboard = await editor.get('/admin');
      const refused = await editor.post(`/admin/users/${target}/disable`, {
        _csrf: csrfOf(dashboard.body),
      });
      expect(refused.statusCode).toBe(403);

      const admin = await signedIn('admin@example.org');
      const forged = await admin.post(`/admin/users/${target}/disable`, { _csrf: 'forged' });
      expect(forged.statusCode).toBe(403);
      const stranger = await browser().post(`/admin/users/${target}/disable`, { _csrf: 'x' });
      expect(stranger.statusCode).toBe(401);
      for (const id of ['999999', 'abc', '1%20or%201=1'])
        expect(
          (await admin.submit('/admin/users', `/admin/users/${id}/disable`, {})).statusCode,
          id,
        ).toBe(404);
      expect((await accounts.users.byId(target))?.disabled).toBe(false);
      expect((await browser().signIn('mallory@example.org', PASSWORD)).statusCode).toBe(303);
    });

    it('names hostile accounts escaped on the Users page', async () => {
      const admin = await signedIn('admin@example.org');
      const response = await press(admin, 'disable', 'mallory@example.org');
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('<img src=x');
      expect(response.body).toContain('&lt;img src=x onerror=alert(1)> Mallory');
      expect((await accounts.users.byId(await idOf('mallory@example.org')))?.disabled).toBe(true);
      const problems = await checkHtml([{ name: 'users page', html: response.body }]);
      expect(withHtmlProblems(problems), formatHtmlProblems(problems)).toEqual({});
    });
  });
}
