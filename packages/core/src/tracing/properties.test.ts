import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './dates.js';
import { divideRoundHalfEven, formatMinorUnits, parseMinorUnits } from './money.js';
import { parseLedger } from './parse-ledger.js';
import { toSpecJson } from './spec-json.js';
import { planTrace } from './trace-plan.js';
import { traceFunds } from './trace-funds.js';
import { TRACING_RULES, type TraceResultJson, type TracingRule } from './types.js';

interface TransactionJson {
  id: string;
  date: string;
  from: string;
  to: string;
  amount: string;
}

interface LedgerJson {
  currency: string;
  accounts: { id: string; holder: string; jurisdiction: string; opening_balance: string }[];
  transactions: TransactionJson[];
  taint: { transaction: string }[];
}

const EXTERNALS = ['X-TREASURY', 'X-SALARY', 'X-CASINO'];
const money = (minor: number) => formatMinorUnits(BigInt(minor), 2);
const dateOf = (day: number) => `2024-01-${String(day + 1).padStart(2, '0')}`;

function ledgerJson(openings: number[], transactions: TransactionJson[], seeds: string[]): LedgerJson {
  return {
    currency: 'EUR',
    accounts: openings.map((opening, index) => ({ id: `A${index}`, holder: `Holder ${index}`, jurisdiction: 'FR', opening_balance: money(opening) })),
    transactions,
    taint: seeds.map((transaction) => ({ transaction })),
  };
}

const traceJson = (json: LedgerJson, rule: TracingRule) => toSpecJson(traceFunds(parseLedger(json), rule));

/**
 * Any ledger: overdrafts, seeds anywhere (also from accounts already holding taint), external
 * parties on both sides, dates out of file order with many ties.
 */
const anyLedger = fc
  .record({
    openings: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })), { minLength: 1, maxLength: 5 }),
    moves: fc.array(
      fc.record({
        from: fc.nat({ max: 7 }),
        to: fc.nat({ max: 7 }),
        amount: fc.integer({ min: 1, max: 80_000 }),
        day: fc.integer({ min: 0, max: 3 }),
        seed: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ openings, moves }) => {
    const parties = [...openings.map((_, index) => `A${index}`), ...EXTERNALS];
    const transactions = moves.map((move, row) => {
      const from = move.from % parties.length;
      const to = move.to % parties.length === from ? (from + 1) % parties.length : move.to % parties.length;
      return { id: `T${row}`, date: dateOf(move.day), from: parties[from] ?? '', to: parties[to] ?? '', amount: money(move.amount) };
    });
    const seeds = moves.flatMap((move, row) => (move.seed === 0 ? [`T${row}`] : []));
    return ledgerJson(openings, transactions, seeds);
  });

/** Steps for the generators that replay balances while they write the ledger. */
const steps = fc.array(
  fc.record({ kind: fc.nat({ max: 5 }), a: fc.nat(), b: fc.nat(), permille: fc.integer({ min: 1, max: 1500 }), sameDay: fc.boolean() }),
  { maxLength: 30 },
);

/**
 * Ledgers where no account ever holds clean and tainted money together: "dirty" accounts
 * open empty, receive only seeds and each other's money and never overdraw (the unfunded
 * part would be clean); "clean" accounts only ever see clean money, overdrafts included.
 */
