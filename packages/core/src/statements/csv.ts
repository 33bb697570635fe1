import { readAccountIdentification } from './accounts.js';
import { CsvTokenizer, DEFAULT_MAX_RECORD_CHARS, type CsvRecord } from './csv-records.js';
import { directionOf, type CsvField } from './csv-headers.js';
import { currencyMinorDigits, decimalToMinor } from './currency.js';
import { parseCsvDate, type CsvDateFormat } from './dates.js';
import { assertNoReplacementCharacters, createChunkDecoder, detectBom, type ChunkDecoder, type TextEncodingName } from './encoding.js';
import { StatementError } from './errors.js';
import { StatementTally } from './tally.js';
import type { Statement, StatementAccount, StatementTransaction } from './types.js';

export type CsvDelimiter = ',' | ';' | '\t' | '|';
export type CsvDecimalSeparator = '.' | ',';
/** A column by its header name (case and surrounding blanks ignored) or by its 0-based index. */
export type CsvColumn = string | number;

/**
 * Which column holds what. The amount is either one signed column (`amount`), one unsigned
 * column with a debit/credit indicator column (`amount` + `direction`: S/H, D/C, DR/CR, …), or
 * two columns (`debit` and `credit`, as German Soll/Haben exports have); debit amounts are
 * made negative whatever sign they are written with.
 */
export interface CsvMapping {
  date: CsvColumn;
  valueDate?: CsvColumn;
  amount?: CsvColumn;
  direction?: CsvColumn;
  debit?: CsvColumn;
  credit?: CsvColumn;
  /** Without it every row is in the account's currency. */
  currency?: CsvColumn;
  counterpartyName?: CsvColumn;
  counterpartyAccount?: CsvColumn;
  counterpartyBic?: CsvColumn;
  reference?: CsvColumn;
  /** Several columns are joined with a space (Buchungstext + Verwendungszweck). */
  description?: CsvColumn | CsvColumn[];
  /** The running balance after each row. */
  balance?: CsvColumn;
}

/**
 * Everything needed to read one bank's CSV export, as the user confirmed it: plain JSON, so a
 * server can save it per bank and reuse it.
 */
export interface CsvFormat {
  /** For byte input; a byte order mark in the file wins. Default UTF-8. */
  encoding?: TextEncodingName;
  delimiter: CsvDelimiter;
  decimalSeparator: CsvDecimalSeparator;
  dateFormat: CsvDateFormat;
  /** Whether a header row follows the skipped rows (needed to name columns). */
  hasHeader: boolean;
  /** Records before the header (or before the data when there is none): a bank's preamble. */
  skipRows?: number;
  mapping: CsvMapping;
}

export interface CsvProgress {
  /** Transactions read so far. */
  rows: number;
  errors: number;
  /** The line being read. */
  line: number;
  /** Bytes consumed (characters when the input is text). */
  bytes: number;
}

export interface CsvParseOptions extends CsvFormat {
  /** The account the file is a statement of: its currency is the rows' unless a currency column says otherwise. */
  account: StatementAccount;
  /** Called after each chunk of input (every 64 KiB at most). */
  onProgress?: (progress: CsvProgress) => void;
  /** Longest record accepted (characters); default 1 MiB. */
  maxRecordChars?: number;
}

/** A row that could not be read: the other rows still import. */
export interface CsvRowError {
  kind: 'row-error';
  /** Line where the record starts (1-based). */
  line: number;
  /** The mapped field at fault, or `row` for the record as a whole. */
  field: CsvField | 'row';
  /** The column's header name, or `#n` (1-based) without a header. */
  column?: string;
  value?: string;
  /** What is wrong, without the place. */
  reason: string;
  /** The place and the reason, to show as is. */
  message: string;
}

export type CsvRow = StatementTransaction | CsvRowError;

export function isCsvRowError(row: CsvRow): row is CsvRowError {
  return (row as CsvRowError).kind === 'row-error';
}

/** A push parser for CSV statements: feed chunks, get the rows they complete. The streaming core of parseCsv. */
export interface CsvReader {
  push(chunk: string | Uint8Array): CsvRow[];
  end(): CsvRow[];
  progress(): CsvProgress;
}

const CHUNK = 1 << 16;

