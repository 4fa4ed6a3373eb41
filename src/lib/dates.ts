const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Jul 25, 2017" in en-US, "25 Jul 2017" in en-GB: the center's locale and time zone. */
export function formatDate(iso: string, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}

/** The calendar date of an instant, YYYY-MM-DD, for <time datetime>. */
export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}
