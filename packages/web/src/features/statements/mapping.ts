import { CSV_FIELDS, type TCsvField, type TCsvFormat, type TCsvMapping, type TCsvSniff, type TStatementJob, type TStatementMapping } from '@focal/shared';

export type StatementFormat = 'csv' | 'camt053' | 'mt940';

/**
 * The format of a statement file from its name and first bytes: XML is camt.053, a SWIFT
 * block or a `:20:` field is MT940, anything else is read as CSV (the user can change it).
 */
export function detectFormat(name: string, head: string): StatementFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<?xml') || text.startsWith('<Document') || /\.xml$/i.test(name)) return 'camt053';
  if (text.startsWith('{1:') || text.startsWith(':20:') || /\.(sta|mt940|940)$/i.test(name)) return 'mt940';
  return 'csv';
}

/** How the amount is written: one signed column, an amount with a debit/credit indicator column, or separate debit and credit columns. */
export type AmountMode = 'signed' | 'indicator' | 'split';

/** Which columns (by 0-based index) hold what; description may take several. */
export type ColumnAssignment = Partial<Record<TCsvField, number[]>>;

/** The header's names, or "Column n" placeholders (the caller words them) when there is none. */
export function columnCount(sniff: Pick<TCsvSniff, 'header' | 'preview'>): number {
  return Math.max(sniff.header.length, ...sniff.preview.map((row) => row.length), 0);
}

/** A mapped column (name or index) as its index in this file, or undefined when the name is not in the header. */
export function columnIndex(column: string | number, header: readonly string[]): number | undefined {
  if (typeof column === 'number') return column;
  const wanted = column.trim().toLowerCase();
  const index = header.findIndex((name) => name.trim().toLowerCase() === wanted);
  return index >= 0 ? index : undefined;
}

/**
 * A mapping (the sniffer's suggestion or a saved one) as column indexes of this file. Names
 * that are not in the header are returned in `missing`, so the form can say what no longer fits.
 */
export function assignmentFrom(mapping: Partial<Record<string, string | number | (string | number)[]>>, header: readonly string[]): { assignment: ColumnAssignment; missing: string[] } {
  const assignment: ColumnAssignment = {};
  const missing: string[] = [];
  for (const field of CSV_FIELDS) {
    const value = mapping[field];
    if (value === undefined) continue;
    const columns = Array.isArray(value) ? value : [value];
    const indexes: number[] = [];
    for (const column of columns) {
      const index = columnIndex(column, header);
      if (index === undefined) missing.push(String(column));
      else indexes.push(index);
    }
    if (indexes.length > 0) assignment[field] = indexes;
  }
  return { assignment, missing };
}

export function amountModeOf(assignment: ColumnAssignment): AmountMode {
  if (assignment.debit?.length || assignment.credit?.length) return 'split';
  if (assignment.direction?.length) return 'indicator';
  return 'signed';
}

/** The fields the form shows for an amount mode (the others are cleared when the mode changes). */
export function amountFields(mode: AmountMode): TCsvField[] {
  if (mode === 'split') return ['debit', 'credit'];
  if (mode === 'indicator') return ['amount', 'direction'];
  return ['amount'];
}

/** Changes the amount mode, keeping the columns that still make sense (an amount column stays the amount). */
export function withAmountMode(assignment: ColumnAssignment, mode: AmountMode): ColumnAssignment {
  const next: ColumnAssignment = { ...assignment };
  for (const field of ['amount', 'direction', 'debit', 'credit'] as const) {
    if (!amountFields(mode).includes(field)) delete next[field];
  }
  return next;
}

/** What still stops the import, as codes the form words: missing date, missing amount, a column used twice. */
export type MappingProblem = { kind: 'required'; field: TCsvField } | { kind: 'duplicate'; column: number; fields: TCsvField[] };

export function mappingProblems(assignment: ColumnAssignment, mode: AmountMode): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const required: TCsvField[] = ['date', ...amountFields(mode)];
  for (const field of required) if (!assignment[field]?.length) problems.push({ kind: 'required', field });
  const users = new Map<number, TCsvField[]>();
  for (const field of CSV_FIELDS) {
    for (const column of assignment[field] ?? []) users.set(column, [...(users.get(column) ?? []), field]);
  }
  for (const [column, fields] of users) if (fields.length > 1) problems.push({ kind: 'duplicate', column, fields });
  return problems;
}

/**
 * The assignment as the server's mapping: a column by its header name when the name is unique
 * (a saved mapping then survives reordered columns), by index otherwise.
 */