/**
 * Reads a CSV statement as a stream, one record at a time, so memory stays bounded whatever
 * the file's size: yields a transaction per data row and a CsvRowError per row it cannot read.
 * Throws a StatementError for problems with the file as a whole (wrong encoding, a mapped
 * column missing from the header, a record that never ends). The source may be a Node
 * Readable, a web ReadableStream or any (async) iterable of strings or bytes.
 */
export async function* parseCsv(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: CsvParseOptions): AsyncGenerator<CsvRow, void, undefined> {
  const reader = createCsvReader(options);
  for await (const chunk of source) {
    for (let start = 0; start < chunk.length || start === 0; start += CHUNK) {
      const piece = chunk.length <= CHUNK ? chunk : typeof chunk === 'string' ? chunk.slice(start, start + CHUNK) : chunk.subarray(start, start + CHUNK);
      for (const row of reader.push(piece)) yield row;
      if (chunk.length <= CHUNK) break;
    }
    options.onProgress?.(reader.progress());
  }
  for (const row of reader.end()) yield row;
  options.onProgress?.(reader.progress());
}

export interface CsvStatementResult {
  statement: Statement;
  /** The first `maxErrors` row errors. */
  errors: CsvRowError[];
  errorCount: number;
}

/**
 * The whole file as one Statement (transactions kept in memory: for the million-row case use
 * parseCsv and store rows as they come). With a balance column, the opening balance is read
 * from the first row (its balance minus its amount) and the closing from the last, in the
 * file's own order (oldest or newest first, found from the balances), so checkBalance can
 * tell whether rows are missing.
 */
export async function readCsvStatement(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: CsvParseOptions,
  maxErrors = 1000,
): Promise<CsvStatementResult> {
  const transactions: StatementTransaction[] = [];
  const errors: CsvRowError[] = [];
  let errorCount = 0;
  for await (const row of parseCsv(source, options)) {
    if (isCsvRowError(row)) {
      errorCount++;
      if (errors.length < maxErrors) errors.push(row);
    } else {
      transactions.push(row);
    }
  }
  const tally = new StatementTally(options.account);
  for (const transaction of transactions) tally.add(transaction);
  const { openingBalance, closingBalance, warnings } = tally.result({}, true);
  const statement: Statement = { format: 'csv', account: options.account, ...(openingBalance ? { openingBalance } : {}), ...(closingBalance ? { closingBalance } : {}), transactions, warnings };
  if (errorCount > 0) statement.warnings.push(`${errorCount} row${errorCount === 1 ? '' : 's'} could not be read.`);
  return { statement, errors, errorCount };
}

interface ResolvedColumn {
  index: number;
  label: string;
}

type Resolved = Partial<Record<Exclude<CsvField, 'description'>, ResolvedColumn>> & { description: ResolvedColumn[] };

