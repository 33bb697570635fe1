import type { Arithmetic } from './arithmetic.js';

/** Below this many spent lots at the front, compacting would cost more than it saves. */
const COMPACT_AFTER = 64;

/**
 * One account's lots, oldest first, for the rules where order matters (fifo, lifo).
 * Adjacent lots of the same kind are merged as they arrive: a withdrawal only ever sees an
 * amount of clean or tainted money at one end, so a run of same-kind lots behaves exactly
 * like one lot of their sum under both rules, and merged queues stay short (kinds alternate).
 * The live lots are `[head, end)` of arrays that are reused, never shifted or reallocated on
 * the hot path: fifo skips spent lots by moving `head`, and an emptied queue just rewinds.
 */
export class LotQueue<M extends number | bigint> {
  private readonly amounts: M[] = [];
  private readonly taintFlags: boolean[] = [];
  private head = 0;
  private end = 0;

  constructor(private readonly arithmetic: Arithmetic<M>) {}

  append(amount: M, tainted: boolean): void {
    const last = this.end - 1;
    if (last >= this.head && this.taintFlags[last] === tainted) {
      this.amounts[last] = this.arithmetic.add(this.amountAt(last), amount);
      return;
    }
    this.amounts[this.end] = amount;
    this.taintFlags[this.end] = tainted;
    this.end++;
  }

  /** Removes `amount` (at most what the queue holds) from the oldest lots; returns the tainted part. */
  takeOldest(amount: M): M {
    const { add, subtract, zero } = this.arithmetic;
    let remaining = amount;
    let taken = zero;
    while (remaining > zero) {
      const lot = this.amountAt(this.head);
      const part = lot <= remaining ? lot : remaining;
      if (this.taintFlags[this.head] === true) taken = add(taken, part);
      remaining = subtract(remaining, part);
      if (part === lot) this.head++;
      else this.amounts[this.head] = subtract(lot, part);
    }
    if (this.head === this.end) this.clear();
    else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.end) this.compact();
    return taken;
  }

  /** Removes `amount` (at most what the queue holds) from the newest lots; returns the tainted part. */
  takeNewest(amount: M): M {
    const { add, subtract, zero } = this.arithmetic;
    let remaining = amount;
    let taken = zero;
    while (remaining > zero) {
      const last = this.end - 1;
      const lot = this.amountAt(last);
      const part = lot <= remaining ? lot : remaining;
      if (this.taintFlags[last] === true) taken = add(taken, part);
      remaining = subtract(remaining, part);
      if (part === lot) this.end--;
      else this.amounts[last] = subtract(lot, part);
    }
    if (this.head === this.end) this.clear();
    return taken;
  }

  clear(): void {
    this.head = 0;
    this.end = 0;
  }

  /** Lots still held, oldest first; for tests and diagnostics. */
  lots(): { amount: M; tainted: boolean }[] {
    const lots: { amount: M; tainted: boolean }[] = [];
    for (let index = this.head; index < this.end; index++) lots.push({ amount: this.amountAt(index), tainted: this.taintFlags[index] === true });
    return lots;
  }

  private amountAt(index: number): M {
    const amount = this.amounts[index];
    if (amount === undefined || index < this.head || index >= this.end) throw new RangeError('a withdrawal exceeded the lots it was allowed to take');
    return amount;
  }

  /** Moves the live lots to the front so the arrays stop growing behind a fifo's spent lots. */
  private compact(): void {
    this.amounts.copyWithin(0, this.head, this.end);
    this.taintFlags.copyWithin(0, this.head, this.end);
    this.end -= this.head;
    this.head = 0;
  }
}
