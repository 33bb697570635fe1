/**
 * One normalised model for bank statements, whatever their format (CSV, ISO 20022 camt.053,
 * SWIFT MT940). Amounts are integer minor units of their currency (cents for EUR, yen for
 * JPY, fils for KWD), signed from the point of view of the statement's account: positive
 * money came in (credit), negative money went out (debit). Dates are `YYYY-MM-DD` as the
 * bank wrote them (its own calendar day, never converted to UTC).
 */
export type StatementFormat = 'csv' | 'camt053' | 'mt940';

export interface StatementAccount {
  /** Normalised: upper case, no spaces. */
  iban?: string;
  /** An account number that is not an IBAN (`37040044/532013000`, `Othr/Id`). */
  number?: string;
  bic?: string;
  /** ISO 4217 code of the account. */
  currency: string;
  holder?: string;
  bank?: string;
}

export interface StatementBalance {
  /** Signed minor units: negative when the account was overdrawn. */
  amountMinor: number;
  date: string;
}

export interface StatementTransaction {
  /**
   * Where it was read, for messages: the line of the CSV record, of the MT940 `:61:` field or
   * of the camt.053 `<Ntry>` element (1-based).
   */
  line: number;
  bookingDate: string;
  valueDate?: string;
  /** Signed minor units: + credit into the account, − debit out of it. A safe integer. */
  amountMinor: number;
  currency: string;
  counterpartyName?: string;
  /** IBAN (normalised) or other account number of the other side. */
  counterpartyAccount?: string;
  counterpartyBic?: string;
  /** The payment's own reference: end-to-end id (camt, EREF), customer reference (MT940). */
  reference?: string;
  description?: string;
  /** The bank's id for the entry: camt `AcctSvcrRef`/`NtryRef`, MT940 bank reference after `//`. */
  entryId?: string;
  /** The entry reverses an earlier one (camt `RvslInd`, MT940 `RC`/`RD`); the sign is already the net effect. */
  reversal?: boolean;
  /** The running balance after this transaction, when the source gives one (CSV balance column). */
  balanceAfterMinor?: number;
}

export interface Statement {
  format: StatementFormat;
  account: StatementAccount;
  /** camt `Stmt/Id`, MT940 `:20:` (with `:28C:` number when present). */
  statementId?: string;
  /** First line of the statement in its file (1-based), when known. */
  line?: number;
  openingBalance?: StatementBalance;
  closingBalance?: StatementBalance;
  transactions: StatementTransaction[];
  /** Things the user should know that did not stop the import (left-out entries, parser disagreements). */
  warnings: string[];
}
