import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/schema.ts';
import { BadRequestError } from '../../errors.ts';
import { systemClock } from '../../lib/clock.ts';
import type { DigestModel } from '../../newsletter/digests/digest-content.ts';
import { createDigestService } from '../../newsletter/digests/digest-service.ts';
import { createIssueRepository, type Issue } from '../../newsletter/digests/issue-repository.ts';
import { personalize, renderDigest } from '../../newsletter/digests/render-digest.ts';
import { createNewsletterSender } from '../../newsletter/sending/newsletter-sender.ts';
import { createOutboxRepository } from '../../newsletter/sending/outbox-repository.ts';
import { linkOrigin } from '../../newsletter/sending/sender-identity.ts';
import { previewLinks, sendTestMessage } from '../../newsletter/sending/test-send.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';

export const NEWSLETTER_SENDING_USAGE = `  newsletter issue draft --list SLUG [--subject TEXT]
                        a draft of the list's next issue: the pieces published
                        into it since its last issue
  newsletter issue show ID
  newsletter issue add ID --publication SLUG [--position N]
  newsletter issue remove ID --publication SLUG
  newsletter issue move ID --publication SLUG --position N   (0 is first)
  newsletter issue intro ID --file FILE        the intro, Markdown
  newsletter issue subject ID --subject TEXT
  newsletter issue preview ID --out DIR        writes issue-ID.html and issue-ID.txt
  newsletter issue test ID --to ADDRESS        one proof message to ADDRESS
  newsletter issue schedule ID --at ISO-TIME   (--at none: back to draft)
  newsletter send [ID] [--workers N]           send issue ID now, or every due one;
                        resumes where an interrupted send stopped
  newsletter status [ID]                       issues and their messages by status`;

const OPTIONS = {
  list: { type: 'string' },
  subject: { type: 'string' },
  publication: { type: 'string' },
  position: { type: 'string' },
  file: { type: 'string' },
  out: { type: 'string' },
  to: { type: 'string' },
  at: { type: 'string' },
  workers: { type: 'string' },
} as const;

/**
 * `dossier newsletter issue|send|status …`: editors' digest work and the sending of
 * issues. Returns the exit code: 0 done, 1 something failed (said on stderr), 2 usage.
 */
export async function runNewsletterSendingCommand(
  sub: string,
  args: string[],
  config: Config,
  database: Database,
): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    out.error(
      `dossier newsletter ${sub}: ${(error as Error).message}\n\n${NEWSLETTER_SENDING_USAGE}`,
    );
    return 2;
  }
  const { values, positionals } = parsed;
  const { origin, warning } = linkOrigin(config);
  if (warning && sub !== 'status') out.error(`warning: ${warning}`);
  switch (sub) {
    case 'issue':
      return issueCommand(positionals, values, config, database, origin);
    case 'send':
      return sendCommand(positionals, values, config, database);
    case 'status':
      return statusCommand(positionals, database);
    default:
      out.error(`dossier newsletter: unknown command "${sub}"\n\n${NEWSLETTER_SENDING_USAGE}`);
      return 2;
  }
}

type Values = ReturnType<typeof parseOptions>['values'];

function parseOptions(args: string[]) {
  return parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
}

async function issueCommand(
  positionals: string[],
  values: Values,
  config: Config,
  database: Database,
  origin: string,
): Promise<number> {
  const [verb, idText] = positionals;
  const digests = createDigestService({ db: database.db, clock: systemClock, origin });
  if (verb === 'draft') {
    const issue = await digests.draft(required(values.list, '--list'), {
      subject: values.subject,
    });
    out.line(`Drafted issue ${issue.id} with ${issue.publicationIds.length} piece(s).`);
    return printIssue(await digests.preview(issue.id));
  }
  const id = wholeNumber(idText, 'ID');
  switch (verb) {
    case 'show':
      return printIssue(await digests.preview(id));
    case 'add':
      await digests.addPiece(
        id,
        required(values.publication, '--publication'),
        values.position === undefined ? undefined : wholeNumber(values.position, '--position'),
      );
      return printIssue(await digests.preview(id));
    case 'remove':
      await digests.removePiece(id, required(values.publication, '--publication'));
      return printIssue(await digests.preview(id));
    case 'move':
      await digests.movePiece(
        id,
        required(values.publication, '--publication'),
        wholeNumber(required(values.position, '--position'), '--position'),
      );
      return printIssue(await digests.preview(id));
    case 'intro': {
      const file = required(values.file, '--file');
      await digests.setIntro(id, await readFile(file, 'utf8'));
      out.line(`Issue ${id}: intro set from ${file}.`);
      return 0;
    }
    case 'subject':
      await digests.setSubject(id, required(values.subject, '--subject'));
      out.line(`Issue ${id}: subject set.`);
      return 0;
    case 'preview':
      return writePreview(await digests.preview(id), required(values.out, '--out'), origin);
    case 'test': {
      const model = await digests.preview(id);
      const response = await sendTestMessage(model, required(values.to, '--to'), {
        config,
        now: systemClock.now(),
      });
      out.line(`Issue ${id}: test message sent (${response}).`);
      return 0;
    }
    case 'schedule': {
      const at = required(values.at, '--at');
      const when = at === 'none' ? null : isoTime(at);
      const issue = await digests.schedule(id, when);
      out.line(
        issue.scheduledFor
          ? `Issue ${id} is scheduled for ${issue.scheduledFor}; \`dossier newsletter send\` sends it from then.`
          : `Issue ${id} is a draft again.`,
      );
      return 0;
    }
    default:
      out.error(
        `dossier newsletter issue: unknown verb "${verb ?? ''}"\n\n${NEWSLETTER_SENDING_USAGE}`,
      );
      return 2;
  }
}

