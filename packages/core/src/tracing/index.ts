export { TRACING_RULES } from './types.js';
export type {
  Dissipation,
  Ledger,
  LedgerAccount,
  LedgerTransaction,
  LedgerTransactions,
  MinorUnitsColumn,
  TaintFlow,
  TaintHolding,
  TraceResult,
  TraceResultJson,
  TracingRule,
} from './types.js';
export { LedgerError, UnknownRuleError } from './errors.js';
export { parseLedger, parseLedgerText } from './parse-ledger.js';
export { isTracingRule, parseTracingRule } from './rules.js';
export { formatMinorUnits, parseMinorUnits, type AmountProblem } from './money.js';
export { listTransactions, transactionAt } from './ledger-rows.js';
export { traceFunds, traceFundsUnderRules } from './trace-funds.js';
export { toSpecJson } from './spec-json.js';
export { formatRuleComparison, formatTraceReport, type TraceReportOptions } from './report.js';