const unmixedLedger = fc
  .record({ openings: fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 3 }), dirtyCount: fc.integer({ min: 1, max: 3 }), steps })
  .map(({ openings, dirtyCount, steps: plan }) => {
    const clean = openings.map((_, index) => `A${index}`);
    const dirty = Array.from({ length: dirtyCount }, (_, index) => `A${openings.length + index}`);
    const balances = new Map<string, number>([...clean.map((id, index) => [id, openings[index] ?? 0] as const), ...dirty.map((id) => [id, 0] as const)]);
    const debts = new Map<string, number>();
    const transactions: TransactionJson[] = [];
    const seeds: string[] = [];
    let day = 0;
    const pick = (ids: readonly string[], n: number) => ids[n % ids.length] ?? '';
    for (const step of plan) {
      let from: string;
      let to: string;
      let amount: number;
      const internal = [...clean, ...dirty];
      if (step.kind === 0) {
        // A seed: from anyone, into a dirty account or abroad; its whole amount is tainted.
        from = pick([...internal, 'X-TREASURY'], step.a);
        to = pick([...dirty, 'X-OFFSHORE'], step.b);
        amount = balances.has(from) ? Math.max(1, Math.floor(((balances.get(from) ?? 0) * step.permille) / 1000)) : step.permille * 10;
      } else if (step.kind === 1) {
        from = 'X-SALARY';
        to = pick(clean, step.b);
        amount = step.permille * 10;
      } else if (step.kind <= 3) {
        from = pick(clean, step.a);
        to = pick([...clean, 'X-SHOP'], step.b);
        amount = Math.max(1, Math.floor(((balances.get(from) ?? 0) * step.permille) / 1000)) + (step.permille > 1000 ? 500 : 0);
      } else {
        from = pick(dirty, step.a);
        to = pick([...dirty, 'X-CASINO'], step.b);
        amount = Math.floor(((balances.get(from) ?? 0) * Math.min(step.permille, 1000)) / 1000);
      }
      if (from === to || amount <= 0) continue;
      const id = `T${transactions.length}`;
      if (!step.sameDay) day++;
      transactions.push({ id, date: dateOf(day % 28), from, to, amount: money(amount) });
      if (step.kind === 0) seeds.push(id);
      if (balances.has(from)) {
        const balance = balances.get(from) ?? 0;
        balances.set(from, Math.max(0, balance - amount));
        debts.set(from, (debts.get(from) ?? 0) + Math.max(0, amount - balance));
      }
      if (balances.has(to)) {
        const repaid = Math.min(debts.get(to) ?? 0, amount);
        debts.set(to, (debts.get(to) ?? 0) - repaid);
        balances.set(to, (balances.get(to) ?? 0) + amount - repaid);
      }
      if (day >= 27) break;
    }
    return ledgerJson([...openings, ...dirty.map(() => 0)], transactions, seeds);
  });

/**
 * Ledgers without overdrafts, ending with two deposits into one account on the same day from
 * different senders, then a withdrawal from it. Returns the rows of the two deposits.
 */
const ledgerEndingInTwoDeposits = fc
  .record({
    openings: fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 3, maxLength: 5 }),
    steps,
    receiver: fc.nat(),
    senders: fc.tuple(fc.nat(), fc.nat()),
    shares: fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 })),
  })
  .map(({ openings, steps: plan, receiver, senders, shares }) => {
    const accounts = openings.map((_, index) => `A${index}`);
    const parties = [...accounts, ...EXTERNALS];
    const balances = new Map(accounts.map((id, index) => [id, openings[index] ?? 0]));
    const transactions: TransactionJson[] = [];
    const seeds: string[] = [];
    let day = 0;
    const send = (from: string, to: string, permille: number, seed: boolean) => {
      const available = balances.get(from);
      const amount = available === undefined ? permille * 10 : Math.floor((available * Math.min(permille, 1000)) / 1000);
      if (from === to || amount <= 0) return;
      const id = `T${transactions.length}`;
      transactions.push({ id, date: dateOf(day), from, to, amount: money(amount) });
      if (seed) seeds.push(id);
      if (available !== undefined) balances.set(from, available - amount);
      if (balances.has(to)) balances.set(to, (balances.get(to) ?? 0) + amount);
    };
    for (const step of plan) {
      if (!step.sameDay && day < 20) day++;
      send(parties[step.a % parties.length] ?? '', parties[step.b % parties.length] ?? '', step.permille, step.kind === 0);
    }
    const target = accounts[receiver % accounts.length] ?? '';
    const others = parties.filter((party) => party !== target);
    const first = others[senders[0] % others.length] ?? '';
    const second = others.filter((party) => party !== first)[senders[1] % (others.length - 1)] ?? '';
    day = 22;
    const before = transactions.length;
    send(first, target, shares[0], false);
    send(second, target, shares[1], false);
    const deposits = transactions.length - before === 2 ? ([before, before + 1] as const) : null;
    day = 23;
    send(target, 'X-CASINO', shares[2], false);
    return { json: ledgerJson(openings, transactions, seeds), deposits };
  });

