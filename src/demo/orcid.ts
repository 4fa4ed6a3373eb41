/*
 * ORCID iDs for demo people. They must be well formed and carry a correct ISO 7064
 * mod 11-2 check digit, because the site links them and import rejects bad ones.
 */
import { orcidCheckDigit } from '../domain/orcid.ts';
import type { Random } from './random.ts';

/** A random iD in the block ORCID assigns today (0000-0002-… and 0000-0003-…). */
export function randomOrcid(random: Random): string {
  let digits = `0000000${random.int(2, 3)}`;
  while (digits.length < 15) digits += String(random.int(0, 9));
  const full = digits + orcidCheckDigit(digits);
  return full.replace(/(.{4})(?=.)/g, '$1-');
}
