import type { Kysely } from 'kysely';
import type { Config } from '../../config/schema.ts';
import { BadRequestError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import { findConsentWording } from '../consent-wording.ts';
import {
  invalidLink,
  isSignedFor,
  type LinkPurpose,
  type PreferencesLink,
  preferencesUrl,
  type UnsubscribeLink,
} from '../links.ts';
import type { ListRepository, NewsletterList } from '../list-repository.ts';
import { type ReaderEvidence, storedIp, storedUserAgent } from './reader-evidence.ts';
import {
  appendLedger,
  ensureConsentText,
  findSubscriberById,
  findSubscriberByKey,
  findSubscription,
  type SubscriberRow,
  type SubscriptionStatus,
  setSubscription,
  subscriptionsOf,
} from './subscriber-store.ts';

export interface PreferenceDeps {
  db: Kysely<Tables>;
  lists: ListRepository;
  clock: Clock;
  config: Pick<Config, 'newsletter'>;
}

export interface Preferences {
  email: string;
  /** Every list of the network, with this subscriber's status on it (null: never). */
  lists: Array<{ list: NewsletterList; status: SubscriptionStatus | null }>;
}

/** How an unsubscribe arrived: RFC 8058's POST from a mail client, or our page's button. */
export type UnsubscribeChannel = 'one-click' | 'unsubscribe-page';

export interface PreferenceService {
  /**
   * Every method throws NEWSLETTER_LINK_INVALID (404), and changes nothing, unless the
   * link is signed for the subscriber it names (and its list exists).
   */
  preferences(link: PreferencesLink): Promise<Preferences>;
  /**
   * Makes the subscriber's active lists exactly `listIds`: a list ticked anew is active at
   * once (the signed link proves the mailbox is theirs), one unticked is unsubscribed;
   * each change is a ledger entry. A list still awaiting its confirmation stays so
   * unless it is ticked.
   */
  change(
    link: PreferencesLink,
    listIds: number[],
    consentVersion: string,
    evidence: ReaderEvidence,
  ): Promise<Preferences>;
  /** Read-only: the list an unsubscribe link is for, and the preferences link. */
  findUnsubscribe(
    link: UnsubscribeLink,
    siteUrl: string,
  ): Promise<{ list: NewsletterList; preferencesUrl: string }>;
  /** Unsubscribes from that one list (the others stay); saying it twice is harmless. */
  unsubscribe(
    link: UnsubscribeLink,
    channel: UnsubscribeChannel,
    evidence: ReaderEvidence,
  ): Promise<{ list: NewsletterList; preferencesUrl: (siteUrl: string) => string }>;
}

export function createPreferenceService(deps: PreferenceDeps): PreferenceService {
  const { db, clock, config } = deps;
  const evidenceOf = (evidence: ReaderEvidence) => ({
    ip: storedIp(evidence.ip, config.newsletter.ipStorage),
    user_agent: storedUserAgent(evidence.userAgent),
  });

  async function subscriberOf(link: PreferencesLink | UnsubscribeLink, purpose: LinkPurpose) {
    const subscriber =
      link.form === 'key'
        ? await findSubscriberByKey(db, link.key)
        : await findSubscriberById(db, link.subscriberId);
    if (!subscriber || !isSignedFor(subscriber, link, purpose)) throw invalidLink();
    return subscriber;
  }

  async function preferencesOf(subscriber: SubscriberRow): Promise<Preferences> {
    const [lists, rows] = await Promise.all([
      deps.lists.listAll(),
      subscriptionsOf(db, subscriber.id),
    ]);
    const statusOf = new Map(rows.map((r) => [r.list_id, r.status]));
    return {
      email: subscriber.email,
      lists: lists.map((list) => ({ list, status: statusOf.get(list.id) ?? null })),
    };
  }

  async function listOf(link: UnsubscribeLink): Promise<NewsletterList> {
    const list =
      link.form === 'key'
        ? await deps.lists.findBySlug(link.listSlug)
        : await deps.lists.findById(link.listId);
    if (!list) throw invalidLink();
    return list;
  }

  return {
    async preferences(link) {
      return preferencesOf(await subscriberOf(link, 'preferences'));
    },

    async change(link, listIds, consentVersion, evidence) {
      const subscriber = await subscriberOf(link, 'preferences');
      const before = await preferencesOf(subscriber);
      const wanted = new Set(listIds);
      const known = new Set(before.lists.map((l) => l.list.id));
      if (listIds.some((id) => !known.has(id)))
        throw new BadRequestError({
          code: 'BAD_REQUEST',
          field: 'list',
          message: 'One of the chosen newsletters does not exist. Reload the page and try again.',
        });
      const wording = findConsentWording(consentVersion);
      if (!wording)
        throw new BadRequestError({
          code: 'BAD_REQUEST',
          field: 'consent',
          message: 'The form is out of date. Reload the page and choose again.',
        });
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await ensureConsentText(trx, wording, at);
        for (const { list, status } of before.lists) {
          const isWanted = wanted.has(list.id);
          if (isWanted === (status === 'active')) continue;
          await setSubscription(
            trx,
            subscriber.id,
            list.id,
            isWanted ? 'active' : 'unsubscribed',
            at,
          );
          await appendLedger(trx, {
            subscriber_id: subscriber.id,
            email_hash: subscriber.emailHash,
            list_id: list.id,
            event: isWanted ? 'subscribe' : 'unsubscribe',
            channel: 'preferences',
            at,
            ...evidenceOf(evidence),
            form: 'preferences',
            page: '/newsletters/preferences',
            consent_version: isWanted ? wording.version : null,
            detail: null,
          });
        }
      });
      return preferencesOf(subscriber);
    },

    async findUnsubscribe(link, siteUrl) {
      const subscriber = await subscriberOf(link, 'unsubscribe');
      const list = await listOf(link);
      // Always of the key form, even when reached through an id-form link.
      return { list, preferencesUrl: preferencesUrl(siteUrl, subscriber) };
    },

    async unsubscribe(link, channel, evidence) {
      const subscriber = await subscriberOf(link, 'unsubscribe');
      const list = await listOf(link);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const current = await findSubscription(trx, subscriber.id, list.id);
        if (!current || current.status === 'unsubscribed') return;
        await setSubscription(trx, subscriber.id, list.id, 'unsubscribed', at);
        await appendLedger(trx, {
          subscriber_id: subscriber.id,
          email_hash: subscriber.emailHash,
          list_id: list.id,
          event: 'unsubscribe',
          channel,
          at,
          ...evidenceOf(evidence),
          form: null,
          page: null,
          consent_version: null,
          detail: null,
        });
      });
      return {
        list,
        preferencesUrl: (siteUrl) => preferencesUrl(siteUrl, subscriber),
      };
    },
  };
}