/** The spec's rules computed the plain way: unmerged lots, Array.shift, no shortcuts. */
function traceByReference(json: LedgerJson, rule: TracingRule): TraceResultJson {
  type Lot = { amount: bigint; tainted: boolean };
  const amount = (text: string) => parseMinorUnits(text, 2) as bigint;
  const lots = new Map<string, Lot[]>(json.accounts.map((account) => [account.id, amount(account.opening_balance) > 0n ? [{ amount: amount(account.opening_balance), tainted: false }] : []]));
  const debts = new Map<string, bigint>();
  const dissipated = new Map<string, bigint>();
  const external = new Map<string, bigint>();
  const flows: { transaction: string; tainted: bigint }[] = [];
  const seeds = new Set(json.taint.map((seed) => seed.transaction));
  let total = 0n;
  const sum = (list: Lot[], tainted?: boolean) => list.filter((lot) => tainted === undefined || lot.tainted === tainted).reduce((acc, lot) => acc + lot.amount, 0n);
  const takeFrom = (list: Lot[], wanted: bigint, pickIndex: () => number) => {
    let taken = 0n;
    while (wanted > 0n) {
      const index = pickIndex();
      const lot = list[index] as Lot;
      const part = lot.amount < wanted ? lot.amount : wanted;
      if (lot.tainted) taken += part;
      lot.amount -= part;
      wanted -= part;
      if (lot.amount === 0n) list.splice(index, 1);
    }
    return taken;
  };
  const instantOf = (date: string) => parseInstant(date)?.epochMillis ?? NaN;
  const ordered = [...json.transactions].sort((a, b) => instantOf(a.date) - instantOf(b.date));

  for (const transaction of ordered) {
    const value = amount(transaction.amount);
    let tainted = 0n;
    const source = lots.get(transaction.from);
    if (source !== undefined) {
      const balance = sum(source);
      const taken = value < balance ? value : balance;
      if (value > balance) debts.set(transaction.from, (debts.get(transaction.from) ?? 0n) + value - balance);
      if (taken === balance) {
        tainted = sum(source, true);
        source.length = 0;
      } else if (rule === 'fifo') {
        tainted = takeFrom(source, taken, () => 0);
      } else if (rule === 'lifo') {
        tainted = takeFrom(source, taken, () => source.length - 1);
      } else if (rule === 'clean-first') {
        tainted = takeFrom(source, taken, () => {
          const clean = source.findIndex((lot) => !lot.tainted);
          return clean >= 0 ? clean : 0;
        });
      } else {
        const taint = sum(source, true);
        tainted = divideRoundHalfEven(taken * taint, balance);
        const cleanLeft = balance - taint - (taken - tainted);
        source.length = 0;
        source.push({ amount: cleanLeft, tainted: false }, { amount: taint - tainted, tainted: true });
      }
    }
    if (seeds.has(transaction.id)) {
      total += value - tainted;
      tainted = value;
    }
    if (tainted > 0n) flows.push({ transaction: transaction.id, tainted });
    const target = lots.get(transaction.to);
    if (target === undefined) {
      external.set(transaction.to, (external.get(transaction.to) ?? 0n) + tainted);
      continue;
    }
    let clean = value - tainted;
    const debt = debts.get(transaction.to) ?? 0n;
    const cleanRepaid = clean < debt ? clean : debt;
    const taintedRepaid = tainted < debt - cleanRepaid ? tainted : debt - cleanRepaid;
    debts.set(transaction.to, debt - cleanRepaid - taintedRepaid);
    if (taintedRepaid > 0n) dissipated.set(transaction.to, (dissipated.get(transaction.to) ?? 0n) + taintedRepaid);
    clean -= cleanRepaid;
    tainted -= taintedRepaid;
    if (clean > 0n) target.push({ amount: clean, tainted: false });
    if (tainted > 0n) target.push({ amount: tainted, tainted: true });
  }

  const holdings = [
    ...[...lots].map(([account, list]) => ({ account, tainted: sum(list, true), internal: true })),
    ...[...external].map(([account, tainted]) => ({ account, tainted, internal: false })),
  ]
    .filter((holding) => holding.tainted > 0n)
    .sort((a, b) => (a.account < b.account ? -1 : 1));
  return {
    rule,
    currency: json.currency,
    holdings: holdings.map((holding) => ({ ...holding, tainted: formatMinorUnits(holding.tainted, 2) })),
    dissipated: [...dissipated]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([account, lost]) => ({ account, amount: formatMinorUnits(lost, 2) })),
    flows: flows.map((flow) => ({ transaction: flow.transaction, tainted: formatMinorUnits(flow.tainted, 2) })),
    total_tainted: formatMinorUnits(total, 2),
  };
}

