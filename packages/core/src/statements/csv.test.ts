import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkBalance } from './tally.js';
import { createCsvReader, isCsvRowError, parseCsv, parseCsvAmount, readCsvStatement, type CsvParseOptions, type CsvRow, type CsvRowError } from './csv.js';
import { formatFromSniff, sniffCsv } from './csv-sniff.js';
import { splitCsv } from './csv-records.js';
import { StatementError } from './errors.js';
import type { StatementTransaction } from './types.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** Bytes in chunks of `size`, as a file stream would deliver them. */
async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

async function collect(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: CsvParseOptions): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of parseCsv(source, options)) rows.push(row);
  return rows;
}

const eur = { iban: 'DE89370400440532013000', currency: 'EUR' };

describe('CSV records', () => {
  it('keeps delimiters, doubled quotes and line breaks inside quotes, and counts lines', () => {
    const records = splitCsv('a,"b, c","say ""hi""\nthere"\r\nd,e,f\rg,,"h"', ',');
    expect(records.map((record) => record.fields)).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['d', 'e', 'f'],
      ['g', '', 'h'],
    ]);
    expect(records.map((record) => record.line)).toEqual([1, 3, 4]);
    expect(records.map((record) => record.terminated)).toEqual([true, true, false]);
  });

  it('reads the same records whatever the chunk boundaries (CRLF and "" split across chunks)', async () => {
    const bytes = fixture('en-signed-quoted.csv');
    const options: CsvParseOptions = {
      delimiter: ',',
      decimalSeparator: '.',
      dateFormat: 'YYYY-MM-DD',
      hasHeader: true,
      mapping: { date: 'Date', amount: 'Amount', description: 'Description' },
      account: { currency: 'USD' },
    };
    const whole = await collect([bytes], options);
    for (const size of [1, 2, 3, 7, 64]) expect(await collect(chunks(bytes, size), options)).toEqual(whole);
    // A Node stream, and UTF-16 (Excel's "Unicode text") with its byte order mark split over chunks.
    expect(await collect(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), options)).toEqual(whole);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]);
    expect(await collect(chunks(utf16, 1), options)).toEqual(whole);
  });

  it('refuses a record that never ends (an opening quote never closed) instead of buffering the file', () => {
    expect(() => splitCsv(`a,"${'x'.repeat(2000)}`, ',', 1000)).toThrow(/longer than 1000 characters: a quote opened in it is probably never closed/);
  });
});

describe('sniffCsv', () => {
  it('recognises a German export: BOM, ";", decimal comma, DD.MM.YYYY, preamble, Soll/Haben', () => {
    const sniff = sniffCsv(fixture('de-sparkasse-soll-haben.csv'));
    expect(sniff).toMatchObject({
      encoding: 'utf-8',
      hasBom: true,
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: 'DD.MM.YYYY',
      dateFormatAmbiguous: false,
      hasHeader: true,
      skipRows: 3,
    });
    expect(sniff.header[0]).toBe('Buchungstag');
    expect(sniff.suggestedMapping).toEqual({
      date: 'Buchungstag',
      valueDate: 'Valutadatum',
      debit: 'Soll',
      credit: 'Haben',
      currency: 'Währung',
      counterpartyName: 'Auftraggeber/Empfänger',
      counterpartyAccount: 'IBAN',
      counterpartyBic: 'BIC',
      reference: 'Kundenreferenz',
      description: ['Buchungstext', 'Verwendungszweck'],
      balance: 'Saldo',
    });
    expect(sniff.preview).toHaveLength(5);
    expect(sniff.warnings).toEqual([]);
  });

  it('recognises an English export with "," and signed amounts', () => {
    const sniff = sniffCsv(fixture('en-signed-quoted.csv').toString('utf8'));
    expect(sniff).toMatchObject({ hasBom: false, delimiter: ',', decimalSeparator: '.', dateFormat: 'YYYY-MM-DD', hasHeader: true, skipRows: 0 });
    expect(sniff.suggestedMapping).toEqual({
      date: 'Date',
      amount: 'Amount',
      currency: 'Currency',
      counterpartyName: 'Payee',
      counterpartyAccount: 'Payee Account',
      reference: 'Reference',
      description: 'Description',
      balance: 'Balance',
    });
  });

  it('guesses Windows-1252 for bytes that are not UTF-8, and says so', () => {
    const sniff = sniffCsv(fixture('latin1-windows-1252.csv'));
    expect(sniff.encoding).toBe('windows-1252');
    expect(sniff.warnings.join(' ')).toMatch(/not valid UTF-8: it was read as Windows-1252/);
    expect(sniff.header).toEqual(['Datum', 'Empfänger', 'Verwendungszweck', 'Betrag']);
    expect(sniff.suggestedMapping).toMatchObject({ date: 'Datum', amount: 'Betrag', counterpartyName: 'Empfänger', description: 'Verwendungszweck' });
    expect(sniff.decimalSeparator).toBe(',');
  });

  it('asks about day-first versus month-first when no day is above 12, and works without a header', () => {
    const sniff = sniffCsv('03/04/2024,Rent,-900.00\n05/04/2024,Salary,2500.00\n', { complete: true });
    expect(sniff.hasHeader).toBe(false);
    expect(sniff.dateFormatAmbiguous).toBe(true);
    expect(sniff.dateFormatCandidates).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
    expect(sniff.suggestedMapping).toEqual({ date: 0, amount: 2, description: 1 });
    expect(formatFromSniff(sniff)).toMatchObject({ delimiter: ',', dateFormat: 'DD/MM/YYYY', hasHeader: false, mapping: { date: 0, amount: 2 } });
  });
});

