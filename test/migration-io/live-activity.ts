import { createAccounts } from '../../src/admin/accounts/accounts.ts';
import { createPublicationEditor } from '../../src/admin/content/publication-editor.ts';
import { createScheduler } from '../../src/admin/scheduler/scheduler.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createMailer } from '../../src/email/mailer.ts';
import { publicationRecord } from '../../src/import/records.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { CURRENT_CONSENT } from '../../src/newsletter/consent-wording.ts';
import { createDigestService } from '../../src/newsletter/digests/digest-service.ts';
import { createSubscriptions } from '../../src/newsletter/subscriptions/subscriptions.ts';
import { makePublication } from '../helpers/factories.ts';
import type { SiteCopy } from './site-copies.ts';

/*
 * What the app's own services write, on top of the rich world's records: an account with
 * a real scrypt hash that signs in (a session and audit entries), a pending revision of a
 * live piece and a piece scheduled through the editor (its revision and its job), a
 * take-down, a sign-up still awaiting confirmation (with its token), subscribers from CSV,
 * an erasure, and an issue drafted from what went live. An export must carry all of it
 * that it claims to carry, exactly as the app wrote it.
 */

export const LIVE_EDITOR = { email: 'live.editor@example.test', password: 'correct horse battery' };

/** Adds the activity to `site`; `dataDir` receives the messages it sends (as .eml files). */
export async function addLiveActivity(site: SiteCopy, dataDir: string): Promise<void> {
  const clock = fixedClock('2026-06-01T12:00:00Z');
  const { db, dialect } = site.database;
  const config = loadConfig({ DOSSIER_DATA_DIR: dataDir });
  const accounts = createAccounts({ db, clock, mailer: () => createMailer(config) });
  const bruno = await db
    .selectFrom('people')
    .select('id')
    .where('slug', '=', 'bruno-bell')
    .executeTakeFirstOrThrow();
  const editor = await accounts.createUser({
    email: 'Live.Editor@Example.test',
    name: 'Live Editor',
    role: 'editor',
    password: LIVE_EDITOR.password,
    personId: bruno.id,
  });
  await accounts.signIn(LIVE_EDITOR.email, LIVE_EDITOR.password, {
    ip: '203.0.113.7',
    userAgent: 'Test/1',
  });

  const scheduler = createScheduler({ db, dialect, clock });
  const editing = createPublicationEditor({
    db,
    clock,
    uploadsDir: site.uploadsDir,
    audit: accounts.audit,
    scheduler,
  });
  const idOf = async (slug: string) =>
    (
      await db
        .selectFrom('publications')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).id;
  const live = await idOf('feature-2');
  const { record } = await editing.state(live, editor);
  await editing.save(live, editor, { ...record, title: 'Feature two, rewritten' });
  await editing.create(
    editor,
    publicationRecord.parse(
      makePublication({
        slug: 'live-scheduled',
        authors: ['bruno-bell'],
        status: 'scheduled',
        publishedAt: '2027-01-01T09:00:00Z',
      }),
    ),
  );
  await editing.scheduleUnpublish(await idOf('feature-3'), editor, '2028-01-01T00:00:00.000Z');

  const subscriptions = createSubscriptions({ database: site.database, config, clock });
  try {
    const list = await subscriptions.lists.findBySlug('hq-weekly');
    if (!list) throw new Error('the rich world has the hq-weekly list');
    await subscriptions.signups.signUp({
      email: 'pending.reader@example.test',
      list,
      consentVersion: CURRENT_CONSENT.version,
      form: 'site-signup',
      page: '/',
      siteUrl: 'http://dossier.test',
      evidence: { ip: '203.0.113.9', userAgent: 'Agent/1' },
    });
    const csv = [
      'email,list,consented_at,consent_source',
      'imported@example.test,hq-weekly,2025-05-05T05:05:05Z,paper form',
      'erased.later@example.test,europe-hebdo,2025-05-05T05:05:05Z,old CRM',
    ].join('\n');
    const imported = await subscriptions.importCsv('readers.csv', csv);
    if (imported.rejected.length > 0) throw new Error(JSON.stringify(imported.rejected));
    await subscriptions.records.erase('erased.later@example.test', 'cli');
  } finally {
    subscriptions.close();
  }
  await createDigestService({ db, clock, origin: 'http://dossier.test' }).draft('hq-weekly');
}
