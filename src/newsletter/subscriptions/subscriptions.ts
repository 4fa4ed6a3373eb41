import type { Config } from '../../config/schema.ts';
import { createMailer, type Mailer } from '../../email/mailer.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Database } from '../../storage/database.ts';
import { createListRepository, type ListRepository } from '../list-repository.ts';
import { createCsvImport } from './csv-import.ts';
import { createPreferenceService, type PreferenceService } from './preference-service.ts';
import { createWindowLimit, SIGNUPS_PER_IP, type WindowLimit } from './signup-limits.ts';
import { createSubscriberRecords, type SubscriberRecords } from './subscriber-records.ts';
import { createSubscriptionService, type SubscriptionService } from './subscription-service.ts';

/** Everything the subscription half of newsletters offers its transports (web, CLI). */
export interface Subscriptions {
  lists: ListRepository;
  signups: SubscriptionService;
  preferences: PreferenceService;
  records: SubscriberRecords;
  importCsv: ReturnType<typeof createCsvImport>;
  /** Sign-ups per IP address (the web's concern, kept here so every route shares one). */
  signupsPerIp: WindowLimit;
  close(): void;
}

export function createSubscriptions(deps: {
  database: Database;
  config: Config;
  clock: Clock;
  mailer?: Mailer;
  log?: { error(details: object, message: string): void };
}): Subscriptions {
  const { db } = deps.database;
  const { clock, config } = deps;
  const lists = createListRepository(db);
  const mailer = deps.mailer ?? createMailer(config);
  return {
    lists,
    signups: createSubscriptionService({
      db,
      lists,
      mailer,
      clock,
      config,
      ...(deps.log ? { log: deps.log } : {}),
    }),
    preferences: createPreferenceService({ db, lists, clock, config }),
    records: createSubscriberRecords({ db, clock }),
    importCsv: createCsvImport({ db, lists, clock, config }),
    signupsPerIp: createWindowLimit(SIGNUPS_PER_IP.max, SIGNUPS_PER_IP.windowMs),
    close: () => {
      if (!deps.mailer) mailer.close();
    },
  };
}
