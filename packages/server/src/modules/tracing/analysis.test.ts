import { describe, expect, it } from 'vitest';
import { EDGES_LIMIT, HOLDINGS_LIMIT, pathOnLedger, runOnLedger, sameFigures } from './analysis.js';
import { ReachSet, type CaseLedger, type LedgerRow, type PartySource } from './ledger.js';

/** A ledger as buildCaseLedger makes it, from rows (amounts in cents) and openings. */
function ledgerOf(rows: Omit<LedgerRow, 'statementId'>[], openings: Record<string, number>): CaseLedger {
  const withIds = rows.map((r, i) => ({ ...r, statementId: i + 1 }));
  const parties = new Map<string, PartySource>();
  for (const id of new Set(withIds.flatMap((r) => [r.from, r.to]))) parties.set(id, { id, internal: id in openings, accountEntityId: null, identifier: null, names: new Map() });
  return {
    currency: 'EUR',
    minorUnits: 2,
    accounts: Object.entries(openings).map(([id, openingMinor]) => ({ id, openingMinor })),
    rows: withIds,
    rowIndex: new Map(withIds.map((r, i) => [r.id, i])),
    byStatementRow: new Map(withIds.map((r) => [r.statementId, r.id])),
    parties,
    statements: [],
    warnings: [],
    version: 'test',
    reach: new ReachSet(),
  };
}

describe('shaping a large result', () => {
  it('keeps the answer bounded: the largest flows and holdings, the rest counted and added up', () => {
    const receivers = 2500;
    const rows: Omit<LedgerRow, 'statementId'>[] = [{ id: 'SEED', date: '2024-01-01', from: 'TREASURY', to: 'HUB', amountMinor: 100_000_000 }];
    const openings: Record<string, number> = { HUB: 0 };
    for (let i = 1; i <= receivers; i++) {
      rows.push({ id: `T${i}`, date: '2024-01-02', from: 'HUB', to: `R${i}`, amountMinor: 1000 + i });
      openings[`R${i}`] = 0;
    }
    const run = runOnLedger(ledgerOf(rows, openings), [{ statementId: 1, transaction: 'SEED' }], ['fifo']);
    const result = run.results[0]!;
    expect(result.edges).toHaveLength(EDGES_LIMIT);
    expect(result.edgesOmitted.count).toBe(receivers + 1 - EDGES_LIMIT);
    const drawn = result.edges.reduce((sum, e) => sum + e.tainted.amountMinor, 0);
    const allFlows = rows.reduce((sum, r) => sum + r.amountMinor, 0);
    expect(drawn + result.edgesOmitted.tainted.amountMinor).toBe(allFlows);
    // Largest first: the seed, then the largest transfers out of the hub.
    expect(result.edges.slice(0, 2).map((e) => e.to)).toEqual(['HUB', `R${receivers}`]);
    expect(result.holdings).toHaveLength(HOLDINGS_LIMIT);
    expect(result.holdingsOmitted).toBe(receivers + 1 - HOLDINGS_LIMIT);
    // The answer names only the parties it shows.
    expect(run.partyIds.length).toBeLessThanOrEqual(HOLDINGS_LIMIT + EDGES_LIMIT + 2);
    expect(result.held.amountMinor).toBe(100_000_000);
  });

  it('walks a holding back to the seed through money that went round in a circle', () => {
    const rows = [
      { id: 'SEED', date: '2024-01-01', from: 'TREASURY', to: 'A', amountMinor: 50_000 },
      { id: 'AB', date: '2024-01-02', from: 'A', to: 'B', amountMinor: 50_000 },
      { id: 'BA', date: '2024-01-03', from: 'B', to: 'A', amountMinor: 20_000 },
      { id: 'AX', date: '2024-01-04', from: 'A', to: 'X', amountMinor: 20_000 },
      { id: 'LATE', date: '2024-01-05', from: 'B', to: 'A', amountMinor: 10_000 },
    ];
    const { path, partyIds } = pathOnLedger(ledgerOf(rows, { A: 0, B: 0 }), [{ transaction: 'SEED' }], 'fifo', 'X');
    // The later transfer into A came after A paid X: it is not on X's path.
    expect(path.steps.map((s) => s.transaction)).toEqual(['SEED', 'AB', 'BA', 'AX']);
    expect(path.steps.map((s) => s.tainted.amount)).toEqual(['500.00', '500.00', '200.00', '200.00']);
    expect(path.steps[0]!.seed).toBe(true);
    expect(path.truncated).toBe(false);
    expect(partyIds).toEqual(['A', 'B', 'TREASURY', 'X']);
  });

  it('tells equal figures from changed ones', () => {
    const rows = [{ id: 'SEED', date: '2024-01-01', from: 'TREASURY', to: 'A', amountMinor: 50_000 }];
    const one = runOnLedger(ledgerOf(rows, { A: 0 }), [{ statementId: 1, transaction: 'SEED' }], ['fifo', 'lifo']);
    const same = runOnLedger(ledgerOf(rows, { A: 100 }), [{ statementId: 1, transaction: 'SEED' }], ['fifo', 'lifo']);
    expect(sameFigures(one, same)).toBe(true);
    const moved = runOnLedger(ledgerOf([...rows, { id: 'OUT', date: '2024-01-02', from: 'A', to: 'B', amountMinor: 1 }], { A: 0 }), [{ statementId: 1, transaction: 'SEED' }], ['fifo', 'lifo']);
    expect(sameFigures(one, moved)).toBe(false);
    expect(sameFigures(one, { results: one.results.slice(0, 1) })).toBe(false);
  });
});
