import { readInstant } from './dates.js';
import { LedgerError } from './errors.js';
import { IdIndex } from './id-index.js';
import { BEYOND_SAFE_INTEGERS, parseMinorUnits, readSafeMinorUnits } from './money.js';
import { describeValue, expected, isObject, isText, readArray, readObject, readOptionalText, readText, type JsonObject } from './json-fields.js';
import type { Ledger, LedgerAccount, LedgerTransactions, MinorUnitsColumn } from './types.js';

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
  const parties = accounts.map((account) => account.id);
  const { transactions, index } = readTransactions(root.transactions, currency, minorUnits, parties);
  const seedRows = readSeedRows(root.taint, index);
  return { currency, minorUnits, accounts, parties, transactions, seedRows };
}

function readMinorUnitsSetting(value: unknown): number {
  if (value === undefined) return DEFAULT_MINOR_UNITS;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_MINOR_UNITS) return value;
  throw new LedgerError('minor_units', `must be a whole number from 0 to ${MAX_MINOR_UNITS}, got ${describeValue(value)}`);
}

function readAccounts(value: unknown, minorUnits: number): LedgerAccount[] {
  const rows = readArray(value, 'accounts');
  const ids = new Array<string>(rows.length);
  const index = new IdIndex(ids);
  const accounts = new Array<LedgerAccount>(rows.length);
  for (let row = 0; row < rows.length; row++) {
    const path = `accounts[${row}]`;
    const account = readObject(rows[row], path, 'must be an object with id and opening_balance');
    const id = (ids[row] = readText(account.id, `${path}.id`));
    rejectDuplicate(index.add(row), id, `${path}.id`, 'accounts');
    accounts[row] = {
      id,
      holder: readOptionalText(account.holder, `${path}.holder`),
      jurisdiction: readOptionalText(account.jurisdiction, `${path}.jurisdiction`),
      openingBalance: readMoney(account.opening_balance, `${path}.opening_balance`, minorUnits, 'an opening balance must not be negative'),
    };
  }
  return accounts;
}

/**
 * The hot loop of parsing: it runs once per transaction, so field paths are only spelled
 * out once something is wrong, and every check is a cheap test on the value itself.
 */
