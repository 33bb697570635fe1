import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIGINT_ARITHMETIC, SAFE_INTEGER_ARITHMETIC } from './arithmetic.js';
import { LotQueue } from './lot-queue.js';

type Lot = { amount: number; tainted: boolean };

/** The same queue kept the obvious way: a plain array of merged lots. */
function appendPlainly(lots: Lot[], amount: number, tainted: boolean): void {
  const last = lots[lots.length - 1];
  if (last?.tainted === tainted) last.amount += amount;
  else lots.push({ amount, tainted });
}

function takePlainly(lots: Lot[], amount: number, newest: boolean): number {
  let taken = 0;
  while (amount > 0) {
    const lot = (newest ? lots[lots.length - 1] : lots[0]) as Lot;
    const part = Math.min(lot.amount, amount);
    if (lot.tainted) taken += part;
    lot.amount -= part;
    amount -= part;
    if (lot.amount === 0) {
      if (newest) lots.pop();
      else lots.shift();
    }
  }
  return taken;
}

const operations = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('append' as const), amount: fc.integer({ min: 1, max: 100 }), tainted: fc.boolean() }),
    fc.record({ kind: fc.constantFrom('oldest' as const, 'newest' as const), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  ),
  { maxLength: 600 },
);

describe('LotQueue', () => {
  it('merges adjacent lots of a kind, so kinds alternate', () => {
    const queue = new LotQueue(SAFE_INTEGER_ARITHMETIC);
    queue.append(5, false);
    queue.append(7, false);
    queue.append(3, true);
    queue.append(2, true);
    queue.append(1, false);
    expect(queue.lots()).toEqual([
      { amount: 12, tainted: false },
      { amount: 5, tainted: true },
      { amount: 1, tainted: false },
    ]);
  });

  it('behaves like a plain array of lots over long runs, through compaction and rewinding', () => {
    fc.assert(
      fc.property(operations, (steps) => {
        const queue = new LotQueue(SAFE_INTEGER_ARITHMETIC);
        const plain: Lot[] = [];
        for (const step of steps) {
          if (step.kind === 'append') {
            queue.append(step.amount, step.tainted);
            appendPlainly(plain, step.amount, step.tainted);
            continue;
          }
          const held = plain.reduce((total, lot) => total + lot.amount, 0);
          const amount = Math.floor(held * step.share);
          if (amount === 0) continue;
          const newest = step.kind === 'newest';
          expect(newest ? queue.takeNewest(amount) : queue.takeOldest(amount)).toBe(takePlainly(plain, amount, newest));
          expect(queue.lots()).toEqual(plain);
        }
        expect(queue.lots()).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps fifo linear on an account with a hundred thousand alternating lots', () => {
    const queue = new LotQueue(BIGINT_ARITHMETIC);
    for (let i = 0; i < 100_000; i++) queue.append(1n, i % 2 === 0);
    let taken = 0n;
    for (let i = 0; i < 50_000; i++) taken += queue.takeOldest(2n);
    expect(taken).toBe(50_000n);
    expect(queue.lots()).toEqual([]);
  });

  it('refuses to take more than it holds instead of inventing money', () => {
    const queue = new LotQueue(SAFE_INTEGER_ARITHMETIC);
    queue.append(5, true);
    expect(() => queue.takeOldest(6)).toThrow(RangeError);
  });
});
