import { describe, expect, it } from 'vitest';
import { LedgerError, UnknownRuleError } from './errors.js';
import { listTransactions, transactionAt } from './ledger-rows.js';
import { parseLedger, parseLedgerText } from './parse-ledger.js';
import { parseTracingRule } from './rules.js';

type Json = Record<string, unknown>;

function workedExample(): Json {
  return {
    currency: 'EUR',
    accounts: [
      { id: 'A', holder: 'Ministry contractor', jurisdiction: 'FR', opening_balance: '1000.00' },
      { id: 'B', holder: 'Shell company', jurisdiction: 'CY', opening_balance: '0.00' },
      { id: 'C', holder: 'Private bank account', jurisdiction: 'CH', opening_balance: '0.00' },
    ],
    transactions: [
      { id: 'T1', date: '2024-01-01', from: 'EXT-TREASURY', to: 'A', amount: '500.00' },
      { id: 'T2', date: '2024-01-02', from: 'A', to: 'B', amount: '700.00' },
      { id: 'T3', date: '2024-01-03', from: 'EXT-SALARY', to: 'A', amount: '200.00' },
      { id: 'T4', date: '2024-01-04', from: 'A', to: 'C', amount: '900.00' },
      { id: 'T5', date: '2024-01-05', from: 'B', to: 'EXT-CASINO', amount: '300.00' },
    ],
    taint: [{ transaction: 'T1' }],
  };
}

/** The worked example with one field of one row changed (undefined deletes it). */
function withField(list: 'accounts' | 'transactions' | 'taint', row: number, field: string, value: unknown): Json {
  const ledger = workedExample();
  const entry = (ledger[list] as Json[])[row] as Json;
  if (value === undefined) delete entry[field];
  else entry[field] = value;
  return ledger;
}

