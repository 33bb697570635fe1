/** Below this many spent lots at the front, compacting would cost more than it saves. */
const COMPACT_AFTER = 64;

/**
 * One account's lots, oldest first, for the rules where order matters (fifo, lifo).
 * Adjacent lots of the same kind are merged as they arrive: a withdrawal only ever sees an
 * amount of clean or tainted money at one end, so a run of same-kind lots behaves exactly
 * like one lot of their sum under both rules, and merged queues stay short (kinds alternate).
 * Spent lots at the front are skipped with `head` rather than shifted out, so fifo stays
 * linear on accounts with many lots; the arrays are compacted once mostly spent.
 */
export class LotQueue {
  private amounts: bigint[] = [];
  private taintFlags: boolean[] = [];
  private head = 0;

  append(amount: bigint, tainted: boolean): void {
    const last = this.amounts.length - 1;
    if (last >= this.head && this.taintFlags[last] === tainted) {
      this.amounts[last] = (this.amounts[last] ?? 0n) + amount;
      return;
    }
    this.amounts.push(amount);
    this.taintFlags.push(tainted);
  }

  /** Removes `amount` (at most what the queue holds) from the oldest lots; returns the tainted part. */
  takeOldest(amount: bigint): bigint {
    let remaining = amount;
    let taken = 0n;
    while (remaining > 0n) {
      const lot = this.amounts[this.head] ?? 0n;
      const part = lot <= remaining ? lot : remaining;
      if (this.taintFlags[this.head]) taken += part;
      remaining -= part;
      if (part === lot) this.head++;
      else this.amounts[this.head] = lot - part;
    }
    this.compact();
    return taken;
  }

  /** Removes `amount` (at most what the queue holds) from the newest lots; returns the tainted part. */
  takeNewest(amount: bigint): bigint {
    let remaining = amount;
    let taken = 0n;
    while (remaining > 0n) {
      const last = this.amounts.length - 1;
      const lot = this.amounts[last] ?? 0n;
      const part = lot <= remaining ? lot : remaining;
      if (this.taintFlags[last]) taken += part;
      remaining -= part;
      if (part === lot) {
        this.amounts.pop();
        this.taintFlags.pop();
      } else {
        this.amounts[last] = lot - part;
      }
    }
    if (this.amounts.length === this.head) this.clear();
    return taken;
  }

  clear(): void {
    this.amounts = [];
    this.taintFlags = [];
    this.head = 0;
  }

  /** Lots still held, oldest first; for tests and diagnostics. */
  lots(): { amount: bigint; tainted: boolean }[] {
    return this.amounts.slice(this.head).map((amount, i) => ({ amount, tainted: this.taintFlags[this.head + i] === true }));
  }

  private compact(): void {
    if (this.head === this.amounts.length) {
      this.clear();
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.amounts.length) {
      this.amounts = this.amounts.slice(this.head);
      this.taintFlags = this.taintFlags.slice(this.head);
      this.head = 0;
    }
  }
}
