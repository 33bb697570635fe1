import mt940js from 'mt940js';
import { readAccountIdentification } from './accounts.js';
import { currencyMinorDigits, decimalToMinor, formatMinor } from './currency.js';
import { daysBetween, expandTwoDigitYear, isoDate } from './dates.js';
import { assertNoReplacementCharacters, decodeBytes, type TextEncodingName } from './encoding.js';
import { StatementError } from './errors.js';
import { parseDetails86 } from './mt940-details.js';
import type { Statement, StatementAccount, StatementBalance, StatementTransaction } from './types.js';

/**
 * SWIFT MT940 customer statements, one or more per file, with or without the `{1:…}{2:…}{4:`
 * envelope. Amounts, signs, dates and balances are read from the raw fields here; mt940js then
 * reads the same statement as a second opinion and any disagreement is reported as a warning,
 * with the raw reading kept. That is deliberate: statement parsers do get `:61:` wrong (RC is
 * a reversal of a credit, i.e. a debit, and RD a credit; mt940js also rounds every amount to
 * two decimals, which loses the third of KWD, BHD or OMR, and reads amounts as floats), and
 * mt940js refuses a whole file when one statement does not balance, while here the mismatch
 * is reported by checkBalance and the statement still shown.
 */

interface Field {
  tag: string;
  line: number;
  lines: string[];
}

interface RawStatement {
  line: number;
  fields: Field[];
  /** Whether the file went on after this statement (a following :20: or an end of block). */
  closed: boolean;
  /** The statement's own lines, for mt940js. */
  text: string[];
}

const TAG = /^:(\d{2}[A-Z]?|NS):/;
const STATEMENT_LINE = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+(?:,\d*)?)([A-Z][A-Z0-9]{3})([^/]{0,16})(?:\/\/(.{0,16}))?/;
const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d+(?:,\d*)?)\s*$/;
const MAX_CROSS_CHECK_WARNINGS = 20;

export interface Mt940Options {
  /** For byte input; default UTF-8. Many banks write Latin-1 (Windows-1252) umlauts. */
  encoding?: TextEncodingName;
}

export function parseMt940(input: string | Uint8Array, options: Mt940Options = {}): Statement[] {
  let text: string;
  if (typeof input === 'string') {
    assertNoReplacementCharacters(input);
    text = input;
  } else {
    text = decodeBytes(input, options.encoding);
  }
  text = text.replace(/^\uFEFF/, '');
  const raws = splitStatements(text);
  return raws.map((raw) => {
    const statement = readStatement(raw);
    crossCheck(statement, raw.text.join('\n'));
    return statement;
  });
}

function splitStatements(text: string): RawStatement[] {
  const lines = text.split(/\r\n|\n|\r/);
  const statements: RawStatement[] = [];
  let current: RawStatement | undefined;
  let field: Field | undefined;
  let blockOpen = false;
  let blockLine = 0;
  const close = () => {
    if (current !== undefined) current.closed = true;
    current = undefined;
    field = undefined;
  };
  lines.forEach((original, index) => {
    const number = index + 1;
    let line = original;
    if (line.startsWith('{')) {
      const block4 = line.indexOf('{4:');
      if (block4 < 0) return;
      close();
      blockOpen = true;
      blockLine = number;
      line = line.slice(block4 + 3);
      if (line.trim() === '') return;
    }
    if (line.startsWith('-}') || line.trim() === '-') {
      close();
      blockOpen = false;
      return;
    }
    const tag = TAG.exec(line);
    if (tag !== null) {
      const name = tag[1] as string;
      if (name === '20') {
        close();
        current = { line: number, fields: [], closed: false, text: [] };
        statements.push(current);
      }
      field = { tag: name, line: number, lines: [line.slice(tag[0].length)] };
      if (current !== undefined) {
        current.fields.push(field);
        current.text.push(line);
      }
      return;
    }
    if (line.trim() === '') return;
    if (field !== undefined && current !== undefined) {
      field.lines.push(line);
      current.text.push(line);
    }
    // Lines before the first field (some banks put their BIC and "940" there) are ignored.
  });
  if (blockOpen) throw new StatementError('the message block opened here ({4:) never ends with -}: the file looks truncated', blockLine);
  if (statements.length === 0) throw new StatementError('no MT940 statement found: expected a :20: field');
  return statements;
}