export function createCsvReader(options: CsvParseOptions): CsvReader {
  validateOptions(options);
  const tokenizer = new CsvTokenizer(options.delimiter, options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS);
  const skipRows = options.skipRows ?? 0;
  const defaultCurrency = options.account.currency;
  const defaultDigits = currencyMinorDigits(defaultCurrency);
  if (defaultDigits === undefined) throw new StatementError(`the account's currency ${JSON.stringify(defaultCurrency)} is not an ISO 4217 code`);
  let decoder: ChunkDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  let firstText = true;
  let records = 0;
  let columns: Resolved | undefined;
  let headerLength = 0;
  let rows = 0;
  let errors = 0;
  let bytes = 0;
  let out: CsvRow[] = [];

  const onRecord = (record: CsvRecord): void => {
    records++;
    if (records <= skipRows) return;
    if (columns === undefined) {
      if (options.hasHeader) {
        columns = resolveColumns(options.mapping, record.fields, record.line);
        headerLength = record.fields.length;
        return;
      }
      columns = resolveColumns(options.mapping, undefined, record.line);
    }
    const row = convertRecord(record, columns, headerLength, options, defaultDigits);
    if (row === undefined) return;
    if (isCsvRowError(row)) errors++;
    else rows++;
    out.push(row);
  };

  const decode = (chunk: string | Uint8Array, final: boolean): string => {
    if (typeof chunk === 'string') {
      bytes += chunk.length;
      let text = chunk;
      if (firstText && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        firstText = false;
      }
      assertNoReplacementCharacters(text, tokenizer.line);
      return text;
    }
    bytes += chunk.length;
    let input = chunk;
    if (decoder === undefined) {
      // The encoding is chosen once three bytes are in, so that a byte order mark split across chunks still counts.
      input = head.length === 0 ? chunk : concatBytes(head, chunk);
      if (input.length < 3 && !final) {
        head = input;
        return '';
      }
      head = new Uint8Array(0);
      decoder = createChunkDecoder(detectBom(input)?.encoding ?? options.encoding ?? 'utf-8');
    }
    return decoder.decode(input, final, tokenizer.line);
  };

  const take = (): CsvRow[] => {
    const rowsNow = out;
    out = [];
    return rowsNow;
  };

  return {
    push(chunk) {
      tokenizer.push(decode(chunk, false), onRecord);
      return take();
    },
    end() {
      if (decoder !== undefined || head.length > 0) tokenizer.push(decode(new Uint8Array(0), true), onRecord);
      tokenizer.end(onRecord);
      if (columns === undefined && options.hasHeader) {
        throw new StatementError(records === 0 ? 'the file is empty' : 'the file ends before its header row', tokenizer.line);
      }
      return take();
    },
    progress() {
      return { rows, errors, line: tokenizer.line, bytes };
    },
  };
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function validateOptions(options: CsvParseOptions): void {
  const { mapping } = options;
  if (mapping.amount === undefined && mapping.debit === undefined && mapping.credit === undefined) {
    throw new StatementError('the mapping needs an amount column, or debit and credit columns');
  }
  if (mapping.amount !== undefined && (mapping.debit !== undefined || mapping.credit !== undefined)) {
    throw new StatementError('the mapping gives both an amount column and debit/credit columns: choose one');
  }
  if (mapping.direction !== undefined && mapping.amount === undefined) {
    throw new StatementError('a debit/credit indicator column needs an amount column');
  }
  if (options.decimalSeparator === options.delimiter) {
    throw new StatementError(`the decimal separator cannot be the delimiter ${JSON.stringify(options.delimiter)}`);
  }
}

function resolveColumns(mapping: CsvMapping, header: string[] | undefined, line: number): Resolved {
  const byName = new Map<string, number>();
  header?.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, index);
  });
  const resolve = (column: CsvColumn, field: CsvField): ResolvedColumn => {
    if (typeof column === 'number') {
      if (!Number.isInteger(column) || column < 0) throw new StatementError(`the column for ${field} must be a name or an index from 0, got ${column}`);
      return { index: column, label: header?.[column]?.trim() || `#${column + 1}` };
    }
    if (header === undefined) throw new StatementError(`the column "${column}" (${field}) is given by name, but the file has no header row`);
    const index = byName.get(column.trim().toLowerCase());
    if (index === undefined) {
      throw new StatementError(`the column "${column}" (${field}) is not in the header; its columns are ${header.map((name) => JSON.stringify(name)).join(', ')}`, line);
    }
    return { index, label: header[index]?.trim() ?? column };
  };
  const resolved: Resolved = { description: [] };
  for (const [field, column] of Object.entries(mapping) as [keyof CsvMapping, CsvColumn | CsvColumn[] | undefined][]) {
    if (column === undefined) continue;
    if (field === 'description') {
      resolved.description = (Array.isArray(column) ? column : [column]).map((each) => resolve(each, 'description'));
    } else if (!Array.isArray(column)) {
      resolved[field] = resolve(column, field);
    }
  }
  return resolved;
}

