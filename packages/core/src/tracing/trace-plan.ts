import type { Ledger } from './types.js';

/**
 * A ledger resolved once for any number of rules: parties as indices, transactions in
 * processing order. Internal accounts are indices 0…n−1; an external party k is −1−k.
 */
export interface TracePlan {
  accountIds: string[];
  externalIds: string[];
  openingBalances: bigint[];
  transactionIds: string[];
  amounts: bigint[];
  senders: Int32Array;
  receivers: Int32Array;
  seeds: Uint8Array;
  /** Transaction rows by date ascending, file order on equal dates. */
  order: Uint32Array;
}

export function planTrace(ledger: Ledger): TracePlan {
  const accountIndex = new Map<string, number>();
  ledger.accounts.forEach((account, index) => accountIndex.set(account.id, index));
  const externalIds: string[] = [];
  const partyOf = (id: string): number => {
    const index = accountIndex.get(id);
    if (index !== undefined) return index;
    const external = -1 - externalIds.length;
    accountIndex.set(id, external);
    externalIds.push(id);
    return external;
  };

  const count = ledger.transactions.length;
  const transactionIds = new Array<string>(count);
  const amounts = new Array<bigint>(count);
  const senders = new Int32Array(count);
  const receivers = new Int32Array(count);
  const seedIds = new Set(ledger.seeds);
  const seeds = new Uint8Array(count);
  ledger.transactions.forEach((transaction, row) => {
    transactionIds[row] = transaction.id;
    amounts[row] = transaction.amount;
    senders[row] = partyOf(transaction.from);
    receivers[row] = partyOf(transaction.to);
    if (seedIds.has(transaction.id)) seeds[row] = 1;
  });

  return {
    accountIds: ledger.accounts.map((account) => account.id),
    externalIds,
    openingBalances: ledger.accounts.map((account) => account.openingBalance),
    transactionIds,
    amounts,
    senders,
    receivers,
    seeds,
    order: orderByInstant(ledger),
  };
}

/**
 * Rows sorted by instant, ties in file order. Ledgers usually arrive sorted, so one pass
 * checks that before paying for a sort; the row is the last key, so the order is stable
 * whatever the sort algorithm.
 */
function orderByInstant(ledger: Ledger): Uint32Array {
  const { transactions } = ledger;
  const millis = new Float64Array(transactions.length);
  const nanos = new Float64Array(transactions.length);
  let sorted = true;
  transactions.forEach((transaction, row) => {
    millis[row] = transaction.epochMillis;
    nanos[row] = transaction.nanosOfMilli;
    if (row > 0 && sorted) {
      const previous = row - 1;
      const step = (millis[row] ?? 0) - (millis[previous] ?? 0) || (nanos[row] ?? 0) - (nanos[previous] ?? 0);
      sorted = step >= 0;
    }
  });
  const rows = Array.from({ length: transactions.length }, (_, row) => row);
  if (!sorted) rows.sort((a, b) => (millis[a] ?? 0) - (millis[b] ?? 0) || (nanos[a] ?? 0) - (nanos[b] ?? 0) || a - b);
  return Uint32Array.from(rows);
}
