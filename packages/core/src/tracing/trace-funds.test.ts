import { describe, expect, it } from 'vitest';
import { UnknownRuleError } from './errors.js';
import { parseLedger } from './parse-ledger.js';
import { toSpecJson } from './spec-json.js';
import { traceFunds, traceFundsUnderRules } from './trace-funds.js';
import { TRACING_RULES, type TraceResultJson, type TracingRule } from './types.js';

type Row = [id: string, date: string, from: string, to: string, amount: string];

/** A ledger in a compact notation: opening balances by account, rows, seed ids. */
function ledger(openings: Record<string, string>, rows: Row[], seeds: string[], extra: Record<string, unknown> = {}) {
  return parseLedger({
    currency: 'EUR',
    ...extra,
    accounts: Object.entries(openings).map(([id, opening]) => ({ id, holder: `Holder of ${id}`, jurisdiction: 'FR', opening_balance: opening })),
    transactions: rows.map(([id, date, from, to, amount]) => ({ id, date, from, to, amount })),
    taint: seeds.map((transaction) => ({ transaction })),
  });
}

/** The parts of the spec output that a scenario pins down, amounts as strings. */
function outcome(json: TraceResultJson) {
  return {
    holdings: Object.fromEntries(json.holdings.map((holding) => [holding.account, holding.tainted])),
    dissipated: Object.fromEntries(json.dissipated.map((dissipation) => [dissipation.account, dissipation.amount])),
    flows: Object.fromEntries(json.flows.map((flow) => [flow.transaction, flow.tainted])),
    total: json.total_tainted,
  };
}

const traced = (subject: ReturnType<typeof ledger>, rule: TracingRule) => outcome(toSpecJson(traceFunds(subject, rule)));

describe('overdrafts', () => {
  it('leaves the unfunded part clean and dissipates the taint that repays the debt, under every rule', () => {
    const subject = ledger(
      { A: '0.00', B: '0.00' },
      [
        ['T1', '2024-01-01', 'A', 'X', '100.00'],
        ['T2', '2024-01-02', 'TREASURY', 'A', '150.00'],
        ['T3', '2024-01-03', 'A', 'B', '30.00'],
      ],
      ['T2'],
    );
    for (const rule of TRACING_RULES) {
      expect(traced(subject, rule), rule).toEqual({
        holdings: { A: '20.00', B: '30.00' },
        dissipated: { A: '100.00' },
        flows: { T2: '150.00', T3: '30.00' },
        total: '150.00',
      });
    }
  });

  // B holds 100 tainted then 100 clean; A owes 120 when B sends it 150, then A sends 60 it does not fully have.
  const mixed = ledger(
    { A: '0.00', B: '0.00' },
    [
      ['T1', '2024-01-01', 'TREASURY', 'B', '100.00'],
      ['T2', '2024-01-02', 'SALARY', 'B', '100.00'],
      ['T3', '2024-01-03', 'A', 'X', '120.00'],
      ['T4', '2024-01-04', 'B', 'A', '150.00'],
      ['T5', '2024-01-05', 'A', 'Y', '60.00'],
    ],
    ['T1'],
  );

  it.each([
    ['fifo', { holdings: { Y: '30.00' }, dissipated: { A: '70.00' }, flows: { T1: '100.00', T4: '100.00', T5: '30.00' }, total: '100.00' }],
    ['lifo', { holdings: { B: '50.00', Y: '30.00' }, dissipated: { A: '20.00' }, flows: { T1: '100.00', T4: '50.00', T5: '30.00' }, total: '100.00' }],
    ['clean-first', { holdings: { B: '50.00', Y: '30.00' }, dissipated: { A: '20.00' }, flows: { T1: '100.00', T4: '50.00', T5: '30.00' }, total: '100.00' }],
    ['pro-rata', { holdings: { B: '25.00', Y: '30.00' }, dissipated: { A: '45.00' }, flows: { T1: '100.00', T4: '75.00', T5: '30.00' }, total: '100.00' }],
  ] as const)('repays the debt with the clean part first, then the tainted part, under %s', (rule, expected) => {
    expect(traced(mixed, rule)).toEqual(expected);
  });

  it('sends nothing tainted from an account that holds nothing', () => {
    const subject = ledger({ A: '0.00' }, [['T1', '2024-01-01', 'A', 'X', '5.00']], []);
    expect(traced(subject, 'fifo')).toEqual({ holdings: {}, dissipated: {}, flows: {}, total: '0.00' });
  });
});