const minor = (text: string) => parseMinorUnits(text, 2) as bigint;
const totalOf = (values: string[]) => values.reduce((acc, value) => acc + minor(value), 0n);
const settled = (json: TraceResultJson) => ({ holdings: json.holdings, dissipated: json.dissipated, total: json.total_tainted });
const flowSet = (json: TraceResultJson) => [...json.flows].sort((a, b) => (a.transaction < b.transaction ? -1 : 1));

describe.each(TRACING_RULES)('properties under %s', (rule) => {
  it('conserves taint: the total introduced is what is held plus what was dissipated', () => {
    fc.assert(
      fc.property(anyLedger, (json) => {
        const result = traceJson(json, rule);
        const held = totalOf(result.holdings.map((holding) => holding.tainted));
        const lost = totalOf(result.dissipated.map((dissipation) => dissipation.amount));
        expect(held + lost).toBe(minor(result.total_tainted));
        const amounts = new Map(json.transactions.map((transaction) => [transaction.id, minor(transaction.amount)]));
        for (const flow of result.flows) {
          expect(minor(flow.tainted)).toBeGreaterThan(0n);
          expect(minor(flow.tainted)).toBeLessThanOrEqual(amounts.get(flow.transaction) ?? 0n);
        }
        for (const holding of result.holdings) expect(minor(holding.tainted)).toBeGreaterThan(0n);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a plain reference implementation of the spec', () => {
    fc.assert(
      fc.property(anyLedger, (json) => {
        expect(traceJson(json, rule)).toEqual(traceByReference(json, rule));
      }),
      { numRuns: 300 },
    );
  });

  it('depends on the file only through processing order: equal-date rows may move, keeping their relative order', () => {
    fc.assert(
      fc.property(anyLedger, fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), (json, keys) => {
        const shuffled = json.transactions.map((transaction, row) => ({ transaction, key: keys[row] ?? 0 })).sort((a, b) => a.key - b.key);
        // Refill each date's slots with that date's rows in their original order.
        const queues = new Map<string, TransactionJson[]>();
        for (const transaction of json.transactions) queues.set(transaction.date, [...(queues.get(transaction.date) ?? []), transaction]);
        const rearranged = shuffled.map(({ transaction }) => queues.get(transaction.date)?.shift() as TransactionJson);
        expect(traceJson({ ...json, transactions: rearranged }, rule)).toEqual(traceJson(json, rule));
      }),
    );
  });

  it('reads the same instant the same way in every ISO notation', () => {
    const notations = [
      (day: number) => dateOf(day),
      (day: number) => `${dateOf(day)}T00:00:00Z`,
      (day: number) => `${dateOf(day)}T00:00:00.000Z`,
      (day: number) => `${dateOf(day)}T01:30:00+01:30`,
      (day: number) => (day === 0 ? '2023-12-31T23:00:00-01:00' : `${dateOf(day - 1)}T23:00:00-01:00`),
    ];
    fc.assert(
      fc.property(anyLedger, fc.array(fc.nat({ max: notations.length - 1 }), { minLength: 30, maxLength: 30 }), (json, choices) => {
        const respelled = json.transactions.map((transaction, row) => {
          const day = Number(transaction.date.slice(8, 10)) - 1;
          return { ...transaction, date: (notations[choices[row] ?? 0] ?? dateOf)(day) };
        });
        expect(traceJson({ ...json, transactions: respelled }, rule)).toEqual(traceJson(json, rule));
      }),
    );
  });

  it('lets two same-day transactions between different accounts swap places', () => {
    fc.assert(
      fc.property(anyLedger, (json) => {
        const internal = new Set(json.accounts.map((account) => account.id));
        const partiesOf = (transaction: TransactionJson) => [transaction.from, transaction.to].filter((party) => internal.has(party));
        const ordered = json.transactions.map((transaction, row) => ({ transaction, row })).sort((a, b) => a.transaction.date.localeCompare(b.transaction.date) || a.row - b.row);
        const pair = ordered.findIndex(({ transaction }, index) => {
          const next = ordered[index + 1]?.transaction;
          return next !== undefined && next.date === transaction.date && !partiesOf(transaction).some((party) => partiesOf(next).includes(party));
        });
        if (pair < 0) return;
        const [first, second] = [ordered[pair]?.row ?? 0, ordered[pair + 1]?.row ?? 0];
        const swapped = [...json.transactions];
        [swapped[first], swapped[second]] = [swapped[second] as TransactionJson, swapped[first] as TransactionJson];
        const before = traceJson(json, rule);
        const after = traceJson({ ...json, transactions: swapped }, rule);
        expect(settled(after)).toEqual(settled(before));
        expect(flowSet(after)).toEqual(flowSet(before));
      }),
    );
  });

  it('computes exactly the same in bigint as in safe integers', () => {
    fc.assert(
      fc.property(anyLedger, (json) => {
        const huge = { id: 'ZZ-RESERVE', holder: 'Unrelated', jurisdiction: 'LU', opening_balance: '100000000000000.00' };
        const widened = { ...json, accounts: [...json.accounts, huge] };
        expect(planTrace(parseLedger(widened)).money.kind).toBe('bigint');
        expect(traceJson(widened, rule)).toEqual(traceJson(json, rule));
      }),
      { numRuns: 50 },
    );
  });
});

describe('properties across rules', () => {
  it('gives the same answer under all four rules when no account ever mixes clean and tainted money', () => {
    fc.assert(
      fc.property(unmixedLedger, (json) => {
        const [first, ...others] = TRACING_RULES.map((rule) => ({ ...traceJson(json, rule), rule: 'any' }));
        for (const other of others) expect(other).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('makes some unmixed ledgers carry taint (the property above is not vacuous)', () => {
    const samples = fc.sample(unmixedLedger, { numRuns: 200, seed: 7 });
    const tainted = samples.filter((json) => traceJson(json, 'fifo').flows.length > 1);
    expect(tainted.length).toBeGreaterThan(20);
  });

  it('makes some of those deposits carry taint (the property below is not vacuous)', () => {
    const samples = fc.sample(ledgerEndingInTwoDeposits, { numRuns: 300, seed: 11 });
    const carryingTaint = samples.filter(({ json, deposits }) => {
      const flows = new Set(traceJson(json, 'pro-rata').flows.map((flow) => flow.transaction));
      return deposits !== null && deposits.some((row) => flows.has(json.transactions[row]?.id ?? ''));
    });
    expect(carryingTaint.length).toBeGreaterThan(20);
  });

  it.each(['pro-rata', 'clean-first'] as const)('under %s, only totals matter: same-day deposits into one account commute when nothing is overdrawn', (rule) => {
    fc.assert(
      fc.property(ledgerEndingInTwoDeposits, ({ json, deposits }) => {
        if (deposits === null) return;
        const swapped = [...json.transactions];
        const [first, second] = deposits;
        [swapped[first], swapped[second]] = [swapped[second] as TransactionJson, swapped[first] as TransactionJson];
        const before = traceJson(json, rule);
        const after = traceJson({ ...json, transactions: swapped }, rule);
        expect(settled(after)).toEqual(settled(before));
        expect(flowSet(after)).toEqual(flowSet(before));
      }),
      { numRuns: 300 },
    );
  });
});
