import { BEYOND_SAFE_INTEGERS, formatMinorUnits, readSafeMinorUnits } from '../tracing/money.js';

const digitsCache = new Map<string, number | undefined>();

/**
 * The number of minor-unit digits of an ISO 4217 currency as the platform's Intl data knows
 * it (EUR 2, JPY 0, KWD 3, CLF 4); undefined when `code` is not three capital letters or Intl
 * refuses it. Intl accepts any well-formed code (an unknown one gets 2), which is what ISO
 * does for codes it may add later.
 */
export function currencyMinorDigits(code: string): number | undefined {
  if (digitsCache.has(code)) return digitsCache.get(code);
  let digits: number | undefined;
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
    } catch {
      digits = undefined;
    }
  }
  digitsCache.set(code, digits);
  return digits;
}

/**
 * A plain non-negative decimal (`"1234.5"`, `"0012.50"`, `"7"`) as minor units, exactly: no
 * floating point, and more decimals than the currency has is refused (even zeros: a file that
 * writes `1,000` for a thousand under a decimal comma would otherwise silently read as 1.00).
 * Returns a message when the text is not such an amount.
 */
export function decimalToMinor(text: string, digits: number): number | string {
  const value = readSafeMinorUnits(text, digits);
  if (typeof value === 'number') return value;
  switch (value) {
    case 'too-many-decimals':
      return `has more than ${digits} decimal${digits === 1 ? '' : 's'}`;
    case BEYOND_SAFE_INTEGERS:
      return 'is too large';
    case 'negative':
      return 'must not carry a sign here';
    default:
      return 'is not a decimal number';
  }
}

/** Minor units back to a decimal string: 123456, 2 → "1234.56"; -5, 2 → "-0.05". */
export function formatMinor(amountMinor: number, digits: number): string {
  return formatMinorUnits(BigInt(amountMinor), digits);
}

/** An amount with its currency for messages; the digits fall back to 2 for an unknown code. */
export function formatMoney(amountMinor: number, currency: string): string {
  return `${formatMinor(amountMinor, currencyMinorDigits(currency) ?? 2)} ${currency}`;
}