function readStatement(raw: RawStatement): Statement {
  const isLast = !raw.closed;
  const one = (tags: string[], what: string): Field => {
    const found = raw.fields.find((field) => tags.includes(field.tag));
    if (found !== undefined) return found;
    const where = tags.map((tag) => `:${tag}:`).join(' or ');
    if (isLast && (tags.includes('62F') || tags.includes('60F'))) {
      throw new StatementError(`the statement starting here has no ${what} (${where}): the file ends early, it looks truncated`, raw.line);
    }
    throw new StatementError(`the statement starting here has no ${what} (${where})`, raw.line);
  };
  const reference = (one(['20'], 'transaction reference').lines[0] ?? '').trim();
  const accountField = one(['25', '25P'], 'account identification');
  const numberField = raw.fields.find((field) => field.tag === '28C' || field.tag === '28');
  if (numberField === undefined) throw new StatementError('the statement starting here has no statement number (:28C:)', raw.line);
  const openingField = one(['60F', '60M'], 'opening balance');
  const closingField = one(['62F', '62M'], 'closing balance');

  const opening = readBalance(openingField);
  const closing = readBalance(closingField);
  if (closing.currency !== opening.currency) {
    throw new StatementError(`the closing balance is in ${closing.currency} but the opening balance in ${opening.currency}`, closingField.line);
  }
  const currency = opening.currency;
  // :25P: puts the BIC on a second line: the account is the first.
  const account: StatementAccount = { ...readAccountIdentification(accountField.lines[0] ?? ''), currency };
  if (accountField.tag === '25P' && accountField.lines[1] !== undefined) account.bic = accountField.lines[1].trim();

  const statement: Statement = {
    format: 'mt940',
    account,
    statementId: (numberField.lines[0] ?? '').trim() || reference,
    line: raw.line,
    openingBalance: opening.balance,
    closingBalance: closing.balance,
    transactions: [],
    warnings: [],
  };
  const closingIndex = raw.fields.indexOf(closingField);
  raw.fields.forEach((field, index) => {
    if (field.tag !== '61') return;
    if (index > closingIndex) throw new StatementError('a statement line (:61:) after the closing balance (:62F:)', field.line);
    const next = raw.fields[index + 1];
    statement.transactions.push(readStatementLine(field, next?.tag === '86' ? next : undefined, currency));
  });
  return statement;
}

function readBalance(field: Field): { balance: StatementBalance; currency: string } {
  const text = (field.lines[0] ?? '').trim();
  const match = BALANCE.exec(text);
  if (match === null) {
    throw new StatementError(`the balance :${field.tag}:${text} is not D/C mark, date YYMMDD, currency and amount (e.g. C240301EUR1234,56)`, field.line);
  }
  const [, mark, yymmdd, currency, amountText] = match as unknown as [string, string, string, string, string];
  const date = swiftDate(yymmdd);
  if (date === undefined) throw new StatementError(`the balance date ${yymmdd} is not a valid date`, field.line);
  const minor = swiftAmount(amountText, currency, field.line);
  return { balance: { amountMinor: mark === 'D' && minor !== 0 ? -minor : minor, date }, currency };
}

function readStatementLine(field: Field, details: Field | undefined, currency: string): StatementTransaction {
  const text = field.lines[0] ?? '';
  const match = STATEMENT_LINE.exec(text);
  if (match === null) {
    throw new StatementError(
      `the statement line :61:${text} is not value date YYMMDD, [entry date MMDD], mark C/D/RC/RD, amount and transaction type (e.g. 2403010301D150,00NTRFNONREF//B1)`,
      field.line,
    );
  }
  const [, valueText, entryText, mark, , amountText, , customerReference, bankReference] = match;
  const valueDate = swiftDate(valueText as string);
  if (valueDate === undefined) throw new StatementError(`the value date ${valueText} is not a valid date`, field.line);
  const bookingDate = entryText === undefined ? valueDate : entryDate(valueDate, entryText);
  if (bookingDate === undefined) throw new StatementError(`the entry date ${entryText} is not a valid date`, field.line);
  const minor = swiftAmount(amountText as string, currency, field.line);
  // C credit, D debit; RC reverses a credit (money leaves), RD reverses a debit (money returns).
  const debit = mark === 'D' || mark === 'RC';
  const amountMinor = debit && minor !== 0 ? -minor : minor;
  const transaction: StatementTransaction = { line: field.line, bookingDate, amountMinor, currency };
  if (valueDate !== bookingDate) transaction.valueDate = valueDate;
  if (mark === 'RC' || mark === 'RD') transaction.reversal = true;
  const bank = bankReference?.trim();
  if (bank) transaction.entryId = bank;
  const parsed = details === undefined ? {} : parseDetails86(details.lines, debit);
  const customer = customerReference?.trim();
  const reference = parsed.reference ?? (customer && customer.toUpperCase() !== 'NONREF' ? customer : undefined);
  if (reference !== undefined) transaction.reference = reference;
  if (parsed.name !== undefined) transaction.counterpartyName = parsed.name;
  if (parsed.account !== undefined) {
    const identification = readAccountIdentification(parsed.account);
    transaction.counterpartyAccount = identification.iban ?? identification.number ?? parsed.account;
  }
  if (parsed.bic !== undefined) transaction.counterpartyBic = parsed.bic;
  const supplementary = field.lines[1]?.trim();
  const description = parsed.description ?? supplementary;
  if (description) transaction.description = description;
  return transaction;
}