describe('seeds', () => {
  it('count only the taint they add to what the sender already passed on', () => {
    const subject = ledger(
      { A: '0.00', B: '0.00', C: '0.00' },
      [
        ['T1', '2024-01-01', 'TREASURY', 'A', '100.00'],
        ['T2', '2024-01-02', 'A', 'B', '60.00'],
        ['T3', '2024-01-03', 'B', 'C', '80.00'],
      ],
      ['T1', 'T2', 'T3'],
    );
    for (const rule of TRACING_RULES) {
      // T2 carried 60 already tainted: nothing new. T3 carried B's 60 plus 20 unfunded: 20 new.
      expect(traced(subject, rule), rule).toEqual({
        holdings: { A: '40.00', C: '80.00' },
        dissipated: {},
        flows: { T1: '100.00', T2: '60.00', T3: '80.00' },
        total: '120.00',
      });
    }
  });

  it('taint what an external party receives from another external party', () => {
    const subject = ledger({}, [['T1', '2024-01-01', 'TREASURY', 'OFFSHORE', '10.00']], ['T1']);
    expect(toSpecJson(traceFunds(subject, 'lifo')).holdings).toEqual([{ account: 'OFFSHORE', tainted: '10.00', internal: false }]);
  });
});

describe('pro-rata', () => {
  it('rounds the tainted part half to even, and a withdrawal of the whole balance takes all the taint', () => {
    const subject = ledger(
      { A: '1.00', B: '1.00', C: '0.01' },
      [
        ['T1', '2024-01-01', 'X', 'A', '1.00'],
        ['T2', '2024-01-02', 'A', 'Y', '0.01'],
        ['T3', '2024-01-01', 'X', 'B', '1.00'],
        ['T4', '2024-01-02', 'B', 'Z', '0.03'],
        ['T5', '2024-01-01', 'X', 'C', '0.02'],
        ['T6', '2024-01-02', 'C', 'W', '0.03'],
      ],
      ['T1', 'T3', 'T5'],
    );
    // T2: 1 × 100/200 = 0.5 → 0; T4: 3 × 100/200 = 1.5 → 2; T6 takes C's whole balance.
    expect(traced(subject, 'pro-rata')).toEqual({
      holdings: { A: '1.00', B: '0.98', W: '0.02', Z: '0.02' },
      dissipated: {},
      flows: { T1: '1.00', T3: '1.00', T4: '0.02', T5: '0.02', T6: '0.02' },
      total: '2.02',
    });
  });
});

describe('clean-first', () => {
  it('never taints later clean deposits: the taint left is the lowest intermediate balance', () => {
    const subject = ledger(
      { A: '0.00' },
      [
        ['T1', '2024-01-01', 'TREASURY', 'A', '100.00'],
        ['T2', '2024-01-02', 'A', 'Y', '70.00'],
        ['T3', '2024-01-03', 'SALARY', 'A', '500.00'],
        ['T4', '2024-01-04', 'A', 'Z', '400.00'],
      ],
      ['T1'],
    );
    expect(traced(subject, 'clean-first')).toEqual({ holdings: { A: '30.00', Y: '70.00' }, dissipated: {}, flows: { T1: '100.00', T2: '70.00' }, total: '100.00' });
  });
});

describe('lifo', () => {
  it('takes the newest lots first, across merged clean deposits', () => {
    const subject = ledger(
      { A: '100.00' },
      [
        ['T1', '2024-01-01', 'X', 'A', '50.00'],
        ['T2', '2024-01-02', 'SALARY', 'A', '30.00'],
        ['T3', '2024-01-03', 'SALARY', 'A', '20.00'],
        ['T4', '2024-01-04', 'A', 'B', '60.00'],
      ],
      ['T1'],
    );
    expect(traced(subject, 'lifo')).toEqual({ holdings: { A: '40.00', B: '10.00' }, dissipated: {}, flows: { T1: '50.00', T4: '10.00' }, total: '50.00' });
    expect(traced(subject, 'fifo')).toEqual({ holdings: { A: '50.00' }, dissipated: {}, flows: { T1: '50.00' }, total: '50.00' });
  });
});

