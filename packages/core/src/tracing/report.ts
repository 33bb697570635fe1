import { transactionAt } from './ledger-rows.js';
import { formatMinorUnits } from './money.js';
import { layOutColumns, type ColumnAlignment, type TableLine } from './text-table.js';
import { TRACING_RULES, type Ledger, type LedgerAccount, type TraceResult, type TracingRule } from './types.js';

export interface TraceReportOptions {
  /** Flows listed before the rest are summarised in one line; all of them by default. */
  maxFlows?: number;
}

const RULE_TITLES: Record<TracingRule, string> = {
  fifo: 'first in, first out',
  lifo: 'last in, first out',
  'pro-rata': 'in proportion to the balance',
  'clean-first': 'clean money first, lowest intermediate balance',
};

const EXTERNAL_GROUP = 'External parties (final destinations, not traced further)';
const UNKNOWN_JURISDICTION = '(jurisdiction not given)';

/**
 * A readable account of one rule's result for an investigator: where the tainted money rests,
 * grouped by jurisdiction because freezing requests go country by country, then what was
 * dissipated and the flows that carried taint.
 */
export function formatTraceReport(result: TraceResult, ledger: Ledger, options: TraceReportOptions = {}): string {
  const money = (value: bigint) => formatMinorUnits(value, result.minorUnits);
  const accounts = indexAccounts(ledger);
  const heldTotal = sum(result.holdings.map((holding) => holding.tainted));
  const dissipatedTotal = sum(result.dissipated.map((dissipation) => dissipation.amount));
  const header = [
    `Funds tracing under ${result.rule} (${RULE_TITLES[result.rule]}), ${result.currency}`,
    `Taint introduced by ${countOf(ledger.seedRows.length, 'seed transaction')}: ${money(result.totalTainted)}`,
  ];

  const holdingRows: TableLine[] = [];
  for (const [group, holdings] of groupHoldings(result, accounts)) {
    holdingRows.push({ heading: group });
    for (const holding of holdings) holdingRows.push([`  ${holding.account}`, accounts.get(holding.account)?.holder ?? '', money(holding.tainted)]);
    if (holdings.length > 1) holdingRows.push(['', 'subtotal', money(sum(holdings.map((holding) => holding.tainted)))]);
  }
  const dissipationRows = result.dissipated.map((dissipation) => [dissipation.account, accounts.get(dissipation.account)?.holder ?? '', money(dissipation.amount)]);
  const balanced = heldTotal + dissipatedTotal === result.totalTainted;

  // Spread into an array literal, not into push(): a million flows would overflow the call stack.
  const lines = [
    ...header,
    '',
    `Where the tainted money rests: ${countOf(result.holdings.length, 'holding')}, ${money(heldTotal)}`,
    ...layOutOrNone(holdingRows, ['left', 'left', 'right']),
    '',
    `Dissipated repaying overdrafts: ${money(dissipatedTotal)}`,
    ...layOutOrNone(dissipationRows, ['left', 'left', 'right']),
    '',
    `Flows carrying taint, in processing order: ${countOf(result.flows.length, 'transaction')}`,
    ...formatFlows(result, ledger, options.maxFlows ?? Infinity),
    '',
    `Conservation: held ${money(heldTotal)} + dissipated ${money(dissipatedTotal)} ${balanced ? '=' : '≠'} introduced ${money(result.totalTainted)}`,
  ];
  return lines.join('\n') + '\n';
}

/**
 * The four rules side by side (or any several results of one ledger): what each account
 * would hold and each jurisdiction could freeze under each presumption.
 */
