import { describe, expect, it } from 'vitest';
import type { TMoney, TTracingParty, TTracingRule, TTracingRuleResult, TTracingRun } from '@focal/shared';
import { breakCycles, comparisonRows, csvCell, DISSIPATED_NODE, fileName, holdingRows, resultCsv, sankeyGraph, type CsvLabels, type SankeyLink } from './shaping';

const eur = (amount: string): TMoney => ({ amount, amountMinor: Math.round(Number(amount) * 100), currency: 'EUR' });
const party = (id: string, internal: boolean, holder: string | null, jurisdiction: string | null): TTracingParty => ({ id, internal, entityId: null, holder, holderEntityId: null, jurisdiction, bank: null });

function result(rule: TTracingRule, holdings: [string, string][], edges: [string, string, string][], dissipated: [string, string][] = []): TTracingRuleResult {
  const held = holdings.reduce((s, [, a]) => s + eur(a).amountMinor, 0);
  const lost = dissipated.reduce((s, [, a]) => s + eur(a).amountMinor, 0);
  const money = (minor: number) => ({ amount: (minor / 100).toFixed(2), amountMinor: minor, currency: 'EUR' });
  return {
    rule,
    totalTainted: money(held + lost),
    held: money(held),
    dissipatedTotal: money(lost),
    holdings: holdings.map(([account, amount]) => ({ account, tainted: eur(amount) })),
    holdingsOmitted: 0,
    dissipated: dissipated.map(([account, amount]) => ({ account, amount: eur(amount) })),
    edges: edges.map(([from, to, amount]) => ({ from, to, tainted: eur(amount), transactions: 1 })),
    edgesOmitted: { count: 0, tainted: eur('0.00') },
  };
}

/** The spec's worked example, as the server answers it. */
const run: TTracingRun = {
  ledger: { version: 'v', currency: 'EUR', accounts: 3, transactions: 5, statements: [], warnings: [] },
  seeds: [{ id: 1, transaction: 'S1', date: '2024-01-01', from: 'TREASURY', to: 'A', amount: eur('500.00') }],
  rules: ['fifo', 'lifo', 'pro-rata', 'clean-first'],
  parties: [party('TREASURY', false, 'Trésor public', 'FR'), party('A', true, 'Société Écran SARL', 'FR'), party('B', true, 'Alpen Holding AG', 'CH'), party('C', true, '=HYPERLINK("x")', 'LU'), party('CASINO', false, null, null)],
  results: [
    result('fifo', [['C', '500.00']], [['TREASURY', 'A', '500.00'], ['A', 'C', '500.00']]),
    result('lifo', [['CASINO', '300.00'], ['B', '200.00']], [['TREASURY', 'A', '500.00'], ['A', 'B', '500.00'], ['B', 'CASINO', '300.00']]),
    result('pro-rata', [['C', '240.00'], ['B', '133.33'], ['CASINO', '100.00'], ['A', '26.67']], [['TREASURY', 'A', '500.00'], ['A', 'C', '240.00'], ['A', 'B', '233.33'], ['B', 'CASINO', '100.00']]),
    result('clean-first', [['C', '400.00'], ['A', '100.00']], [['TREASURY', 'A', '500.00'], ['A', 'C', '400.00']]),
  ],
};
const of = (rule: TTracingRule) => run.results.find((r) => r.rule === rule)!;

