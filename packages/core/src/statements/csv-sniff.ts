import { splitCsv, type CsvRecord } from './csv-records.js';
import { HEADER_NAMES, HEADER_WORDS, normalizeHeader, type CsvField } from './csv-headers.js';
import type { CsvColumn, CsvDecimalSeparator, CsvDelimiter, CsvFormat, CsvMapping } from './csv.js';
import { parseCsvAmount } from './csv.js';
import { CSV_DATE_FORMATS, parseCsvDate, type CsvDateFormat } from './dates.js';
import { createChunkDecoder, detectBom, type TextEncodingName } from './encoding.js';
import { StatementError } from './errors.js';

/**
 * What sniffCsv found in the start of a file, for the user to confirm or correct before the
 * import (the UI shows each choice). `suggestedMapping` may be incomplete: the user fills in
 * what could not be guessed.
 */
export interface CsvSniffResult {
  encoding: TextEncodingName;
  hasBom: boolean;
  delimiter: CsvDelimiter;
  decimalSeparator: CsvDecimalSeparator;
  /** The first of dateFormatCandidates; undefined when no layout fits the date column. */
  dateFormat?: CsvDateFormat;
  /** Every layout that reads all the sampled dates, the most likely first. */
  dateFormatCandidates: CsvDateFormat[];
  /** Both day-first and month-first layouts fit (every day was ≤ 12): the user must choose. */
  dateFormatAmbiguous: boolean;
  hasHeader: boolean;
  /** Records before the header (or the data): a bank's preamble. */
  skipRows: number;
  /** The header row's names (empty without a header). */
  header: string[];
  suggestedMapping: Partial<CsvMapping>;
  /** The first data rows, split with the chosen delimiter. */
  preview: string[][];
  warnings: string[];
}

export interface CsvSniffOptions {
  /** The sample is the whole file (otherwise its last, possibly cut, line is ignored). */
  complete?: boolean;
  /** Records examined; default 200. */
  maxRecords?: number;
  /** Choices the user already made, kept instead of guessed (a BOM still decides the encoding). */
  encoding?: TextEncodingName;
  delimiter?: CsvDelimiter;
  hasHeader?: boolean;
  skipRows?: number;
}

const DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t', '|'];
const DATE_PREFERENCE = (format: CsvDateFormat): number => (format.startsWith('Y') ? 0 : format.startsWith('D') ? 1 : 2);

/**
 * Guesses how to read a CSV statement from its first bytes (64 KiB is plenty): encoding and
 * BOM (bytes only), delimiter, preamble and header, decimal separator, date layout and which
 * column is what, from header names in English, French, Spanish, German and Portuguese, or
 * from the values when there is no header.
 */
export function sniffCsv(sample: string | Uint8Array, options: CsvSniffOptions = {}): CsvSniffResult {
  const warnings: string[] = [];
  const { text, encoding, hasBom } = decodeSample(sample, warnings, options.encoding);
  const maxRecords = options.maxRecords ?? 200;

  const delimiter = options.delimiter ?? chooseDelimiter(text, maxRecords, options.complete ?? false, warnings);
  const records = sampleRecords(text, delimiter, maxRecords, options.complete ?? false);
  const nonEmpty = records.filter((record) => !isEmpty(record));
  if (nonEmpty.length === 0) throw new StatementError('the file has no rows');
  const width = modeOf(nonEmpty.map((record) => record.fields.length));

  let firstFull = records.findIndex((record) => !isEmpty(record) && record.fields.length >= width);
  if (options.skipRows !== undefined) {
    if (options.skipRows >= records.length) throw new StatementError(`the sample has only ${records.length} rows: ${options.skipRows} cannot be skipped`);
    firstFull = options.skipRows;
  }
  const headerCandidate = records[firstFull] as CsvRecord;
  const hasHeader = options.hasHeader ?? looksLikeHeader(headerCandidate.fields);
  const skipRows = firstFull;
  const header = hasHeader ? headerCandidate.fields.map((name) => name.trim()) : [];
  const dataRecords = records.slice(firstFull + (hasHeader ? 1 : 0)).filter((record) => !isEmpty(record));
  const columns = Array.from({ length: width }, (_, index) => dataRecords.map((record) => (record.fields[index] ?? '').trim()));

  const fields = hasHeader ? mapByHeader(header) : new Map<CsvField, number[]>();
  if (!hasHeader || !fields.has('date')) {
    const dateColumn = columns.findIndex((values) => fitsDates(values).length > 0);
    if (dateColumn >= 0) fields.set('date', [dateColumn]);
  }
  const decimalSeparator = chooseDecimalSeparator(columns, fields, delimiter);
  if (!fields.has('amount') && !fields.has('debit') && !fields.has('credit')) {
    const dates = new Set([...(fields.get('date') ?? []), ...(fields.get('valueDate') ?? [])]);
    const amountColumn = columns.findIndex((values, index) => !dates.has(index) && isNumericColumn(values, decimalSeparator));
    if (amountColumn >= 0) fields.set('amount', [amountColumn]);
  }
  if (!hasHeader && !fields.has('description')) {
    const used = new Set([...fields.values()].flat());
    let best = -1;
    let bestLength = 0;
    columns.forEach((values, index) => {
      if (used.has(index)) return;
      const length = values.reduce((sum, value) => sum + value.length, 0);
      if (length > bestLength && !isNumericColumn(values, decimalSeparator)) {
        best = index;
        bestLength = length;
      }
    });
    if (best >= 0) fields.set('description', [best]);
  }
  if (fields.has('amount')) {
    fields.delete('debit');
    fields.delete('credit');
  } else {
    fields.delete('direction');
  }

  const dateValues = [...(fields.get('date') ?? []), ...(fields.get('valueDate') ?? [])].flatMap((index) => columns[index] ?? []);
  const dateFormatCandidates = fitsDates(dateValues);
  const orders = new Set(dateFormatCandidates.filter((format) => !format.startsWith('Y')).map((format) => format.charAt(0)));
  const dateFormatAmbiguous = orders.size > 1;
  if (dateFormatAmbiguous) warnings.push('The dates read both day first and month first (no day above 12 in the sample): please confirm the date format.');
  if (dateFormatCandidates.length === 0) warnings.push('No date format reads every value of the date column: please choose the column and its format.');

  const suggestedMapping = toMapping(fields, header);
  for (const required of ['date', 'amount'] as const) {
    if (required === 'amount' ? !fields.has('amount') && !fields.has('debit') && !fields.has('credit') : !fields.has(required)) {
      warnings.push(`No ${required} column was recognised: please choose it.`);
    }
  }
  return {
    encoding,
    hasBom,
    delimiter,
    decimalSeparator,
    ...(dateFormatCandidates[0] === undefined ? {} : { dateFormat: dateFormatCandidates[0] }),
    dateFormatCandidates,
    dateFormatAmbiguous,
    hasHeader,
    skipRows,
    header,
    suggestedMapping,
    preview: dataRecords.slice(0, 10).map((record) => record.fields),
    warnings,
  };
}

