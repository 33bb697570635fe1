import type { Arithmetic } from './arithmetic.js';
import { LotQueue } from './lot-queue.js';
import type { TracingRule } from './types.js';

/**
 * The clean and tainted money of every internal account under one rule, by account index.
 * Overdraft debt is kept by the caller: an account that owes holds nothing here.
 */
export interface AccountBook<M extends number | bigint> {
  balance(account: number): M;
  tainted(account: number): M;
  /** Takes `amount`, less than the balance, under the rule; returns its tainted part. */
  withdraw(account: number, amount: M): M;
  /** Takes the whole balance; returns its tainted part (all the taint, under every rule). */
  withdrawAll(account: number): M;
  /** Appends the clean part first, then the tainted part. */
  deposit(account: number, clean: M, tainted: M): void;
}

export function openAccountBook<M extends number | bigint>(rule: TracingRule, openingBalances: readonly M[], arithmetic: Arithmetic<M>): AccountBook<M> {
  switch (rule) {
    case 'fifo':
      return new LotBook(openingBalances, arithmetic, 'oldest');
    case 'lifo':
      return new LotBook(openingBalances, arithmetic, 'newest');
    case 'pro-rata':
      return new TotalsBook(openingBalances, arithmetic, 'in-proportion');
    case 'clean-first':
      return new TotalsBook(openingBalances, arithmetic, 'clean-first');
  }
}

/**
 * Pro-rata and clean-first depend only on how much clean and tainted money an account holds,
 * not on the order it arrived in, so two totals per account replace the lots.
 */
class TotalsBook<M extends number | bigint> implements AccountBook<M> {
  private readonly clean: M[];
  private readonly taint: M[];
  private readonly proportional: boolean;

  constructor(
    openingBalances: readonly M[],
    private readonly arithmetic: Arithmetic<M>,
    split: 'in-proportion' | 'clean-first',
  ) {
    this.proportional = split === 'in-proportion';
    this.clean = [...openingBalances];
    this.taint = openingBalances.map(() => arithmetic.zero);
  }

  balance(account: number): M {
    return this.arithmetic.add(this.cleanOf(account), this.tainted(account));
  }

  tainted(account: number): M {
    return this.taint[account] ?? this.arithmetic.zero;
  }

  withdraw(account: number, amount: M): M {
    const { subtract } = this.arithmetic;
    const clean = this.cleanOf(account);
    const tainted = this.tainted(account);
    const taken = this.taintedPartOf(amount, clean, tainted);
    this.clean[account] = subtract(clean, subtract(amount, taken));
    this.taint[account] = subtract(tainted, taken);
    return taken;
  }

  withdrawAll(account: number): M {
    const tainted = this.tainted(account);
    this.clean[account] = this.arithmetic.zero;
    this.taint[account] = this.arithmetic.zero;
    return tainted;
  }

  deposit(account: number, clean: M, tainted: M): void {
    this.clean[account] = this.arithmetic.add(this.cleanOf(account), clean);
    this.taint[account] = this.arithmetic.add(this.tainted(account), tainted);
  }

  /** Pro-rata shares by balance; clean-first presumes the holder spends their own money before the taint. */
  private taintedPartOf(amount: M, clean: M, tainted: M): M {
    const { add, subtract, zero } = this.arithmetic;
    if (this.proportional) return tainted === zero ? zero : this.arithmetic.shareHalfEven(amount, tainted, add(clean, tainted));
    return amount > clean ? subtract(amount, clean) : zero;
  }

  private cleanOf(account: number): M {
    return this.clean[account] ?? this.arithmetic.zero;
  }
}

/** Fifo and lifo: lots in arrival order, taken from the oldest or the newest end. */
class LotBook<M extends number | bigint> implements AccountBook<M> {
  private readonly queues: LotQueue<M>[];
  private readonly balances: M[];
  private readonly taint: M[];
  private readonly newestFirst: boolean;

  constructor(
    openingBalances: readonly M[],
    private readonly arithmetic: Arithmetic<M>,
    takenFirst: 'oldest' | 'newest',
  ) {
    this.newestFirst = takenFirst === 'newest';
    this.queues = openingBalances.map((opening) => {
      const queue = new LotQueue(arithmetic);
      if (opening > arithmetic.zero) queue.append(opening, false);
      return queue;
    });
    this.balances = [...openingBalances];
    this.taint = openingBalances.map(() => arithmetic.zero);
  }

  balance(account: number): M {
    return this.balances[account] ?? this.arithmetic.zero;
  }

  tainted(account: number): M {
    return this.taint[account] ?? this.arithmetic.zero;
  }

  withdraw(account: number, amount: M): M {
    const queue = this.queueOf(account);
    const taken = this.newestFirst ? queue.takeNewest(amount) : queue.takeOldest(amount);
    this.balances[account] = this.arithmetic.subtract(this.balance(account), amount);
    this.taint[account] = this.arithmetic.subtract(this.tainted(account), taken);
    return taken;
  }

  withdrawAll(account: number): M {
    const tainted = this.tainted(account);
    this.queueOf(account).clear();
    this.balances[account] = this.arithmetic.zero;
    this.taint[account] = this.arithmetic.zero;
    return tainted;
  }

  deposit(account: number, clean: M, tainted: M): void {
    const { add, zero } = this.arithmetic;
    const queue = this.queueOf(account);
    if (clean > zero) queue.append(clean, false);
    if (tainted > zero) queue.append(tainted, true);
    this.balances[account] = add(add(this.balance(account), clean), tainted);
    this.taint[account] = add(this.tainted(account), tainted);
  }

  private queueOf(account: number): LotQueue<M> {
    const queue = this.queues[account];
    if (queue === undefined) throw new RangeError(`no account at index ${account}`);
    return queue;
  }
}
