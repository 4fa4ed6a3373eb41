import type { Config } from '../config/schema.ts';
import { ValidationError } from '../errors.ts';

/** What a deposit needs from configuration, all present. */
export interface DepositSettings {
  depositorName: string;
  depositorEmail: string;
  /** The registrant; when unset, the network's name is used. */
  registrant: string | undefined;
  doiPrefix: string;
  /** The public origin: DOIs must resolve to public landing pages, not a request's host. */
  publicUrl: string;
}

/** The deposit settings, or a ValidationError naming every setting still missing. */
export function depositSettings(config: Config): DepositSettings {
  const { depositorName, depositorEmail, registrant, doiPrefix } = config.crossref;
  const { publicUrl } = config.server;
  const missing = [
    depositorName ? null : 'DOSSIER_CROSSREF_DEPOSITOR_NAME',
    depositorEmail ? null : 'DOSSIER_CROSSREF_DEPOSITOR_EMAIL',
    doiPrefix ? null : 'DOSSIER_CROSSREF_DOI_PREFIX',
    publicUrl ? null : 'DOSSIER_SERVER_PUBLIC_URL',
  ].filter((name) => name !== null);
  if (!depositorName || !depositorEmail || !doiPrefix || !publicUrl) {
    throw new ValidationError({
      code: 'CONFIG_INVALID',
      message: `A Crossref deposit needs these settings, which are not set: ${missing.join(', ')}.`,
      hint: 'Set them in the environment (see "Configure" in the README) and run the command again.',
    });
  }
  return { depositorName, depositorEmail, registrant, doiPrefix, publicUrl };
}
