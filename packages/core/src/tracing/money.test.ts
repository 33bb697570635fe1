import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIGINT_ARITHMETIC, SAFE_INTEGER_ARITHMETIC } from './arithmetic.js';
import { BEYOND_SAFE_INTEGERS, divideRoundHalfEven, formatMinorUnits, parseMinorUnits, readSafeMinorUnits } from './money.js';

describe('parseMinorUnits', () => {
  it.each([
    ['1250.00', 2, 125000n],
    ['1250.5', 2, 125050n],
    ['1250', 2, 125000n],
    ['0.01', 2, 1n],
    ['0.00', 2, 0n],
    ['007.50', 2, 750n],
    ['12', 0, 12n],
    ['1.5', 18, 1_500_000_000_000_000_000n],
    ['123456789012345678901234.56', 2, 12345678901234567890123456n],
  ])('reads %s with %i minor units as %s', (text, minorUnits, expected) => {
    expect(parseMinorUnits(text, minorUnits)).toBe(expected);
  });

  it.each(['', '.', '.5', '5.', '1.2.3', '+5', '1e3', '1,000.00', ' 12', '12 ', '1_000', 'NaN', '١٢', '--5', '-'])('rejects %j as malformed', (text) => {
    expect(parseMinorUnits(text, 2)).toBe('malformed');
  });

  it('reports a leading minus as negative, and too many decimals as such', () => {
    expect(parseMinorUnits('-5.00', 2)).toBe('negative');
    expect(parseMinorUnits('12.345', 2)).toBe('too-many-decimals');
    expect(parseMinorUnits('12.0', 0)).toBe('too-many-decimals');
  });

  it('reads zero spelled with many digits as zero, not as too large', () => {
    expect(readSafeMinorUnits('00000000000000000000.00', 2)).toBe(0);
  });

  it('leaves amounts beyond safe integers to the exact reader', () => {
    expect(readSafeMinorUnits('90071992547409.92', 2)).toBe(BEYOND_SAFE_INTEGERS);
    expect(readSafeMinorUnits('90071992547409.91', 2)).toBe(Number.MAX_SAFE_INTEGER);
    expect(readSafeMinorUnits('1', 18)).toBe(1e18 > Number.MAX_SAFE_INTEGER ? BEYOND_SAFE_INTEGERS : 1e18);
  });

  it('agrees with the exact reader whenever it answers with a number', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 18 }), fc.integer({ min: 0, max: 18 }), (value, minorUnits, shownDecimals) => {
        const decimals = Math.min(shownDecimals, minorUnits);
        const text = formatMinorUnits(value, decimals);
        const safe = readSafeMinorUnits(text, minorUnits);
        const exact = parseMinorUnits(text, minorUnits);
        expect(exact).toBe(value * 10n ** BigInt(minorUnits - decimals));
        if (typeof safe === 'number') expect(BigInt(safe)).toBe(exact);
        else expect(safe).toBe(BEYOND_SAFE_INTEGERS);
      }),
    );
  });
});

describe('formatMinorUnits', () => {
  it.each([
    [5n, 2, '0.05'],
    [125000n, 2, '1250.00'],
    [0n, 2, '0.00'],
    [12n, 0, '12'],
    [-5n, 2, '-0.05'],
    [1n, 18, '0.000000000000000001'],
  ])('writes %s with %i minor units as %s', (value, minorUnits, expected) => {
    expect(formatMinorUnits(value, minorUnits)).toBe(expected);
  });

  it('round-trips with parseMinorUnits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 24 }), (value, minorUnits) => {
        expect(parseMinorUnits(formatMinorUnits(value, minorUnits), minorUnits)).toBe(value);
      }),
    );
  });
});

describe('divideRoundHalfEven', () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [3n, 2n, 2n],
    [1n, 2n, 0n],
    [10n, 4n, 2n],
    [14n, 4n, 4n],
    [11n, 4n, 3n],
    [9n, 4n, 2n],
    [0n, 7n, 0n],
    [700n * 500n, 1500n, 233n],
  ])('%s ÷ %s rounds to %s', (numerator, denominator, expected) => {
    expect(divideRoundHalfEven(numerator, denominator)).toBe(expected);
  });
});

describe('safe-integer arithmetic', () => {
  it('shares exactly like bigint arithmetic, including products beyond 2^53', () => {
    const safe = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(safe, safe, safe, (a, b, c) => {
        const [part, whole] = b <= c ? [b, c] : [c, b];
        const amount = Math.min(a, whole);
        const expected = BIGINT_ARITHMETIC.shareHalfEven(BigInt(amount), BigInt(part), BigInt(whole));
        expect(BigInt(SAFE_INTEGER_ARITHMETIC.shareHalfEven(amount, part, whole))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('shares small amounts exactly, ties to even', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (amount, part, extra) => {
        const whole = part + extra;
        const expected = BIGINT_ARITHMETIC.shareHalfEven(BigInt(amount), BigInt(part), BigInt(whole));
        expect(BigInt(SAFE_INTEGER_ARITHMETIC.shareHalfEven(amount, part, whole))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(SAFE_INTEGER_ARITHMETIC.shareHalfEven(1, 1, 2)).toBe(0);
    expect(SAFE_INTEGER_ARITHMETIC.shareHalfEven(3, 1, 2)).toBe(2);
  });
});
