import type { Ledger, LedgerTransaction } from './types.js';

/** Row `row` of the ledger's transaction columns as one object. */
export function transactionAt(ledger: Ledger, row: number): LedgerTransaction {
  const { transactions } = ledger;
  if (!Number.isInteger(row) || row < 0 || row >= transactions.count) throw new RangeError(`no transaction at row ${row}`);
  const { amounts } = transactions;
  return {
    id: transactions.ids[row] ?? '',
    date: transactions.dates[row] ?? '',
    epochMillis: transactions.epochMillis[row] ?? 0,
    nanosOfMilli: transactions.nanosOfMilli[row] ?? 0,
    from: ledger.parties[transactions.from[row] ?? -1] ?? '',
    to: ledger.parties[transactions.to[row] ?? -1] ?? '',
    amount: amounts.kind === 'safe-integer' ? BigInt(amounts.values[row] ?? 0) : (amounts.values[row] ?? 0n),
  };
}

/** Every transaction as an object, in file order; for small ledgers, reports and tests. */
export function listTransactions(ledger: Ledger): LedgerTransaction[] {
  return Array.from({ length: ledger.transactions.count }, (_, row) => transactionAt(ledger, row));
}
