import { z } from 'zod';
import { checkEmailAddress } from '../newsletter/email-address.ts';

/*
 * Field schemas shared by the record kinds of the import format (records.ts and the
 * kinds of accounts and readers beside it): one spelling of a slug, a time, an address.
 */

export const slug = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens');

export const text = (max: number) => z.string().max(max);

export const url = z.url({ protocol: /^https?$/ }).max(2000);

export const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

// biome-ignore lint/suspicious/noControlCharactersInRegex: this is the check for them
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

/** Text that must fit on one line: names, actions (a line break could forge a log line). */
export const oneLine = (max: number) =>
  z.string().max(max).regex(ONE_LINE, 'must be one line, without control characters');

/**
 * An address checked as every address we send to is (newsletter/email-address.ts), in
 * the form it is stored: the domain lower-cased and in ASCII.
 */
export const emailAddress = z.string().transform((value, ctx) => {
  const checked = checkEmailAddress(value);
  if (checked.ok) return checked.address;
  ctx.addIssue({ code: 'custom', message: `is not a usable email address: it ${checked.reason}` });
  return z.NEVER;
});

/** An account's address: stored lower-cased, one account per mailbox however typed. */
export const accountEmail = emailAddress.transform((address) => address.toLowerCase());

/** SHA-256 (hex) of a lower-cased address: what outlives a reader's erasure. */
export const emailHash = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of an address, as 64 lowercase hex digits');

/**
 * Evidence kept as JSON (what an audit entry or a consent entry adds): any JSON value,
 * at most 20,000 characters once written out.
 */
export const jsonDetail = z
  .json()
  .refine((value) => JSON.stringify(value).length <= 20_000, 'must be at most 20,000 characters');