/** The sniffed choices as a complete CsvFormat, when nothing the parser needs is missing. */
export function formatFromSniff(sniff: CsvSniffResult): CsvFormat | undefined {
  const { suggestedMapping: mapping, dateFormat } = sniff;
  if (dateFormat === undefined || mapping.date === undefined) return undefined;
  if (mapping.amount === undefined && mapping.debit === undefined && mapping.credit === undefined) return undefined;
  return {
    encoding: sniff.encoding,
    delimiter: sniff.delimiter,
    decimalSeparator: sniff.decimalSeparator,
    dateFormat,
    hasHeader: sniff.hasHeader,
    skipRows: sniff.skipRows,
    mapping: { ...mapping, date: mapping.date },
  };
}

function decodeSample(sample: string | Uint8Array, warnings: string[], chosen?: TextEncodingName): { text: string; encoding: TextEncodingName; hasBom: boolean } {
  if (typeof sample === 'string') {
    const hasBom = sample.charCodeAt(0) === 0xfeff;
    if (sample.includes('\uFFFD')) {
      warnings.push('The text contains replacement characters (U+FFFD): it was decoded with the wrong encoding; it may be Windows-1252 (Latin-1).');
    }
    return { text: hasBom ? sample.slice(1) : sample, encoding: 'utf-8', hasBom };
  }
  const bom = detectBom(sample);
  let encoding: TextEncodingName = bom?.encoding ?? chosen ?? 'utf-8';
  if (bom === undefined && chosen === undefined) {
    const head = sample.subarray(0, 4096);
    if (countZeros(head, 1) > head.length / 4) encoding = 'utf-16le';
    else if (countZeros(head, 0) > head.length / 4) encoding = 'utf-16be';
    else {
      try {
        // Stream mode: a character cut at the end of the sample is not an error.
        new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
      } catch {
        encoding = 'windows-1252';
        warnings.push('The file is not valid UTF-8: it was read as Windows-1252 (Latin-1). Please check that accented letters look right.');
      }
    }
  }
  const text = encoding === 'windows-1252' ? createChunkDecoder('windows-1252').decode(sample, false, 1) : new TextDecoder(encoding).decode(sample, { stream: true });
  return { text, encoding, hasBom: bom !== undefined };
}

function countZeros(bytes: Uint8Array, parity: number): number {
  let count = 0;
  for (let i = parity; i < bytes.length; i += 2) if (bytes[i] === 0) count++;
  return count;
}

function sampleRecords(text: string, delimiter: string, maxRecords: number, complete: boolean): CsvRecord[] {
  let records = splitCsv(text, delimiter);
  const last = records[records.length - 1];
  if (!complete && records.length > 2 && last !== undefined && !last.terminated) records = records.slice(0, -1);
  return records.slice(0, maxRecords);
}