function readTransactions(value: unknown, currency: string, minorUnits: number, parties: string[]): { transactions: LedgerTransactions; index: IdIndex } {
  const rows = readArray(value, 'transactions');
  const count = rows.length;
  const ids = new Array<string>(count);
  const dates = new Array<string>(count);
  const senders = new Int32Array(count);
  const receivers = new Int32Array(count);
  const partyIndex = new Map(parties.map((id, index) => [id, index]));
  const partyOf = (id: string): number => {
    const known = partyIndex.get(id);
    if (known !== undefined) return known;
    partyIndex.set(id, parties.length);
    return parties.push(id) - 1;
  };
  const epochMillis = new Float64Array(count);
  const nanosOfMilli = new Uint32Array(count);
  const safeAmounts = new Float64Array(count);
  let safeTotal = 0;
  const index = new IdIndex(ids);
  const instant = { epochMillis: 0, nanosOfMilli: 0 };
  for (let row = 0; row < count; row++) {
    const transaction = rows[row];
    if (!isObject(transaction)) throw new LedgerError(`transactions[${row}]`, expected('an object with id, date, from, to and amount', transaction));
    const { id, date, from, to, amount } = transaction;
    if (!isText(id)) throw new LedgerError(`transactions[${row}].id`, expected('a non-empty string', id));
    ids[row] = id;
    rejectDuplicate(index.add(row), id, `transactions[${row}].id`, 'transactions');
    if (!isText(date)) throw new LedgerError(`transactions[${row}].date`, expected('a non-empty string', date));
    if (!readInstant(date, instant)) throw new LedgerError(`transactions[${row}].date`, `${describeValue(date)} is not an ISO 8601 date or date-time`);
    if (!isText(from)) throw new LedgerError(`transactions[${row}].from`, expected('a non-empty string', from));
    if (!isText(to)) throw new LedgerError(`transactions[${row}].to`, expected('a non-empty string', to));
    if (from === to) throw new LedgerError(`transactions[${row}].to`, `${describeValue(to)} is also the sender (from); a transaction moves money between two parties`);
    if (transaction.currency !== undefined && transaction.currency !== currency) {
      throw new LedgerError(`transactions[${row}].currency`, `${describeValue(transaction.currency)} differs from the ledger's currency ${describeValue(currency)}`);
    }
    const minor = typeof amount === 'string' ? readSafeMinorUnits(amount, minorUnits) : 'malformed';
    if (typeof minor === 'number' && minor > 0) {
      safeAmounts[row] = minor;
      safeTotal += minor;
    } else if (minor !== BEYOND_SAFE_INTEGERS) {
      throw amountError(`transactions[${row}].amount`, amount, minorUnits, 'an amount must be greater than zero');
    } else {
      safeTotal = Infinity;
    }
    dates[row] = date;
    senders[row] = partyOf(from);
    receivers[row] = partyOf(to);
    epochMillis[row] = instant.epochMillis;
    nanosOfMilli[row] = instant.nanosOfMilli;
  }
  // Every amount is valid by now; only their representation is left to choose.
  const amounts: MinorUnitsColumn =
    safeTotal <= Number.MAX_SAFE_INTEGER
      ? { kind: 'safe-integer', values: safeAmounts }
      : { kind: 'bigint', values: rows.map((row) => parseMinorUnits((row as JsonObject).amount as string, minorUnits) as bigint) };
  return { transactions: { count, ids, dates, from: senders, to: receivers, epochMillis, nanosOfMilli, amounts }, index };
}

function readSeedRows(value: unknown, transactionIndex: IdIndex): number[] {
  if (value === undefined) return [];
  const entries = readArray(value, 'taint');
  const rows = new Set<number>();
  for (let row = 0; row < entries.length; row++) {
    const seed = readObject(entries[row], `taint[${row}]`, 'must be an object naming a transaction, like {"transaction": "T1"}');
    const id = readText(seed.transaction, `taint[${row}].transaction`);
    const transactionRow = transactionIndex.find(id);
    if (transactionRow === -1) throw new LedgerError(`taint[${row}].transaction`, `${describeValue(id)} names no transaction of this ledger`);
    rows.add(transactionRow);
  }
  return [...rows];
}

function readMoney(value: unknown, path: string, minorUnits: number, signRule: string): bigint {
  const minor = typeof value === 'string' ? parseMinorUnits(value, minorUnits) : 'malformed';
  if (typeof minor === 'bigint') return minor;
  throw amountError(path, value, minorUnits, signRule);
}

/** Why `value` is not an acceptable amount; `signRule` says what sign the field allows. */
function amountError(path: string, value: unknown, minorUnits: number, signRule: string): LedgerError {
  if (typeof value !== 'string') return new LedgerError(path, expected('a decimal string like "1250.00"', value));
  const problem = parseMinorUnits(value, minorUnits);
  if (problem === 'negative') return new LedgerError(path, `${describeValue(value)} is negative; ${signRule}`);
  if (problem === 'too-many-decimals') return new LedgerError(path, `${describeValue(value)} has more than ${minorUnits} decimals`);
  if (problem === 'malformed') return new LedgerError(path, `${describeValue(value)} is not a decimal amount like "1250.00"`);
  return new LedgerError(path, `${describeValue(value)} is zero; ${signRule}`);
}

/** Throws when `earlier` (from IdIndex.add) says the id was already used. */
function rejectDuplicate(earlier: number, id: string, path: string, list: 'accounts' | 'transactions'): void {
  if (earlier !== -1) throw new LedgerError(path, `${describeValue(id)} duplicates ${list}[${earlier}].id`);
}
