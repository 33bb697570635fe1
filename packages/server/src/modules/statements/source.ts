import {
  StatementError,
  isCsvRowError,
  parseCamt053,
  parseCsv,
  parseMt940,
  type CsvFormat,
  type CsvRowError,
  type Statement,
  type StatementAccount,
  type StatementTransaction,
  type TextEncodingName,
} from '@focal/core';
import type { AppContext } from '../../context.js';

/**
 * camt.053 and MT940 files are parsed whole (fast-xml-parser and mt940js read a document, not a
 * stream): a statement file is refused above this size, which holds a few hundred thousand
 * MT940 lines or some fifty thousand camt entries — far more than a bank's statement of one
 * account for a year. CSV files stream and have only the evidence store's limit.
 */
export const IN_MEMORY_FORMAT_MAX_BYTES = 64 * 1024 * 1024;

export type StatementFileFormat = 'csv' | 'camt053' | 'mt940';

/** A statement as its file gives it, without its transactions (those stream). */
export type StatementHeader = Omit<Statement, 'transactions'> & { index: number };

export type SourceItem =
  | { kind: 'statement'; header: StatementHeader }
  | { kind: 'transaction'; statement: number; transaction: StatementTransaction }
  | { kind: 'row-error'; statement: number; error: CsvRowError };

export interface JobFile {
  blobId: string;
  format: StatementFileFormat;
  size: number;
  csv?: { format: CsvFormat; account: StatementAccount } | undefined;
  /** MT940 only: the text encoding when it is not UTF-8 (camt.053 and CSV say theirs). */
  encoding?: TextEncodingName | undefined;
}

/**
 * The statements of a file, one item at a time, in file order: each statement's header, then
 * its transactions (and, for CSV, the rows that could not be read). A CSV is decrypted and
 * parsed as a stream, so memory stays bounded whatever its size; the other formats are read
 * whole (see IN_MEMORY_FORMAT_MAX_BYTES). `onBytes` reports how far into the file the reading is.
 */
export async function* readStatementFile(
  ctx: AppContext,
  file: JobFile,
  onBytes: (bytes: number) => void = () => {},
  /** A file read whole is parsed once per run: the second pass takes it from here. */
  cache: { statements?: Statement[] } = {},
): AsyncGenerator<SourceItem, void, undefined> {
  if (file.format === 'csv') {
    if (!file.csv) throw new StatementError('a CSV statement needs its confirmed layout and account');
    const account = file.csv.account;
    yield { kind: 'statement', header: { index: 0, format: 'csv', account, warnings: [] } };
    const stream = await ctx.blobs.stream(ctx.db, file.blobId);
    try {
      for await (const row of parseCsv(stream, { ...file.csv.format, account, onProgress: (progress) => onBytes(progress.bytes) })) {
        if (isCsvRowError(row)) yield { kind: 'row-error', statement: 0, error: row };
        else yield { kind: 'transaction', statement: 0, transaction: row };
      }
    } finally {
      stream.destroy();
    }
    return;
  }
  if (file.size > IN_MEMORY_FORMAT_MAX_BYTES) throw tooLargeForFormat(file.format);
  if (!cache.statements) {
    const bytes = await ctx.blobs.read(ctx.db, file.blobId);
    cache.statements = file.format === 'camt053' ? parseCamt053(bytes) : parseMt940(bytes, file.encoding ? { encoding: file.encoding } : {});
  }
  const statements = cache.statements;
  onBytes(file.size);
  for (const [index, { transactions, ...header }] of statements.entries()) {
    yield { kind: 'statement', header: { ...header, index } };
    for (const transaction of transactions) yield { kind: 'transaction', statement: index, transaction };
  }
}

export function tooLargeForFormat(format: StatementFileFormat): StatementError {
  const name = format === 'camt053' ? 'A camt.053' : 'An MT940';
  return new StatementError(`${name} file may be at most ${IN_MEMORY_FORMAT_MAX_BYTES / 1024 / 1024} MiB: split it by period, or export the statement as CSV.`);
}