function chooseDelimiter(text: string, maxRecords: number, complete: boolean, warnings: string[]): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; consistency: number; width: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const records = sampleRecords(text, delimiter, maxRecords, complete).filter((record) => !isEmpty(record));
    if (records.length === 0) continue;
    const counts = records.map((record) => record.fields.length);
    const width = modeOf(counts);
    if (width < 2) continue;
    // Rounded so that one odd preamble line does not outweigh a wider, equally regular split.
    const consistency = Math.round((counts.filter((count) => count === width).length / counts.length) * 20) / 20;
    if (best === undefined || consistency > best.consistency || (consistency === best.consistency && width > best.width)) {
      best = { delimiter, consistency, width };
    }
  }
  if (best === undefined) {
    warnings.push('No delimiter splits the rows into columns: please choose it.');
    return ',';
  }
  return best.delimiter;
}

function isEmpty(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '');
}

function modeOf(values: number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount || (count === bestCount && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

const KNOWN_HEADERS = new Set(HEADER_NAMES.flatMap(([, names]) => names));

function looksLikeHeader(fields: string[]): boolean {
  const cells = fields.map((field) => field.trim()).filter((field) => field !== '');
  if (cells.length === 0) return false;
  if (cells.some((cell) => KNOWN_HEADERS.has(normalizeHeader(cell)))) return true;
  // No known name: a header still has no numbers or dates in it.
  return cells.every((cell) => !/\d/.test(cell));
}

function mapByHeader(header: string[]): Map<CsvField, number[]> {
  const normalized = header.map(normalizeHeader);
  const claimed = new Set<number>();
  const fields = new Map<CsvField, number[]>();
  const claim = (field: CsvField, index: number) => {
    claimed.add(index);
    fields.set(field, [...(fields.get(field) ?? []), index]);
  };
  for (const [field, names] of HEADER_NAMES) {
    normalized.forEach((name, index) => {
      if (claimed.has(index) || !names.includes(name)) return;
      if (field === 'description' || !fields.has(field)) claim(field, index);
    });
  }
  for (const [field, words] of HEADER_WORDS) {
    if (fields.has(field) && field !== 'description') continue;
    normalized.forEach((name, index) => {
      if (claimed.has(index) || (fields.has(field) && field !== 'description')) return;
      if (words.some((word) => ` ${name} `.includes(` ${word} `))) claim(field, index);
    });
  }
  return fields;
}

function toMapping(fields: Map<CsvField, number[]>, header: string[]): Partial<CsvMapping> {
  const counts = new Map<string, number>();
  for (const name of header) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  // By name when the name is unique in the header (a saved mapping survives reordered columns).
  const column = (index: number): CsvColumn => {
    const name = header[index];
    return name !== undefined && name !== '' && counts.get(name.toLowerCase()) === 1 ? name : index;
  };
  const mapping: Partial<CsvMapping> = {};
  for (const [field, indexes] of fields) {
    const first = indexes[0];
    if (first === undefined) continue;
    if (field === 'description') mapping.description = indexes.length === 1 ? column(first) : indexes.map(column);
    else mapping[field] = column(first);
  }
  return mapping;
}

function fitsDates(values: string[]): CsvDateFormat[] {
  const filled = values.filter((value) => value !== '');
  if (filled.length === 0) return [];
  return CSV_DATE_FORMATS.filter((format) => filled.every((value) => parseCsvDate(value, format) !== undefined)).sort(
    (a, b) => DATE_PREFERENCE(a) - DATE_PREFERENCE(b),
  );
}

function isNumericColumn(values: string[], separator: CsvDecimalSeparator): boolean {
  const filled = values.filter((value) => value !== '');
  return filled.length > 0 && filled.every((value) => typeof parseCsvAmount(value, separator, 4) === 'number');
}

/**
 * Votes over amount-like values: `1.234,56` and `12,50` say comma, `1,234.56` and `12.50`
 * say point; three decimals (`1,234`) say nothing. Point wins ties.
 */
function chooseDecimalSeparator(columns: string[][], fields: Map<CsvField, number[]>, delimiter: CsvDelimiter): CsvDecimalSeparator {
  const amountColumns = (['amount', 'debit', 'credit', 'balance'] as const).flatMap((field) => fields.get(field) ?? []);
  const values = (amountColumns.length > 0 ? amountColumns.map((index) => columns[index] ?? []) : columns).flat();
  let comma = 0;
  let point = 0;
  for (const raw of values) {
    const value = raw.replace(/[\s\u00a0\u202f€$£A-Z()+-]/g, '');
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(value) || /^\d+,\d{1,2}$/.test(value)) comma++;
    else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(value) || /^\d+\.\d{1,2}$/.test(value)) point++;
  }
  if (delimiter === ',' && comma === 0) return '.';
  return comma > point ? ',' : '.';
}

/**
 * How a saved mapping recognises a bank's layout: the delimiter and the header's names
 * (normalised, so "Betrag (EUR)" and "betrag" agree), or the number of columns when the file
 * has no header. Two exports of one bank give the same key whatever their rows.
 */
export function csvLayoutKey(sniff: Pick<CsvSniffResult, 'delimiter' | 'hasHeader' | 'header' | 'preview'>): string {
  const delimiter = sniff.delimiter === '\t' ? 'tab' : sniff.delimiter;
  if (sniff.hasHeader) return `${delimiter}|header|${sniff.header.map(normalizeHeader).join('|')}`;
  return `${delimiter}|columns|${sniff.preview[0]?.length ?? 0}`;
}
