import { formatMinor, parseLedger, traceFunds, traceFundsUnderRules, type Ledger, type TraceResult } from '@focal/core';
import type { TTracingEdge, TTracingPath, TTracingRule, TTracingRuleResult, TTracingRun, TTracingSeed, TTracingStep } from '@focal/shared';
import { specLedger, type CaseLedger } from './ledger.js';

/** Holdings listed in a result (largest first); the rest are counted. */
export const HOLDINGS_LIMIT = 2000;
/** Flows between parties drawn in the Sankey (largest first); the rest are added up. */
export const EDGES_LIMIT = 300;
/** Transactions in one path (the latest are kept). */
export const STEPS_LIMIT = 500;

export type Money = { amount: string; amountMinor: number; currency: string };

/** A run before its parties are described: the results name parties by id. */
export type UndescribedRun = Omit<TTracingRun, 'parties'> & { partyIds: string[] };

/**
 * Runs the engine on the case's ledger and shapes what a browser needs: holdings largest first,
 * the flows added up per pair of parties for the Sankey (so a large ledger gives a small
 * answer), and the path of the largest holdings back to their seeds.
 */
export function runOnLedger(ledger: CaseLedger, seeds: { statementId: number; transaction: string }[], rules: readonly TTracingRule[]): UndescribedRun {
  const { parsed, money } = engineLedger(ledger, seeds);
  const results = traceFundsUnderRules(parsed, rules).map((result) => presentResult(ledger, result, money));
  const seedRows: TTracingSeed[] = seeds.map((seed) => {
    const row = ledger.rows[ledger.rowIndex.get(seed.transaction)!]!;
    return { id: seed.statementId, transaction: row.id, date: row.date, from: row.from, to: row.to, amount: money(row.amountMinor) };
  });
  const partyIds = new Set<string>();
  for (const seed of seedRows) partyIds.add(seed.from).add(seed.to);
  for (const result of results) {
    for (const h of result.holdings) partyIds.add(h.account);
    for (const d of result.dissipated) partyIds.add(d.account);
    for (const e of result.edges) partyIds.add(e.from).add(e.to);
  }
  return {
    ledger: { version: ledger.version, currency: ledger.currency, accounts: ledger.accounts.length, transactions: ledger.rows.length, statements: ledger.statements, warnings: ledger.warnings },
    seeds: seedRows,
    rules: [...rules],
    partyIds: [...partyIds].sort(),
    results,
  };
}

function engineLedger(ledger: CaseLedger, seeds: { transaction: string }[]): { parsed: Ledger; seedIds: string[]; money: (minor: bigint | number) => Money } {
  const seedIds = [...new Set(seeds.map((s) => s.transaction))];
  const money = (minor: bigint | number): Money => ({ amount: formatMinor(Number(minor), ledger.minorUnits), amountMinor: Number(minor), currency: ledger.currency });
  return { parsed: parseLedger(specLedger(ledger, seedIds)), seedIds, money };
}

function presentResult(ledger: CaseLedger, result: TraceResult, money: (minor: bigint | number) => Money): TTracingRuleResult {
  const holdings = [...result.holdings].sort((a, b) => (b.tainted > a.tainted ? 1 : b.tainted < a.tainted ? -1 : a.account < b.account ? -1 : 1));
  const held = result.holdings.reduce((sum, h) => sum + h.tainted, 0n);
  const dissipatedTotal = result.dissipated.reduce((sum, d) => sum + d.amount, 0n);

  const byPair = new Map<string, { from: string; to: string; tainted: bigint; transactions: number }>();
  for (const flow of result.flows) {
    const row = ledger.rows[ledger.rowIndex.get(flow.transaction)!]!;
    const key = `${row.from}\u0000${row.to}`;
    const edge = byPair.get(key) ?? { from: row.from, to: row.to, tainted: 0n, transactions: 0 };
    edge.tainted += flow.tainted;
    edge.transactions += 1;
    byPair.set(key, edge);
  }
  const edges = [...byPair.values()].sort((a, b) => (b.tainted > a.tainted ? 1 : b.tainted < a.tainted ? -1 : 0));
  const omitted = edges.slice(EDGES_LIMIT);

  return {
    rule: result.rule,
    totalTainted: money(result.totalTainted),
    held: money(held),
    dissipatedTotal: money(dissipatedTotal),
    holdings: holdings.slice(0, HOLDINGS_LIMIT).map((h) => ({ account: h.account, tainted: money(h.tainted) })),
    holdingsOmitted: Math.max(0, holdings.length - HOLDINGS_LIMIT),
    dissipated: result.dissipated.map((d) => ({ account: d.account, amount: money(d.amount) })),
    edges: edges.slice(0, EDGES_LIMIT).map((e): TTracingEdge => ({ from: e.from, to: e.to, tainted: money(e.tainted), transactions: e.transactions })),
    edgesOmitted: { count: omitted.length, tainted: money(omitted.reduce((sum, e) => sum + e.tainted, 0n)) },
  };
}

/** The path of one holding under one rule, and the parties it names. */
export function pathOnLedger(ledger: CaseLedger, seeds: { transaction: string }[], rule: TTracingRule, account: string): { path: TTracingPath; partyIds: string[] } {
  const { parsed, seedIds, money } = engineLedger(ledger, seeds);
  const path = pathBack(ledger, traceFunds(parsed, rule), account, new Set(seedIds), money);
  return { path, partyIds: [...new Set([account, ...path.steps.flatMap((s) => [s.from, s.to])])].filter((id) => ledger.parties.has(id)).sort() };
}

/**
 * Walks back in time from an account: a tainted transaction into an account on the path joins
 * it, and so does its sender, whose earlier tainted receipts may then have fed it — until the
 * seeds, where the taint began. Every transaction kept could have carried part of the holding.
 */
function pathBack(ledger: CaseLedger, result: TraceResult, account: string, seeds: Set<string>, money: (minor: bigint | number) => Money): TTracingPath {
  const onPath = new Set([account]);
  const steps: TTracingStep[] = [];
  let truncated = false;
  for (let i = result.flows.length - 1; i >= 0; i--) {
    const flow = result.flows[i]!;
    const row = ledger.rows[ledger.rowIndex.get(flow.transaction)!]!;
    if (!onPath.has(row.to)) continue;
    if (steps.length === STEPS_LIMIT) {
      truncated = true;
      break;
    }
    const seed = seeds.has(row.id);
    steps.push({ transaction: row.id, statementTransactionId: row.statementId, date: row.date, from: row.from, to: row.to, amount: money(row.amountMinor), tainted: money(flow.tainted), seed });
    if (!seed) onPath.add(row.from);
  }
  return { account, steps: steps.reverse(), truncated };
}

/** True when two runs give the same figures for every rule they share (totals, holdings, dissipation). */
export function sameFigures(saved: Pick<TTracingRun, 'results'>, current: Pick<TTracingRun, 'results'>): boolean {
  const figures = (r: TTracingRuleResult) =>
    JSON.stringify([
      r.totalTainted.amountMinor,
      r.holdingsOmitted,
      [...r.holdings].map((h) => [h.account, h.tainted.amountMinor]).sort(),
      [...r.dissipated].map((d) => [d.account, d.amount.amountMinor]).sort(),
    ]);
  if (saved.results.length !== current.results.length) return false;
  return saved.results.every((r) => {
    const other = current.results.find((c) => c.rule === r.rule);
    return other !== undefined && figures(r) === figures(other);
  });
}