describe('parseCsv', () => {
  it('reads the German export to exact minor units, debits negative whatever their written sign', async () => {
    const sniff = sniffCsv(fixture('de-sparkasse-soll-haben.csv'));
    const format = formatFromSniff(sniff);
    expect(format).toBeDefined();
    const { statement, errors } = await readCsvStatement(chunks(fixture('de-sparkasse-soll-haben.csv'), 100), { ...format!, account: eur });
    expect(errors).toEqual([]);
    expect(statement.transactions.map((t) => [t.line, t.bookingDate, t.amountMinor, t.balanceAfterMinor])).toEqual([
      [5, '2024-03-01', 250000, 1250000],
      [6, '2024-03-01', -150000, 1100000],
      [7, '2024-03-01', -1235, 1098765],
      [8, '2024-03-04', -25000, 1073765],
      [9, '2024-03-05', 4990, 1078755],
    ]);
    expect(statement.transactions[1]).toEqual({
      line: 6,
      bookingDate: '2024-03-01',
      valueDate: '2024-03-01',
      amountMinor: -150000,
      currency: 'EUR',
      balanceAfterMinor: 1100000,
      counterpartyName: 'Société Écran SARL',
      counterpartyAccount: 'FR7630006000011234567890189',
      counterpartyBic: 'AGRIFRPPXXX',
      reference: 'E2E-TRF-0042',
      description: 'Überweisung Beratungshonorar; Rechnung 2024-03',
    });
    expect(statement.transactions[3]?.valueDate).toBe('2024-03-05');
    // Opening and closing come from the balance column, so the check can find missing rows.
    expect(statement.openingBalance).toEqual({ amountMinor: 1000000, date: '2024-03-01' });
    expect(statement.closingBalance).toEqual({ amountMinor: 1078755, date: '2024-03-05' });
    expect(checkBalance(statement)).toMatchObject({ status: 'balanced', ok: true, sumMinor: 78755, differenceMinor: 0 });
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and thousands separators', async () => {
    const rows = await collect([fixture('en-signed-quoted.csv').toString('utf8')], {
      delimiter: ',',
      decimalSeparator: '.',
      dateFormat: 'YYYY-MM-DD',
      hasHeader: true,
      mapping: { date: 'Date', amount: 'Amount', currency: 'Currency', description: 'Description', counterpartyName: 'Payee', reference: 'Reference', balance: 'Balance' },
      account: { number: '4401-22', currency: 'USD' },
    });
    expect(rows.map((row) => (row as StatementTransaction).amountMinor)).toEqual([-125000, 300000, -8999, 45]);
    expect(rows[0]).toMatchObject({ line: 2, description: 'Wire transfer, consulting "phase 2"', counterpartyName: 'Offshore Holdings Ltd', reference: 'WIRE-881' });
    expect(rows[1]).toMatchObject({ line: 3, description: 'Deposit cash, branch 12' });
    expect(rows[2]).toMatchObject({ line: 5, counterpartyName: 'Hotel Le Grand, Paris' });
  });

  it('reports each bad row with its line, column and reason, and keeps the good rows', async () => {
    const rows = await collect([fixture('en-bad-rows.csv')], {
      delimiter: ',',
      decimalSeparator: '.',
      dateFormat: 'YYYY-MM-DD',
      hasHeader: true,
      mapping: { date: 'Date', amount: 'Amount', description: 'Description' },
      account: { currency: 'EUR' },
    });
    const good = rows.filter((row) => !isCsvRowError(row)) as StatementTransaction[];
    expect(good.map((row) => [row.line, row.amountMinor])).toEqual([
      [2, 10000],
      [9, -2500],
    ]);
    const errors = rows.filter(isCsvRowError);
    expect(errors.map((error) => [error.line, error.field, error.column])).toEqual([
      [3, 'date', 'Date'],
      [4, 'amount', 'Amount'],
      [5, 'amount', 'Amount'],
      [6, 'amount', 'Amount'],
      [8, 'amount', 'Amount'],
      [10, 'row', undefined],
    ]);
    const messages = errors.map((error) => error.message);
    expect(messages[0]).toBe('line 3, column "Date" (date): "2024-02-30" is not a date in the format YYYY-MM-DD');
    expect(messages[1]).toBe('line 4, column "Amount" (amount): "12O.00" is not an amount with the decimal separator "."');
    expect(messages[2]).toBe('line 5, column "Amount" (amount): "10.005" has more than 2 decimals');
    expect(messages[3]).toBe('line 6, column "Amount" (amount): "12,50" uses "," as a decimal separator, but the file\'s decimal separator is "."');
    expect(messages[4]).toBe('line 8, column "Amount" (amount): the row has 2 columns, so there is no column 3');
    expect(messages[5]).toMatch(/^line 10: the file ends inside a quoted field that opens on this line: it looks truncated/);
  });

  it('reports a truncated last row (cut mid-record, no quote open)', async () => {
    const text = fixture('en-signed-quoted.csv').toString('utf8');
    const cut = text.slice(0, text.indexOf('Interest') + 'Interest'.length);
    const rows = await collect([cut], {
      delimiter: ',',
      decimalSeparator: '.',
      dateFormat: 'YYYY-MM-DD',
      hasHeader: true,
      mapping: { date: 'Date', amount: 'Amount' },
      account: { currency: 'USD' },
    });
    const last = rows[rows.length - 1] as CsvRowError;
    expect(last).toMatchObject({ kind: 'row-error', line: 6, field: 'row' });
    expect(last.message).toBe("line 6: the last row has 2 of the header's 8 columns: the file looks truncated");
  });

  it('refuses a Latin-1 file read as UTF-8, naming the line and suggesting Windows-1252', async () => {
    const options: CsvParseOptions = {
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: 'DD.MM.YYYY',
      hasHeader: true,
      mapping: { date: 'Datum', amount: 'Betrag', counterpartyName: 'Empfänger', description: 'Verwendungszweck' },
      account: { currency: 'EUR' },
    };
    const bytes = fixture('latin1-windows-1252.csv');
    const error = await collect([bytes], options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).message).toBe(
      'line 1: the file is not valid UTF-8. It may be Latin-1 / Windows-1252: import it again with the encoding windows-1252.',
    );
    // Text already decoded the wrong way carries U+FFFD: refused too.
    const decodedWrongly = bytes.toString('utf8');
    await expect(collect([decodedWrongly], options)).rejects.toThrow(/line 1: the text contains replacement characters \(U\+FFFD\)/);

    const rows = (await collect(chunks(bytes, 5), { ...options, encoding: 'windows-1252' })) as StatementTransaction[];
    expect(rows.map((row) => [row.counterpartyName, row.description, row.amountMinor])).toEqual([
      ['Société Écran SARL', 'Honorar März € 1.500', -150000],
      ['Müller & Söhne', 'Rückzahlung', 25000],
    ]);
  });

  it('refuses a mapping whose column is not in the header, listing the header', async () => {
    const options: CsvParseOptions = {
      delimiter: ',',
      decimalSeparator: '.',
      dateFormat: 'YYYY-MM-DD',
      hasHeader: true,
      mapping: { date: 'Date', amount: 'Betrag' },
      account: { currency: 'EUR' },
    };
    await expect(collect([fixture('en-bad-rows.csv')], options)).rejects.toThrow('line 1: the column "Betrag" (amount) is not in the header; its columns are "Date", "Description", "Amount"');
    expect(() => createCsvReader({ ...options, mapping: { date: 0 } })).toThrow('the mapping needs an amount column, or debit and credit columns');
  });

  it('reads an amount with a debit/credit indicator column', async () => {
    const rows = (await collect(['Datum;Umsatz;S/H\n01.03.2024;100,00;S\n02.03.2024;40,00;H\n'], {
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: 'DD.MM.YYYY',
      hasHeader: true,
      mapping: { date: 'Datum', amount: 'Umsatz', direction: 'S/H' },
      account: { currency: 'EUR' },
    })) as StatementTransaction[];
    expect(rows.map((row) => row.amountMinor)).toEqual([-10000, 4000]);
  });

  it('calls onProgress with rows, line and bytes', async () => {
    const seen: number[] = [];
    const bytes = fixture('de-sparkasse-soll-haben.csv');
    await collect(chunks(bytes, 512), {
      ...formatFromSniff(sniffCsv(bytes))!,
      account: eur,
      onProgress: (progress) => seen.push(progress.bytes),
    });
    expect(seen[seen.length - 1]).toBe(bytes.length);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('streams 200,000 rows with bounded memory', async () => {
    const rowsWanted = 200_000;
    const description = 'Payment for services rendered under framework contract, '.repeat(3);
    async function* generate(): AsyncGenerator<string> {
      yield 'Date;Description;Amount\n';
      let batch = '';
      for (let i = 1; i <= rowsWanted; i++) {
        batch += `${String((i % 28) + 1).padStart(2, '0')}.03.2024;"${description}#${i}";${i % 2 === 0 ? '' : '-'}${i % 1000},${String(i % 100).padStart(2, '0')}\n`;
        if (i % 2000 === 0) {
          yield batch;
          batch = '';
        }
      }
    }
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let sum = 0;
    for await (const row of parseCsv(generate(), {
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: 'DD.MM.YYYY',
      hasHeader: true,
      mapping: { date: 'Date', amount: 'Amount', description: 'Description' },
      account: { currency: 'EUR' },
    })) {
      if (isCsvRowError(row)) throw new Error(row.message);
      count++;
      sum += row.amountMinor;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(rowsWanted);
    let expected = 0;
    for (let i = 1; i <= rowsWanted; i++) expected += (i % 2 === 0 ? 1 : -1) * ((i % 1000) * 100 + (i % 100));
    expect(sum).toBe(expected);
    // Kept in memory, these rows would take several hundred MB; streamed, garbage stays small.
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});

describe('parseCsvAmount', () => {
  it.each([
    ['1.234,56', ',', 2, 123456],
    ['-1.234,56', ',', 2, -123456],
    ['1 234,56', ',', 2, 123456],
    ['1\u00a0234,56', ',', 2, 123456],
    ['150,00-', ',', 2, -15000],
    ['(1,234.50)', '.', 2, -123450],
    ['€ 12.00', '.', 2, 1200],
    ['12,00 EUR', ',', 2, 1200],
    ["1'234.50", '.', 2, 123450],
    ['\u221212.5', '.', 2, -1250],
    ['+7', '.', 2, 700],
    [',5', ',', 2, 50],
    ['1.000', ',', 2, 100000],
    ['1500', ',', 0, 1500],
    ['10.125', '.', 3, 10125],
    ['-0.00', '.', 2, 0],
  ] as const)('%s with "%s" and %i decimals is %i', (text, separator, digits, expected) => {
    expect(parseCsvAmount(text, separator, digits)).toBe(expected);
  });

  it.each([
    ['12.50', ',', 'uses "." as a decimal separator, but the file\'s decimal separator is ","'],
    ['1,000', ',', 'has more than 2 decimals'],
    ['1.2.3', '.', 'is not an amount with the decimal separator "."'],
    ['12,3456', ',', 'has more than 2 decimals'],
    ['--5', '.', 'is not an amount with the decimal separator "."'],
    ['(-5)', '.', 'is not an amount (two signs)'],
    ['', '.', 'is empty'],
    ['12.34.567,00', ',', 'is not an amount with the decimal separator ","'],
  ] as const)('%s with "%s" is refused: %s', (text, separator, reason) => {
    expect(parseCsvAmount(text, separator, 2)).toBe(reason);
  });
});
