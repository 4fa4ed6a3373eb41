/*
 * Licences are stored as editors write them ("CC BY 4.0") or as a URL. Machines (schema.org
 * `license`, Crossref's `license_ref`) want a URL, so the Creative Commons names map to
 * their deeds; any other text has no URL and those outputs leave the licence out.
 */

const CREATIVE_COMMONS = /^CC[ -](BY(?:-(?:NC|ND|SA))*)[ -](\d\.\d)(?: International)?$/i;
const CC_ZERO = /^CC0(?:[ -]1\.0)?(?: Universal)?$/i;

/** The URL of a licence, or null when the text names none we know. */
export function licenceUrl(licence: string | null): string | null {
  if (licence === null) return null;
  const text = licence.trim();
  if (/^https?:\/\/\S+$/i.test(text)) return text;
  if (CC_ZERO.test(text)) return 'https://creativecommons.org/publicdomain/zero/1.0/';
  const cc = CREATIVE_COMMONS.exec(text);
  if (cc?.[1] && cc[2]) {
    return `https://creativecommons.org/licenses/${cc[1].toLowerCase()}/${cc[2]}/`;
  }
  return null;
}
