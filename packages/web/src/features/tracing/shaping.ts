import type { TMoney, TTracingParty, TTracingRule, TTracingRuleResult, TTracingRun } from '@focal/shared';

// ---------------------------------------------------------------- parties

export function partiesById(run: Pick<TTracingRun, 'parties'>): Map<string, TTracingParty> {
  return new Map(run.parties.map((p) => [p.id, p]));
}

/** What a person reads for a party: its holder, else its id (an IBAN, a number or a name). */
export function partyName(party: TTracingParty | undefined, id: string): string {
  return party?.holder?.trim() || id;
}

export function resultFor(run: Pick<TTracingRun, 'results'>, rule: TTracingRule): TTracingRuleResult | undefined {
  return run.results.find((r) => r.rule === rule);
}

// ---------------------------------------------------------------- the Sankey

export type SankeyNodeKind = 'source' | 'internal' | 'external' | 'held' | 'dissipated' | 'returned';

export interface SankeyNode {
  /** Unique within the chart (ECharts links nodes by name). */
  name: string;
  /** The party it stands for (empty for the dissipated node). */
  party: string;
  kind: SankeyNodeKind;
}

export interface SankeyLink {
  source: string;
  target: string;
  /** Minor units: only the proportions matter to the drawing; `amount` is what is shown. */
  value: number;
  amount: string;
  transactions: number;
}

export interface SankeyGraph {
  nodes: SankeyNode[];
  links: SankeyLink[];
  /** Flows the server left out of the drawing (the smallest), and their total. */
  omitted: { count: number; tainted: TMoney };
}

// Node names the parties' ids cannot take (ECharts links nodes by name).
const HELD = 'held›';
const RETURNED = 'returned›';
export const DISSIPATED_NODE = 'dissipated›';

/**
 * The Sankey of one rule's result, from the seeds' senders to where the taint rests: an account
 * that passed taint on and still holds some gets a "held" node for what it keeps; what repaid
 * overdrafts flows into one "dissipated" node. A Sankey cannot draw a cycle (A → B → A): a flow
 * that would close one goes to a copy of its target marked as money returned, so every flow is
 * still drawn with its amount.
 */
export function sankeyGraph(run: Pick<TTracingRun, 'seeds' | 'parties'>, result: TTracingRuleResult): SankeyGraph {
  const parties = partiesById(run);
  const links: SankeyLink[] = result.edges.map((e) => ({ source: e.from, target: e.to, value: e.tainted.amountMinor, amount: e.tainted.amount, transactions: e.transactions }));
  const outgoing = new Set(links.map((l) => l.source));
  for (const holding of result.holdings) {
    if (!outgoing.has(holding.account)) continue;
    links.push({ source: holding.account, target: HELD + holding.account, value: holding.tainted.amountMinor, amount: holding.tainted.amount, transactions: 0 });
  }
  for (const d of result.dissipated) links.push({ source: d.account, target: DISSIPATED_NODE, value: d.amount.amountMinor, amount: d.amount.amount, transactions: 0 });

  const acyclic = breakCycles(links);
  const seedSenders = new Set(run.seeds.map((s) => s.from));
  const targets = new Set(acyclic.map((l) => l.target));
  const nodes = new Map<string, SankeyNode>();
  for (const name of acyclic.flatMap((l) => [l.source, l.target])) {
    if (nodes.has(name)) continue;
    if (name === DISSIPATED_NODE) nodes.set(name, { name, party: '', kind: 'dissipated' });
    else if (name.startsWith(HELD)) nodes.set(name, { name, party: name.slice(HELD.length), kind: 'held' });
    else if (name.startsWith(RETURNED)) nodes.set(name, { name, party: name.slice(RETURNED.length), kind: 'returned' });
    else {
      const internal = parties.get(name)?.internal ?? false;
      nodes.set(name, { name, party: name, kind: seedSenders.has(name) && !targets.has(name) ? 'source' : internal ? 'internal' : 'external' });
    }
  }
  return { nodes: [...nodes.values()], links: acyclic, omitted: result.edgesOmitted };
}

/**
 * Redirects every flow that closes a cycle to a "returned" copy of its target (a leaf), found
 * by a depth-first walk in the order the flows come (largest first), so the result is the same
 * on every run.
 */
export function breakCycles(links: SankeyLink[]): SankeyLink[] {
  const out = new Map<string, number[]>();
  links.forEach((l, i) => out.set(l.source, [...(out.get(l.source) ?? []), i]));
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<number>();
  const roots = [...new Set(links.map((l) => l.source))];
  for (const root of roots) {
    if (state.has(root)) continue;
    // Iterative DFS: a stack of (node, next outgoing index).
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const edges = out.get(top[0]) ?? [];
      if (top[1] >= edges.length) {
        state.set(top[0], 'done');
        stack.pop();
        continue;
      }
      const index = edges[top[1]++]!;
      const target = links[index]!.target;
      const seen = state.get(target);
      if (seen === 'open') back.add(index);
      else if (seen === undefined) {
        state.set(target, 'open');
        stack.push([target, 0]);
      }
    }
  }
  return links.map((l, i) => (back.has(i) ? { ...l, target: RETURNED + l.target } : l));
}

