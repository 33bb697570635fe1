import { describe, expect, it } from 'vitest';
import type { TCsvSniff, TStatementMapping } from '@focal/shared';
import {
  amountModeOf,
  assignmentFrom,
  buildFormat,
  columnCount,
  detectFormat,
  jobProgress,
  layoutFromSaved,
  layoutFromSniff,
  looksLikeIban,
  mappingProblems,
  needsResniff,
  toMapping,
  withAmountMode,
} from './mapping';

const HEADER = ['Buchungstag', 'Valuta', 'Auftraggeber/Empfänger', 'IBAN', 'Soll', 'Haben', 'Saldo', 'Verwendungszweck', 'Buchungstext'];

const sniff: TCsvSniff = {
  encoding: 'utf-8',
  hasBom: true,
  delimiter: ';',
  decimalSeparator: ',',
  dateFormat: 'DD.MM.YYYY',
  dateFormatCandidates: ['DD.MM.YYYY'],
  dateFormatAmbiguous: false,
  hasHeader: true,
  skipRows: 3,
  header: HEADER,
  suggestedMapping: { date: 'Buchungstag', valueDate: 'Valuta', debit: 'Soll', credit: 'Haben', balance: 'Saldo', description: ['Verwendungszweck', 'Buchungstext'] },
  preview: [['01.03.2024', '01.03.2024', 'Ministerium', 'DE02100100100006820101', '', '2.500,00', '12.500,00', 'Vertrag', 'Gutschrift', 'extra']],
  warnings: [],
  layoutKey: ';|header|buchungstag|valuta',
  mappings: [],
};

