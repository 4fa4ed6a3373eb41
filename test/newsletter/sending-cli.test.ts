import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { runDossier } from '../helpers/dossier-cli.ts';
import { addSubscribers, LIST, openSendingWorld, type SendingWorld } from './sending-world.ts';
import { type CountingSink, startCountingSink } from './smtp-counting-sink.ts';

for (const dialect of testDialects()) {
  describe(`dossier newsletter issue|send|status (${dialect.name})`, () => {
    let world: SendingWorld;
    let sink: CountingSink;
    let env: Record<string, string>;
    beforeAll(async () => {
      world = await openSendingWorld(dialect);
      sink = await startCountingSink({ keepMessages: true });
      const { config } = world.database;
      env = {
        DOSSIER_DATA_DIR: world.dataDir,
        ...(config.url
          ? { DATABASE_URL: config.url }
          : { DOSSIER_DATABASE_SQLITE_PATH: config.sqlitePath }),
        DOSSIER_EMAIL_SMTP_URL: sink.url,
        DOSSIER_SERVER_PUBLIC_URL: 'https://think.example',
      };
    });
    afterAll(async () => {
      await sink.close();
      await world.close();
    });
    const dossier = (...args: string[]) => runDossier(['newsletter', ...args], world.dataDir, env);

    it('drafts, edits, previews, tests, sends and reports an issue', {
      timeout: 90_000,
    }, async () => {
      await addSubscribers(world.database, world.listId, 3, 'cli');
      const draft = await dossier('issue', 'draft', '--list', LIST, '--subject', 'CLI issue');
      expect(draft.code).toBe(0);
      const id = /Drafted issue (\d+) with 3 piece/.exec(draft.stdout)?.[1] ?? '';
      expect(id).not.toBe('');
      expect(draft.stdout).toMatch(/0\. trade-note .*\n.*1\. grid-paper .*\n.*2\. older-brief/);

      const moved = await dossier(
        'issue',
        'move',
        id,
        '--publication',
        'older-brief',
        '--position',
        '0',
      );
      expect(moved.stdout).toMatch(/0\. older-brief .*\n.*1\. trade-note/);
      const removed = await dossier('issue', 'remove', id, '--publication', 'trade-note');
      expect(removed.stdout).not.toContain('trade-note');
      await writeFile(join(world.dataDir, 'intro.md'), 'Hello **readers**.');
      expect(
        (await dossier('issue', 'intro', id, '--file', join(world.dataDir, 'intro.md'))).code,
      ).toBe(0);

      const preview = await dossier(
        'issue',
        'preview',
        id,
        '--out',
        join(world.dataDir, 'preview'),
      );
      expect(preview.code).toBe(0);
      const html = await readFile(join(world.dataDir, 'preview', `issue-${id}.html`), 'utf8');
      const text = await readFile(join(world.dataDir, 'preview', `issue-${id}.txt`), 'utf8');
      expect(html).toContain('<strong>readers</strong>');
      expect(html.indexOf('older-brief')).toBeLessThan(html.indexOf('grid-paper'));
      expect(text).toContain('https://think.example/research/grid-paper');
      expect(text).not.toContain('trade-note');

      const test = await dossier('issue', 'test', id, '--to', 'editor@think.example');
      expect(test.code).toBe(0);
      expect(sink.counts.get('editor@think.example')).toBe(1);
      const proof = await simpleParser(sink.messages[0]?.raw ?? Buffer.alloc(0));
      expect(proof.subject).toBe('[Test] CLI issue');
      expect((await dossier('issue', 'test', id, '--to', 'not an address')).code).toBe(1);

      const schedule = await dossier('issue', 'schedule', id, '--at', '2020-01-01T08:00:00Z');
      expect(schedule.stdout).toContain('scheduled for 2020-01-01T08:00:00.000Z');
      // Due already: a plain `send` (what cron runs) sends it.
      const send = await dossier('send');
      expect(send.code).toBe(0);
      expect(send.stdout).toContain(`Issue ${id}: queued 3; this run sent 3`);
      expect(send.stdout).toContain('finished');
      expect(sink.accepted()).toBe(4);

      const status = await dossier('status', id);
      expect(status.stdout).toMatch(new RegExp(`Issue ${id} \\(sent at .*3 sent, 0 queued`));
      const locked = await dossier('issue', 'intro', id, '--file', join(world.dataDir, 'intro.md'));
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain('cannot change');
    });

    it('explains bad usage', async () => {
      const unknown = await dossier('issue', 'frobnicate', '1');
      expect(unknown.code).toBe(2);
      const badOption = await dossier('send', '--speed', 'fast');
      expect(badOption.code).toBe(2);
      const missing = await dossier('issue', 'add', '1');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('--publication is required');
    });
  });
}
