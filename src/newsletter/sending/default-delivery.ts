import { join } from 'node:path';
import type { Config } from '../../config/schema.ts';
import type { Delivery } from './delivery.ts';
import { createEmlDelivery } from './eml-delivery.ts';
import { createSmtpDelivery, smtpSettingsFromUrl } from './smtp-delivery.ts';

/** SMTP when `email.smtpUrl` is set, else .eml files under `<data dir>/outbox/`. */
export function defaultDelivery(config: Config): Delivery {
  return config.email.smtpUrl
    ? createSmtpDelivery(smtpSettingsFromUrl(config.email.smtpUrl))
    : createEmlDelivery(join(config.data.dir, 'outbox'));
}