export function toMapping(assignment: ColumnAssignment, header: readonly string[]): TCsvMapping | undefined {
  const counts = new Map<string, number>();
  for (const name of header) counts.set(name.trim().toLowerCase(), (counts.get(name.trim().toLowerCase()) ?? 0) + 1);
  const column = (index: number): string | number => {
    const name = header[index]?.trim();
    return name && counts.get(name.toLowerCase()) === 1 ? name : index;
  };
  const date = assignment.date?.[0];
  if (date === undefined) return undefined;
  const mapping: Record<string, string | number | (string | number)[]> = { date: column(date) };
  for (const field of CSV_FIELDS) {
    const indexes = assignment[field];
    if (field === 'date' || !indexes?.length) continue;
    mapping[field] = field === 'description' ? (indexes.length === 1 ? column(indexes[0]!) : indexes.map(column)) : column(indexes[0]!);
  }
  return mapping as TCsvMapping;
}

/** The layout choices the user confirms, besides the columns. */
export interface LayoutChoices {
  encoding: TCsvFormat['encoding'];
  delimiter: TCsvFormat['delimiter'];
  decimalSeparator: TCsvFormat['decimalSeparator'];
  dateFormat: TCsvFormat['dateFormat'] | undefined;
  hasHeader: boolean;
  skipRows: number;
}

export function layoutFromSniff(sniff: TCsvSniff): LayoutChoices {
  return { encoding: sniff.encoding, delimiter: sniff.delimiter, decimalSeparator: sniff.decimalSeparator, dateFormat: sniff.dateFormat, hasHeader: sniff.hasHeader, skipRows: sniff.skipRows };
}

/** A saved mapping's layout, as choices: what the user confirmed last time wins over the guess. */
export function layoutFromSaved(saved: TStatementMapping, sniff: TCsvSniff): LayoutChoices {
  const format = saved.format;
  return {
    encoding: sniff.hasBom ? sniff.encoding : (format.encoding ?? sniff.encoding),
    delimiter: format.delimiter,
    decimalSeparator: format.decimalSeparator,
    dateFormat: format.dateFormat,
    hasHeader: format.hasHeader,
    skipRows: format.skipRows ?? 0,
  };
}

/** The layout choices that change how the file splits into rows and columns: changing one asks the server to read the sample again. */
export function needsResniff(before: LayoutChoices, after: LayoutChoices): boolean {
  return before.encoding !== after.encoding || before.delimiter !== after.delimiter || before.hasHeader !== after.hasHeader || before.skipRows !== after.skipRows;
}

/** The confirmed layout and columns as the server's CsvFormat, or undefined while something required is missing. */
export function buildFormat(layout: LayoutChoices, assignment: ColumnAssignment, mode: AmountMode, header: readonly string[]): TCsvFormat | undefined {
  if (layout.dateFormat === undefined || mappingProblems(assignment, mode).length > 0) return undefined;
  if (layout.decimalSeparator === layout.delimiter) return undefined;
  const mapping = toMapping(withAmountMode(assignment, mode), layout.hasHeader ? header : []);
  if (!mapping) return undefined;
  return {
    ...(layout.encoding ? { encoding: layout.encoding } : {}),
    delimiter: layout.delimiter,
    decimalSeparator: layout.decimalSeparator,
    dateFormat: layout.dateFormat,
    hasHeader: layout.hasHeader,
    skipRows: layout.skipRows,
    mapping,
  };
}

/**
 * How far an import is, from 0 to 1, for one progress bar across its steps: reading the file
 * to check it counts for a tenth, writing its rows for most of the rest, publishing the last bit.
 */
export function jobProgress(job: Pick<TStatementJob, 'status' | 'phase' | 'size' | 'bytesDone' | 'rowsTotal' | 'rowsDone'>): number {
  if (job.status === 'done') return 1;
  if (job.status === 'queued') return 0;
  if (job.phase === 'checking') return job.size > 0 ? 0.1 * Math.min(1, job.bytesDone / job.size) : 0;
  if (job.phase === 'writing') return 0.1 + 0.85 * (job.rowsTotal ? Math.min(1, job.rowsDone / job.rowsTotal) : 0);
  return 0.95;
}

/** An IBAN typed with spaces or in lower case, as the server keeps it. */
export function compactIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Whether text looks like an IBAN (country, check digits, then letters and digits), so the form can ask for a number otherwise. */
export function looksLikeIban(value: string): boolean {
  return /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compactIban(value));
}
