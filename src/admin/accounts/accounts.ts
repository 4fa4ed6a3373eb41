import type { Kysely } from 'kysely';
import type { Mailer } from '../../email/mailer.ts';
import {
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { checkEmailAddress } from '../../newsletter/email-address.ts';
import type { Tables, UserRole } from '../../storage/tables.ts';
import { createAccountStatus } from './account-status.ts';
import { createAuditLog } from './audit-log.ts';
import { createLoginThrottle, type ThrottleKey } from './login-throttle.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { createSessionStore } from './session-store.ts';
import { newToken, tokenHash } from './tokens.ts';
import { createUserStore, ROLES, type User } from './user-store.ts';

/*
 * Accounts for the admin: creating them, signing in and out, and resetting a forgotten
 * password by email. Every answer a stranger can see is the same whether or not an
 * address has an account.
 */

const RESET_LIFETIME_MS = 3600_000;
/** One reset message per account per five minutes: the form cannot flood an inbox. */
const RESET_SPACING_MS = 5 * 60_000;

export interface Client {
  ip: string;
  userAgent: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
  personId?: number | null;
}

export interface AccountsDeps {
  db: Kysely<Tables>;
  clock: Clock;
  /** Sends reset links; made on first use, so a site that never resets opens no SMTP. */
  mailer: () => Mailer;
}

export function createAccounts({ db, clock, mailer }: AccountsDeps) {
  const users = createUserStore(db);
  const sessions = createSessionStore(db, users);
  const throttle = createLoginThrottle(db);
  const audit = createAuditLog(db);
  const now = () => clock.now();

  async function createUser(input: NewUser, actor?: User, client?: Client): Promise<User> {
    const email = accountEmail(input.email);
    const name = input.name.trim();
    if (name === '' || name.length > 200 || hasControlCharacter(name))
      throw new ValidationError({
        code: 'BAD_REQUEST',
        field: 'name',
        message: 'The name must be 1 to 200 characters, without line breaks.',
      });
    if (!ROLES.includes(input.role as UserRole))
      throw new ValidationError({
        code: 'BAD_REQUEST',
        field: 'role',
        message: `The role must be one of ${ROLES.join(', ')}.`,
      });
    assertPassword(input.password, email);
    if (await users.withHashByEmail(email))
      throw new ConflictError({
        code: 'ACCOUNT_EXISTS',
        field: 'email',
        message: `An account for ${email} already exists.`,
      });
    const at = now().toISOString();
    const user = await users.insert({
      email,
      name,
      role: input.role as UserRole,
      personId: input.personId ?? null,
      passwordHash: await hashPassword(input.password),
      now: at,
    });
    await audit.record({
      at,
      userId: actor?.id ?? null,
      userEmail: actor?.email ?? '(command line)',
      action: 'user.create',
      entity: 'user',
      entityId: String(user.id),
      detail: { email, role: user.role },
      ip: client?.ip ?? '',
    });
    return user;
  }

  return {
    users,
    sessions,
    audit,
    createUser,
    /** Disabling and enabling accounts (see account-status.ts). */
    status: createAccountStatus({ db, clock, users, audit }),

    /**
     * Signs in: a new session (a fresh token, whatever cookie came with the request, so a
     * planted session id is never promoted). Throws SIGN_IN_LOCKED while throttled and
     * SIGN_IN_FAILED for a wrong address or password, without saying which.
     */
    async signIn(emailInput: string, password: string, client: Client) {
      const at = now();
      const checked = checkEmailAddress(emailInput);
      const email = checked.ok
        ? checked.address.toLowerCase()
        : String(emailInput).slice(0, 254).toLowerCase();
      const keys: ThrottleKey[] = [
        { kind: 'account', value: email },
        { kind: 'ip', value: client.ip },
      ];
      const wait = await throttle.waitSeconds(keys, at);
      if (wait > 0)
        throw new TooManyRequestsError({
          code: 'SIGN_IN_LOCKED',
          message: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`,
          retryAfter: wait,
        });
      const found = checked.ok ? await users.withHashByEmail(email) : undefined;
      // An unknown address costs the same hashing as a known one: timing tells nothing.
      const matches = await verifyPassword(
        password.slice(0, 1024),
        found?.passwordHash ?? (await decoyHash()),
      );
      if (!found || !matches || found.user.disabled) {
        await throttle.recordFailure(keys, at);
        await audit.record({
          at: at.toISOString(),
          userId: found?.user.id ?? null,
          userEmail: email,
          action: 'session.sign-in-failed',
          // For the administrators reading the log; the form says only "do not match".
          ...(found && matches ? { detail: { reason: 'account disabled' } } : {}),
          ip: client.ip,
        });
        throw new UnauthorizedError({
          code: 'SIGN_IN_FAILED',
          message: 'That email address and password do not match an account.',
        });
      }
      await throttle.clear({ kind: 'account', value: email });
      const session = await sessions.open(found.user.id, at, client);
      await audit.record({
        at: at.toISOString(),
        userId: found.user.id,
        userEmail: found.user.email,
        action: 'session.sign-in',
        ip: client.ip,
      });
      return { ...session, user: found.user };
    },

    async signOut(token: string, user: User, client: Client) {
      await sessions.close(token);
      await audit.record({
        at: now().toISOString(),
        userId: user.id,
        userEmail: user.email,
        action: 'session.sign-out',
        ip: client.ip,
      });
    },

    async signOutEverywhere(user: User, client: Client): Promise<number> {
      const closed = await sessions.closeAll(user.id);
      await audit.record({
        at: now().toISOString(),
        userId: user.id,
        userEmail: user.email,
        action: 'session.sign-out-everywhere',
        detail: { sessions: closed },
        ip: client.ip,
      });
      return closed;
    },

    /**
     * Emails a single-use link valid for an hour, if the address has an account; answers
     * the same either way.
     */
    async requestPasswordReset(emailInput: string, origin: string, client: Client) {
      const checked = checkEmailAddress(emailInput);
      if (!checked.ok) return;
      const found = await users.withHashByEmail(checked.address.toLowerCase());
      if (!found || found.user.disabled) return;
      const at = now();
      const recent = await db
        .selectFrom('password_resets')
        .select('created_at')
        .where('user_id', '=', found.user.id)
        .where('created_at', '>', new Date(at.getTime() - RESET_SPACING_MS).toISOString())
        .executeTakeFirst();
      if (recent) return;
      const token = newToken();
      await db
        .insertInto('password_resets')
        .values({
          token_hash: tokenHash(token),
          user_id: found.user.id,
          created_at: at.toISOString(),
          expires_at: new Date(at.getTime() + RESET_LIFETIME_MS).toISOString(),
          used_at: null,
        })
        .execute();
      const link = `${origin}/admin/reset/${token}`;
      await mailer().send({
        to: found.user.email,
        subject: 'Reset your Dossier password',
        text: [
          `Hello ${found.user.name},`,
          '',
          'Someone (we hope you) asked to reset the password of your Dossier account.',
          'Follow this link within an hour to choose a new one:',
          '',
          link,
          '',
          'The link works once. If you did not ask for it, ignore this message: your',
          'password stays as it is.',
        ].join('\n'),
      });
      await audit.record({
        at: at.toISOString(),
        userId: found.user.id,
        userEmail: found.user.email,
        action: 'password.reset-requested',
        ip: client.ip,
      });
    },

    /** Whether a reset link still works (for showing its form; changes nothing). */
    async resetLinkWorks(token: string): Promise<boolean> {
      return (await openReset(token)) !== undefined;
    },

    /** Sets the new password, spends the link, and ends every session of the account. */
    async resetPassword(token: string, password: string, client: Client): Promise<User> {
      const reset = await openReset(token);
      if (!reset) throw resetLinkInvalid();
      const user = await users.byId(reset.user_id);
      if (!user) throw resetLinkInvalid();
      assertPassword(password, user.email);
      const at = now().toISOString();
      const hash = await hashPassword(password);
      const spent = await db.transaction().execute(async (trx) => {
        const used = await trx
          .updateTable('password_resets')
          .set({ used_at: at })
          .where('token_hash', '=', reset.token_hash)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) return false;
        await trx
          .updateTable('users')
          .set({ password_hash: hash, password_changed_at: at, updated_at: at })
          .where('id', '=', user.id)
          .execute();
        await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
        return true;
      });
      // Two tabs sending the same link: the second finds it spent.
      if (!spent) throw resetLinkInvalid();
      await audit.record({
        at,
        userId: user.id,
        userEmail: user.email,
        action: 'password.reset',
        ip: client.ip,
      });
      return user;
    },
  };

  async function openReset(token: string) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const row = await db
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!row || row.used_at !== null || Date.parse(row.expires_at) <= now().getTime())
      return undefined;
    return row;
  }
}

export type Accounts = ReturnType<typeof createAccounts>;

/** Account addresses are kept lower-cased: one account per mailbox, however typed. */
export function accountEmail(input: string): string {
  const checked = checkEmailAddress(input);
  if (!checked.ok)
    throw new ValidationError({
      code: 'EMAIL_INVALID',
      field: 'email',
      message: `The email address ${checked.reason}.`,
    });
  return checked.address.toLowerCase();
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029)
      return true;
  }
  return false;
}

function assertPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem)
    throw new ValidationError({
      code: 'PASSWORD_WEAK',
      field: 'password',
      message: `The password ${problem}.`,
    });
}

function resetLinkInvalid() {
  return new NotFoundError({
    code: 'RESET_LINK_INVALID',
    message: 'This password-reset link is not valid: it may be used or over an hour old.',
    hint: 'Ask for a new one from the sign-in page.',
  });
}
