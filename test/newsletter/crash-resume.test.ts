import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestService } from '../../src/newsletter/digests/digest-service.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { DOSSIER_BIN } from '../helpers/dossier-cli.ts';
import {
  addSubscribers,
  LIST,
  openSendingWorld,
  type SendingWorld,
  testClock,
} from './sending-world.ts';
import { type CountingSink, startCountingSink } from './smtp-counting-sink.ts';

/*
 * The exactly-once promise under the worst crash: `dossier newsletter send` (the real
 * command, a child process) is SIGKILLed in the middle of a send to 5,000 subscribers and
 * started again. A real SMTP server in this process counts what it accepted per
 * recipient; every subscriber must end up with exactly one copy.
 */
const SUBSCRIBERS = 5_000;

for (const dialect of testDialects()) {
  describe(`a send killed mid-way and restarted (${dialect.name})`, () => {
    let world: SendingWorld;
    let addresses: string[];
    beforeAll(async () => {
      world = await openSendingWorld(dialect);
      addresses = await addSubscribers(world.database, world.listId, SUBSCRIBERS, 'crash');
    });
    afterAll(() => world.close());

    /** The command's environment: this world's database, the sink, no rate limit to speak of. */
    function env(sink: CountingSink): Record<string, string> {
      const { config } = world.database;
      return {
        PATH: process.env.PATH ?? '',
        DOSSIER_DATA_DIR: world.dataDir,
        ...(config.url
          ? { DATABASE_URL: config.url }
          : { DOSSIER_DATABASE_SQLITE_PATH: config.sqlitePath }),
        DOSSIER_EMAIL_SMTP_URL: sink.url,
        DOSSIER_SERVER_PUBLIC_URL: 'https://think.example',
        DOSSIER_NEWSLETTER_SEND_RATE: '100000',
      };
    }

    function dossier(args: string[], sink: CountingSink): ChildProcess {
      return spawn(process.execPath, [DOSSIER_BIN, ...args], {
        env: env(sink),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    }

    async function finished(
      child: ChildProcess,
    ): Promise<{ code: number | null; signal: string | null; output: string }> {
      let output = '';
      child.stdout?.on('data', (d) => (output += d));
      child.stderr?.on('data', (d) => (output += d));
      const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
      return { code, signal, output };
    }

    async function newIssue(database: Database): Promise<number> {
      const digests = createDigestService({
        db: database.db,
        clock: testClock(),
        origin: 'https://think.example',
      });
      const issue = await digests.draft(LIST);
      if (issue.publicationIds.length === 0) await digests.addPiece(issue.id, 'grid-paper');
      return issue.id;
    }

    async function expectExactlyOnce(sink: CountingSink, issueId: number): Promise<void> {
      const twice = [...sink.counts].filter(([, n]) => n !== 1);
      expect(twice).toEqual([]);
      const missing = addresses.filter((a) => !sink.counts.has(a));
      // On failure, say how the missing messages' rows ended up.
      const rowsOfMissing =
        missing.length === 0
          ? []
          : await world.database.db
              .selectFrom('newsletter_outbox')
              .innerJoin(
                'newsletter_subscribers',
                'newsletter_subscribers.id',
                'newsletter_outbox.subscriber_id',
              )
              .select(['email', 'status', 'sent_at', 'attempts', 'last_error'])
              .where('email', 'in', missing)
              .where('issue_id', '=', issueId)
              .execute();
      expect(missing, JSON.stringify(rowsOfMissing)).toEqual([]);
      expect(sink.accepted()).toBe(SUBSCRIBERS);
      const rows = await world.database.db
        .selectFrom('newsletter_outbox')
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .where('issue_id', '=', issueId)
        .groupBy('status')
        .execute();
      expect(rows.map((r) => ({ status: r.status, n: Number(r.n) }))).toEqual([
        { status: 'sent', n: SUBSCRIBERS },
      ]);
      const issue = await world.database.db
        .selectFrom('newsletter_issues')
        .select('status')
        .where('id', '=', issueId)
        .executeTakeFirstOrThrow();
      expect(issue.status).toBe('sent');
    }

    it('killed once the server has counted 1,500 messages, then restarted: one copy each', {
      timeout: 90_000,
    }, async () => {
      const issueId = await newIssue(world.database);
      let child: ChildProcess | undefined;
      const sink = await startCountingSink({
        onAccepted: (total) => {
          if (total === 1_500) child?.kill('SIGKILL');
        },
      });
      try {
        child = dossier(['newsletter', 'send', String(issueId), '--workers', '3'], sink);
        const killed = await finished(child);
        expect(killed.signal, killed.output).toBe('SIGKILL');
        const atKill = sink.accepted();
        expect(atKill).toBeGreaterThanOrEqual(1_500);
        expect(atKill).toBeLessThan(SUBSCRIBERS);

        const resumed = await finished(dossier(['newsletter', 'send', '--workers', '3'], sink));
        expect(resumed.output).toContain(`Issue ${issueId}:`);
        expect(resumed.code).toBe(0);
        await expectExactlyOnce(sink, issueId);
      } finally {
        await sink.close();
      }
    });

    it('killed at a random moment, then resumed by two processes at once: one copy each', {
      timeout: 90_000,
    }, async () => {
      const issueId = await newIssue(world.database);
      const sink = await startCountingSink();
      try {
        const child = dossier(['newsletter', 'send', String(issueId), '--workers', '2'], sink);
        const exited = finished(child);
        // Somewhere between the first messages and the end of the send.
        const started = Date.now();
        while (sink.accepted() === 0 && child.exitCode === null && Date.now() - started < 20_000)
          await sleep(5);
        await sleep(50 + Math.floor(Math.random() * 800));
        child.kill('SIGKILL');
        const killed = await exited;
        expect(killed.signal, killed.output).toBe('SIGKILL');
        expect(sink.accepted()).toBeLessThan(SUBSCRIBERS);

        const resumed = await Promise.all([
          finished(dossier(['newsletter', 'send', '--workers', '2'], sink)),
          finished(dossier(['newsletter', 'send', String(issueId), '--workers', '2'], sink)),
        ]);
        expect(resumed.map((r) => r.code)).toEqual([0, 0]);
        await expectExactlyOnce(sink, issueId);
      } finally {
        await sink.close();
      }
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
