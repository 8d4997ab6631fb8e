/**
 * The date shapes the `<http-date>` and `<imf-fixdate>` matchers accept.
 *
 * `<http-date>` follows SPEC §1: any `Day, DD Mon YYYY HH:MM:SS ZONE`, where ZONE is a
 * zone abbreviation (`GMT`, `KST`, `UTC`…) or a numeric offset (`+0900`). The assignment's
 * server sends local time with its zone, so this is deliberately looser than RFC 9110.
 * `<imf-fixdate>` is RFC 9110 §5.6.7's IMF-fixdate: GMT only, a real calendar date, and the
 * day name that date falls on. Neither accepts the obsolete RFC 850 or asctime forms.
 */

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const DATE_SHAPE =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{1,5}|[+-]\d{4})$/;

interface DateParts {
  readonly dayName: string;
  readonly day: number;
  /** 0-based, as in `Date`. */
  readonly month: number;
  readonly year: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly zone: string;
}

function maybeDateParts(value: string): DateParts | undefined {
  const found = DATE_SHAPE.exec(value);
  if (found === null) return undefined;
  const [, dayName, day, month, year, hour, minute, second, zone] = found;
  return {
    dayName,
    day: Number(day),
    month: MONTH_NAMES.indexOf(month as (typeof MONTH_NAMES)[number]),
    year: Number(year),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    zone,
  };
}

function hasClockInRange(parts: DateParts): boolean {
  // Second 60 is a leap second, which RFC 5322 and RFC 9110 allow.
  return parts.hour <= 23 && parts.minute <= 59 && parts.second <= 60;
}

/** A UTC date; unlike `Date.UTC`, years 0–99 stay as written. */
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return utcDate(year, month + 1, 0).getUTCDate();
}

/** True for any `Day, DD Mon YYYY HH:MM:SS ZONE` with day and clock fields in range. */
export function isHttpDate(value: string): boolean {
  const parts = maybeDateParts(value);
  return parts !== undefined && parts.day >= 1 && parts.day <= 31 && hasClockInRange(parts);
}

/** True for an RFC 9110 IMF-fixdate: GMT, a real date, and the right day name. */
export function isImfFixdate(value: string): boolean {
  const parts = maybeDateParts(value);
  if (parts === undefined || parts.zone !== 'GMT' || !hasClockInRange(parts)) return false;
  if (parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) return false;
  const weekday = utcDate(parts.year, parts.month, parts.day).getUTCDay();
  return DAY_NAMES[weekday] === parts.dayName;
}
