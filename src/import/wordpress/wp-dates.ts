/*
 * WordPress writes every date twice: `wp:post_date` in the site's local time and
 * `wp:post_date_gmt` in UTC, both as "YYYY-MM-DD HH:MM:SS". The UTC one is exact and
 * wins; a draft never published has it zeroed ("0000-00-00 00:00:00"), and then only the
 * local one, read in the site's time zone, says when.
 */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ZERO = '0000-00-00 00:00:00';

export type WpDate =
  | { kind: 'none' }
  | { kind: 'date'; iso: string }
  | { kind: 'invalid'; field: string; message: string };

/** The instant of an item from its two date fields. */
export function itemDate(local: string, gmt: string, timeZone: string): WpDate {
  if (gmt !== '' && gmt !== ZERO) {
    const utc = parts(gmt);
    if (!utc) return invalid('wp:post_date_gmt', gmt);
    return { kind: 'date', iso: new Date(Date.UTC(...utc)).toISOString() };
  }
  if (local === '' || local === ZERO) return { kind: 'none' };
  const wall = parts(local);
  if (!wall) return invalid('wp:post_date', local);
  return { kind: 'date', iso: fromWallTime(wall, timeZone) };
}

function invalid(field: string, value: string): WpDate {
  return {
    kind: 'invalid',
    field,
    message: `is not a date WordPress writes ("${value.slice(0, 40)}"; expected YYYY-MM-DD HH:MM:SS)`,
  };
}

type Parts = [number, number, number, number, number, number];

function parts(text: string): Parts | undefined {
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as Parts;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2019-02-31 over into March: a rolled date was never a real one.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return [y, mo - 1, d, h, mi, s];
}

/**
 * A wall-clock time in a zone as UTC. The zone's offset is read at the guessed instant
 * and the guess corrected once, which lands right except inside a DST gap (a time that
 * never happened there), where it lands an hour later.
 */
function fromWallTime(wall: Parts, timeZone: string): string {
  const asUtc = Date.UTC(...wall);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  return new Date(second).toISOString();
}

/**
 * The zone's offset from UTC at an instant, in milliseconds. Swedish dates read
 * "2020-07-01 12:00:00", WordPress's own shape. Only undated drafts come here: no need
 * to keep formatters around.
 */
function offsetAt(instant: number, timeZone: string): number {
  const wall = parts(new Date(instant).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' }));
  return wall ? Date.UTC(...wall) - instant : 0;
}
