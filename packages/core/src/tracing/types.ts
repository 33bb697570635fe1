/** The presumptions the engine implements; see specs/funds-tracing.md, "Rules". */
export const TRACING_RULES = ['fifo', 'lifo', 'pro-rata', 'clean-first'] as const;

export type TracingRule = (typeof TRACING_RULES)[number];

/** An account whose money is traced. Ids absent from the ledger's accounts are external parties. */
export interface LedgerAccount {
  id: string;
  /** Empty when the ledger does not name the holder. */
  holder: string;
  /** Empty when the ledger does not give it. */
  jurisdiction: string;
  /** Minor units; becomes one clean lot. */
  openingBalance: bigint;
}

/**
 * Minor units of every transaction, row by row. Safe integers when every amount fits and
 * their sum stays within Number.MAX_SAFE_INTEGER, which is nearly always; bigints otherwise.
 */
export type MinorUnitsColumn = { kind: 'safe-integer'; values: Float64Array } | { kind: 'bigint'; values: bigint[] };

/**
 * The transactions column by column, row r being the file's `transactions[r]`. Ledgers run to
 * millions of rows: a few arrays instead of millions of objects halved parsing time here and
 * spare the garbage collector. `transactionAt` gives one row as an object.
 */
export interface LedgerTransactions {
  count: number;
  ids: string[];
  /** As written in the ledger, for reports. */
  dates: string[];
  /** The sender as an index into `Ledger.parties`. */
  from: Int32Array;
  /** The receiver as an index into `Ledger.parties`. */
  to: Int32Array;
  /** Each date as an instant: milliseconds since 1970-01-01T00:00:00Z... */
  epochMillis: Float64Array;
  /** ...plus the nanoseconds past that millisecond (0–999 999), so finer timestamps still order. */
  nanosOfMilli: Uint32Array;
  /** Greater than zero. */
  amounts: MinorUnitsColumn;
}

/** One transaction as an object; see `transactionAt`. */
export interface LedgerTransaction {
  id: string;
  date: string;
  epochMillis: number;
  nanosOfMilli: number;
  from: string;
  to: string;
  /** Minor units, greater than zero. */
  amount: bigint;
}

/** A validated ledger. Transactions stay in file order; tracing orders them by instant. */
export interface Ledger {
  currency: string;
  minorUnits: number;
  accounts: LedgerAccount[];
  /**
   * Every party's id, each once: the accounts first, in their order, then the external
   * parties in order of first appearance. Party p is internal exactly when p < accounts.length.
   */
  parties: string[];
  transactions: LedgerTransactions;
  /** Rows of the seed transactions, each listed once, in the order the taint list names them. */
  seedRows: number[];
}

export interface TaintHolding {
  account: string;
  /** Minor units, greater than zero. */
  tainted: bigint;
  /** False for external parties: final destinations, not traced further. */
  internal: boolean;
}

export interface Dissipation {
  account: string;
  /** Tainted minor units that repaid this account's overdraft. */
  amount: bigint;
}

export interface TaintFlow {
  transaction: string;
  /** Tainted minor units the transaction carried, greater than zero. */
  tainted: bigint;
}

export interface TraceResult {
  rule: TracingRule;
  currency: string;
  minorUnits: number;
  /** Sorted by account id. */
  holdings: TaintHolding[];
  /** Sorted by account id; accounts that dissipated nothing are absent. */
  dissipated: Dissipation[];
  /** In processing order. */
  flows: TaintFlow[];
  /** The taint the seeds introduced: always the sum of holdings plus the sum of dissipated. */
  totalTainted: bigint;
}

/** The `--json` output of the spec, amounts as decimal strings; key order is part of the contract. */
export interface TraceResultJson {
  rule: TracingRule;
  currency: string;
  holdings: { account: string; tainted: string; internal: boolean }[];
  dissipated: { account: string; amount: string }[];
  flows: { transaction: string; tainted: string }[];
  total_tainted: string;
}