async function sendCommand(
  positionals: string[],
  values: Values,
  config: Config,
  database: Database,
): Promise<number> {
  const [idText] = positionals;
  const issueId = idText === undefined ? undefined : wholeNumber(idText, 'ID');
  const workers = values.workers === undefined ? 1 : wholeNumber(values.workers, '--workers');
  if (issueId !== undefined) {
    const digests = createDigestService({ db: database.db, clock: systemClock, origin: '' });
    const issue = await digests.getIssue(issueId);
    if (issue.status === 'draft' || issue.status === 'scheduled')
      await digests.requireLivePieces(issue);
  }
  const sender = createNewsletterSender({ database, config, clock: systemClock });
  const reports = await sender.send({
    issueId,
    workers: Math.min(Math.max(workers, 1), 32),
    onProgress: (id, tally) => out.progress(`Issue ${id}: ${tally.sent} sent in this run…`),
  });
  out.endProgress();
  if (reports.length === 0) out.line('Nothing to send: no issue is queued or due.');
  let failed = false;
  for (const report of reports) {
    const { tally, counts } = report;
    out.line(
      `Issue ${report.issueId}: ${report.queued > 0 ? `queued ${report.queued}; ` : ''}this run sent ${tally.sent}, suppressed ${tally.suppressed}, bounced ${tally.bounced}, deferred ${tally.deferred}, failed ${tally.failed}. ` +
        `In all: ${counts.sent} sent, ${counts.queued + counts.sending} to go, ${counts.failed} failed, ${counts.suppressed} suppressed${report.finished ? ' — finished.' : '.'}`,
    );
    if (report.error) {
      failed = true;
      out.error(`Issue ${report.issueId}: stopped: ${report.error}`);
    }
  }
  return failed ? 1 : 0;
}

async function statusCommand(positionals: string[], database: Database): Promise<number> {
  const issues = createIssueRepository(database.db);
  const outbox = createOutboxRepository(database.db, database.dialect);
  const [idText] = positionals;
  const list: Issue[] =
    idText === undefined
      ? await issues.listByStatus(['draft', 'scheduled', 'sending', 'sent'])
      : [await issues.findIssue(wholeNumber(idText, 'ID'))].flatMap((i) => (i ? [i] : []));
  if (list.length === 0) {
    out.line(idText === undefined ? 'No newsletter issues yet.' : `There is no issue ${idText}.`);
    return idText === undefined ? 0 : 1;
  }
  for (const issue of list) {
    const c = await outbox.counts(issue.id);
    const when =
      issue.status === 'scheduled'
        ? ` for ${issue.scheduledFor}`
        : issue.status === 'sent'
          ? ` at ${issue.finishedAt}`
          : '';
    out.line(
      `Issue ${issue.id} (${issue.status}${when}): "${issue.subject}", ${issue.publicationIds.length} piece(s); messages: ${c.sent} sent, ${c.queued} queued, ${c.sending} sending, ${c.failed} failed, ${c.suppressed} suppressed`,
    );
    if (idText !== undefined && c.queued > 0) {
      const next = await outbox.nextRetryAt(issue.id);
      if (next) out.line(`  deferred messages are tried again from ${next}`);
    }
  }
  return 0;
}

function printIssue(model: DigestModel): number {
  const { issue } = model;
  out.line(`Issue ${issue.id} (${issue.status}) for ${model.list.name} [${model.list.slug}]`);
  out.line(`Subject: ${issue.subject}`);
  out.line(`Covers: ${issue.coversFrom ?? 'the beginning'} to ${issue.coversUntil}`);
  if (issue.scheduledFor) out.line(`Scheduled for: ${issue.scheduledFor}`);
  out.line(
    `Intro: ${issue.introMarkdown.trim() === '' ? '(none)' : `${issue.introMarkdown.length} characters`}`,
  );
  model.items.forEach((item, i) => {
    out.line(
      `  ${i}. ${item.slug} — ${item.title}${item.authors.length ? ` (${item.authors.join(', ')})` : ''}`,
    );
  });
  if (model.items.length === 0) out.line('  (no pieces)');
  if (model.droppedIds.length > 0)
    out.line(`  ${model.droppedIds.length} piece(s) no longer live are left out.`);
  return 0;
}

async function writePreview(model: DigestModel, dir: string, origin: string): Promise<number> {
  const digest = renderDigest(model);
  const { html, text } = personalize(digest, previewLinks(origin));
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const base = join(folder, `issue-${model.issue.id}`);
  await writeFile(`${base}.html`, html);
  await writeFile(`${base}.txt`, text);
  out.line(`Wrote ${base}.html and ${base}.txt`);
  return 0;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '')
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field: name,
      message: `${name} is required.`,
    });
  return value;
}

function wholeNumber(text: string | undefined, name: string): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < 0 || n > 2 ** 31)
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field: name,
      message: `${name} must be a whole number, not "${text ?? ''}".`,
    });
  return n;
}

function isoTime(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(at.getTime()))
    throw new BadRequestError({
      code: 'BAD_REQUEST',
      field: '--at',
      message: `--at must be a time such as 2026-12-07T08:00:00Z, not "${text}".`,
    });
  return at;
}
