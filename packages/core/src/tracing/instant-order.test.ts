import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByInstant } from './instant-order.js';
import type { LedgerTransactions } from './types.js';

function columns(instants: [number, number][]): LedgerTransactions {
  return {
    count: instants.length,
    ids: instants.map((_, row) => `T${row}`),
    dates: instants.map(() => ''),
    from: new Int32Array(instants.length),
    to: new Int32Array(instants.length),
    epochMillis: Float64Array.from(instants, ([millis]) => millis),
    nanosOfMilli: Uint32Array.from(instants, ([, nanos]) => nanos),
    amounts: { kind: 'safe-integer', values: new Float64Array(instants.length) },
  };
}

describe('orderByInstant', () => {
  it('sorts rows by instant and keeps file order among equal instants, like a stable sort', () => {
    const instant = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 300 }), (instants) => {
        const expected = instants.map((_, row) => row).sort((a, b) => {
          const [millisA, nanosA] = instants[a] ?? [0, 0];
          const [millisB, nanosB] = instants[b] ?? [0, 0];
          return millisA - millisB || nanosA - nanosB;
        });
        expect([...orderByInstant(columns(instants))]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a sorted ledger in file order', () => {
    expect([...orderByInstant(columns([[1, 0], [1, 0], [2, 0], [2, 5]]))]).toEqual([0, 1, 2, 3]);
  });
});
