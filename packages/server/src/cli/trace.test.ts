import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CommandIO } from './command.js';
import { traceCommand } from './trace.js';

// The shared folder sits beside the repository root.
const datasets = new URL('../../../../../shared/datasets/tracing/', import.meta.url);
const dataset = (name: string) => fileURLToPath(new URL(name, datasets));
const workedExample = dataset('worked-example.json');
const RULES = ['fifo', 'lifo', 'pro-rata', 'clean-first'] as const;

const directory = mkdtempSync(join(tmpdir(), 'focal-trace-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** The worked example with transactions[row][field] replaced. */
function brokenExample(name: string, row: number, field: string, value: unknown): string {
  const ledger = JSON.parse(readFileSync(workedExample, 'utf8')) as { transactions: Record<string, unknown>[] };
  (ledger.transactions[row] as Record<string, unknown>)[field] = value;
  return file(name, JSON.stringify(ledger));
}

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) };
  const code = await traceCommand.run(argv, io);
  return { code, stdout, stderr };
}

const expectedJson = (rule: string) => JSON.parse(readFileSync(dataset(`worked-example.${rule}.expected.json`), 'utf8')) as unknown;

describe('focal trace', () => {
  it.each(RULES)('prints the spec JSON of the worked example under --rule %s', async (rule) => {
    const { code, stdout, stderr } = await run([workedExample, '--rule', rule, '--json']);
    expect(code).toBe(EXIT_OK);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${JSON.stringify(expectedJson(rule), null, 2)}\n`);
  });

  it('prints one object keyed by rule for --rule all --json, also the default rule', async () => {
    const expected = Object.fromEntries(RULES.map((rule) => [rule, expectedJson(rule)]));
    for (const argv of [[workedExample, '--rule', 'all', '--json'], ['--json', workedExample]]) {
      const { code, stdout } = await run(argv);
      expect(code).toBe(EXIT_OK);
      expect(JSON.parse(stdout)).toEqual(expected);
      expect(Object.keys(JSON.parse(stdout) as object)).toEqual([...RULES]);
    }
  });

  it('reproduces a dev ledger with its overdraft and dissipation', async () => {
    const { stdout } = await run([dataset('dev/p009.json'), '--rule', 'pro-rata', '--json']);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(dataset('dev-expected/p009.pro-rata.json'), 'utf8')));
  });

  it('shows the four rules side by side without --json', async () => {
    const { code, stdout } = await run([workedExample]);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^Funds tracing compared across the four rules, EUR\n/);
    expect(stdout).toMatch(/fifo\s+lifo\s+pro-rata\s+clean-first/);
    expect(stdout).toMatch(/EXT-CASINO\s+-\s+300\.00\s+100\.00\s+-/);
  });

  it('prints a readable report of one rule, holdings by jurisdiction', async () => {
    const { code, stdout } = await run([workedExample, '--rule', 'clean-first', '--max-flows', '1']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('Funds tracing under clean-first');
    expect(stdout).toMatch(/ {2}CH\n {4}C\s+Private bank account\s+400\.00\n/);
    expect(stdout).toContain('… and 1 more flow');
  });

  it('prints its help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('Usage: focal trace LEDGER.json');
    expect(stdout).toContain('keyed by rule');
  });

  describe('refuses bad options with exit code 2', () => {
    it.each([
      ['an unknown rule', [workedExample, '--rule', 'average'], '--rule: unknown rule "average" (expected fifo, lifo, pro-rata, clean-first or all)'],
      ['a rule without its value', [workedExample, '--rule'], "Option '--rule <value>' argument missing"],
      ['an unknown flag', [workedExample, '--fast'], "Unknown option '--fast'"],
      ['no ledger', ['--json'], 'expected exactly one LEDGER.json'],
      ['two ledgers', [workedExample, workedExample], 'expected exactly one LEDGER.json'],
      ['a bad flow limit', [workedExample, '--max-flows', 'many'], '--max-flows: expected a whole number, got "many"'],
    ])('%s', async (_, argv, message) => {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(EXIT_USAGE);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
      expect(stderr).toContain('focal trace --help');
    });
  });

  describe('refuses a bad ledger with exit code 1, naming the field and row, without a stack trace', () => {
    it.each([
      ['too many decimals', () => brokenExample('decimals.json', 3, 'amount', '12.345'), 'transactions[3].amount: "12.345" has more than 2 decimals'],
      ['a zero amount', () => brokenExample('zero.json', 1, 'amount', '0.00'), 'transactions[1].amount: "0.00" is zero'],
      ['an unparseable date', () => brokenExample('date.json', 2, 'date', '2024-02-30'), 'transactions[2].date: "2024-02-30" is not an ISO 8601 date'],
      ['from equal to to', () => brokenExample('self.json', 1, 'to', 'A'), 'transactions[1].to: "A" is also the sender'],
      ['another currency', () => brokenExample('currency.json', 4, 'currency', 'USD'), 'transactions[4].currency: "USD" differs'],
      ['a missing field', () => brokenExample('missing.json', 0, 'from', undefined), 'transactions[0].from: is required but missing'],
      ['invalid JSON', () => file('invalid.json', '{"currency": "EUR", '), 'invalid.json: not valid JSON'],
      ['a missing file', () => join(directory, 'absent.json'), 'absent.json: no such file'],
      ['a directory', () => directory, 'is a directory'],
    ])('%s', async (_, path, message) => {
      const { code, stdout, stderr } = await run([path(), '--rule', 'fifo', '--json']);
      expect(code).toBe(EXIT_FAILURE);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
      expect(stderr).toMatch(/^focal trace: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  });
});
