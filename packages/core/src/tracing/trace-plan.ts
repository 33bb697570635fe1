import { BIGINT_ARITHMETIC, SAFE_INTEGER_ARITHMETIC, type Arithmetic } from './arithmetic.js';
import type { Ledger, LedgerTransactions } from './types.js';

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
  const seedIds = new Set(ledger.seeds);
  const seeds = new Uint8Array(transactions.count);
  transactions.ids.forEach((id, row) => {
    if (seedIds.has(id)) seeds[row] = 1;
  });
  const order = isInOrder(transactions) ? fileOrder(transactions.count) : sortByInstant(transactions);
  return { seeds, order, money: chooseMoney(ledger) };
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

/** Ledgers usually arrive sorted: one pass checks that before paying for a sort. */
function isInOrder({ count, epochMillis, nanosOfMilli }: LedgerTransactions): boolean {
  for (let row = 1; row < count; row++) {
    const step = (epochMillis[row] ?? 0) - (epochMillis[row - 1] ?? 0) || (nanosOfMilli[row] ?? 0) - (nanosOfMilli[row - 1] ?? 0);
    if (step < 0) return false;
  }
  return true;
}

function fileOrder(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let row = 0; row < count; row++) order[row] = row;
  return order;
}

/** Rows by instant; the row is the last key, so ties keep file order whatever the sort algorithm. */
function sortByInstant({ count, epochMillis, nanosOfMilli }: LedgerTransactions): Uint32Array {
  const rows = Array.from({ length: count }, (_, row) => row);
  rows.sort((a, b) => (epochMillis[a] ?? 0) - (epochMillis[b] ?? 0) || (nanosOfMilli[a] ?? 0) - (nanosOfMilli[b] ?? 0) || a - b);
  return Uint32Array.from(rows);
}
