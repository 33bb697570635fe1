import { readFile } from 'node:fs/promises';
import {
  LedgerError,
  TRACING_RULES,
  formatRuleComparison,
  formatTraceReport,
  isTracingRule,
  parseLedgerText,
  toSpecJson,
  traceFundsUnderRules,
  type Ledger,
  type TraceResult,
  type TracingRule,
} from '@focal/core';
import { EXIT_OK, InputError, UsageError, parseCommandArgs, withExitCodes, type Command } from './command.js';

const DEFAULT_MAX_FLOWS = 200;

const HELP = `Usage: focal trace LEDGER.json [--rule RULE] [--json] [--max-flows N]

Follows the tainted money of a ledger to where it rests now, under the presumptions of
specs/funds-tracing.md. Needs no database.

  --rule RULE     fifo, lifo, pro-rata, clean-first, or all (the default): all shows the
                  four rules side by side
  --json          the spec's JSON output (amounts as decimal strings); with --rule all,
                  one object keyed by rule: {"fifo": {…}, "lifo": {…}, "pro-rata": {…},
                  "clean-first": {…}}
  --max-flows N   in the readable report of one rule, list at most N flows
                  (default ${DEFAULT_MAX_FLOWS}); --json always lists them all

Exit codes: 0 traced; 1 the file is missing or not a valid ledger (the message names the
field and row, like transactions[3].amount); 2 bad options.`;

type RuleChoice = TracingRule | 'all';

export const traceCommand: Command = {
  name: 'trace',
  summary: 'Trace tainted funds through a ledger under fifo, lifo, pro-rata or clean-first',
  help: HELP,
  run: (argv, io) =>
    withExitCodes('trace', io, async () => {
      const { values, positionals } = parseCommandArgs(argv, { rule: { type: 'string' }, json: { type: 'boolean' }, 'max-flows': { type: 'string' } });
      if (values.help) {
        io.stdout(`${HELP}\n`);
        return EXIT_OK;
      }
      const [path, ...extra] = positionals;
      if (path === undefined || path === '' || extra.length > 0) throw new UsageError('expected exactly one LEDGER.json');
      const rule = readRuleChoice(values.rule);
      const maxFlows = readMaxFlows(values['max-flows']);

      const ledger = await readLedgerFile(path);
      const results = traceFundsUnderRules(ledger, rule === 'all' ? TRACING_RULES : [rule]);
      io.stdout(values.json ? renderJson(results, rule === 'all') : renderReport(results, ledger, maxFlows));
      return EXIT_OK;
    }),
};

/** Reads and validates a ledger file; every problem becomes an InputError naming the file. */
export async function readLedgerFile(path: string): Promise<Ledger> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path} is a directory` : `cannot read ${path} (${message})`);
  }
  try {
    return parseLedgerText(text);
  } catch (error) {
    if (error instanceof LedgerError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

/** The spec's JSON for one rule, or an object of them keyed by rule. */
function renderJson(results: readonly TraceResult[], keyedByRule: boolean): string {
  const [single] = results;
  const json = keyedByRule || single === undefined ? Object.fromEntries(results.map((result) => [result.rule, toSpecJson(result)])) : toSpecJson(single);
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** One rule's report, or the rules side by side. */
function renderReport(results: readonly TraceResult[], ledger: Ledger, maxFlows: number): string {
  const [single] = results;
  return results.length === 1 && single !== undefined ? formatTraceReport(single, ledger, { maxFlows }) : formatRuleComparison(results, ledger);
}

function readRuleChoice(value: string | undefined): RuleChoice {
  if (value === undefined || value === 'all') return 'all';
  if (isTracingRule(value)) return value;
  throw new UsageError(`--rule: unknown rule ${JSON.stringify(value)} (expected ${TRACING_RULES.join(', ')} or all)`);
}

function readMaxFlows(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_FLOWS;
  if (/^\d+$/.test(value)) return Number(value);
  throw new UsageError(`--max-flows: expected a whole number, got ${JSON.stringify(value)}`);
}
