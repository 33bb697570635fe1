import { describe, expect, it } from 'vitest';
import { isValidIban, readAccountIdentification, sameAccount } from './accounts.js';
import { compareBalances } from './balance.js';
import { checkBalance } from './tally.js';
import { currencyMinorDigits, decimalToMinor } from './currency.js';
import { parseCsvDate } from './dates.js';
import { createChunkDecoder } from './encoding.js';

describe('money', () => {
  it('takes minor digits from Intl and converts decimals exactly', () => {
    expect([currencyMinorDigits('EUR'), currencyMinorDigits('JPY'), currencyMinorDigits('KWD'), currencyMinorDigits('CLF'), currencyMinorDigits('eur')]).toEqual([2, 0, 3, 4, undefined]);
    expect(decimalToMinor('0.1', 2)).toBe(10);
    expect(decimalToMinor('1234567890123.45', 2)).toBe(123456789012345);
    expect(decimalToMinor('12.5', 0)).toBe('has more than 0 decimals');
    expect(decimalToMinor('99999999999999999', 2)).toBe('is too large');
  });
});

describe('dates', () => {
  it.each([
    ['05.03.2024', 'DD.MM.YYYY', '2024-03-05'],
    ['5/3/2024', 'DD/MM/YYYY', '2024-03-05'],
    ['3/5/2024', 'MM/DD/YYYY', '2024-03-05'],
    ['20240305', 'YYYYMMDD', '2024-03-05'],
    ['05.03.24', 'DD.MM.YY', '2024-03-05'],
    ['31/12/98', 'DD/MM/YY', '1998-12-31'],
    ['2024-03-05 14:22:01', 'YYYY-MM-DD', '2024-03-05'],
    ['29.02.2023', 'DD.MM.YYYY', undefined],
    ['2024-03-05', 'DD.MM.YYYY', undefined],
  ] as const)('%s in %s is %s', (text, format, expected) => {
    expect(parseCsvDate(text, format)).toBe(expected);
  });
});

describe('accounts', () => {
  it('validates IBANs and splits identifications', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(readAccountIdentification('NL91ABNA0417164300EUR')).toEqual({ iban: 'NL91ABNA0417164300' });
    expect(readAccountIdentification('37040044/532013000')).toEqual({ number: '37040044/532013000' });
    expect(sameAccount('37040044/532013000', 'DE89370400440532013000')).toBe(true);
    expect(sameAccount('12345', 'DE89370400440532013000')).toBe(false);
    expect(sameAccount('DE89370400440532013000', 'FR7630006000011234567890189')).toBe(false);
  });
});

describe('encoding', () => {
  it('decodes Windows-1252 including 0x80–0x9F (€, „, ™), which Node reads as Latin-1', () => {
    const decoder = createChunkDecoder('windows-1252');
    expect(decoder.decode(new Uint8Array([0x80, 0x20, 0x84, 0x93, 0x99, 0xe9]), true, 1)).toBe('€ „“™é');
  });
});

describe('checkBalance', () => {
  it('says when there is nothing to check against', () => {
    const check = checkBalance({ account: { currency: 'EUR' }, transactions: [{ line: 1, bookingDate: '2024-01-01', amountMinor: 500, currency: 'EUR' }] });
    expect(check).toMatchObject({ status: 'unchecked', ok: false, sumMinor: 500 });
    expect(check.message).toBe('The statement gives no opening or closing balance, so its 1 transaction (totalling 5.00 EUR) could not be checked against it.');
  });

  it('finds where a running balance breaks, in either order of rows', () => {
    const rows = [
      { line: 2, bookingDate: '2024-01-03', amountMinor: -100, currency: 'EUR', balanceAfterMinor: 900 },
      { line: 3, bookingDate: '2024-01-02', amountMinor: 500, currency: 'EUR', balanceAfterMinor: 1000 },
      { line: 4, bookingDate: '2024-01-01', amountMinor: 200, currency: 'EUR', balanceAfterMinor: 400 },
      { line: 5, bookingDate: '2024-01-01', amountMinor: 100, currency: 'EUR', balanceAfterMinor: 200 },
    ];
    const check = checkBalance({ account: { currency: 'EUR' }, transactions: rows });
    // Newest first: line 3's balance should be line 4's (4.00) plus line 3's amount (5.00).
    expect(check.runningBalanceBreaks).toEqual([{ line: 3, expectedMinor: 900, statedMinor: 1000 }]);
    expect(check.status).toBe('unbalanced');
    expect(check.message).toMatch(/The running balance does not follow from the amounts at line 3 \(expected 9.00 EUR, the file says 10.00 EUR\)\.$/);
  });

  it('leaves other currencies out of the sum and says so', () => {
    const check = compareBalances({ currency: 'EUR', opening: { amountMinor: 0, date: '2024-01-01' }, closing: { amountMinor: 100, date: '2024-01-02' }, sumMinor: 100, transactionCount: 2, otherCurrencyCount: 1 });
    expect(check.message).toBe('Opening balance 0.00 EUR + 2 transactions totalling 1.00 EUR (1 transaction in another currency left out of the sum) = 1.00 EUR, the closing balance.');
  });
});
