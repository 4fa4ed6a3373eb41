/*
 * ORCID iDs for demo people. They must be well formed and carry a correct ISO 7064
 * mod 11-2 check digit, because the site links them and validators reject bad ones.
 */
import type { Random } from './random.ts';

/** The ISO 7064 mod 11-2 check character for the first 15 digits of an ORCID iD. */
export function orcidCheckDigit(fifteenDigits: string): string {
  let total = 0;
  for (const ch of fifteenDigits) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** A random iD in the block ORCID assigns today (0000-0002-… and 0000-0003-…). */
export function randomOrcid(random: Random): string {
  let digits = `0000000${random.int(2, 3)}`;
  while (digits.length < 15) digits += String(random.int(0, 9));
  const full = digits + orcidCheckDigit(digits);
  return full.replace(/(.{4})(?=.)/g, '$1-');
}
