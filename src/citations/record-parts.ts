import type { CslDate, CslRecord } from './csl-record.ts';

/* What the styles read alike from a record. */

export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

export function dateParts(date: CslDate | undefined): DateParts | undefined {
  const [year, month, day] = date?.['date-parts'][0] ?? [];
  if (year === undefined) return undefined;
  return {
    year,
    ...(month !== undefined && { month }),
    ...(month !== undefined && day !== undefined && { day }),
  };
}

/**
 * The series and the number as the institution gives them, "Aldermoor Reports AR 26-14":
 * numbers already carry their own label ("WP 24-3", "No. 12"), so none is added.
 */
export function seriesAndNumber(record: CslRecord): string | undefined {
  const text = [record['collection-title'], record.number].filter(Boolean).join(' ');
  return text === '' ? undefined : text;
}

// The English month names in full, as Intl gives them, worked out once: a rendering
// runs on every uncached page view.
const MONTH_FORMAT = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });
const MONTH_NAMES = Array.from({ length: 12 }, (_, index) =>
  MONTH_FORMAT.format(new Date(Date.UTC(2000, index, 1))),
);

/** "March" for 3; undefined for a month that is missing or out of range. */
export function monthName(month: number | undefined): string | undefined {
  return month === undefined ? undefined : MONTH_NAMES[month - 1];
}

/** "March 1, 2024", "March 2024" or "2024": Chicago's dates and APA's retrieval dates. */
export function longDate({ year, month, day }: DateParts): string {
  const name = monthName(month);
  if (!name) return String(year);
  return day ? `${name} ${day}, ${year}` : `${name} ${year}`;
}

/** All three styles prefer a DOI, written as its https://doi.org/ address. */
export function doiUrl(record: CslRecord): string | undefined {
  return record.DOI ? `https://doi.org/${record.DOI}` : undefined;
}

/** The access date, which styles give only for an undated work. */
export function accessDate(record: CslRecord): DateParts | undefined {
  return record.issued ? undefined : dateParts(record.accessed);
}
