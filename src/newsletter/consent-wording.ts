/*
 * The words a reader agrees to when they sign up. The consent ledger records the version
 * each sign-up was shown, and `newsletter_consent_texts` keeps every version's words, so
 * years later anyone can read exactly what a subscriber agreed to. Never edit a released
 * wording: add a new version at the end. Older versions stay here because a page cached
 * by a CDN (or open in a tab) may still post one for a while after a change.
 */

export interface ConsentWording {
  /** Short and stable: `YYYY-MM-DD-n`, the day the wording was written. */
  version: string;
  /** `{list}` and `{center}` stand for the list's and the center's names. */
  wording: string;
}

const WORDINGS: readonly ConsentWording[] = [
  {
    version: '2026-12-06-1',
    wording:
      'I agree that {center} emails me {list}. We keep a record of this consent and send you a link to confirm your address first. Every email has a link to change your newsletters or unsubscribe at any time.',
  },
];

/** What the sign-up forms show now. */
export const CURRENT_CONSENT: ConsentWording = WORDINGS[WORDINGS.length - 1] as ConsentWording;

/** A released wording by version; undefined for anything else (a forged or garbled form). */
export function findConsentWording(version: string): ConsentWording | undefined {
  return WORDINGS.find((w) => w.version === version);
}

/** The wording as a reader sees it, for one list of one center. */
export function consentText(wording: ConsentWording, names: { list: string; center: string }) {
  return wording.wording.replaceAll('{list}', names.list).replaceAll('{center}', names.center);
}