/** YYMMDD as YYYY-MM-DD (years 69–99 in the 1900s, as POSIX reads two-digit years). */
function swiftDate(yymmdd: string): string | undefined {
  const year = expandTwoDigitYear(Number(yymmdd.slice(0, 2)));
  return isoDate(`${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`);
}

/** The entry date MMDD carries no year: the one of the value date's year, or next or last year, closest to it. */
function entryDate(valueDate: string, mmdd: string): string | undefined {
  const year = Number(valueDate.slice(0, 4));
  let best: string | undefined;
  for (const candidate of [year - 1, year, year + 1]) {
    const date = isoDate(`${candidate}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`);
    if (date === undefined) continue;
    if (best === undefined || Math.abs(daysBetween(valueDate, date)) < Math.abs(daysBetween(valueDate, best))) best = date;
  }
  return best;
}

/** A SWIFT amount (`1234,56`, `1234,`, `0,5`) as minor units, exactly. */
function swiftAmount(text: string, currency: string, line: number): number {
  const digits = currencyMinorDigits(currency);
  if (digits === undefined) throw new StatementError(`${JSON.stringify(currency)} is not an ISO 4217 currency code`, line);
  const decimal = text.replace(/,$/, '').replace(',', '.');
  const minor = decimalToMinor(decimal.startsWith('.') ? `0${decimal}` : decimal, digits);
  if (typeof minor === 'string') throw new StatementError(`the amount ${text} ${minor} (${currency} has ${digits} decimals)`, line);
  return minor;
}

/**
 * mt940js's reading of the same statement, compared with ours: every disagreement becomes a
 * warning naming the line, and ours is kept (see the comment at the top of this file).
 */
export interface SecondReading {
  openingBalance: number;
  closingBalance: number;
  transactions: { amount: number; date: Date }[];
}

export function crossCheck(statement: Statement, text: string, parse: (text: string) => SecondReading[] = defaultParse): void {
  let theirs: SecondReading | undefined;
  try {
    theirs = parse(text)[0];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // An unbalanced statement is what checkBalance reports; mt940js refusing it says nothing more.
    if (!/^Sum of lines/.test(message)) statement.warnings.push(`mt940js could not read this statement (${message}); the raw fields were used.`);
    return;
  }
  if (theirs === undefined) return;
  const digits = currencyMinorDigits(statement.account.currency) ?? 2;
  const scale = 10 ** digits;
  const money = (minor: number) => `${formatMinor(minor, digits)} ${statement.account.currency}`;
  const disagreements: string[] = [];
  const compareBalance = (what: string, ours: StatementBalance | undefined, amount: number) => {
    const their = Math.round(amount * scale);
    if (ours !== undefined && their !== ours.amountMinor) disagreements.push(`the ${what} balance: mt940js reads ${money(their)}, the raw field ${money(ours.amountMinor)}`);
  };
  compareBalance('opening', statement.openingBalance, theirs.openingBalance);
  compareBalance('closing', statement.closingBalance, theirs.closingBalance);
  if (theirs.transactions.length !== statement.transactions.length) {
    disagreements.push(`mt940js reads ${theirs.transactions.length} statement lines, the raw fields ${statement.transactions.length}`);
  } else {
    statement.transactions.forEach((ours, index) => {
      const their = theirs.transactions[index];
      if (their === undefined) return;
      const amount = Math.round(their.amount * scale);
      if (amount !== ours.amountMinor) {
        disagreements.push(`line ${ours.line}: mt940js reads ${money(amount)}, the raw :61: field ${money(ours.amountMinor)}`);
      }
      const theirDate = their.date instanceof Date && !Number.isNaN(their.date.getTime()) ? their.date.toISOString().slice(0, 10) : undefined;
      const ourValueDate = ours.valueDate ?? ours.bookingDate;
      if (theirDate !== ourValueDate) disagreements.push(`line ${ours.line}: mt940js reads the value date ${theirDate ?? 'as invalid'}, the raw field ${ourValueDate}`);
    });
  }
  for (const disagreement of disagreements.slice(0, MAX_CROSS_CHECK_WARNINGS)) {
    statement.warnings.push(`mt940js disagrees on ${disagreement}; the raw field is used.`);
  }
  if (disagreements.length > MAX_CROSS_CHECK_WARNINGS) {
    statement.warnings.push(`mt940js disagrees on ${disagreements.length - MAX_CROSS_CHECK_WARNINGS} more values; the raw fields are used.`);
  }
}

function defaultParse(text: string): SecondReading[] {
  return new mt940js.Parser({ no86Structure: true }).parse(text);
}
