import { formatMoney } from './currency.js';
import { StatementError } from './errors.js';
import type { StatementBalance } from './types.js';

/**
 * The result of checking a statement's balances: opening + Σ amounts must equal closing. A
 * mismatch is a result to show the user, never an exception and never silently dropped.
 */
export interface BalanceCheck {
  /** `unchecked` when the statement lacks an opening or a closing balance. */
  status: 'balanced' | 'unbalanced' | 'unchecked';
  /** True only when balanced. */
  ok: boolean;
  currency: string;
  opening?: StatementBalance;
  closing?: StatementBalance;
  /** Σ of the amounts in the statement's currency. */
  sumMinor: number;
  transactionCount: number;
  /** opening + sum, when there is an opening balance. */
  expectedClosingMinor?: number;
  /** closing − expected closing, when both are known: what is missing from the transactions. */
  differenceMinor?: number;
  /** Transactions in another currency than the account's: not summed, and counted here. */
  otherCurrencyCount: number;
  /**
   * Where a running balance column (balanceAfterMinor) does not follow from the previous row
   * and this row's amount: the first 100 such rows, in file order.
   */
  runningBalanceBreaks: RunningBalanceBreak[];
  /** One sentence for the user. */
  message: string;
}

export interface RunningBalanceBreak {
  line: number;
  expectedMinor: number;
  statedMinor: number;
}

/**
 * The comparison on its own, for imports that stream transactions without keeping them: the
 * caller adds the amounts up (addMinor) and passes the sum.
 */
export function compareBalances(input: {
  currency: string;
  opening?: StatementBalance;
  closing?: StatementBalance;
  sumMinor: number;
  transactionCount: number;
  otherCurrencyCount?: number;
}): BalanceCheck {
  const { currency, opening, closing, sumMinor, transactionCount } = input;
  const otherCurrencyCount = input.otherCurrencyCount ?? 0;
  const base = { currency, opening, closing, sumMinor, transactionCount, otherCurrencyCount, runningBalanceBreaks: [] };
  const money = (minor: number) => formatMoney(minor, currency);
  const others = otherCurrencyCount > 0 ? ` (${otherCurrencyCount} transaction${otherCurrencyCount > 1 ? 's' : ''} in another currency left out of the sum)` : '';
  const count = `${transactionCount} transaction${transactionCount === 1 ? '' : 's'}`;
  if (opening === undefined || closing === undefined) {
    const missing = opening === undefined && closing === undefined ? 'no opening or closing balance' : opening === undefined ? 'no opening balance' : 'no closing balance';
    return {
      ...base,
      status: 'unchecked',
      ok: false,
      ...(opening === undefined ? {} : { expectedClosingMinor: addMinor(opening.amountMinor, sumMinor) }),
      message: `The statement gives ${missing}, so its ${count} (totalling ${money(sumMinor)})${others} could not be checked against it.`,
    };
  }
  const expectedClosingMinor = addMinor(opening.amountMinor, sumMinor);
  const differenceMinor = closing.amountMinor - expectedClosingMinor;
  const sentence = `Opening balance ${money(opening.amountMinor)} + ${count} totalling ${money(sumMinor)}${others} = ${money(expectedClosingMinor)}`;
  if (differenceMinor === 0) {
    return { ...base, status: 'balanced', ok: true, expectedClosingMinor, differenceMinor, message: `${sentence}, the closing balance.` };
  }
  return {
    ...base,
    status: 'unbalanced',
    ok: false,
    expectedClosingMinor,
    differenceMinor,
    message: `${sentence}, but the statement's closing balance is ${money(closing.amountMinor)}: a difference of ${money(differenceMinor)}.`,
  };
}

/** a + b in minor units, refusing to leave the safe integers (where sums would stop being exact). */
export function addMinor(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new StatementError('the amounts add up to more than can be computed exactly');
  return sum;
}
