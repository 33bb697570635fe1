// Bank statements: CSV (streaming), ISO 20022 camt.053 and SWIFT MT940 read into one model,
// balance checks, and the same transfer recognised in two accounts' statements.
export type { Statement, StatementAccount, StatementBalance, StatementFormat, StatementTransaction } from './types.js';
export { StatementError } from './errors.js';
export { compareBalances, addMinor, type BalanceCheck, type RunningBalanceBreak } from './balance.js';
export { checkBalance, StatementTally, type StatementTallyResult } from './tally.js';
export { currencyMinorDigits, decimalToMinor, formatMinor, formatMoney } from './currency.js';
export { CSV_DATE_FORMATS, parseCsvDate, type CsvDateFormat } from './dates.js';
export { TEXT_ENCODINGS, type TextEncodingName } from './encoding.js';
export { isValidIban, normalizeAccountId, readAccountIdentification, sameAccount } from './accounts.js';
export {
  createCsvReader,
  isCsvRowError,
  parseCsv,
  parseCsvAmount,
  readCsvStatement,
  type CsvColumn,
  type CsvDecimalSeparator,
  type CsvDelimiter,
  type CsvFormat,
  type CsvMapping,
  type CsvParseOptions,
  type CsvProgress,
  type CsvReader,
  type CsvRow,
  type CsvRowError,
  type CsvStatementResult,
} from './csv.js';
export type { CsvField } from './csv-headers.js';
export { csvLayoutKey, formatFromSniff, sniffCsv, type CsvSniffOptions, type CsvSniffResult } from './csv-sniff.js';
export { parseCamt053, type Camt053Options } from './camt053.js';
export { parseMt940, type Mt940Options } from './mt940.js';
export { findTransferPairs, type TransactionRef, type TransferLink, type TransferPair, type TransferPairOptions, type TransferSource } from './duplicates.js';
