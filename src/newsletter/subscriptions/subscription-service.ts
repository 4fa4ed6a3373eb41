import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/schema.ts';
import type { MailAddress, Mailer } from '../../email/mailer.ts';
import { BadRequestError, ServiceUnavailableError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import { type ConsentWording, findConsentWording } from '../consent-wording.ts';
import { checkEmailAddress } from '../email-address.ts';
import { preferencesUrl } from '../links.ts';
import type { ListRepository, NewsletterList } from '../list-repository.ts';
import { type ReaderEvidence, storedIp, storedUserAgent } from './reader-evidence.ts';
import { createWindowLimit, MAILS_PER_ADDRESS, type WindowLimit } from './signup-limits.ts';
import { alreadySubscribedMessage, confirmationMessage } from './signup-messages.tsx';
import {
  appendLedger,
  ensureConsentText,
  ensureSubscriber,
  findSubscriberById,
  findSubscription,
  findSuppression,
  findToken,
  insertToken,
  setSubscription,
  useToken,
} from './subscriber-store.ts';

export interface SubscriptionDeps {
  db: Kysely<Tables>;
  lists: ListRepository;
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'newsletter' | 'email'>;
  /** One message per address and list per few minutes; tests pass their own. */
  mailLimit?: WindowLimit;
  log?: { error(details: object, message: string): void };
}

export interface SignUpInput {
  /** As typed: checked here. */
  email: unknown;
  list: NewsletterList;
  /** The consent wording version the form showed; undefined if it showed none of ours. */
  consentVersion: string | undefined;
  /** Which form (`site-signup`, `newsletters-page`) on which page (its path). */
  form: string;
  page: string | undefined;
  /** Absolute base of the site the form was on (origin plus any center prefix). */
  siteUrl: string;
  evidence: ReaderEvidence;
}

/** What the confirmation page shows before the reader presses its button. */
export interface PendingConfirmation {
  list: NewsletterList;
}

export type ConfirmResult = { confirmed: true; list: NewsletterList } | { confirmed: false };

export interface SubscriptionService {
  /**
   * Double opt-in, step one. Whatever the address's state the caller learns nothing:
   * it returns the same (nothing) for a new address, a pending or active subscriber and
   * a suppressed address. A new or pending one is mailed a single-use confirmation link,
   * an active one a note saying nothing changed (with their preferences link); a bounced
   * or complained-about address is mailed nothing.
   */
  signUp(input: SignUpInput): Promise<void>;
  /** Read-only: the list a confirmation token would confirm, if it still can. */
  findConfirmation(token: string): Promise<PendingConfirmation | undefined>;
  /**
   * Double opt-in, step two: uses the token and activates the subscription. The ledger
   * records the consent wording the confirmation page showed (`consentVersion`).
   */
  confirm(token: string, evidence: ReaderEvidence, consentVersion?: string): Promise<ConfirmResult>;
}

export function createSubscriptionService(deps: SubscriptionDeps): SubscriptionService {
  const { db, clock, config } = deps;
  const mailLimit =
    deps.mailLimit ?? createWindowLimit(MAILS_PER_ADDRESS.max, MAILS_PER_ADDRESS.windowMs);
  const ipOf = (evidence: ReaderEvidence) => storedIp(evidence.ip, config.newsletter.ipStorage);

  async function usableToken(token: string) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const row = await findToken(db, tokenHash(token));
    if (!row || row.used_at !== null || row.list_id === null) return undefined;
    if (row.expires_at <= clock.now().toISOString()) return undefined;
    return { ...row, list_id: row.list_id };
  }

  /** Stores the sign-up (ledger, pending subscription, token), then sends its message. */
  async function record(
    input: SignUpInput,
    checked: { address: string; hash: string },
    wording: ConsentWording | undefined,
    now: Date,
  ): Promise<void> {
    const { list } = input;
    const at = now.toISOString();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      now.getTime() + config.newsletter.confirmationHours * 3_600_000,
    ).toISOString();
    const { subscriber, alreadyActive } = await db.transaction().execute(async (trx) => {
      if (wording) await ensureConsentText(trx, wording, at);
      const subscriber = await ensureSubscriber(trx, checked, at);
      const current = await findSubscription(trx, subscriber.id, list.id);
      const alreadyActive = current?.status === 'active';
      await appendLedger(trx, {
        subscriber_id: subscriber.id,
        email_hash: subscriber.emailHash,
        list_id: list.id,
        event: 'signup',
        channel: 'form',
        at,
        ip: ipOf(input.evidence),
        user_agent: storedUserAgent(input.evidence.userAgent),
        form: input.form,
        page: input.page ?? null,
        consent_version: wording?.version ?? null,
        detail: alreadyActive ? JSON.stringify({ alreadyActive: true }) : null,
      });
      if (!alreadyActive) {
        await setSubscription(trx, subscriber.id, list.id, 'pending', at);
        await insertToken(trx, {
          hash: tokenHash(token),
          subscriberId: subscriber.id,
          listId: list.id,
          at,
          expiresAt,
        });
      }
      return { subscriber, alreadyActive };
    });

    const content = alreadyActive
      ? alreadySubscribedMessage(list, preferencesUrl(input.siteUrl, subscriber))
      : confirmationMessage(
          list,
          `${input.siteUrl}/newsletters/confirm?t=${token}`,
          config.newsletter.confirmationHours,
        );
    try {
      await deps.mailer.send({ ...content, to: subscriber.email, from: listSender(list) });
    } catch (error) {
      deps.log?.error({ err: error, listId: list.id }, 'could not send a sign-up message');
      throw new ServiceUnavailableError({
        code: 'EMAIL_UNAVAILABLE',
        message:
          'We could not send the confirmation email just now. Please try again in a few minutes.',
        cause: error,
      });
    }
  }

  return {
    async signUp(input) {
      const checked = checkEmailAddress(input.email);
      if (!checked.ok)
        throw new BadRequestError({
          code: 'EMAIL_INVALID',
          field: 'email',
          message: `The email address ${checked.reason}.`,
          hint: 'Check the address and send the form again.',
        });
      const wording = knownWording(input.consentVersion);
      if (wording === null)
        throw new BadRequestError({
          code: 'BAD_REQUEST',
          field: 'consent',
          message: 'The form is out of date. Reload the page and sign up again.',
        });
      const { list } = input;
      const suppression = await findSuppression(db, checked.hash);
      // An erased reader may come back through the form (the confirmation proves it is
      // them); a bounced or complained-about address is never mailed again.
      if (suppression && suppression.reason !== 'erased') return;
      const now = clock.now();
      const limitKey = `${checked.hash}:${list.id}`;
      // Taken before the work, so two sign-ups at once cannot both send.
      if (!mailLimit.take(limitKey, now.getTime())) return;

      try {
        await record(input, checked, wording, now);
      } catch (error) {
        // Uncounted, so a sign-up that failed can be tried again at once.
        mailLimit.release(limitKey, now.getTime());
        throw error;
      }
    },

    async findConfirmation(token) {
      const row = await usableToken(token);
      if (!row) return undefined;
      const list = await deps.lists.findById(row.list_id);
      return list && { list };
    },

    async confirm(token, evidence, consentVersion) {
      const wording = knownWording(consentVersion);
      const row = await usableToken(token);
      const list = row && (await deps.lists.findById(row.list_id));
      if (!row || !list) return { confirmed: false };
      const at = clock.now().toISOString();
      const confirmed = await db.transaction().execute(async (trx) => {
        if (!(await useToken(trx, row.token_hash, at))) return false;
        if (wording) await ensureConsentText(trx, wording, at);
        const subscriber = await findSubscriberById(trx, row.subscriber_id);
        if (!subscriber) return false;
        await setSubscription(trx, subscriber.id, list.id, 'active', at);
        await appendLedger(trx, {
          subscriber_id: subscriber.id,
          email_hash: subscriber.emailHash,
          list_id: list.id,
          event: 'confirm',
          channel: 'confirmation-link',
          at,
          ip: ipOf(evidence),
          user_agent: storedUserAgent(evidence.userAgent),
          form: null,
          page: null,
          consent_version: wording?.version ?? null,
          detail: null,
        });
        // Confirmed by the address's owner: an earlier erasure no longer stops sending.
        await trx
          .deleteFrom('newsletter_suppressions')
          .where('email_hash', '=', subscriber.emailHash)
          .where('reason', '=', 'erased')
          .execute();
        return true;
      });
      return confirmed ? { confirmed: true, list } : { confirmed: false };
    },
  };
}

/** undefined when none was given, null when the one given is not ours (a forged form). */
function knownWording(version: string | undefined) {
  if (version === undefined) return undefined;
  return findConsentWording(version) ?? null;
}

/** Only the token's hash is stored: a copy of the database cannot confirm anyone. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The list's own sender when it has a usable one, else the site's `email.from`. */
function listSender(list: NewsletterList): MailAddress | undefined {
  const checked = checkEmailAddress(list.senderEmail);
  if (!checked.ok) return undefined;
  return { name: list.senderName || list.centerName, address: checked.address };
}
