import { openAccountBook, type AccountBook } from './account-books.js';
import type { Arithmetic } from './arithmetic.js';
import { UnknownRuleError } from './errors.js';
import { isTracingRule } from './rules.js';
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
  const { money } = plan;
  const state =
    money.kind === 'safe-integer'
      ? replayLedger(ledger, plan, rule, money.arithmetic, money.amounts, money.openingBalances)
      : replayLedger(ledger, plan, rule, money.arithmetic, money.amounts, money.openingBalances);
  return {
    rule,
    currency: ledger.currency,
    minorUnits: ledger.minorUnits,
    holdings: state.holdings,
    dissipated: state.dissipated,
    flows: state.flows,
    totalTainted: state.totalTainted,
  };
}

/** Runs every transaction in processing order through the rule's account book. */
function replayLedger<M extends number | bigint>(
  ledger: Ledger,
  plan: TracePlan,
  rule: TracingRule,
  arithmetic: Arithmetic<M>,
  amounts: ArrayLike<M>,
  openingBalances: M[],
) {
  const { add, subtract, zero, toBigInt } = arithmetic;
  const { ids, from, to } = ledger.transactions;
  const accountCount = ledger.accounts.length;
  const book = openAccountBook(rule, openingBalances, arithmetic);
  const debts = openingBalances.map(() => zero);
  const dissipated = openingBalances.map(() => zero);
  // Indexed by party: only the external parties' entries are used.
  const externalTaint = ledger.parties.map(() => zero);
  const flows: TaintFlow[] = [];
  let totalTainted = zero;

  for (let step = 0; step < plan.order.length; step++) {
    const row = plan.order[step] ?? 0;
    const amount = amounts[row] ?? zero;
    const sender = from[row] ?? 0;
    const receiver = to[row] ?? 0;
    let tainted = sender < accountCount ? withdraw(book, arithmetic, debts, sender, amount) : zero;
    if (plan.seeds[row] === 1) {
      // The seed's whole amount is tainted; only what it did not already carry is new.
      totalTainted = add(totalTainted, subtract(amount, tainted));
      tainted = amount;
    }
    if (tainted > zero) flows.push({ transaction: ids[row] ?? '', tainted: toBigInt(tainted) });
    if (receiver < accountCount) deposit(book, arithmetic, debts, dissipated, receiver, subtract(amount, tainted), tainted);
    else externalTaint[receiver] = add(externalTaint[receiver] ?? zero, tainted);
  }

  const holdings: TaintHolding[] = [];
  const dissipations: Dissipation[] = [];
  ledger.parties.forEach((account, party) => {
    const internal = party < accountCount;
    const tainted = internal ? book.tainted(party) : (externalTaint[party] ?? zero);
    if (tainted > zero) holdings.push({ account, tainted: toBigInt(tainted), internal });
    const lost = dissipated[party] ?? zero;
    if (internal && lost > zero) dissipations.push({ account, amount: toBigInt(lost) });
  });
  return {
    holdings: holdings.sort((a, b) => compareIds(a.account, b.account)),
    dissipated: dissipations.sort((a, b) => compareIds(a.account, b.account)),
    flows,
    totalTainted: toBigInt(totalTainted),
  };
}

/** Returns the tainted part sent; whatever exceeds the balance is unfunded, clean, and owed. */
function withdraw<M extends number | bigint>(book: AccountBook<M>, arithmetic: Arithmetic<M>, debts: M[], account: number, amount: M): M {
  const balance = book.balance(account);
  if (amount < balance) return book.withdraw(account, amount);
  if (amount > balance) debts[account] = arithmetic.add(debts[account] ?? arithmetic.zero, arithmetic.subtract(amount, balance));
  return balance > arithmetic.zero ? book.withdrawAll(account) : arithmetic.zero;
}

/** Repays the account's debt first, clean part before tainted part; taint spent so is dissipated. */
function deposit<M extends number | bigint>(
  book: AccountBook<M>,
  arithmetic: Arithmetic<M>,
  debts: M[],
  dissipated: M[],
  account: number,
  clean: M,
  tainted: M,
): void {
  const { add, subtract, zero } = arithmetic;
  const debt = debts[account] ?? zero;
  if (debt === zero) {
    book.deposit(account, clean, tainted);
    return;
  }
  const cleanRepaid = clean < debt ? clean : debt;
  const stillOwed = subtract(debt, cleanRepaid);
  const taintedRepaid = tainted < stillOwed ? tainted : stillOwed;
  debts[account] = subtract(stillOwed, taintedRepaid);
  dissipated[account] = add(dissipated[account] ?? zero, taintedRepaid);
  book.deposit(account, subtract(clean, cleanRepaid), subtract(tainted, taintedRepaid));
}

/** Code-unit order, the same on every machine (no locale collation). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
