import { formatMinorUnits } from './money.js';
import type { TraceResult, TraceResultJson } from './types.js';

/** The result as the spec's `--json` output: amounts as decimal strings, keys in contract order. */
export function toSpecJson(result: TraceResult): TraceResultJson {
  const money = (value: bigint) => formatMinorUnits(value, result.minorUnits);
  return {
    rule: result.rule,
    currency: result.currency,
    holdings: result.holdings.map((holding) => ({ account: holding.account, tainted: money(holding.tainted), internal: holding.internal })),
    dissipated: result.dissipated.map((dissipation) => ({ account: dissipation.account, amount: money(dissipation.amount) })),
    flows: result.flows.map((flow) => ({ transaction: flow.transaction, tainted: money(flow.tainted) })),
    total_tainted: money(result.totalTainted),
  };
}
