import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCsvRowError, parseCsv, readCsvStatement, type CsvParseOptions } from './csv.js';
import { StatementTally, checkBalance } from './tally.js';
import type { StatementTransaction } from './types.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const tx = (line: number, amountMinor: number, balanceAfterMinor?: number, bookingDate = '2024-03-01'): StatementTransaction => ({
  line,
  bookingDate,
  amountMinor,
  currency: 'EUR',
  ...(balanceAfterMinor === undefined ? {} : { balanceAfterMinor }),
});

const OPTIONS: CsvParseOptions = {
  delimiter: ',',
  decimalSeparator: '.',
  dateFormat: 'YYYY-MM-DD',
  hasHeader: true,
  mapping: { date: 'Date', amount: 'Amount', balance: 'Balance', reference: 'Reference' },
  account: { iban: 'DE89370400440532013000', currency: 'EUR' },
};

/** A CSV of `rows` rows with a running balance, produced lazily in chunks of `perChunk` rows; `produced` counts the chunks handed out. */
function lazyCsv(rows: number, perChunk: number) {
  const state = { produced: 0 };
  const source = {
    *[Symbol.iterator]() {
      let balance = 0;
      let text = 'Date,Amount,Balance,Reference\n';
      for (let i = 0; i < rows; i++) {
        const cents = (i % 2 === 0 ? 1 : -1) * (((i * 37) % 9000) + 100);
        balance += cents;
        const money = (value: number) => `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)}.${String(Math.abs(value) % 100).padStart(2, '0')}`;
        text += `2024-${String((i % 12) + 1).padStart(2, '0')}-15,${money(cents)},${money(balance)},R${i}\n`;
        if ((i + 1) % perChunk === 0) {
          state.produced++;
          yield text;
          text = '';
        }
      }
      if (text) {
        state.produced++;
        yield text;
      }
    },
  };
  return { source, state };
}

describe('StatementTally', () => {
  it('agrees with readCsvStatement and checkBalance on a bank export with a balance column', async () => {
    const options: CsvParseOptions = {
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: 'DD.MM.YYYY',
      hasHeader: true,
      skipRows: 3,
      mapping: { date: 'Buchungstag', debit: 'Soll', credit: 'Haben', currency: 'Währung', balance: 'Saldo' },
      account: { iban: 'DE89370400440532013000', currency: 'EUR' },
    };
    const { statement } = await readCsvStatement([fixture('de-sparkasse-soll-haben.csv')], options);
    const tally = new StatementTally(statement.account);
    for await (const row of parseCsv([fixture('de-sparkasse-soll-haben.csv')], options)) if (!isCsvRowError(row)) tally.add(row);
    const result = tally.result({}, true);
    expect(result.openingBalance).toEqual(statement.openingBalance);
    expect(result.closingBalance).toEqual(statement.closingBalance);
    expect(result.check).toEqual(checkBalance(statement));
    expect(result).toMatchObject({ periodFrom: '2024-03-01', periodTo: '2024-03-05', transactionCount: 5 });
  });

  it('reads a balance column newest first, and says where the balance stops following from the amounts', () => {
    // Newest first: each row's balance is the next row's plus this row's amount.
    const descending = new StatementTally({ currency: 'EUR' });
    [tx(2, 300, 1300, '2024-03-03'), tx(3, -200, 1000, '2024-03-02'), tx(4, 500, 1200, '2024-03-01')].forEach((t) => descending.add(t));
    const read = descending.result({}, true);
    expect(read.openingBalance).toEqual({ amountMinor: 700, date: '2024-03-01' });
    expect(read.closingBalance).toEqual({ amountMinor: 1300, date: '2024-03-03' });
    expect(read.check.status).toBe('balanced');
    expect(read.warnings).toEqual(['The rows run newest first; the opening balance was taken from the last row.']);

    // One stated balance off: both ends still agree, and the statement is still shown unbalanced, with the line.
    const broken = new StatementTally({ currency: 'EUR' });
    [tx(2, 100, 1100), tx(3, 100, 1300), tx(4, 100, 1300), tx(5, 100, 1400)].forEach((t) => broken.add(t));
    const check = broken.result({}, true).check;
    expect(check).toMatchObject({ status: 'unbalanced', ok: false, differenceMinor: 0 });
    expect(check.runningBalanceBreaks).toEqual([
      { line: 3, expectedMinor: 1200, statedMinor: 1300 },
      { line: 4, expectedMinor: 1400, statedMinor: 1300 },
    ]);
    expect(check.message).toMatch(/at line 3 \(expected 12\.00 EUR, the file says 13\.00 EUR\) and at 1 more row\.$/);
  });

  it('counts every break, though it keeps only the first hundred', () => {
    const tally = new StatementTally({ currency: 'EUR' });
    for (let i = 0; i < 300; i++) tally.add(tx(i + 2, 100, 100 * (i + 1) + (i % 2 === 1 ? 5 : 0)));
    const check = tally.result().check;
    expect(check.runningBalanceBreaks).toHaveLength(100);
    expect(check.message).toMatch(/and at 298 more rows\.$/);
  });

  it('derives no balances from a column filled on some rows only, and says so', () => {
    const tally = new StatementTally({ currency: 'EUR' });
    [tx(2, 100, 100), tx(3, 100)].forEach((t) => tally.add(t));
    const result = tally.result({}, true);
    expect(result.openingBalance).toBeUndefined();
    expect(result.check.status).toBe('unchecked');
    expect(result.warnings).toEqual(['The balance column is not filled on every row: opening and closing balances were not derived from it.']);
  });
});

describe('parseCsv streams', () => {
  it('yields the first rows before the source has produced the rest, and checks a large file from totals alone', async () => {
    const rows = 60_000;
    const { source, state } = lazyCsv(rows, 500);
    const tally = new StatementTally(OPTIONS.account);
    let producedAtFirstRow = -1;
    let count = 0;
    for await (const row of parseCsv(source, OPTIONS)) {
      if (isCsvRowError(row)) throw new Error(row.message);
      if (count === 0) producedAtFirstRow = state.produced;
      tally.add(row);
      count++;
    }
    // The first transaction came out of the first chunk, while 119 more were still to be produced.
    expect(producedAtFirstRow).toBe(1);
    expect(state.produced).toBe(rows / 500);
    expect(count).toBe(rows);
    const result = tally.result({}, true);
    expect(result.check).toMatchObject({ status: 'balanced', transactionCount: rows });
    expect(result).toMatchObject({ periodFrom: '2024-01-15', periodTo: '2024-12-15' });
  });
});
