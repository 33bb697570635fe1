import { describe, expect, it } from 'vitest';
import { parseLedger } from './parse-ledger.js';
import { formatRuleComparison, formatTraceReport } from './report.js';
import { traceFunds, traceFundsUnderRules } from './trace-funds.js';

const ledger = parseLedger({
  currency: 'EUR',
  accounts: [
    { id: 'A', holder: 'Ministry contractor', jurisdiction: 'FR', opening_balance: '1000.00' },
    { id: 'B', holder: 'Shell company', jurisdiction: 'CY', opening_balance: '0.00' },
    { id: 'C', holder: 'Private bank account', jurisdiction: 'CH', opening_balance: '0.00' },
    { id: 'D', holder: 'Second Swiss account', jurisdiction: 'CH', opening_balance: '0.00' },
  ],
  transactions: [
    { id: 'T1', date: '2024-01-01', from: 'EXT-TREASURY', to: 'A', amount: '500.00' },
    { id: 'T2', date: '2024-01-02', from: 'A', to: 'B', amount: '700.00' },
    { id: 'T3', date: '2024-01-03', from: 'EXT-SALARY', to: 'A', amount: '200.00' },
    { id: 'T4', date: '2024-01-04', from: 'A', to: 'C', amount: '900.00' },
    { id: 'T5', date: '2024-01-05', from: 'B', to: 'EXT-CASINO', amount: '300.00' },
    { id: 'T6', date: '2024-01-06', from: 'C', to: 'D', amount: '450.00' },
    { id: 'T7', date: '2024-01-07', from: 'B', to: 'EXT-CASH', amount: '500.00' },
    { id: 'T8', date: '2024-01-08', from: 'EXT-TREASURY', to: 'B', amount: '150.00' },
  ],
  taint: [{ transaction: 'T1' }, { transaction: 'T8' }],
});

describe('formatTraceReport', () => {
  const report = formatTraceReport(traceFunds(ledger, 'fifo'), ledger);
  const lines = report.split('\n');

  it('names the rule, the currency and the taint introduced', () => {
    expect(lines[0]).toBe('Funds tracing under fifo (first in, first out), EUR');
    expect(lines[1]).toBe('Taint introduced by 2 seed transactions: 650.00');
  });

  it('groups holdings by jurisdiction with holder names and subtotals, external parties last', () => {
    const start = lines.indexOf('Where the tainted money rests: 3 holdings, 550.00');
    expect(lines.slice(start + 1, start + 8)).toEqual([
      '  CH',
      '    C  Private bank account  450.00',
      '    D  Second Swiss account   50.00',
      '       subtotal              500.00',
      '  CY',
      '    B  Shell company          50.00',
      '',
    ]);
  });

  it('lists what was dissipated and every flow in processing order, and checks conservation', () => {
    expect(report).toContain('Dissipated repaying overdrafts: 100.00\n  B  Shell company  100.00\n');
    expect(report).toContain('  T1  2024-01-01  EXT-TREASURY → A  500.00\n  T4  2024-01-04  A → C             500.00\n');
    expect(report).toContain('  T6  2024-01-06  C → D              50.00\n  T8  2024-01-08  EXT-TREASURY → B  150.00\n');
    expect(lines).toContain('Conservation: held 550.00 + dissipated 100.00 = introduced 650.00');
  });

  it('summarises flows beyond the limit asked for', () => {
    const short = formatTraceReport(traceFunds(ledger, 'fifo'), ledger, { maxFlows: 1 });
    expect(short).toContain('  T1  2024-01-01  EXT-TREASURY → A  500.00\n  … and 3 more flows (the JSON output lists them all)\n');
  });

  it('lists hundreds of thousands of flows without overflowing the call stack', () => {
    const hops = 150_000;
    const transactions = Array.from({ length: hops }, (_, row) => ({ id: `T${row}`, date: '2024-01-01', from: row === 0 ? 'X' : row % 2 ? 'A' : 'B', to: row % 2 ? 'B' : 'A', amount: '1.00' }));
    const pingPong = parseLedger({ currency: 'EUR', accounts: [{ id: 'A', opening_balance: '0' }, { id: 'B', opening_balance: '0' }], transactions, taint: [{ transaction: 'T0' }] });
    const text = formatTraceReport(traceFunds(pingPong, 'fifo'), pingPong);
    expect(text.split('\n').length).toBeGreaterThan(hops);
  });

  it('says "none" where there is nothing to list', () => {
    const clean = parseLedger({ currency: 'EUR', accounts: [], transactions: [] });
    const text = formatTraceReport(traceFunds(clean, 'lifo'), clean);
    expect(text).toContain('Where the tainted money rests: 0 holdings, 0.00\n  none\n');
    expect(text).toContain('Flows carrying taint, in processing order: 0 transactions\n  none\n');
  });
});

describe('formatRuleComparison', () => {
  const comparison = formatRuleComparison(traceFundsUnderRules(ledger), ledger);
  const lines = comparison.split('\n');

  it('puts the four rules side by side per account, jurisdiction and total', () => {
    expect(lines[0]).toBe('Funds tracing compared across the four rules, EUR');
    expect(lines[2]?.trim().split(/\s+/)).toEqual(['fifo', 'lifo', 'pro-rata', 'clean-first']);
    const row = (label: string) => lines.find((line) => line.trimStart().startsWith(label))?.trim().split(/\s{2,}/);
    expect(row('EXT-CASINO')).toEqual(['EXT-CASINO', '-', '300.00', '100.00', '-']);
    expect(row('Total tainted')).toEqual(['Total tainted', '650.00', '650.00', '650.00', '650.00']);
    expect(lines).toContain('  External parties (final destinations, not traced further)');
  });

  it('is empty without results', () => {
    expect(formatRuleComparison([], ledger)).toBe('');
  });
});
