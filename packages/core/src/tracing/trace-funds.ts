import { openAccountBook, type AccountBook } from './account-books.js';
import { UnknownRuleError } from './errors.js';
import { isTracingRule } from './parse-ledger.js';
import { planTrace, type TracePlan } from './trace-plan.js';
import { TRACING_RULES, type Dissipation, type Ledger, type TaintFlow, type TaintHolding, type TraceResult, type TracingRule } from './types.js';

/** Follows the seeds' taint through the ledger under one rule (specs/funds-tracing.md). */
export function traceFunds(ledger: Ledger, rule: TracingRule): TraceResult {
  return traceUnderRule(ledger, planTrace(ledger), rule);
}

/** Traces the same ledger under several rules, resolving and ordering it only once. */
export function traceFundsUnderRules(ledger: Ledger, rules: readonly TracingRule[] = TRACING_RULES): TraceResult[] {
  const plan = planTrace(ledger);
  return rules.map((rule) => traceUnderRule(ledger, plan, rule));
}

function traceUnderRule(ledger: Ledger, plan: TracePlan, rule: TracingRule): TraceResult {
  if (!isTracingRule(rule)) throw new UnknownRuleError(String(rule));
  const accountCount = plan.accountIds.length;
  const book = openAccountBook(rule, plan.openingBalances);
  const debts = new Array<bigint>(accountCount).fill(0n);
  const dissipated = new Array<bigint>(accountCount).fill(0n);
  const externalTaint = new Array<bigint>(plan.externalIds.length).fill(0n);
  const flows: TaintFlow[] = [];
  let totalTainted = 0n;

  for (const row of plan.order) {
    const amount = plan.amounts[row] ?? 0n;
    const sender = plan.senders[row] ?? -1;
    const receiver = plan.receivers[row] ?? -1;
    let tainted = sender >= 0 ? withdraw(book, debts, sender, amount) : 0n;
    if (plan.seeds[row] === 1) {
      // The seed's whole amount is tainted; only what it did not already carry is new.
      totalTainted += amount - tainted;
      tainted = amount;
    }
    if (tainted > 0n) flows.push({ transaction: plan.transactionIds[row] ?? '', tainted });
    if (receiver >= 0) deposit(book, debts, dissipated, receiver, amount - tainted, tainted);
    else externalTaint[-1 - receiver] = (externalTaint[-1 - receiver] ?? 0n) + tainted;
  }

  return {
    rule,
    currency: ledger.currency,
    minorUnits: ledger.minorUnits,
    holdings: collectHoldings(plan, book, externalTaint),
    dissipated: collectDissipations(plan, dissipated),
    flows,
    totalTainted,
  };
}

/** Returns the tainted part sent; whatever exceeds the balance is unfunded, clean, and owed. */
function withdraw(book: AccountBook, debts: bigint[], account: number, amount: bigint): bigint {
  const balance = book.balance(account);
  if (amount < balance) return book.withdraw(account, amount);
  if (amount > balance) debts[account] = (debts[account] ?? 0n) + (amount - balance);
  return balance > 0n ? book.withdrawAll(account) : 0n;
}

/** Repays the account's debt first, clean part before tainted part; taint spent so is dissipated. */
function deposit(book: AccountBook, debts: bigint[], dissipated: bigint[], account: number, clean: bigint, tainted: bigint): void {
  const debt = debts[account] ?? 0n;
  if (debt === 0n) {
    book.deposit(account, clean, tainted);
    return;
  }
  const cleanRepaid = clean < debt ? clean : debt;
  const stillOwed = debt - cleanRepaid;
  const taintedRepaid = tainted < stillOwed ? tainted : stillOwed;
  debts[account] = stillOwed - taintedRepaid;
  dissipated[account] = (dissipated[account] ?? 0n) + taintedRepaid;
  book.deposit(account, clean - cleanRepaid, tainted - taintedRepaid);
}

function collectHoldings(plan: TracePlan, book: AccountBook, externalTaint: bigint[]): TaintHolding[] {
  const holdings: TaintHolding[] = [];
  plan.accountIds.forEach((account, index) => {
    const tainted = book.tainted(index);
    if (tainted > 0n) holdings.push({ account, tainted, internal: true });
  });
  plan.externalIds.forEach((account, index) => {
    const tainted = externalTaint[index] ?? 0n;
    if (tainted > 0n) holdings.push({ account, tainted, internal: false });
  });
  return holdings.sort((a, b) => compareIds(a.account, b.account));
}

function collectDissipations(plan: TracePlan, dissipated: bigint[]): Dissipation[] {
  const dissipations: Dissipation[] = [];
  plan.accountIds.forEach((account, index) => {
    const amount = dissipated[index] ?? 0n;
    if (amount > 0n) dissipations.push({ account, amount });
  });
  return dissipations.sort((a, b) => compareIds(a.account, b.account));
}

/** Code-unit order, the same on every machine (no locale collation). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