export function formatRuleComparison(results: readonly TraceResult[], ledger: Ledger): string {
  const first = results[0];
  if (first === undefined) return '';
  const money = (value: bigint | undefined) => (value === undefined || value === 0n ? '-' : formatMinorUnits(value, first.minorUnits));
  const accounts = indexAccounts(ledger);
  const held = results.map((result) => new Map(result.holdings.map((holding) => [holding.account, holding.tainted])));
  const lost = results.map((result) => new Map(result.dissipated.map((dissipation) => [dissipation.account, dissipation.amount])));
  const header = ['', '', ...results.map((result) => result.rule)];
  const alignments = ['left', 'left', ...results.map(() => 'right' as const)] as const;
  const rows: TableLine[] = [header];

  rows.push({ heading: 'Holdings' });
  const holders = [...new Set(results.flatMap((result) => result.holdings.map((holding) => holding.account)))];
  for (const [group, ids] of groupAccountIds(holders, accounts)) {
    rows.push({ heading: `  ${group}` });
    for (const id of ids) rows.push([`    ${id}`, accounts.get(id)?.holder ?? '', ...held.map((byAccount) => money(byAccount.get(id)))]);
    const subtotals = held.map((byAccount) => sum(ids.map((id) => byAccount.get(id) ?? 0n)));
    if (ids.length > 1) rows.push(['', 'subtotal', ...subtotals.map(money)]);
  }

  rows.push({ heading: 'Dissipated repaying overdrafts' });
  const debtors = [...new Set(results.flatMap((result) => result.dissipated.map((dissipation) => dissipation.account)))].sort();
  for (const id of debtors) rows.push([`  ${id}`, accounts.get(id)?.holder ?? '', ...lost.map((byAccount) => money(byAccount.get(id)))]);
  if (debtors.length === 0) rows.push({ heading: '  none' });

  rows.push(['Total tainted', '', ...results.map((result) => money(result.totalTainted))]);
  rows.push(['Flows carrying taint', '', ...results.map((result) => String(result.flows.length))]);
  const title = `Funds tracing compared across ${results.length === TRACING_RULES.length ? 'the four rules' : 'rules'}, ${first.currency}`;
  return [title, '', ...layOutColumns(rows, alignments)].join('\n') + '\n';
}

function formatFlows(result: TraceResult, ledger: Ledger, maxFlows: number): string[] {
  if (result.flows.length === 0) return ['  none'];
  const shown = result.flows.slice(0, Math.max(0, maxFlows));
  const wanted = new Set(shown.map((flow) => flow.transaction));
  const rowById = new Map<string, number>();
  ledger.transactions.ids.forEach((id, row) => {
    if (wanted.has(id)) rowById.set(id, row);
  });
  const rows = shown.map((flow) => {
    const row = rowById.get(flow.transaction);
    const transaction = row === undefined ? undefined : transactionAt(ledger, row);
    const route = transaction === undefined ? '' : `${transaction.from} → ${transaction.to}`;
    return [flow.transaction, transaction?.date ?? '', route, formatMinorUnits(flow.tainted, result.minorUnits)];
  });
  const lines = layOutColumns(rows, ['left', 'left', 'left', 'right'], '  ');
  const hidden = result.flows.length - shown.length;
  if (hidden > 0) lines.push(`  … and ${countOf(hidden, 'more flow')} (the JSON output lists them all)`);
  return lines;
}

/** Holdings by jurisdiction (alphabetical), external parties last. */
function groupHoldings(result: TraceResult, accounts: Map<string, LedgerAccount>) {
  const byAccount = new Map(result.holdings.map((holding) => [holding.account, holding]));
  return groupAccountIds(
    result.holdings.map((holding) => holding.account),
    accounts,
  ).map(([group, ids]) => [group, ids.flatMap((id) => byAccount.get(id) ?? [])] as const);
}

function groupAccountIds(ids: readonly string[], accounts: Map<string, LedgerAccount>): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const account = accounts.get(id);
    const group = account === undefined ? EXTERNAL_GROUP : account.jurisdiction || UNKNOWN_JURISDICTION;
    const members = groups.get(group);
    if (members === undefined) groups.set(group, [id]);
    else members.push(id);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = (group: string) => (group === EXTERNAL_GROUP ? 1 : 0);
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || byName(a, b))
    .map(([group, members]) => [group, [...members].sort(byName)]);
}

function layOutOrNone(rows: readonly TableLine[], alignments: readonly ColumnAlignment[]): string[] {
  return rows.length > 0 ? layOutColumns(rows, alignments, '  ') : ['  none'];
}

function indexAccounts(ledger: Ledger): Map<string, LedgerAccount> {
  return new Map(ledger.accounts.map((account) => [account.id, account]));
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
