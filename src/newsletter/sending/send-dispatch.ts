import { type ChildProcess, spawn } from 'node:child_process';
import type { Clock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { createIssueRepository } from '../digests/issue-repository.ts';

/*
 * What makes a scheduled issue go out on a site nobody set cron up for: each server looks
 * for due issues every so often and, when there are some, runs `dossier newsletter send`
 * as a child process — in a process of its own, so a send to 100,000 readers never slows
 * a page down. Several servers may each start one; the outbox still sends every message
 * once (docs/newsletter-sending.md).
 */

export interface DispatchDeps {
  database: Database;
  clock: Clock;
  log: { info(msg: string): void; error(obj: object, msg: string): void };
  everyMs: number;
  /** The command that sends: `node bin/dossier.js newsletter send` by default. */
  command?: string[];
  /** Its environment (the server's own by default: the same database and settings). */
  env?: NodeJS.ProcessEnv;
}

export function startNewsletterDispatch(deps: DispatchDeps): () => Promise<void> {
  const issues = createIssueRepository(deps.database.db);
  const command = deps.command ?? [
    process.execPath,
    process.argv[1] ?? 'bin/dossier.js',
    'newsletter',
    'send',
  ];
  let child: ChildProcess | undefined;
  let stopped = false;

  const tick = async () => {
    if (stopped || child) return;
    const due = await issues.listDue(deps.clock.now());
    if (due.length === 0 || stopped) return;
    deps.log.info(`sending ${due.length} newsletter issue(s) that are due`);
    const [program, ...args] = command;
    child = spawn(program as string, args, {
      env: deps.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => deps.log.info(`newsletter send: ${String(chunk).trim()}`));
    child.stderr?.on('data', (chunk) =>
      deps.log.error({ output: String(chunk).trim() }, 'newsletter send reported a problem'),
    );
    child.on('close', () => {
      child = undefined;
    });
  };

  const timer = setInterval(() => {
    tick().catch((err) => deps.log.error({ err }, 'could not look for newsletter issues to send'));
  }, deps.everyMs);
  timer.unref();

  return async () => {
    stopped = true;
    clearInterval(timer);
    // A send in progress is left to finish: it resumes where it stopped if killed anyway.
    if (child) await new Promise((resolve) => child?.once('close', resolve));
  };
}
