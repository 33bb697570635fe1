import { BIGINT_ARITHMETIC, SAFE_INTEGER_ARITHMETIC, type Arithmetic } from './arithmetic.js';
import { orderByInstant } from './instant-order.js';
import type { Ledger } from './types.js';

/** Amounts in the representation the whole trace computes in (see Arithmetic). */
export type PlanMoney =
  | { kind: 'safe-integer'; arithmetic: Arithmetic<number>; amounts: ArrayLike<number>; openingBalances: number[] }
  | { kind: 'bigint'; arithmetic: Arithmetic<bigint>; amounts: ArrayLike<bigint>; openingBalances: bigint[] };

/** What every rule's trace of a ledger shares, computed once. */
export interface TracePlan {
  seeds: Uint8Array;
  /** Transaction rows by date ascending, file order on equal dates. */
  order: Uint32Array;
  money: PlanMoney;
}

export function planTrace(ledger: Ledger): TracePlan {
  const { transactions } = ledger;
  const seeds = new Uint8Array(transactions.count);
  for (const row of ledger.seedRows) seeds[row] = 1;
  return { seeds, order: orderByInstant(transactions), money: chooseMoney(ledger) };
}

/** Safe integers when every sum the trace can form fits in them, bigint otherwise. */
function chooseMoney(ledger: Ledger): PlanMoney {
  const { amounts } = ledger.transactions;
  const openingBalances = ledger.accounts.map((account) => account.openingBalance);
  if (amounts.kind === 'safe-integer') {
    // Sums of non-negative doubles are exact until they pass MAX_SAFE_INTEGER, and stay past it.
    let grandTotal = 0;
    for (let row = 0; row < amounts.values.length; row++) grandTotal += amounts.values[row] ?? 0;
    for (const opening of openingBalances) grandTotal += Number(opening);
    if (grandTotal <= Number.MAX_SAFE_INTEGER) {
      return { kind: 'safe-integer', arithmetic: SAFE_INTEGER_ARITHMETIC, amounts: amounts.values, openingBalances: openingBalances.map(Number) };
    }
  }
  const exactAmounts = amounts.kind === 'bigint' ? amounts.values : Array.from(amounts.values, (amount) => BigInt(amount));
  return { kind: 'bigint', arithmetic: BIGINT_ARITHMETIC, amounts: exactAmounts, openingBalances };
}
