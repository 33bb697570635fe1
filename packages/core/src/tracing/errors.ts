/**
 * A ledger the engine cannot accept. `path` names the field and row the way the JSON reads
 * (`transactions[3].amount`) so an investigator can find it in the file; `detail` says what
 * is wrong with it. The message joins both.
 */
export class LedgerError extends Error {
  override name = 'LedgerError';

  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path === '' ? detail : `${path}: ${detail}`);
  }
}

export class UnknownRuleError extends Error {
  override name = 'UnknownRuleError';

  constructor(readonly rule: string) {
    super(`unknown rule ${JSON.stringify(rule)} (expected fifo, lifo, pro-rata or clean-first)`);
  }
}
