const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Jul 25, 2017" in en-US, "25 Jul 2017" in en-GB: the center's locale and time zone. */
export function formatDate(iso: string, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    formatters.set(key, formatter);
  }
  const cacheKey = `${key}|${iso}`;
  let text = formatted.get(cacheKey);
  if (text === undefined) {
    text = formatter.format(new Date(iso));
    remember(formatted, cacheKey, text);
  }
  return text;
}

/*
 * Intl formatting costs microseconds a call and a page shows a dozen dates, mostly the
 * same recent ones on every page: the answers are kept, a bounded number of them.
 */
const MAX_REMEMBERED = 20_000;
const formatted = new Map<string, string>();

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
}

/** The calendar date of an instant, YYYY-MM-DD, for <time datetime>. */
export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const days = new Map<string, { year: string; month: string; day: string }>();

/**
 * The calendar day of an instant in a time zone, as zero-padded parts: the day a reader of
 * that center's site sees in the dateline, which Scholar tags and DOI deposits repeat.
 */
export function calendarDate(
  iso: string,
  timeZone: string,
): { year: string; month: string; day: string } {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  const cacheKey = `${timeZone}|${iso}`;
  const known = days.get(cacheKey);
  if (known) return { ...known };
  const parts = Object.fromEntries(
    formatter.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  const day = { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '' };
  remember(days, cacheKey, day);
  return { ...day };
}