describe('processing order', () => {
  const rows: Row[] = [
    ['T1', '2024-01-01', 'EXT-TREASURY', 'A', '500.00'],
    ['T2', '2024-01-02', 'A', 'B', '700.00'],
    ['T3', '2024-01-03', 'EXT-SALARY', 'A', '200.00'],
    ['T4', '2024-01-04', 'A', 'C', '900.00'],
    ['T5', '2024-01-05', 'B', 'EXT-CASINO', '300.00'],
  ];
  const openings = { A: '1000.00', B: '0.00', C: '0.00' };

  it('follows dates, not the order of the file', () => {
    const inOrder = ledger(openings, rows, ['T1']);
    const shuffled = ledger(openings, [rows[3], rows[0], rows[4], rows[2], rows[1]] as Row[], ['T1']);
    for (const rule of TRACING_RULES) expect(toSpecJson(traceFunds(shuffled, rule))).toEqual(toSpecJson(traceFunds(inOrder, rule)));
  });

  it('puts a bare date at the start of its day, before date-times of that day', () => {
    const subject = ledger(
      { A: '100.00' },
      [
        ['T2', '2024-01-01T10:00:00Z', 'A', 'B', '100.00'],
        ['T1', '2024-01-01', 'X', 'A', '100.00'],
      ],
      ['T1'],
    );
    // T1 comes first, so under fifo A's opening 100 leaves with T2 and the taint stays.
    expect(traced(subject, 'fifo').holdings).toEqual({ A: '100.00' });
  });

  it('compares instants across time zones', () => {
    const subject = ledger(
      { A: '100.00' },
      [
        ['T2', '2024-01-01T10:00:00+02:00', 'A', 'B', '100.00'],
        ['T1', '2024-01-01T09:00:00Z', 'X', 'A', '100.00'],
      ],
      ['T1'],
    );
    // 10:00+02:00 is 08:00Z: T2 goes first and sends the clean opening balance.
    expect(traced(subject, 'lifo').holdings).toEqual({ A: '100.00' });
  });

  it('keeps file order on equal dates, which can change the result', () => {
    const deposit: Row = ['T1', '2024-01-01', 'X', 'A', '100.00'];
    const withdrawal: Row = ['T2', '2024-01-01', 'A', 'B', '100.00'];
    expect(traced(ledger({ A: '100.00' }, [deposit, withdrawal], ['T1']), 'lifo').holdings).toEqual({ B: '100.00' });
    expect(traced(ledger({ A: '100.00' }, [withdrawal, deposit], ['T1']), 'lifo').holdings).toEqual({ A: '100.00' });
  });
});

describe('exact arithmetic beyond safe integers', () => {
  it('traces 18-decimal amounts in bigint, to the last unit', () => {
    const subject = ledger(
      { A: '1000.000000000000000000', B: '0' },
      [
        ['T1', '2024-01-01', 'EXT-TREASURY', 'A', '500.000000000000000001'],
        ['T2', '2024-01-02', 'A', 'B', '700'],
      ],
      ['T1'],
      { minor_units: 18 },
    );
    expect(subject.transactions.amounts.kind).toBe('bigint');
    expect(traced(subject, 'pro-rata')).toEqual({
      // 700 × 500.000000000000000001 ÷ 1500.000000000000000001 = 233.3333333333333333335…
      holdings: { A: '266.666666666666666667', B: '233.333333333333333334' },
      dissipated: {},
      flows: { T1: '500.000000000000000001', T2: '233.333333333333333334' },
      total: '500.000000000000000001',
    });
  });
});

describe('traceFundsUnderRules', () => {
  it('gives the same results as tracing rule by rule', () => {
    const subject = ledger({ A: '10.00' }, [['T1', '2024-01-01', 'X', 'A', '5.00'], ['T2', '2024-01-02', 'A', 'Y', '7.00']], ['T1']);
    expect(traceFundsUnderRules(subject)).toEqual(TRACING_RULES.map((rule) => traceFunds(subject, rule)));
    expect(traceFundsUnderRules(subject, ['lifo']).map((result) => result.rule)).toEqual(['lifo']);
  });

  it('refuses an unknown rule', () => {
    const subject = ledger({}, [], []);
    expect(() => traceFunds(subject, 'average' as TracingRule)).toThrow(UnknownRuleError);
  });

  it('traces an empty ledger to nothing', () => {
    expect(toSpecJson(traceFunds(ledger({ A: '1.00' }, [], []), 'fifo'))).toEqual({ rule: 'fifo', currency: 'EUR', holdings: [], dissipated: [], flows: [], total_tainted: '0.00' });
  });
});
