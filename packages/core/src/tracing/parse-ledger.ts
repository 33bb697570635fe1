import { parseInstant } from './dates.js';
import { LedgerError, UnknownRuleError } from './errors.js';
import { parseMinorUnits } from './money.js';
import { TRACING_RULES, type Ledger, type LedgerAccount, type LedgerTransaction, type TracingRule } from './types.js';

type JsonObject = Record<string, unknown>;

const DEFAULT_MINOR_UNITS = 2;
/** Beyond any real currency or token (most crypto assets use 18 or 24); bounds the formatting. */
const MAX_MINOR_UNITS = 36;

/** A ledger from its JSON text; invalid JSON is a LedgerError too, so callers handle one error type. */
export function parseLedgerText(text: string): Ledger {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LedgerError('', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseLedger(json);
}

/**
 * Validates a parsed ledger (specs/funds-tracing.md, "Input" and "Bad input") and converts
 * amounts to integer minor units and dates to instants. The first problem found is thrown
 * as a LedgerError naming its field and row; nothing is half-accepted.
 */
export function parseLedger(json: unknown): Ledger {
  const root = readObject(json, '', 'the ledger must be a JSON object');
  const currency = readText(root.currency, 'currency');
  const minorUnits = readMinorUnitsSetting(root.minor_units);
  const accounts = readAccounts(root.accounts, minorUnits);
  const { transactions, rowById } = readTransactions(root.transactions, currency, minorUnits);
  const seeds = readSeeds(root.taint, rowById);
  return { currency, minorUnits, accounts, transactions, seeds };
}

export function isTracingRule(value: unknown): value is TracingRule {
  return (TRACING_RULES as readonly unknown[]).includes(value);
}

export function parseRule(text: string): TracingRule {
  if (!isTracingRule(text)) throw new UnknownRuleError(text);
  return text;
}

function readMinorUnitsSetting(value: unknown): number {
  if (value === undefined) return DEFAULT_MINOR_UNITS;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_MINOR_UNITS) return value;
  throw new LedgerError('minor_units', `must be a whole number from 0 to ${MAX_MINOR_UNITS}, got ${describe(value)}`);
}

function readAccounts(value: unknown, minorUnits: number): LedgerAccount[] {
  const rows = readArray(value, 'accounts');
  const rowById = new Map<string, number>();
  const accounts: LedgerAccount[] = [];
  for (let row = 0; row < rows.length; row++) {
    const path = `accounts[${row}]`;
    const account = readObject(rows[row], path, 'must be an object with id and opening_balance');
    const id = readText(account.id, `${path}.id`);
    rejectDuplicate(rowById, id, row, 'accounts');
    accounts.push({
      id,
      holder: readOptionalText(account.holder, `${path}.holder`),
      jurisdiction: readOptionalText(account.jurisdiction, `${path}.jurisdiction`),
      openingBalance: readOpeningBalance(account.opening_balance, `${path}.opening_balance`, minorUnits),
    });
  }
  return accounts;
}

function readTransactions(value: unknown, currency: string, minorUnits: number) {
  const rows = readArray(value, 'transactions');
  const rowById = new Map<string, number>();
  const transactions: LedgerTransaction[] = new Array<LedgerTransaction>(rows.length);
  for (let row = 0; row < rows.length; row++) {
    const transaction = readObject(rows[row], `transactions[${row}]`, 'must be an object with id, date, from, to and amount');
    const id = readText(transaction.id, `transactions[${row}].id`);
    rejectDuplicate(rowById, id, row, 'transactions');
    const date = readText(transaction.date, `transactions[${row}].date`);
    const instant = parseInstant(date);
    if (instant === null) {
      throw new LedgerError(`transactions[${row}].date`, `${describe(date)} is not an ISO 8601 date or date-time`);
    }
    const from = readText(transaction.from, `transactions[${row}].from`);
    const to = readText(transaction.to, `transactions[${row}].to`);
    if (from === to) throw new LedgerError(`transactions[${row}].to`, `${describe(to)} is also the sender (from); a transaction needs two parties`);
    if (transaction.currency !== undefined && transaction.currency !== currency) {
      throw new LedgerError(`transactions[${row}].currency`, `${describe(transaction.currency)} differs from the ledger's currency ${describe(currency)}`);
    }
    const amount = readAmount(transaction.amount, `transactions[${row}].amount`, minorUnits);
    transactions[row] = { id, date, epochMillis: instant.epochMillis, nanosOfMilli: instant.nanosOfMilli, from, to, amount };
  }
  return { transactions, rowById };
}

function readSeeds(value: unknown, transactionRowById: Map<string, number>): string[] {
  if (value === undefined) return [];
  const rows = readArray(value, 'taint');
  const seeds = new Set<string>();
  for (let row = 0; row < rows.length; row++) {
    const seed = readObject(rows[row], `taint[${row}]`, 'must be an object naming a transaction, like {"transaction": "T1"}');
    const id = readText(seed.transaction, `taint[${row}].transaction`);
    if (!transactionRowById.has(id)) throw new LedgerError(`taint[${row}].transaction`, `${describe(id)} names no transaction of this ledger`);
    seeds.add(id);
  }
  return [...seeds];
}

function readAmount(value: unknown, path: string, minorUnits: number): bigint {
  const amount = readMoney(value, path, minorUnits, 'an amount must be greater than zero');
  if (amount === 0n) throw new LedgerError(path, `${describe(value)} is zero; an amount must be greater than zero`);
  return amount;
}

function readOpeningBalance(value: unknown, path: string, minorUnits: number): bigint {
  return readMoney(value, path, minorUnits, 'an opening balance must not be negative');
}

function readMoney(value: unknown, path: string, minorUnits: number, signRule: string): bigint {
  if (typeof value !== 'string') {
    throw new LedgerError(path, value === undefined ? 'is required but missing' : `must be a decimal string like "1250.00", got ${describe(value)}`);
  }
  const parsed = parseMinorUnits(value, minorUnits);
  if (typeof parsed === 'bigint') return parsed;
  if (parsed === 'negative') throw new LedgerError(path, `${describe(value)} is negative; ${signRule}`);
  if (parsed === 'too-many-decimals') throw new LedgerError(path, `${describe(value)} has more than ${minorUnits} decimals`);
  throw new LedgerError(path, `${describe(value)} is not a decimal amount like "1250.00"`);
}

function rejectDuplicate(rowById: Map<string, number>, id: string, row: number, list: string): void {
  const firstRow = rowById.get(id);
  if (firstRow !== undefined) throw new LedgerError(`${list}[${row}].id`, `${describe(id)} duplicates ${list}[${firstRow}].id`);
  rowById.set(id, row);
}

function readObject(value: unknown, path: string, expectation: string): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  throw new LedgerError(path, value === undefined ? 'is required but missing' : `${expectation}, got ${describe(value)}`);
}

function readArray(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new LedgerError(path, value === undefined ? 'is required but missing' : `must be an array, got ${describe(value)}`);
}

function readText(value: unknown, path: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new LedgerError(path, value === undefined ? 'is required but missing' : `must be a non-empty string, got ${describe(value)}`);
}

function readOptionalText(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw new LedgerError(path, `must be a string, got ${describe(value)}`);
}

/** A short JSON rendering of an offending value, so messages quote exactly what the file holds. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
