/** Account identifiers: IBAN checks and the loose comparison used to pair transfers. */

/** Upper case without spaces, dashes or dots; what IBANs and account numbers are compared on. */
export function normalizeAccountId(text: string): string {
  return text.toUpperCase().replace(/[\s\-.\u00a0]/g, '');
}

/** A structurally valid IBAN (country, check digits, 11–30 characters of BBAN) with a correct mod-97 checksum. */
export function isValidIban(text: string): boolean {
  const iban = normalizeAccountId(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/**
 * An account identification as written in a statement (`DE89 3704 0044 0532 0130 00`,
 * `37040044/532013000`, `NL91ABNA0417164300EUR`) split into an IBAN when it is one (a
 * currency code glued to the end, as some MT940 `:25:` fields do, is dropped) or an account
 * number otherwise.
 */
export function readAccountIdentification(text: string): { iban?: string; number?: string } {
  const value = text.trim();
  if (value === '') return {};
  const compact = normalizeAccountId(value);
  if (isValidIban(compact)) return { iban: compact };
  const withoutCurrency = compact.replace(/[A-Z]{3}$/, '');
  if (withoutCurrency !== compact && isValidIban(withoutCurrency)) return { iban: withoutCurrency };
  return { number: value };
}

/**
 * Whether two account identifications name the same account: equal once normalised, or one
 * an IBAN whose BBAN contains every part of the other (`37040044/532013000` within
 * `DE89370400440532013000`: bank code and account number, leading zeros dropped). Parts
 * shorter than 4 characters are ignored and the longest must have 6 or more, so short
 * numbers never match by chance.
 */
export function sameAccount(a: string, b: string): boolean {
  const x = normalizeAccountId(a);
  const y = normalizeAccountId(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const xIban = isValidIban(x);
  const yIban = isValidIban(y);
  if (xIban === yIban) return false;
  const bban = (xIban ? x : y).slice(4);
  const parts = (xIban ? b : a)
    .toUpperCase()
    .split(/[\s/\-.:]+/)
    .map((part) => part.replace(/^0+/, ''))
    .filter((part) => part.length >= 4);
  if (parts.length === 0 || Math.max(...parts.map((part) => part.length)) < 6) return false;
  return parts.every((part) => bban.includes(part));
}