describe('statement files', () => {
  it('recognises the format from the content first, then the name', () => {
    expect(detectFormat('export.txt', '\uFEFF<?xml version="1.0"?><Document>')).toBe('camt053');
    expect(detectFormat('statement.dat', '{1:F01COBADEFFAXXX0000000000}{4:\r\n:20:STMT')).toBe('mt940');
    expect(detectFormat('konto.sta', 'anything')).toBe('mt940');
    expect(detectFormat('statement.txt', ':20:STARTUMS\r\n:25:')).toBe('mt940');
    expect(detectFormat('umsatz.csv', 'Buchungstag;Betrag')).toBe('csv');
    // A CSV export whose first column is a time is still a CSV.
    expect(detectFormat('export.txt', '12:30;payment;-10,00')).toBe('csv');
  });

  it('tells an IBAN from another account number, however it is typed', () => {
    expect(looksLikeIban('fr76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(looksLikeIban('37040044/532013000')).toBe(false);
    expect(looksLikeIban('0532013000')).toBe(false);
  });
});

describe('column mapping', () => {
  it('reads a mapping by name or index into columns of this file, naming those no longer there', () => {
    const { assignment, missing } = assignmentFrom({ ...sniff.suggestedMapping, reference: 'Kundenreferenz', currency: 9 }, HEADER);
    expect(assignment).toEqual({ date: [0], valueDate: [1], debit: [4], credit: [5], balance: [6], description: [7, 8], currency: [9] });
    expect(missing).toEqual(['Kundenreferenz']);
    // Header names are compared without case or surrounding blanks.
    expect(assignmentFrom({ date: ' buchungstag ' }, HEADER).assignment).toEqual({ date: [0] });
    // Without a header, names cannot be found.
    expect(assignmentFrom({ date: 'Buchungstag', amount: 2 }, [])).toEqual({ assignment: { amount: [2] }, missing: ['Buchungstag'] });
  });

  it('counts the columns of the widest row', () => {
    expect(columnCount(sniff)).toBe(10);
    expect(columnCount({ header: [], preview: [] })).toBe(0);
  });

  it('knows how the amount is written, and keeps what still fits when that changes', () => {
    const { assignment } = assignmentFrom(sniff.suggestedMapping, HEADER);
    expect(amountModeOf(assignment)).toBe('split');
    expect(amountModeOf({ date: [0], amount: [2], direction: [3] })).toBe('indicator');
    expect(amountModeOf({ date: [0], amount: [2] })).toBe('signed');
    expect(withAmountMode({ date: [0], amount: [2], direction: [3] }, 'signed')).toEqual({ date: [0], amount: [2] });
    expect(withAmountMode(assignment, 'signed')).toEqual({ date: [0], valueDate: [1], balance: [6], description: [7, 8] });
  });

  it('names what stops the import: a missing date or amount, a column chosen twice', () => {
    expect(mappingProblems({ amount: [2] }, 'signed')).toEqual([{ kind: 'required', field: 'date' }]);
    expect(mappingProblems({ date: [0], debit: [4] }, 'split')).toEqual([{ kind: 'required', field: 'credit' }]);
    expect(mappingProblems({ date: [0], amount: [0] }, 'signed')).toEqual([{ kind: 'duplicate', column: 0, fields: ['date', 'amount'] }]);
    expect(mappingProblems({ date: [0], amount: [2], direction: [3] }, 'indicator')).toEqual([]);
  });

  it('sends columns by unique header name, by index otherwise, and several description columns as a list', () => {
    expect(toMapping({ date: [0], amount: [1], description: [2] }, ['Date', 'Amount', 'Amount'])).toEqual({ date: 'Date', amount: 1, description: 2 });
    expect(toMapping({ date: [0], amount: [1], description: [2, 3] }, [])).toEqual({ date: 0, amount: 1, description: [2, 3] });
    expect(toMapping({ amount: [1] }, HEADER)).toBeUndefined();
  });

  it('builds the format the server takes only when it is complete and coherent', () => {
    const layout = layoutFromSniff(sniff);
    const { assignment } = assignmentFrom(sniff.suggestedMapping, HEADER);
    expect(buildFormat(layout, assignment, 'split', HEADER)).toEqual({
      encoding: 'utf-8',
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: 'DD.MM.YYYY',
      hasHeader: true,
      skipRows: 3,
      mapping: { date: 'Buchungstag', valueDate: 'Valuta', debit: 'Soll', credit: 'Haben', balance: 'Saldo', description: ['Verwendungszweck', 'Buchungstext'] },
    });
    // Without a header the columns go by index, whatever the sniffed names.
    expect(buildFormat({ ...layout, hasHeader: false }, { date: [0], amount: [4] }, 'signed', HEADER)?.mapping).toEqual({ date: 0, amount: 4 });
    expect(buildFormat({ ...layout, dateFormat: undefined }, assignment, 'split', HEADER)).toBeUndefined();
    expect(buildFormat({ ...layout, decimalSeparator: ';' as never }, assignment, 'split', HEADER)).toBeUndefined();
    expect(buildFormat(layout, { date: [0], debit: [4] }, 'split', HEADER)).toBeUndefined();
  });
});

describe('layouts', () => {
  const saved: TStatementMapping = {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Sparkasse',
    bankBic: 'COLODE33',
    layoutKey: sniff.layoutKey,
    format: { encoding: 'windows-1252', delimiter: ';', decimalSeparator: ',', dateFormat: 'DD.MM.YY', hasHeader: true, skipRows: 2, mapping: { date: 'Buchungstag', amount: 'Betrag' } },
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
  };

  it('takes what the user confirmed last time over the guess, except the encoding a byte order mark states', () => {
    expect(layoutFromSaved(saved, sniff)).toEqual({ encoding: 'utf-8', delimiter: ';', decimalSeparator: ',', dateFormat: 'DD.MM.YY', hasHeader: true, skipRows: 2 });
    expect(layoutFromSaved(saved, { ...sniff, hasBom: false }).encoding).toBe('windows-1252');
  });

  it('reads the sample again only when the change alters how rows and columns split', () => {
    const layout = layoutFromSniff(sniff);
    expect(needsResniff(layout, { ...layout, dateFormat: 'DD/MM/YYYY', decimalSeparator: '.' })).toBe(false);
    expect(needsResniff(layout, { ...layout, delimiter: ',' })).toBe(true);
    expect(needsResniff(layout, { ...layout, skipRows: 0 })).toBe(true);
    expect(needsResniff(layout, { ...layout, hasHeader: false })).toBe(true);
    expect(needsResniff(layout, { ...layout, encoding: 'windows-1252' })).toBe(true);
  });
});

describe('import progress', () => {
  const job = { status: 'running' as const, phase: 'checking' as const, size: 1000, bytesDone: 0, rowsTotal: null, rowsDone: 0 };
  it('moves one bar across reading, writing and publishing', () => {
    expect(jobProgress({ ...job, status: 'queued' })).toBe(0);
    expect(jobProgress({ ...job, bytesDone: 500 })).toBeCloseTo(0.05);
    expect(jobProgress({ ...job, phase: 'writing', rowsTotal: 200, rowsDone: 100, bytesDone: 1000 })).toBeCloseTo(0.525);
    expect(jobProgress({ ...job, phase: 'writing', rowsTotal: 0, rowsDone: 0 })).toBeCloseTo(0.1);
    expect(jobProgress({ ...job, phase: 'finishing', rowsTotal: 200, rowsDone: 200 })).toBe(0.95);
    expect(jobProgress({ ...job, status: 'done', phase: 'finishing' })).toBe(1);
  });
});