function convertRecord(record: CsvRecord, columns: Resolved, headerLength: number, options: CsvParseOptions, defaultDigits: number): CsvRow | undefined {
  const { fields, line } = record;
  if (fields.every((field) => field.trim() === '')) return undefined;
  const fail = (field: CsvField | 'row', reason: string, column?: ResolvedColumn, value?: string): CsvRowError => ({
    kind: 'row-error',
    line,
    field,
    ...(column === undefined ? {} : { column: column.label }),
    ...(value === undefined ? {} : { value }),
    reason,
    message: column === undefined ? `line ${line}: ${reason}` : `line ${line}, column "${column.label}" (${field}): ${value === undefined ? '' : `${JSON.stringify(value)} `}${reason}`,
  });
  if (record.unterminatedQuote) {
    return fail('row', `the file ends inside a quoted field that opens on this line: it looks truncated (or a quote is never closed)`);
  }
  if (!record.terminated && headerLength > 0 && fields.length < headerLength) {
    return fail('row', `the last row has ${fields.length} of the header's ${headerLength} columns: the file looks truncated`);
  }
  const text = (column: ResolvedColumn | undefined): string | undefined => {
    if (column === undefined) return undefined;
    const value = fields[column.index];
    return value === undefined ? undefined : value.trim();
  };
  const missing = (field: CsvField, column: ResolvedColumn) =>
    fail(field, `the row has ${fields.length} column${fields.length === 1 ? '' : 's'}, so there is no column ${column.index + 1}`, column);

  // Dates.
  const dateColumn = columns.date as ResolvedColumn;
  const dateText = text(dateColumn);
  if (dateText === undefined) return missing('date', dateColumn);
  if (dateText === '') return fail('date', 'is empty', dateColumn, dateText);
  const bookingDate = parseCsvDate(dateText, options.dateFormat);
  if (bookingDate === undefined) return fail('date', `is not a date in the format ${options.dateFormat}`, dateColumn, dateText);
  let valueDate: string | undefined;
  const valueDateText = text(columns.valueDate);
  if (valueDateText) {
    valueDate = parseCsvDate(valueDateText, options.dateFormat);
    if (valueDate === undefined) return fail('valueDate', `is not a date in the format ${options.dateFormat}`, columns.valueDate, valueDateText);
  }

  // Currency.
  let currency = options.account.currency;
  let digits = defaultDigits;
  const currencyText = text(columns.currency);
  if (currencyText) {
    currency = currencyText.toUpperCase();
    const rowDigits = currencyMinorDigits(currency);
    if (rowDigits === undefined) return fail('currency', 'is not an ISO 4217 currency code', columns.currency, currencyText);
    digits = rowDigits;
  }

  // Amount.
  const separator = options.decimalSeparator;
  let amountMinor: number;
  if (columns.amount !== undefined) {
    const amountText = text(columns.amount);
    if (amountText === undefined) return missing('amount', columns.amount);
    const amount = parseCsvAmount(amountText, separator, digits);
    if (typeof amount === 'string') return fail('amount', amount, columns.amount, amountText);
    amountMinor = amount;
    if (columns.direction !== undefined) {
      const directionText = text(columns.direction) ?? '';
      const direction = directionOf(directionText);
      if (direction === undefined) return fail('direction', 'is not a debit/credit indicator (such as D/C, DR/CR, S/H)', columns.direction, directionText);
      amountMinor = direction === 'debit' ? -Math.abs(amountMinor) : Math.abs(amountMinor);
    }
  } else {
    const debitText = text(columns.debit) ?? '';
    const creditText = text(columns.credit) ?? '';
    const debit = debitText === '' ? 0 : parseCsvAmount(debitText, separator, digits);
    if (typeof debit === 'string') return fail('debit', debit, columns.debit, debitText);
    const credit = creditText === '' ? 0 : parseCsvAmount(creditText, separator, digits);
    if (typeof credit === 'string') return fail('credit', credit, columns.credit, creditText);
    if (debitText === '' && creditText === '') {
      const names = [columns.debit, columns.credit].filter((column) => column !== undefined).map((column) => `"${column.label}"`);
      return fail('row', `no amount: ${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} empty`);
    }
    if (debit !== 0 && credit !== 0) {
      return fail('row', `both "${columns.debit?.label}" (${debitText}) and "${columns.credit?.label}" (${creditText}) have an amount`);
    }
    amountMinor = debit !== 0 ? -Math.abs(debit) : Math.abs(credit);
  }

  const transaction: StatementTransaction = { line, bookingDate, amountMinor, currency };
  if (valueDate !== undefined) transaction.valueDate = valueDate;

  const balanceText = text(columns.balance);
  if (balanceText) {
    const balance = parseCsvAmount(balanceText, separator, digits);
    if (typeof balance === 'string') return fail('balance', balance, columns.balance, balanceText);
    transaction.balanceAfterMinor = balance;
  }
  const name = text(columns.counterpartyName);
  if (name) transaction.counterpartyName = name;
  const account = text(columns.counterpartyAccount);
  if (account) {
    const identification = readAccountIdentification(account);
    transaction.counterpartyAccount = identification.iban ?? identification.number ?? account;
  }
  const bic = text(columns.counterpartyBic);
  if (bic) transaction.counterpartyBic = bic.toUpperCase();
  const reference = text(columns.reference);
  if (reference && reference.toUpperCase() !== 'NOTPROVIDED') transaction.reference = reference;
  if (columns.description.length > 0) {
    const parts: string[] = [];
    for (const column of columns.description) {
      const part = text(column);
      if (part) parts.push(part.replace(/\s*\r?\n\s*/g, ' '));
    }
    if (parts.length > 0) transaction.description = parts.join(' ');
  }
  return transaction;
}