function problemWith(json: unknown): LedgerError {
  try {
    parseLedger(json);
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('the ledger was accepted');
}

describe('parseLedger accepts a good ledger', () => {
  it('reads amounts in minor units, dates as instants and parties in order', () => {
    const ledger = parseLedger(workedExample());
    expect(ledger.currency).toBe('EUR');
    expect(ledger.minorUnits).toBe(2);
    expect(ledger.accounts[0]).toEqual({ id: 'A', holder: 'Ministry contractor', jurisdiction: 'FR', openingBalance: 100000n });
    expect(ledger.parties).toEqual(['A', 'B', 'C', 'EXT-TREASURY', 'EXT-SALARY', 'EXT-CASINO']);
    expect(ledger.seedRows).toEqual([0]);
    expect(transactionAt(ledger, 1)).toEqual({ id: 'T2', date: '2024-01-02', epochMillis: Date.UTC(2024, 0, 2), nanosOfMilli: 0, from: 'A', to: 'B', amount: 70000n });
    expect(listTransactions(ledger).map((transaction) => transaction.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
  });

  it('honours minor_units, including zero and crypto-sized ones', () => {
    const yen = parseLedger({ ...workedExample(), minor_units: 0, accounts: [], transactions: [{ id: 'T1', date: '2024-01-01', from: 'X', to: 'Y', amount: '500' }] });
    expect(transactionAt(yen, 0).amount).toBe(500n);
    const ether = parseLedger({ ...workedExample(), minor_units: 18, accounts: [], transactions: [{ id: 'T1', date: '2024-01-01', from: 'X', to: 'Y', amount: '1.5' }] });
    expect(ether.transactions.amounts.kind).toBe('bigint');
    expect(transactionAt(ether, 0).amount).toBe(1_500_000_000_000_000_000n);
  });

  it('allows zero opening balances, no taint list, a matching transaction currency, and missing holder details', () => {
    const ledger = workedExample();
    delete ledger.taint;
    (ledger.transactions as Json[])[0] = { id: 'T1', date: '2024-01-01', from: 'X', to: 'A', amount: '1.00', currency: 'EUR' };
    (ledger.accounts as Json[])[2] = { id: 'C', opening_balance: '0' };
    const parsed = parseLedger(ledger);
    expect(parsed.seedRows).toEqual([]);
    expect(parsed.accounts[2]).toEqual({ id: 'C', holder: '', jurisdiction: '', openingBalance: 0n });
  });

  it('counts a seed listed twice once', () => {
    const ledger = { ...workedExample(), taint: [{ transaction: 'T1' }, { transaction: 'T1' }] };
    expect(parseLedger(ledger).seedRows).toEqual([0]);
  });

  it('parses JSON text', () => {
    expect(parseLedgerText(JSON.stringify(workedExample())).transactions.count).toBe(5);
  });
});

describe('parseLedger names the field and row of bad input', () => {
  it.each([
    ['a malformed amount', withField('transactions', 3, 'amount', '12,00'), 'transactions[3].amount: "12,00" is not a decimal amount like "1250.00"'],
    ['too many decimals', withField('transactions', 3, 'amount', '12.345'), 'transactions[3].amount: "12.345" has more than 2 decimals'],
    ['a zero amount', withField('transactions', 2, 'amount', '0.00'), 'transactions[2].amount: "0.00" is zero; an amount must be greater than zero'],
    ['a negative amount', withField('transactions', 1, 'amount', '-5.00'), 'transactions[1].amount: "-5.00" is negative; an amount must be greater than zero'],
    ['a numeric amount', withField('transactions', 1, 'amount', 12.5), 'transactions[1].amount: must be a decimal string like "1250.00", got 12.5'],
    ['a missing amount', withField('transactions', 4, 'amount', undefined), 'transactions[4].amount: is required but missing'],
    ['an unparseable date', withField('transactions', 2, 'date', '2024-02-30'), 'transactions[2].date: "2024-02-30" is not an ISO 8601 date or date-time'],
    ['a missing date', withField('transactions', 0, 'date', undefined), 'transactions[0].date: is required but missing'],
    ['a missing id', withField('transactions', 0, 'id', undefined), 'transactions[0].id: is required but missing'],
    ['a missing sender', withField('transactions', 1, 'from', undefined), 'transactions[1].from: is required but missing'],
    ['an empty receiver', withField('transactions', 1, 'to', ''), 'transactions[1].to: must be a non-empty string, got ""'],
    ['from equal to to', withField('transactions', 1, 'to', 'A'), 'transactions[1].to: "A" is also the sender (from); a transaction moves money between two parties'],
    ['another currency', withField('transactions', 2, 'currency', 'USD'), 'transactions[2].currency: "USD" differs from the ledger\'s currency "EUR"'],
    ['a duplicate transaction id', withField('transactions', 3, 'id', 'T2'), 'transactions[3].id: "T2" duplicates transactions[1].id'],
    ['a duplicate account id', withField('accounts', 2, 'id', 'A'), 'accounts[2].id: "A" duplicates accounts[0].id'],
    ['a negative opening balance', withField('accounts', 1, 'opening_balance', '-1.00'), 'accounts[1].opening_balance: "-1.00" is negative; an opening balance must not be negative'],
    ['a malformed opening balance', withField('accounts', 1, 'opening_balance', 'lots'), 'accounts[1].opening_balance: "lots" is not a decimal amount like "1250.00"'],
    ['a missing opening balance', withField('accounts', 0, 'opening_balance', undefined), 'accounts[0].opening_balance: is required but missing'],
    ['a missing account id', withField('accounts', 1, 'id', undefined), 'accounts[1].id: is required but missing'],
    ['a holder that is not text', withField('accounts', 1, 'holder', 7), 'accounts[1].holder: must be a string, got 7'],
    ['a seed naming an unknown transaction', withField('taint', 0, 'transaction', 'T99'), 'taint[0].transaction: "T99" names no transaction of this ledger'],
    ['a seed without a transaction', withField('taint', 0, 'transaction', undefined), 'taint[0].transaction: is required but missing'],
  ])('rejects %s', (_, ledger, message) => {
    expect(problemWith(ledger).message).toBe(message);
  });

  it('names the field in its path', () => {
    const error = problemWith(withField('transactions', 3, 'amount', '12.345'));
    expect(error.path).toBe('transactions[3].amount');
    expect(error.detail).toBe('"12.345" has more than 2 decimals');
  });

  it.each([
    ['not an object', [], 'the ledger must be a JSON object, got an array'],
    ['no currency', { ...workedExample(), currency: undefined }, 'currency: is required but missing'],
    ['no accounts', { ...workedExample(), accounts: undefined }, 'accounts: is required but missing'],
    ['accounts that are not a list', { ...workedExample(), accounts: {} }, 'accounts: must be an array, got an object'],
    ['no transactions', { ...workedExample(), transactions: undefined }, 'transactions: is required but missing'],
    ['a transaction that is not an object', { ...workedExample(), transactions: ['T1'] }, 'transactions[0]: must be an object with id, date, from, to and amount, got "T1"'],
    ['a taint list that is not a list', { ...workedExample(), taint: 'T1' }, 'taint: must be an array, got "T1"'],
    ['fractional minor units', { ...workedExample(), minor_units: 2.5 }, 'minor_units: must be a whole number from 0 to 36, got 2.5'],
    ['negative minor units', { ...workedExample(), minor_units: -1 }, 'minor_units: must be a whole number from 0 to 36, got -1'],
  ])('rejects a ledger with %s', (_, ledger, message) => {
    expect(problemWith(ledger).message).toBe(message);
  });

  it('checks decimals against minor_units', () => {
    const ledger: Json = { ...withField('transactions', 0, 'amount', '500.5'), minor_units: 0 };
    expect(problemWith(ledger).message).toBe('accounts[0].opening_balance: "1000.00" has more than 0 decimals');
    ledger.accounts = [];
    expect(problemWith(ledger).message).toBe('transactions[0].amount: "500.5" has more than 0 decimals');
  });

  it('rejects a huge zero amount too', () => {
    expect(problemWith(withField('transactions', 0, 'amount', '0000000000000000000000.00')).message).toMatch(/^transactions\[0\]\.amount: .* is zero/);
  });

  it('turns invalid JSON into a LedgerError', () => {
    expect(() => parseLedgerText('{"currency": "EUR",')).toThrow(LedgerError);
    expect(() => parseLedgerText('{"currency": "EUR",')).toThrow(/^not valid JSON \(/);
  });

  it('shortens long offending values in messages', () => {
    const message = problemWith(withField('transactions', 0, 'date', 'x'.repeat(500))).message;
    expect(message.length).toBeLessThan(140);
  });
});

describe('parseTracingRule', () => {
  it('accepts the four rules and names them when refusing another', () => {
    expect(parseTracingRule('pro-rata')).toBe('pro-rata');
    expect(() => parseTracingRule('lifo ')).toThrow(UnknownRuleError);
    expect(() => parseTracingRule('average')).toThrow('unknown rule "average" (expected fifo, lifo, pro-rata or clean-first)');
  });
});
