import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailHash } from '../../src/newsletter/email-address.ts';
import { preferencesUrl, signById, unsubscribeUrl } from '../../src/newsletter/links.ts';
import { createSubscriptions } from '../../src/newsletter/subscriptions/subscriptions.ts';
import { testDialects } from '../helpers/dialects.ts';
import { FORM, type NewsletterSite, openNewsletterSite, pathOf } from './newsletter-site.ts';

/*
 * The two forms of a newsletter link: by link key and list slug (what every message
 * carries now), and by row ids (mailed before keys, honoured on the install that sent
 * them). Every link that does not work gets one neutral answer and changes nothing.
 */

const ORIGIN = 'http://dossier.test';
const ONE_CLICK = 'List-Unsubscribe=One-Click';

for (const dialect of testDialects()) {
  describe(`newsletter links by key and by id (${dialect.name})`, () => {
    let site: NewsletterSite;
    beforeAll(async () => {
      site = await openNewsletterSite(dialect, undefined);
      const subscriptions = createSubscriptions({
        database: site.database,
        config: site.config,
        clock: site.clock,
      });
      try {
        const csv = [
          'email,list,consented_at,consent_source',
          ...['reader', 'other', 'legacy', 'erased'].flatMap((name) =>
            ['hq-weekly', 'europe-weekly'].map(
              (list) => `${name}@example.org,${list},2026-05-01T00:00:00Z,paper form`,
            ),
          ),
        ].join('\n');
        expect((await subscriptions.importCsv('readers.csv', csv)).rejected).toEqual([]);
      } finally {
        subscriptions.close();
      }
    });
    afterAll(() => site?.close());

    const db = () => site.database.db;
    const subscriber = (name: string) =>
      db()
        .selectFrom('newsletter_subscribers')
        .select(['id', 'link_key as linkKey', 'link_secret as linkSecret'])
        .where('email_hash', '=', emailHash(`${name}@example.org`))
        .executeTakeFirstOrThrow();
    const listId = async (slug: string) =>
      (
        await db()
          .selectFrom('newsletter_lists')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow()
      ).id;
    /** Every subscription and ledger entry: what a refused link must leave as it was. */
    const state = async () => ({
      subscriptions: await db()
        .selectFrom('newsletter_subscriptions')
        .selectAll()
        .orderBy('subscriber_id')
        .orderBy('list_id')
        .execute(),
      ledger: await db()
        .selectFrom('newsletter_consent_ledger')
        .selectAll()
        .orderBy('id')
        .execute(),
    });
    const statusOf = async (name: string, list: string) =>
      (
        await db()
          .selectFrom('newsletter_subscriptions')
          .select('status')
          .where('subscriber_id', '=', (await subscriber(name)).id)
          .where('list_id', '=', await listId(list))
          .executeTakeFirstOrThrow()
      ).status;
    const get = (url: string) => site.app.inject({ url });
    const oneClick = (url: string) =>
      site.app.inject({ method: 'POST', url, headers: FORM, payload: ONE_CLICK });

    it('names the subscriber by key and the list by slug, signed over both', async () => {
      const reader = await subscriber('reader');
      const link = new URL(unsubscribeUrl(ORIGIN, reader, 'hq-weekly'));
      expect([...link.searchParams.keys()]).toEqual(['k', 'list', 't']);
      expect(link.searchParams.get('k')).toBe(reader.linkKey);
      expect(reader.linkKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const prefs = new URL(preferencesUrl(ORIGIN, reader));
      expect([...prefs.searchParams.keys()]).toEqual(['k', 't']);
      const page = await get(pathOf(prefs.href));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('reader@example.org');
      // The page's form posts the same link back.
      expect(page.body).toContain(`name="k" value="${reader.linkKey}"`);
    });

    it('gives every broken link the same neutral 404 page and changes nothing', async () => {
      const reader = await subscriber('reader');
      const other = await subscriber('other');
      const good = new URL(unsubscribeUrl(ORIGIN, reader, 'hq-weekly'));
      const token = good.searchParams.get('t') ?? '';
      const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      const query = (fields: Record<string, string>) =>
        `/newsletters/unsubscribe?${new URLSearchParams(fields)}`;
      const broken = {
        'a tampered token': query({ k: reader.linkKey, list: 'hq-weekly', t: tampered }),
        "another subscriber's key with this token": query({
          k: other.linkKey,
          list: 'hq-weekly',
          t: token,
        }),
        'another list with this token': query({
          k: reader.linkKey,
          list: 'europe-weekly',
          t: token,
        }),
        'an unknown list, even signed': pathOf(unsubscribeUrl(ORIGIN, reader, 'no-such-list')),
        'an over-long key': query({ k: 'A'.repeat(65), list: 'hq-weekly', t: token }),
        'a key with a character outside base64url': query({
          k: `${reader.linkKey.slice(1)}.`,
          list: 'hq-weekly',
          t: token,
        }),
        'a key with an id-form list': query({ k: reader.linkKey, l: '1', t: token }),
        'an id-form link with a key-form token': query({
          s: String(reader.id),
          l: String(await listId('hq-weekly')),
          t: token,
        }),
        'no token': query({ k: reader.linkKey, list: 'hq-weekly' }),
      };
      const before = await state();
      const neutral = await get(
        `/newsletters/unsubscribe?${new URLSearchParams({ k: reader.linkKey, list: 'hq-weekly', t: tampered })}`,
      );
      expect(neutral.statusCode).toBe(404);
      expect(neutral.body).toContain('This newsletter link is not valid');
      for (const [what, url] of Object.entries(broken)) {
        for (const res of [await get(url), await oneClick(url)]) {
          expect(res.statusCode, what).toBe(404);
          expect(res.body, what).toBe(neutral.body);
        }
        const prefsUrl = url.replace('/unsubscribe?', '/preferences?');
        expect((await get(prefsUrl)).statusCode, what).toBe(404);
      }
      expect(await state()).toEqual(before);
      // The untouched link still works: only the broken ones were refused.
      expect((await get(pathOf(good.href))).statusCode).toBe(200);
    });

    it('refuses a preferences form posted with a broken link, changing nothing', async () => {
      const reader = await subscriber('reader');
      const other = await subscriber('other');
      const prefs = new URL(preferencesUrl(ORIGIN, reader));
      const before = await state();
      for (const fields of [
        { k: other.linkKey, t: prefs.searchParams.get('t') ?? '' },
        { k: 'x'.repeat(200), t: prefs.searchParams.get('t') ?? '' },
        { k: reader.linkKey, t: 'AAAAAAAAAAAAAAAAAAAAAA' },
      ]) {
        const res = await site.app.inject({
          method: 'POST',
          url: '/newsletters/preferences',
          headers: FORM,
          payload: new URLSearchParams({ ...fields, consent: '2026-12-06-1' }).toString(),
        });
        expect(res.statusCode).toBe(404);
      }
      expect(await state()).toEqual(before);
    });

    it('still honours an id-form link this install mailed before link keys', async () => {
      const legacy = await subscriber('legacy');
      const hq = await listId('hq-weekly');
      const t = signById(legacy.linkSecret, 'unsubscribe', legacy.id, hq);
      const url = `/newsletters/unsubscribe?s=${legacy.id}&l=${hq}&t=${t}`;
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      // The page's button posts the link it came with; its preferences link is of the key form.
      expect(page.body).toContain(`action="${url.replaceAll('&', '&amp;')}"`);
      expect(page.body).toContain(`preferences?k=${legacy.linkKey}`);
      expect(await statusOf('legacy', 'hq-weekly')).toBe('active');

      const res = await site.app.inject({
        method: 'POST',
        url,
        headers: FORM,
        payload: `${ONE_CLICK}&from=page`,
      });
      expect(res.statusCode).toBe(200);
      expect(await statusOf('legacy', 'hq-weekly')).toBe('unsubscribed');
      expect(await statusOf('legacy', 'europe-weekly')).toBe('active');
      const last = await db()
        .selectFrom('newsletter_consent_ledger')
        .select(['event', 'channel', 'list_id', 'subscriber_id'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toEqual({
        event: 'unsubscribe',
        channel: 'unsubscribe-page',
        list_id: hq,
        subscriber_id: legacy.id,
      });

      const prefs = signById(legacy.linkSecret, 'preferences', legacy.id, 0);
      const prefsPage = await get(`/newsletters/preferences?s=${legacy.id}&t=${prefs}`);
      expect(prefsPage.statusCode).toBe(200);
      expect(prefsPage.body).toContain('legacy@example.org');
      // An id-form token does not open another subscriber's page.
      const reader = await subscriber('reader');
      expect((await get(`/newsletters/preferences?s=${reader.id}&t=${prefs}`)).statusCode).toBe(
        404,
      );
    });

    it('voids every link of an erased reader, of both forms', async () => {
      const erased = await subscriber('erased');
      const hq = await listId('hq-weekly');
      const links = [
        pathOf(unsubscribeUrl(ORIGIN, erased, 'hq-weekly')),
        pathOf(preferencesUrl(ORIGIN, erased)),
        `/newsletters/unsubscribe?s=${erased.id}&l=${hq}&t=${signById(erased.linkSecret, 'unsubscribe', erased.id, hq)}`,
      ];
      for (const url of links) expect((await get(url)).statusCode).toBe(200);
      const subscriptions = createSubscriptions({
        database: site.database,
        config: site.config,
        clock: site.clock,
      });
      try {
        await subscriptions.records.erase('erased@example.org', 'cli');
      } finally {
        subscriptions.close();
      }
      const before = await state();
      for (const url of links) {
        expect((await get(url)).statusCode, url).toBe(404);
        if (url.includes('/unsubscribe')) expect((await oneClick(url)).statusCode, url).toBe(404);
      }
      expect(await state()).toEqual(before);
    });
  });
}
