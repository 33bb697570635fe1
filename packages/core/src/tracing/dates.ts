/**
 * ISO 8601 dates and date-times as instants, so that transactions sort by when they happened
 * whatever their notation. Choices, stated because the spec leaves them open:
 * - a bare date (`2024-01-01`) is midnight UTC at the start of that day, so it sorts before
 *   `2024-01-01T10:00:00Z` and ties with `2024-01-01T00:00:00Z`;
 * - a date-time without an offset is read as UTC, never as the machine's local time, so two
 *   countries tracing the same file get the same order;
 * - fractions of a second keep nanosecond precision; further digits are ignored.
 * Accepted: `YYYY-MM-DD`, then optionally `T` (or `t` or a space, as RFC 3339 allows),
 * `hh:mm`, optional `:ss` and fraction (`.` or `,`), optional `Z` or `±hh`, `±hhmm`, `±hh:mm`.
 */
export interface Instant {
  epochMillis: number;
  nanosOfMilli: number;
}

const MILLIS_PER_DAY = 86_400_000;
const DIGIT_0 = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const COMMA = 44;
const SPACE = 32;
const UPPER_T = 84;
const LOWER_T = 116;
const UPPER_Z = 90;
const LOWER_Z = 122;
const PLUS = 43;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseInstant(text: string): Instant | null {
  const instant = { epochMillis: 0, nanosOfMilli: 0 };
  return readInstant(text, instant) ? instant : null;
}

/**
 * parseInstant for the hot path: fills `into` (reused across calls) and says whether `text`
 * was a date. Hand-rolled rather than a regex or Date.parse, which also reads local time.
 */
export function readInstant(text: string, into: Instant): boolean {
  if (text.length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return false;
  const year = readDigits(text, 0, 4);
  const month = readDigits(text, 5, 2);
  const day = readDigits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const midnight = daysFromCivil(year, month, day) * MILLIS_PER_DAY;
  if (text.length === 10) {
    into.epochMillis = midnight;
    into.nanosOfMilli = 0;
    return true;
  }

  const separator = text.charCodeAt(10);
  if ((separator !== UPPER_T && separator !== LOWER_T && separator !== SPACE) || text.charCodeAt(13) !== COLON) return false;
  const hour = readDigits(text, 11, 2);
  const minute = readDigits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  let position = 16;
  let second = 0;
  let nanos = 0;
  if (text.charCodeAt(position) === COLON) {
    second = readDigits(text, 17, 2);
    if (second < 0 || second > 59) return false;
    position = 19;
    const mark = text.charCodeAt(position);
    if (mark === DOT || mark === COMMA) {
      const fractionStart = ++position;
      for (let scale = 100_000_000; position < text.length && isDigit(text.charCodeAt(position)); position++, scale /= 10) {
        if (scale >= 1) nanos += (text.charCodeAt(position) - DIGIT_0) * scale;
      }
      if (position === fractionStart) return false;
    }
  }
  const offsetMinutes = readOffsetMinutes(text, position);
  if (offsetMinutes === null) return false;
  const millisOfDay = ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000;
  into.epochMillis = midnight + millisOfDay + Math.floor(nanos / 1e6);
  into.nanosOfMilli = nanos % 1e6;
  return true;
}

/** Negative when a and b are in order, as Array.prototype.sort expects. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.epochMillis - b.epochMillis || a.nanosOfMilli - b.nanosOfMilli;
}

/** The offset east of UTC in minutes from `position` to the end, 0 when absent; null if malformed. */
function readOffsetMinutes(text: string, position: number): number | null {
  const rest = text.length - position;
  if (rest === 0) return 0;
  const sign = text.charCodeAt(position);
  if (rest === 1 && (sign === UPPER_Z || sign === LOWER_Z)) return 0;
  if (sign !== PLUS && sign !== DASH) return null;
  const hours = readDigits(text, position + 1, 2);
  let minutes = 0;
  if (rest === 5) minutes = readDigits(text, position + 3, 2);
  else if (rest === 6 && text.charCodeAt(position + 3) === COLON) minutes = readDigits(text, position + 4, 2);
  else if (rest !== 3) return null;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  return (sign === DASH ? -1 : 1) * (hours * 60 + minutes);
}

/** The number written in `length` digits at `start`, or -1 when any of them is not a digit. */
function readDigits(text: string, start: number, length: number): number {
  if (start + length > text.length) return -1;
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - DIGIT_0);
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_0 + 9;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
