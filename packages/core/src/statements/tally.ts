import { addMinor, compareBalances, type BalanceCheck, type RunningBalanceBreak } from './balance.js';
import { formatMoney } from './currency.js';
import type { Statement, StatementAccount, StatementBalance, StatementTransaction } from './types.js';

const MAX_BREAKS = 100;

/** What a StatementTally knows once every transaction went through it. */
export interface StatementTallyResult {
  /** The balance check, running-balance breaks included. */
  check: BalanceCheck;
  /** The statement's own, or derived from a running balance column. */
  openingBalance?: StatementBalance;
  closingBalance?: StatementBalance;
  /** The earliest and latest booking dates. */
  periodFrom?: string;
  periodTo?: string;
  transactionCount: number;
  /** Said about the balances: where they were derived from, or why they were not. */
  warnings: string[];
}

/**
 * Takes a statement's transactions one at a time and keeps only totals, so a statement of a
 * million rows is checked without holding them: the sum in the account's currency, the
 * period, and — when every row carries a running balance (CSV) — the opening and closing
 * balances derived from it and the rows where it stops following from the amounts, read in
 * whichever direction (oldest or newest first) more consecutive rows agree with.
 */
export class StatementTally {
  private sum = 0;
  private count = 0;
  private otherCurrencyCount = 0;
  private withBalance = 0;
  private periodFrom: string | undefined;
  private periodTo: string | undefined;
  private first: StatementTransaction | undefined;
  private previous: StatementTransaction | undefined;
  private ascending = 0;
  private descending = 0;
  private pairs = 0;
  private readonly ascendingBreaks: RunningBalanceBreak[] = [];
  private readonly descendingBreaks: RunningBalanceBreak[] = [];
  private ascendingBreakCount = 0;
  private descendingBreakCount = 0;

  constructor(private readonly account: Pick<StatementAccount, 'currency'>) {}

  add(transaction: StatementTransaction): void {
    this.count++;
    if (transaction.currency === this.account.currency) this.sum = addMinor(this.sum, transaction.amountMinor);
    else this.otherCurrencyCount++;
    if (this.periodFrom === undefined || transaction.bookingDate < this.periodFrom) this.periodFrom = transaction.bookingDate;
    if (this.periodTo === undefined || transaction.bookingDate > this.periodTo) this.periodTo = transaction.bookingDate;
    if (transaction.balanceAfterMinor !== undefined && transaction.currency === this.account.currency) this.withBalance++;
    const previous = this.previous;
    if (previous?.balanceAfterMinor !== undefined && transaction.balanceAfterMinor !== undefined) {
      this.pairs++;
      const ascendingExpected = previous.balanceAfterMinor + transaction.amountMinor;
      if (ascendingExpected === transaction.balanceAfterMinor) this.ascending++;
      else {
        this.ascendingBreakCount++;
        if (this.ascendingBreaks.length < MAX_BREAKS) this.ascendingBreaks.push({ line: transaction.line, expectedMinor: ascendingExpected, statedMinor: transaction.balanceAfterMinor });
      }
      const descendingExpected = transaction.balanceAfterMinor + previous.amountMinor;
      if (descendingExpected === previous.balanceAfterMinor) this.descending++;
      else {
        this.descendingBreakCount++;
        if (this.descendingBreaks.length < MAX_BREAKS) this.descendingBreaks.push({ line: previous.line, expectedMinor: descendingExpected, statedMinor: previous.balanceAfterMinor });
      }
    }
    this.first ??= transaction;
    this.previous = transaction;
  }

  /** The running balance direction, as runningBalanceDirection reads it; undefined without two rows with a balance. */
  direction(): 'ascending' | 'descending' | undefined {
    if (this.pairs === 0) return undefined;
    return this.descending > this.ascending ? 'descending' : 'ascending';
  }

  /**
   * The check against the statement's own balances; without them, and with a balance on
   * every row (`deriveFromRunningBalance`), against the balances the rows imply.
   */
  result(statementBalances: { openingBalance?: StatementBalance; closingBalance?: StatementBalance } = {}, deriveFromRunningBalance = false): StatementTallyResult {
    const warnings: string[] = [];
    let { openingBalance, closingBalance } = statementBalances;
    const direction = this.direction();
    if (deriveFromRunningBalance && this.withBalance > 0) {
      if (this.withBalance === this.count && this.first !== undefined && this.previous !== undefined) {
        const descending = direction === 'descending';
        const oldest = descending ? this.previous : this.first;
        const newest = descending ? this.first : this.previous;
        openingBalance = { amountMinor: addMinor(oldest.balanceAfterMinor as number, -oldest.amountMinor), date: oldest.bookingDate };
        closingBalance = { amountMinor: newest.balanceAfterMinor as number, date: newest.bookingDate };
        if (descending) warnings.push('The rows run newest first; the opening balance was taken from the last row.');
      } else {
        warnings.push('The balance column is not filled on every row: opening and closing balances were not derived from it.');
      }
    }
    let check = compareBalances({
      currency: this.account.currency,
      ...(openingBalance ? { opening: openingBalance } : {}),
      ...(closingBalance ? { closing: closingBalance } : {}),
      sumMinor: this.sum,
      transactionCount: this.count,
      otherCurrencyCount: this.otherCurrencyCount,
    });
    const breaks = direction === undefined ? [] : direction === 'ascending' ? this.ascendingBreaks : this.descendingBreaks;
    const breakCount = direction === undefined ? 0 : direction === 'ascending' ? this.ascendingBreakCount : this.descendingBreakCount;
    if (breaks.length > 0) {
      const first = breaks[0] as RunningBalanceBreak;
      const currency = this.account.currency;
      check = {
        ...check,
        runningBalanceBreaks: [...breaks],
        // Even when the ends agree, a balance that stops following from the amounts is a mismatch to show.
        status: 'unbalanced',
        ok: false,
        message:
          `${check.message} The running balance does not follow from the amounts at line ${first.line} ` +
          `(expected ${formatMoney(first.expectedMinor, currency)}, the file says ${formatMoney(first.statedMinor, currency)})` +
          (breakCount > 1 ? ` and at ${breakCount - 1} more row${breakCount > 2 ? 's' : ''}.` : '.'),
      };
    }
    return {
      check,
      ...(openingBalance ? { openingBalance } : {}),
      ...(closingBalance ? { closingBalance } : {}),
      ...(this.periodFrom === undefined ? {} : { periodFrom: this.periodFrom, periodTo: this.periodTo as string }),
      transactionCount: this.count,
      warnings,
    };
  }
}

/** Checks that opening + Σ amounts = closing for a statement held in memory (see StatementTally). */
export function checkBalance(statement: Pick<Statement, 'account' | 'openingBalance' | 'closingBalance' | 'transactions'>): BalanceCheck {
  const tally = new StatementTally(statement.account);
  for (const transaction of statement.transactions) tally.add(transaction);
  return tally.result({ ...(statement.openingBalance ? { openingBalance: statement.openingBalance } : {}), ...(statement.closingBalance ? { closingBalance: statement.closingBalance } : {}) }).check;
}
