const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
/** The obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC850_DATE = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
/** The obsolete asctime form: `Sun Nov  6 08:49:37 1994` (a one-digit day after two spaces). */
const ASCTIME_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ( \d|\d{2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * An HTTP-date as epoch milliseconds, or undefined when `value` is not one. RFC 9110 §5.6.7: a
 * recipient MUST accept all three formats. The day name is not checked against the date (it
 * adds nothing a recipient needs), but the date must exist and the time be in range.
 */
export function parseHttpDate(value: string): number | undefined {
  let found = IMF_FIXDATE.exec(value);
  if (found !== null) return utc(Number(found[3]), found[2]!, found[1]!, found[4]!, found[5]!, found[6]!);
  found = RFC850_DATE.exec(value);
  if (found !== null) return utc(fullYear(Number(found[3])), found[2]!, found[1]!, found[4]!, found[5]!, found[6]!);
  found = ASCTIME_DATE.exec(value);
  if (found !== null) return utc(Number(found[6]), found[1]!, found[2]!, found[3]!, found[4]!, found[5]!);
  return undefined;
}

/** RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the most recent past year with those digits. */
function fullYear(twoDigits: number): number {
  const thisYear = new Date().getUTCFullYear();
  const year = thisYear - (thisYear % 100) + twoDigits;
  return year > thisYear + 50 ? year - 100 : year;
}

function utc(year: number, monthName: string, dayText: string, hourText: string, minuteText: string, secondText: string): number | undefined {
  const month = MONTHS.indexOf(monthName);
  const day = Number(dayText);
  const [hour, minute, second] = [Number(hourText), Number(minuteText), Number(secondText)];
  // Second 60 is a leap second, which RFC 9110 allows.
  if (month === -1 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  // 31 Apr rolls over to 1 May: a day that does not exist in its month.
  if (date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second);
  return date.getTime();
}