describe('the Sankey', () => {
  it('draws from the seed’s sender to where the taint rests', () => {
    const graph = sankeyGraph(run, of('fifo'));
    expect(graph.nodes.map((n) => [n.name, n.kind])).toEqual([
      ['TREASURY', 'source'],
      ['A', 'internal'],
      ['C', 'internal'],
    ]);
    expect(graph.links.map((l) => [l.source, l.target, l.value, l.amount])).toEqual([
      ['TREASURY', 'A', 50000, '500.00'],
      ['A', 'C', 50000, '500.00'],
    ]);
  });

  it('shows what an account keeps after passing taint on, and what was dissipated', () => {
    const graph = sankeyGraph(run, of('pro-rata'));
    const held = graph.nodes.filter((n) => n.kind === 'held').map((n) => n.party);
    // A and B passed taint on and still hold some; C and the casino are where it ends.
    expect(held.sort()).toEqual(['A', 'B']);
    const intoHeld = graph.links.filter((l) => graph.nodes.find((n) => n.name === l.target)?.kind === 'held').map((l) => [l.source, l.amount]);
    expect(intoHeld).toEqual([
      ['B', '133.33'],
      ['A', '26.67'],
    ]);
    // Every account passes on or keeps exactly what flowed into it.
    for (const node of graph.nodes.filter((n) => n.kind === 'internal')) {
      const inflow = graph.links.filter((l) => l.target === node.name).reduce((s, l) => s + l.value, 0);
      const outflow = graph.links.filter((l) => l.source === node.name).reduce((s, l) => s + l.value, 0);
      if (outflow > 0) expect(outflow, node.name).toBe(inflow);
    }
    const lost = sankeyGraph(run, { ...of('fifo'), dissipated: [{ account: 'A', amount: eur('12.00') }] });
    expect(lost.links.find((l) => l.target === DISSIPATED_NODE)).toMatchObject({ source: 'A', amount: '12.00' });
    expect(lost.nodes.find((n) => n.name === DISSIPATED_NODE)?.kind).toBe('dissipated');
  });

  it('redirects a flow that closes a cycle to a copy of its target, keeping every amount', () => {
    const link = (source: string, target: string, value: number): SankeyLink => ({ source, target, value, amount: String(value), transactions: 1 });
    const links = [link('S', 'A', 100), link('A', 'B', 80), link('B', 'C', 50), link('C', 'A', 30), link('B', 'A', 20)];
    const acyclic = breakCycles(links);
    expect(acyclic.map((l) => l.value)).toEqual(links.map((l) => l.value));
    const redirected = acyclic.filter((l) => l.target !== links[acyclic.indexOf(l)]!.target);
    expect(redirected.map((l) => [l.source, l.target.split('›')[1]])).toEqual([
      ['C', 'A'],
      ['B', 'A'],
    ]);
    // What is left has a topological order.
    const remaining = new Set(acyclic.flatMap((l) => [l.source, l.target]));
    const edges = [...acyclic];
    while (remaining.size) {
      const free = [...remaining].find((n) => !edges.some((e) => e.target === n && remaining.has(e.source)));
      expect(free, 'a cycle is left').toBeDefined();
      remaining.delete(free!);
    }
    const graph = sankeyGraph({ seeds: run.seeds, parties: run.parties }, result('fifo', [['A', '1.00']], [['A', 'B', '1.00'], ['B', 'A', '1.00']]));
    expect(graph.nodes.map((n) => n.kind)).toContain('returned');
  });
});

describe('holdings and the rules side by side', () => {
  it('gives each holding its holder, jurisdiction and share of the taint', () => {
    const rows = holdingRows(run, of('lifo'));
    expect(rows.map((r) => [r.account, r.party?.holder ?? null, r.party?.jurisdiction ?? null, r.tainted.amount, r.share])).toEqual([
      ['CASINO', null, null, '300.00', 0.6],
      ['B', 'Alpen Holding AG', 'CH', '200.00', 0.4],
    ]);
  });

  it('lists every account holding taint under any rule, the largest first, with nothing where it holds nothing', () => {
    const rows = comparisonRows(run);
    expect(rows.map((r) => r.account)).toEqual(['C', 'CASINO', 'B', 'A']);
    const b = rows.find((r) => r.account === 'B')!;
    expect([b.byRule.fifo, b.byRule.lifo?.amount, b.byRule['pro-rata']?.amount, b.byRule['clean-first']]).toEqual([null, '200.00', '133.33', null]);
  });
});

describe('CSV export', () => {
  const labels: CsvLabels = {
    rule: 'Rule',
    account: 'Account',
    holder: 'Holder',
    jurisdiction: 'Jurisdiction',
    kind: 'Kind',
    amount: 'Traced amount',
    currency: 'Currency',
    internal: 'account of the case',
    external: 'outside party',
    dissipated: 'dissipated',
    total: 'Total',
    ruleName: (rule) => rule.toUpperCase(),
  };

  it('writes a formula-looking holder as text, and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('Alpen Holding AG')).toBe('Alpen Holding AG');
    expect(csvCell('Écran, SARL')).toBe('"Écran, SARL"');
  });

  it('exports one rule with its dissipation and total, exact amounts with a point', () => {
    const csv = resultCsv({ ...run, results: [{ ...of('lifo'), dissipated: [{ account: 'A', amount: eur('12.00') }] }] }, ['lifo'], labels);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).trim().split('\r\n')).toEqual([
      'Rule,Account,Holder,Jurisdiction,Kind,Traced amount,Currency',
      'LIFO,CASINO,,,outside party,300.00,EUR',
      'LIFO,B,Alpen Holding AG,CH,account of the case,200.00,EUR',
      'LIFO,A,Société Écran SARL,FR,dissipated,12.00,EUR',
      'LIFO,Total,,,,500.00,EUR',
    ]);
  });

  it('exports the four rules side by side', () => {
    const lines = resultCsv(run, run.rules, labels).slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Account,Holder,Jurisdiction,Kind,FIFO,LIFO,PRO-RATA,CLEAN-FIRST,Currency');
    expect(lines[1]).toBe(`C,"'=HYPERLINK(""x"")",LU,account of the case,500.00,0,240.00,400.00,EUR`);
    expect(lines.at(-1)).toBe('Total,,,,500.00,500.00,500.00,500.00,EUR');
  });

  it('names files without characters file systems refuse', () => {
    expect(fileName('AR-2026-FR-0001', 'tracing', 'pro-rata', 'a/b:c')).toBe('AR-2026-FR-0001-tracing-pro-rata-a_b_c');
  });
});
