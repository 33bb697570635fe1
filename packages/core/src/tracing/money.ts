/** Why a decimal string is not an amount; zero is left to the caller (opening balances allow it). */
export type AmountProblem = 'malformed' | 'negative' | 'too-many-decimals';

/** A well-formed amount too large for a safe integer; parseMinorUnits reads it exactly. */
export const BEYOND_SAFE_INTEGERS = 'beyond-safe-integers';

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;
const MINUS = 45;
/** 10^22 is the largest power of ten a double holds exactly. */
const MAX_EXACT_POWER_OF_TEN = 22;

/**
 * Reads a non-negative decimal string (`"1250.5"`, `"0.00"`, `"12"`) as integer minor units.
 * Only plain digits with an optional fraction are accepted: signs, exponents, separators and
 * blanks are malformed, except that a leading minus is reported as negative so that messages
 * can say so.
 */
export function parseMinorUnits(text: string, minorUnits: number): bigint | AmountProblem {
  const safe = readSafeMinorUnits(text, minorUnits);
  if (typeof safe === 'number') return BigInt(safe);
  if (safe !== BEYOND_SAFE_INTEGERS) return safe;
  const point = text.indexOf('.');
  const decimals = point < 0 ? 0 : text.length - point - 1;
  const digits = point < 0 ? text : text.slice(0, point) + text.slice(point + 1);
  return BigInt(digits) * 10n ** BigInt(minorUnits - decimals);
}

/**
 * parseMinorUnits for the hot path: a number when the result is a safe integer. Hand-rolled
 * rather than a regex plus BigInt(), since ledgers carry millions of amounts.
 */
export function readSafeMinorUnits(text: string, minorUnits: number): number | AmountProblem | typeof BEYOND_SAFE_INTEGERS {
  const negative = text.charCodeAt(0) === MINUS;
  let digits = 0;
  let decimals = -1;
  let value = 0;
  for (let i = negative ? 1 : 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      value = value * 10 + (code - DIGIT_0);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (code === DOT && decimals < 0 && digits > 0) {
      decimals = 0;
    } else {
      return 'malformed';
    }
  }
  if (digits === 0 || decimals === 0) return 'malformed';
  if (negative) return 'negative';
  const fractionDigits = Math.max(decimals, 0);
  if (fractionDigits > minorUnits) return 'too-many-decimals';
  const scale = minorUnits - fractionDigits;
  // Doubles hold every integer up to MAX_SAFE_INTEGER exactly, and a result past it cannot
  // round back below: so whatever stays within it was computed exactly.
  const scaled = scale <= MAX_EXACT_POWER_OF_TEN ? value * 10 ** scale : value === 0 ? 0 : Infinity;
  return scaled <= Number.MAX_SAFE_INTEGER ? scaled : BEYOND_SAFE_INTEGERS;
}

/** Minor units as a decimal string with exactly `minorUnits` decimals: 5n, 2 → "0.05". */
export function formatMinorUnits(value: bigint, minorUnits: number): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString();
  if (minorUnits === 0) return sign + digits;
  const padded = digits.padStart(minorUnits + 1, '0');
  const cut = padded.length - minorUnits;
  return `${sign}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/** numerator ÷ denominator for non-negative numerator and positive denominator, ties to even. */
export function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator - quotient * denominator) * 2n;
  if (twiceRemainder > denominator) return quotient + 1n;
  if (twiceRemainder === denominator && quotient % 2n === 1n) return quotient + 1n;
  return quotient;
}
