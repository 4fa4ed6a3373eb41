/*
 * ORCID iDs: sixteen characters in four groups, the last one an ISO 7064 MOD 11-2 check
 * character (0-9 or X). The check catches a mistyped or transposed digit on entry, so a
 * byline never links to someone else's record.
 */

const ORCID_SHAPE = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/;
/** How people paste an iD: the bare form, or the https://orcid.org/ link ORCID shows. */
const ORCID_URL_PREFIX = /^(?:https?:\/\/)?(?:www\.)?orcid\.org\//i;

/** The ISO 7064 MOD 11-2 check character for the first 15 digits of an iD. */
export function orcidCheckDigit(fifteenDigits: string): string {
  let total = 0;
  for (const ch of fifteenDigits) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

export type OrcidCheck =
  | { ok: true; orcid: string }
  | { ok: false; reason: 'shape' }
  | { ok: false; reason: 'checksum'; expected: string };

/**
 * Reads an iD as typed (bare or as an orcid.org link, lower-case x allowed) and checks its
 * shape and check character. On success `orcid` is the bare, canonical form.
 */
export function checkOrcid(input: string): OrcidCheck {
  const orcid = input.trim().replace(ORCID_URL_PREFIX, '').toUpperCase();
  if (!ORCID_SHAPE.test(orcid)) return { ok: false, reason: 'shape' };
  const digits = orcid.replace(/-/g, '');
  const expected = orcidCheckDigit(digits.slice(0, 15));
  return digits[15] === expected
    ? { ok: true, orcid }
    : { ok: false, reason: 'checksum', expected };
}

/** The public record of a (valid, bare) iD: ORCID asks for the https link form on display. */
export function orcidUrl(orcid: string): string {
  return `https://orcid.org/${orcid}`;
}
