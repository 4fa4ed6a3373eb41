import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import { createSubscriptions } from '../../newsletter/subscriptions/subscriptions.ts';
import type { Database } from '../../storage/database.ts';
import { out } from '../output.ts';
import { NEWSLETTER_SENDING_USAGE, runNewsletterSendingCommand } from './newsletter-sending.ts';

const USAGE = `Usage: dossier newsletter <subcommand>

  lists                         every list: slug, center, language, cadence, sender, counts
  subscribers [--list SLUG] [--status pending|active|unsubscribed]
                                subscriptions, one per line (address, list, status, since)
  export --email ADDRESS [--out FILE]
                                everything held about one address, with its consent ledger (JSON)
  erase --email ADDRESS         delete one address's data; keep a hashed tombstone and suppress it
  import CSV [--list SLUG]      subscribe the rows of a CSV file that carry consent evidence

Issues and sending (docs/newsletter-sending.md):
${NEWSLETTER_SENDING_USAGE}`;

const STATUSES = ['pending', 'active', 'unsubscribed'] as const;

interface Options {
  list?: string | undefined;
  status?: string | undefined;
  email?: string | undefined;
  out?: string | undefined;
  help?: boolean | undefined;
}

/** `dossier newsletter …`: parses its own options, which differ per subcommand. */
export async function newsletterCommand(
  config: Config,
  database: Database,
  args: string[],
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'issue' || sub === 'send' || sub === 'status')
    return runNewsletterSendingCommand(sub, rest, config, database);
  let values: Options;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        list: { type: 'string' },
        status: { type: 'string' },
        email: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    out.error(`dossier newsletter: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out.line(USAGE);
    return 0;
  }
  const subscriptions = createSubscriptions({ database, config, clock: systemClock });
  try {
    switch (sub) {
      case 'lists':
        return await lists(subscriptions);
      case 'subscribers':
        return await subscribers(subscriptions, values);
      case 'export':
        return await exportOne(subscriptions, values);
      case 'erase':
        return await erase(subscriptions, values);
      case 'import':
        return await importCsv(subscriptions, positionals, values);
      default:
        out.error(
          `dossier newsletter: ${sub === undefined ? 'name a subcommand' : `unknown subcommand "${sub}"`}\n\n${USAGE}`,
        );
        return 2;
    }
  } finally {
    subscriptions.close();
  }
}

type Subs = ReturnType<typeof createSubscriptions>;

async function lists(subs: Subs): Promise<number> {
  const all = await subs.lists.listAll();
  const counts = await subs.records.list({});
  out.line(['slug', 'center', 'language', 'cadence', 'sender', 'active', 'pending'].join('\t'));
  for (const list of all) {
    const mine = counts.filter((c) => c.list === list.slug);
    const sender = list.senderEmail ? `${list.senderName} <${list.senderEmail}>` : '(site default)';
    out.line(
      [
        list.slug,
        list.centerSlug,
        list.language,
        list.cadence,
        sender,
        mine.filter((c) => c.status === 'active').length,
        mine.filter((c) => c.status === 'pending').length,
      ].join('\t'),
    );
  }
  return 0;
}

async function subscribers(subs: Subs, values: Options) {
  const status = values.status;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    out.error(`dossier newsletter subscribers: --status must be one of ${STATUSES.join(', ')}`);
    return 2;
  }
  if (values.list !== undefined && !(await subs.lists.findBySlug(values.list))) {
    out.error(
      `dossier newsletter subscribers: no list "${values.list}" (see dossier newsletter lists)`,
    );
    return 1;
  }
  const rows = await subs.records.list({
    ...(values.list === undefined ? {} : { list: values.list }),
    ...(status === undefined ? {} : { status: status as (typeof STATUSES)[number] }),
  });
  for (const r of rows) out.line([r.email, r.list, r.status, r.since].join('\t'));
  out.error(`${rows.length} subscription(s)`);
  return 0;
}

async function exportOne(subs: Subs, values: Options) {
  if (values.email === undefined) {
    out.error('dossier newsletter export: name the address, e.g. --email reader@example.org');
    return 2;
  }
  const record = await subs.records.exportOne(values.email);
  const json = `${JSON.stringify(record, null, 2)}\n`;
  if (values.out) await writeFile(values.out, json, { flag: 'wx' });
  else process.stdout.write(json);
  if (!record.subscriber && record.consentLedger.length === 0)
    out.error('dossier newsletter export: nothing is held about that address');
  return 0;
}

async function erase(subs: Subs, values: Options) {
  if (values.email === undefined) {
    out.error('dossier newsletter erase: name the address, e.g. --email reader@example.org');
    return 2;
  }
  const { hadSubscriber } = await subs.records.erase(values.email, 'cli');
  out.line(
    hadSubscriber
      ? 'Erased: the subscriber, their subscriptions and ledger entries are deleted; a hashed tombstone keeps the address from being imported again.'
      : 'No subscriber had that address; its hash is now suppressed, so an import cannot add it.',
  );
  return 0;
}

async function importCsv(subs: Subs, files: string[], values: Options): Promise<number> {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) {
    out.error(
      'dossier newsletter import: name one CSV file, e.g. dossier newsletter import readers.csv --list hq-weekly',
    );
    return 2;
  }
  if (values.list !== undefined && !(await subs.lists.findBySlug(values.list))) {
    out.error(`dossier newsletter import: no list "${values.list}" (see dossier newsletter lists)`);
    return 1;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    out.error(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing was imported`,
    );
    return 1;
  }
  const result = await subs.importCsv(file, text, values.list);
  for (const r of result.rejected) out.error(`${r.file}:${r.line}: field ${r.field}: ${r.message}`);
  out.line(`${file}: imported ${result.imported}; rejected ${result.rejected.length}`);
  return result.rejected.length > 0 ? 1 : 0;
}
