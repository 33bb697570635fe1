import { divideRoundHalfEven } from './money.js';

/**
 * Integer minor units as the engine computes them. Ledgers whose amounts and opening balances
 * add up to at most Number.MAX_SAFE_INTEGER are traced in plain numbers, several times faster
 * than bigint and still exact: no balance, debt or holding can exceed that sum. Larger ledgers
 * (18-decimal crypto assets reach it quickly) are traced in bigint. Comparisons are written
 * with the operators, which behave the same on both.
 */
export interface Arithmetic<M extends number | bigint> {
  readonly zero: M;
  add(a: M, b: M): M;
  subtract(a: M, b: M): M;
  /** amount × part ÷ whole rounded half to even, for 0 ≤ part ≤ whole and 0 < whole. */
  shareHalfEven(amount: M, part: M, whole: M): M;
  fromBigInt(value: bigint): M;
  toBigInt(value: M): bigint;
}

/** Below this a product of two safe integers, and a quotient's check, stay exact in doubles. */
const EXACT_PRODUCT_LIMIT = 2 ** 52;

export const SAFE_INTEGER_ARITHMETIC: Arithmetic<number> = {
  zero: 0,
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  shareHalfEven(amount, part, whole) {
    const product = amount * part;
    if (product >= EXACT_PRODUCT_LIMIT) return Number(divideRoundHalfEven(BigInt(amount) * BigInt(part), BigInt(whole)));
    // The double quotient may round up across an integer; the exact remainder corrects it.
    let quotient = Math.floor(product / whole);
    let remainder = product - quotient * whole;
    if (remainder < 0) {
      quotient -= 1;
      remainder += whole;
    } else if (remainder >= whole) {
      quotient += 1;
      remainder -= whole;
    }
    const twice = remainder * 2;
    return twice > whole || (twice === whole && quotient % 2 === 1) ? quotient + 1 : quotient;
  },
  fromBigInt: (value) => Number(value),
  toBigInt: (value) => BigInt(value),
};

export const BIGINT_ARITHMETIC: Arithmetic<bigint> = {
  zero: 0n,
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  shareHalfEven: (amount, part, whole) => divideRoundHalfEven(amount * part, whole),
  fromBigInt: (value) => value,
  toBigInt: (value) => value,
};
