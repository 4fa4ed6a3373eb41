import { isIP } from 'node:net';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import { checkEmailAddress } from '../email-address.ts';
import type { ListRepository, NewsletterList } from '../list-repository.ts';
import { storedIp, storedUserAgent } from './reader-evidence.ts';
import {
  appendLedger,
  ensureSubscriber,
  findSubscriberByHash,
  findSubscription,
  findSuppression,
  hasTombstone,
  setSubscription,
} from './subscriber-store.ts';

/*
 * Subscribers brought from another system. Consent cannot be imported on trust: a row
 * must say when the person consented and how (`consented_at`, `consent_source`), and it
 * becomes an `import` entry in the ledger naming the file and line. Rows without that
 * evidence, erased or bounced addresses, and people who unsubscribed after the consent
 * the row shows are refused, each with its file, line and field; the rest go in one
 * transaction. Imported subscriptions are active: the evidence is the consent.
 */

export interface CsvRejection {
  file: string;
  line: number;
  field: string;
  message: string;
}

export interface CsvImportResult {
  imported: number;
  rejected: CsvRejection[];
}

const REQUIRED = ['email', 'consented_at', 'consent_source'] as const;
const KNOWN = new Set([...REQUIRED, 'list', 'ip', 'user_agent', 'consent_version']);

interface GoodRow {
  line: number;
  address: { address: string; hash: string };
  list: NewsletterList;
  consentedAt: string;
  source: string;
  ip: string | null;
  userAgent: string | null;
  consentVersion: string | null;
}

export function createCsvImport(deps: {
  db: Kysely<Tables>;
  lists: ListRepository;
  clock: Clock;
  config: Pick<Config, 'newsletter'>;
}) {
  const { db, clock } = deps;

  /** `text` is the whole file; `defaultList` the `--list` slug for rows without one. */
  return async function importCsv(
    file: string,
    text: string,
    defaultList?: string,
  ): Promise<CsvImportResult> {
    const rejected: CsvRejection[] = [];
    const reject = (line: number, field: string, message: string) =>
      rejected.push({ file, line, field, message });
    let records: Array<{ info: { lines: number }; record: Record<string, string> }>;
    try {
      records = parse(text, {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        info: true,
        bom: true,
        skip_empty_lines: true,
        trim: true,
      });
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 1;
      reject(line, '-', `the file is not valid CSV: ${(error as Error).message}`);
      return { imported: 0, rejected };
    }
    const header = Object.keys(records[0]?.record ?? {});
    const needed = defaultList === undefined ? [...REQUIRED, 'list'] : REQUIRED;
    const missing = records.length === 0 ? [] : needed.filter((c) => !header.includes(c));
    for (const column of missing)
      reject(1, column, `the header has no "${column}" column; nothing was imported`);
    for (const column of header.filter((c) => !KNOWN.has(c)))
      reject(1, column, `unknown column ${JSON.stringify(column)}; nothing was imported`);
    if (rejected.length > 0) return { imported: 0, rejected };

    const lists = new Map((await deps.lists.listAll()).map((l) => [l.slug, l]));
    const knownVersions = new Set(
      (await db.selectFrom('newsletter_consent_texts').select('version').execute()).map(
        (r) => r.version,
      ),
    );
    const seen = new Map<string, number>();
    const good: GoodRow[] = [];
    const now = clock.now();
    for (const { info, record } of records) {
      const line = info.lines;
      const checked = checkEmailAddress(record.email);
      if (!checked.ok) {
        reject(line, 'email', `the address ${checked.reason}`);
        continue;
      }
      const slug = record.list || defaultList || '';
      const list = lists.get(slug);
      if (!list) {
        reject(
          line,
          'list',
          slug === '' ? 'no list named' : `no newsletter list ${JSON.stringify(slug)}`,
        );
        continue;
      }
      const consentedAt = new Date(record.consented_at ?? '');
      if (!record.consented_at || Number.isNaN(consentedAt.getTime())) {
        reject(
          line,
          'consented_at',
          'missing or not a date: a row without the time of consent is refused',
        );
        continue;
      }
      if (consentedAt > now) {
        reject(line, 'consented_at', 'is in the future');
        continue;
      }
      const source = record.consent_source ?? '';
      if (source === '' || source.length > 500) {
        reject(
          line,
          'consent_source',
          'missing (or over 500 characters): say how the person consented',
        );
        continue;
      }
      if (record.ip && isIP(record.ip) === 0) {
        reject(line, 'ip', 'is not an IP address');
        continue;
      }
      if (record.consent_version && !knownVersions.has(record.consent_version)) {
        reject(
          line,
          'consent_version',
          `no consent wording ${JSON.stringify(record.consent_version)} is recorded`,
        );
        continue;
      }
      const key = `${checked.hash}:${list.id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        reject(line, 'email', `the same address and list as line ${earlier}`);
        continue;
      }
      seen.set(key, line);
      good.push({
        line,
        address: checked,
        list,
        consentedAt: consentedAt.toISOString(),
        source,
        ip: storedIp(record.ip || undefined, deps.config.newsletter.ipStorage),
        userAgent: storedUserAgent(record.user_agent || undefined),
        consentVersion: record.consent_version || null,
      });
    }

    const at = now.toISOString();
    const imported = await db.transaction().execute(async (trx) => {
      let count = 0;
      for (const row of good) {
        const refusal = await refusalOf(trx, row);
        if (refusal) {
          reject(row.line, 'email', refusal);
          continue;
        }
        const subscriber = await ensureSubscriber(trx, row.address, at);
        await setSubscription(trx, subscriber.id, row.list.id, 'active', at);
        await appendLedger(trx, {
          subscriber_id: subscriber.id,
          email_hash: subscriber.emailHash,
          list_id: row.list.id,
          event: 'import',
          channel: 'cli',
          at,
          ip: row.ip,
          user_agent: row.userAgent,
          form: null,
          page: null,
          consent_version: row.consentVersion,
          detail: JSON.stringify({
            file,
            line: row.line,
            consentedAt: row.consentedAt,
            consentSource: row.source,
          }),
        });
        count++;
      }
      return count;
    });
    rejected.sort((a, b) => a.line - b.line);
    return { imported, rejected };
  };
}

/** Why the database refuses this row, if it does. */
async function refusalOf(db: Kysely<Tables>, row: GoodRow): Promise<string | undefined> {
  const suppression = await findSuppression(db, row.address.hash);
  if (suppression)
    return `the address is suppressed (${suppression.reason}); an import cannot subscribe it`;
  const subscriber = await findSubscriberByHash(db, row.address.hash);
  if (!subscriber) {
    return (await hasTombstone(db, row.address.hash))
      ? 'the address was erased on request; an import cannot subscribe it'
      : undefined;
  }
  if (subscriber.status === 'bounced') return 'the address bounced; an import cannot subscribe it';
  const current = await findSubscription(db, subscriber.id, row.list.id);
  if (current?.status === 'unsubscribed' && current.updated_at >= row.consentedAt)
    return 'the person unsubscribed from this list after the consent this row shows';
  return undefined;
}