const CURRENCY_PREFIX = /^(?:[A-Z]{3}|[€$£¥₹₽₺₪₩₴₦])\s*/;
const CURRENCY_SUFFIX = /\s*(?:[A-Z]{3}|[€$£¥₹₽₺₪₩₴₦])$/;
const SIMPLE_DOT = /^-?\d+(?:\.\d+)?$/;
const SIMPLE_COMMA = /^-?\d+(?:,\d+)?$/;
const GROUPED = /^\d{1,3}(?:([.,'’ \u00a0\u202f])\d{3})(?:\1\d{3})*$/;

/**
 * A CSV amount as signed minor units, exactly. Accepts a leading `-`, `−` or `+`, a trailing
 * `-` (SAP style), parentheses for negatives, a currency symbol or code before or after, and
 * thousands separators (the other of `.`/`,`, spaces, apostrophes) only in groups of three,
 * so that `12.50` read under a decimal comma is an error rather than 1250. Returns the reason
 * when the text is not an amount.
 */
export function parseCsvAmount(text: string, decimalSeparator: CsvDecimalSeparator, digits: number): number | string {
  let value = text.trim();
  if (value === '') return 'is empty';
  // Most exports write plain amounts: skip the general path for them.
  if (decimalSeparator === '.' ? SIMPLE_DOT.test(value) : SIMPLE_COMMA.test(value)) {
    const negative = value.charCodeAt(0) === 45;
    const unsigned = negative ? value.slice(1) : value;
    const minor = decimalToMinor(decimalSeparator === '.' ? unsigned : unsigned.replace(',', '.'), digits);
    if (typeof minor === 'string') return minor;
    return negative && minor !== 0 ? -minor : minor;
  }
  let negative = false;
  if (value.startsWith('(') && value.endsWith(')')) {
    negative = true;
    value = value.slice(1, -1).trim();
  }
  value = value.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
  const lead = value.charAt(0);
  if (lead === '-' || lead === '\u2212' || lead === '+') {
    if (negative) return 'is not an amount (two signs)';
    negative = lead !== '+';
    value = value.slice(1).trim();
  } else if (value.endsWith('-')) {
    if (negative) return 'is not an amount (two signs)';
    negative = true;
    value = value.slice(0, -1).trim();
  }
  value = value.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
  const other = decimalSeparator === '.' ? ',' : '.';
  const parts = value.split(decimalSeparator);
  if (parts.length > 2) return `is not an amount with the decimal separator "${decimalSeparator}"`;
  const [whole = '', fraction] = parts;
  let integer: string;
  if (/^\d+$/.test(whole)) integer = whole;
  else if (whole === '' && fraction !== undefined) integer = '0';
  else {
    const grouped = GROUPED.exec(whole);
    if (grouped === null || grouped[1] === decimalSeparator) {
      if (fraction === undefined && new RegExp(`^\\d+\\${other}\\d{1,2}$`).test(whole)) {
        return `uses "${other}" as a decimal separator, but the file's decimal separator is "${decimalSeparator}"`;
      }
      return `is not an amount with the decimal separator "${decimalSeparator}"`;
    }
    integer = whole.replace(/\D/g, '');
  }
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return `is not an amount with the decimal separator "${decimalSeparator}"`;
  const minor = decimalToMinor(fraction === undefined ? integer : `${integer}.${fraction}`, digits);
  if (typeof minor === 'string') return minor;
  return negative && minor !== 0 ? -minor : minor;
}
