import { LotQueue } from './lot-queue.js';
import { divideRoundHalfEven } from './money.js';
import type { TracingRule } from './types.js';

/**
 * The clean and tainted money of every internal account under one rule, by account index.
 * Overdraft debt is kept by the caller: an account that owes has an empty book entry.
 */
export interface AccountBook {
  balance(account: number): bigint;
  tainted(account: number): bigint;
  /** Takes `amount`, less than the balance, under the rule; returns its tainted part. */
  withdraw(account: number, amount: bigint): bigint;
  /** Takes the whole balance; returns its tainted part (all the taint, under every rule). */
  withdrawAll(account: number): bigint;
  /** Appends the clean part first, then the tainted part. */
  deposit(account: number, clean: bigint, tainted: bigint): void;
}

export function openAccountBook(rule: TracingRule, openingBalances: readonly bigint[]): AccountBook {
  switch (rule) {
    case 'fifo':
      return new LotBook(openingBalances, false);
    case 'lifo':
      return new LotBook(openingBalances, true);
    case 'pro-rata':
      return new TotalsBook(openingBalances, takeTaintProRata);
    case 'clean-first':
      return new TotalsBook(openingBalances, takeTaintLast);
  }
}

/** Tainted part of a withdrawal in proportion to the balance, rounded half to even. */
function takeTaintProRata(amount: bigint, clean: bigint, tainted: bigint): bigint {
  return tainted === 0n ? 0n : divideRoundHalfEven(amount * tainted, clean + tainted);
}

/** The holder spends their own money first: taint leaves only once the clean money is gone. */
function takeTaintLast(amount: bigint, clean: bigint): bigint {
  return amount > clean ? amount - clean : 0n;
}

/**
 * Pro-rata and clean-first depend only on how much clean and tainted money an account holds,
 * not on the order it arrived in, so two totals per account replace the lots.
 */
class TotalsBook implements AccountBook {
  private readonly clean: bigint[];
  private readonly taint: bigint[];

  constructor(
    openingBalances: readonly bigint[],
    private readonly taintedPartOf: (amount: bigint, clean: bigint, tainted: bigint) => bigint,
  ) {
    this.clean = [...openingBalances];
    this.taint = openingBalances.map(() => 0n);
  }

  balance(account: number): bigint {
    return (this.clean[account] ?? 0n) + (this.taint[account] ?? 0n);
  }

  tainted(account: number): bigint {
    return this.taint[account] ?? 0n;
  }

  withdraw(account: number, amount: bigint): bigint {
    const clean = this.clean[account] ?? 0n;
    const tainted = this.taint[account] ?? 0n;
    const taken = this.taintedPartOf(amount, clean, tainted);
    this.clean[account] = clean - (amount - taken);
    this.taint[account] = tainted - taken;
    return taken;
  }

  withdrawAll(account: number): bigint {
    const tainted = this.taint[account] ?? 0n;
    this.clean[account] = 0n;
    this.taint[account] = 0n;
    return tainted;
  }

  deposit(account: number, clean: bigint, tainted: bigint): void {
    this.clean[account] = (this.clean[account] ?? 0n) + clean;
    this.taint[account] = (this.taint[account] ?? 0n) + tainted;
  }
}

/** Fifo and lifo: lots in arrival order, taken from the oldest or the newest end. */
class LotBook implements AccountBook {
  private readonly queues: LotQueue[];
  private readonly balances: bigint[];
  private readonly taint: bigint[];

  constructor(
    openingBalances: readonly bigint[],
    private readonly newestFirst: boolean,
  ) {
    this.queues = openingBalances.map((opening) => {
      const queue = new LotQueue();
      if (opening > 0n) queue.append(opening, false);
      return queue;
    });
    this.balances = [...openingBalances];
    this.taint = openingBalances.map(() => 0n);
  }

  balance(account: number): bigint {
    return this.balances[account] ?? 0n;
  }

  tainted(account: number): bigint {
    return this.taint[account] ?? 0n;
  }

  withdraw(account: number, amount: bigint): bigint {
    const queue = this.queueOf(account);
    const taken = this.newestFirst ? queue.takeNewest(amount) : queue.takeOldest(amount);
    this.balances[account] = this.balance(account) - amount;
    this.taint[account] = this.tainted(account) - taken;
    return taken;
  }

  withdrawAll(account: number): bigint {
    const tainted = this.tainted(account);
    this.queueOf(account).clear();
    this.balances[account] = 0n;
    this.taint[account] = 0n;
    return tainted;
  }

  deposit(account: number, clean: bigint, tainted: bigint): void {
    const queue = this.queueOf(account);
    if (clean > 0n) queue.append(clean, false);
    if (tainted > 0n) queue.append(tainted, true);
    this.balances[account] = this.balance(account) + clean + tainted;
    this.taint[account] = this.tainted(account) + tainted;
  }

  private queueOf(account: number): LotQueue {
    const queue = this.queues[account];
    if (queue === undefined) throw new RangeError(`no account at index ${account}`);
    return queue;
  }
}