// ---------------------------------------------------------------- tables

export interface HoldingRow {
  account: string;
  party: TTracingParty | undefined;
  tainted: TMoney;
  /** Of the taint the seeds introduced, 0 to 1. */
  share: number;
}

export function holdingRows(run: Pick<TTracingRun, 'parties'>, result: TTracingRuleResult): HoldingRow[] {
  const parties = partiesById(run);
  const total = result.totalTainted.amountMinor;
  return result.holdings.map((h) => ({ account: h.account, party: parties.get(h.account), tainted: h.tainted, share: total > 0 ? h.tainted.amountMinor / total : 0 }));
}

export interface ComparisonRow {
  account: string;
  party: TTracingParty | undefined;
  /** What the account holds under each rule of the run; null where it holds nothing. */
  byRule: Partial<Record<TTracingRule, TMoney | null>>;
}

/** The rules side by side: every account holding taint under any of them, the largest first. */
export function comparisonRows(run: Pick<TTracingRun, 'parties' | 'results'>): ComparisonRow[] {
  const parties = partiesById(run);
  const rows = new Map<string, ComparisonRow>();
  for (const result of run.results) {
    for (const h of result.holdings) {
      const row = rows.get(h.account) ?? { account: h.account, party: parties.get(h.account), byRule: Object.fromEntries(run.results.map((r) => [r.rule, null])) };
      row.byRule[result.rule] = h.tainted;
      rows.set(h.account, row);
    }
  }
  const largest = (row: ComparisonRow) => Math.max(...Object.values(row.byRule).map((m) => m?.amountMinor ?? 0));
  return [...rows.values()].sort((a, b) => largest(b) - largest(a) || (a.account < b.account ? -1 : 1));
}

// ---------------------------------------------------------------- CSV

/**
 * One CSV cell: quoted when needed, and a cell a spreadsheet would read as a formula (a holder
 * named "=HYPERLINK(…)" in a bank statement) is written as text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text, with a byte-order mark so spreadsheets read accents and Arabic correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export interface CsvLabels {
  rule: string;
  account: string;
  holder: string;
  jurisdiction: string;
  kind: string;
  amount: string;
  currency: string;
  internal: string;
  external: string;
  dissipated: string;
  total: string;
  ruleName: (rule: TTracingRule) => string;
}

/**
 * The result as a table: one row per holding (and per dissipation), amounts as exact decimals
 * with a point. Comparing, one column per rule.
 */
export function resultCsv(run: TTracingRun, rules: readonly TTracingRule[], labels: CsvLabels): string {
  const parties = partiesById(run);
  const currency = run.ledger.currency;
  const describe = (account: string) => {
    const party = parties.get(account);
    return [account, party?.holder ?? '', party?.jurisdiction ?? ''];
  };
  const results = rules.map((rule) => resultFor(run, rule)).filter((r): r is TTracingRuleResult => r !== undefined);
  if (results.length === 1) {
    const [result] = results as [TTracingRuleResult];
    const name = labels.ruleName(result.rule);
    return toCsv([
      [labels.rule, labels.account, labels.holder, labels.jurisdiction, labels.kind, labels.amount, labels.currency],
      ...result.holdings.map((h) => [name, ...describe(h.account), parties.get(h.account)?.internal ? labels.internal : labels.external, h.tainted.amount, currency]),
      ...result.dissipated.map((d) => [name, ...describe(d.account), labels.dissipated, d.amount.amount, currency]),
      [name, labels.total, '', '', '', result.totalTainted.amount, currency],
    ]);
  }
  const dissipatedRows = new Map<string, Partial<Record<TTracingRule, string>>>();
  for (const result of results) for (const d of result.dissipated) dissipatedRows.set(d.account, { ...dissipatedRows.get(d.account), [result.rule]: d.amount.amount });
  return toCsv([
    [labels.account, labels.holder, labels.jurisdiction, labels.kind, ...results.map((r) => labels.ruleName(r.rule)), labels.currency],
    ...comparisonRows({ parties: run.parties, results }).map((row) => [
      ...describe(row.account),
      row.party?.internal ? labels.internal : labels.external,
      ...results.map((r) => row.byRule[r.rule]?.amount ?? '0'),
      currency,
    ]),
    ...[...dissipatedRows.entries()].map(([account, amounts]) => [...describe(account), labels.dissipated, ...results.map((r) => amounts[r.rule] ?? '0'), currency]),
    [labels.total, '', '', '', ...results.map((r) => r.totalTainted.amount), currency],
  ]);
}

/** A file name without characters file systems refuse. */
export function fileName(...parts: string[]): string {
  return parts
    .filter(Boolean)
    .join('-')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_');
}
