import { StatementError } from './errors.js';

/**
 * Splits CSV text into records, chunk by chunk, keeping only the record being read: quoted
 * fields may hold the delimiter, doubled quotes and line breaks; records end at LF, CRLF or a
 * lone CR, even when a CRLF or a doubled quote is split across chunks. A quote that closes
 * before something other than a delimiter or a line break (`"ab"cd`) is read leniently, as
 * spreadsheets do (`abcd`); a quote inside an unquoted field is an ordinary character.
 */
export interface CsvRecord {
  fields: string[];
  /** Line where the record starts (1-based). */
  line: number;
  /** False for the last record when the text did not end with a line break. */
  terminated: boolean;
  /** The text ended inside a quoted field: the record holds everything after the quote. */
  unterminatedQuote: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote was seen inside a quoted field: a doubled quote, or the end of the field. */
  QuoteInQuoted,
}

/** Far beyond any real record; reached when an opening quote is never closed. */
export const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

export class CsvTokenizer {
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  private recordChars = 0;
  private recordLine = 1;
  /** The previous chunk ended with CR: an LF starting this one belongs to it. */
  private skipLf = false;
  /** The previous chunk ended with CR inside a quoted field: not counted yet. */
  private pendingQuotedCr = false;
  private readonly delimiterChar: string;
  /** Line at the scanning position (1-based). */
  line = 1;

  constructor(
    delimiter: string,
    private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new StatementError(`the delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiterChar = delimiter;
  }

  /**
   * Scans with indexOf (native and fast) rather than character by character: the next
   * delimiter, quote and line breaks are looked up once and reused until passed.
   */
  push(text: string, emit: (record: CsvRecord) => void): void {
    const n = text.length;
    if (n === 0) return;
    const delimiter = this.delimiterChar;
    let i = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    if (this.pendingQuotedCr) {
      // A CR ended the previous chunk inside a quoted field: a line break of its own unless an LF follows.
      this.pendingQuotedCr = false;
      if (text.charCodeAt(0) !== LF) this.line++;
    }
    let nextDelimiter = -1;
    let nextQuote = -1;
    let nextLf = -1;
    let nextCr = -1;
    const find = (cached: number, char: string, from: number): number => {
      if (cached >= from) return cached;
      const found = text.indexOf(char, from);
      return found < 0 ? n : found;
    };
    while (i < n) {
      const state = this.state;
      if (state === State.Quoted) {
        nextQuote = find(nextQuote, '"', i);
        const j = nextQuote;
        for (nextLf = find(nextLf, '\n', i); nextLf < j; nextLf = find(nextLf, '\n', nextLf + 1)) {
          if (nextLf === 0 || text.charCodeAt(nextLf - 1) !== CR) this.line++;
        }
        for (nextCr = find(nextCr, '\r', i); nextCr < j; nextCr = find(nextCr, '\r', nextCr + 1)) {
          if (nextCr === n - 1) this.pendingQuotedCr = true;
          else this.line++;
        }
        this.append(text, i, j);
        if (j === n) return;
        this.state = State.QuoteInQuoted;
        i = j + 1;
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          i++;
          continue;
        }
        this.state = State.Unquoted;
      } else if (state === State.FieldStart && text.charCodeAt(i) === QUOTE) {
        this.state = State.Quoted;
        i++;
        continue;
      }
      // Unquoted (or the rest of a field after its closing quote): up to a delimiter or line break.
      nextDelimiter = find(nextDelimiter, delimiter, i);
      nextLf = find(nextLf, '\n', i);
      nextCr = find(nextCr, '\r', i);
      const j = Math.min(nextDelimiter, nextLf, nextCr);
      this.append(text, i, j);
      if (j === n) {
        this.state = State.Unquoted;
        return;
      }
      this.fields.push(this.field);
      this.field = '';
      this.state = State.FieldStart;
      i = j + 1;
      if (j === nextDelimiter) continue;
      if (j === nextCr) {
        if (i < n) {
          if (text.charCodeAt(i) === LF) i++;
        } else {
          this.skipLf = true;
        }
      }
      this.emitRecord(emit, true, false);
      this.line++;
      this.recordLine = this.line;
    }
  }

  /** The last record, when the text did not end with a line break. */
  end(emit: (record: CsvRecord) => void): void {
    if (this.state === State.Quoted) {
      this.fields.push(this.field);
      this.emitRecord(emit, false, true);
    } else if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.fields.push(this.field);
      this.emitRecord(emit, false, false);
    }
    this.field = '';
    this.state = State.FieldStart;
  }

  private append(text: string, from: number, to: number): void {
    if (to === from) return;
    this.recordChars += to - from;
    if (this.recordChars > this.maxRecordChars) {
      throw new StatementError(
        `the record starting here is longer than ${this.maxRecordChars} characters: a quote opened in it is probably never closed`,
        this.recordLine,
      );
    }
    this.field += text.slice(from, to);
  }

  private emitRecord(emit: (record: CsvRecord) => void, terminated: boolean, unterminatedQuote: boolean): void {
    const record = { fields: this.fields, line: this.recordLine, terminated, unterminatedQuote };
    this.fields = [];
    this.recordChars = 0;
    emit(record);
  }
}

/** All records of a complete text (for samples and tests). */
export function splitCsv(text: string, delimiter: string, maxRecordChars?: number): CsvRecord[] {
  const records: CsvRecord[] = [];
  const tokenizer = new CsvTokenizer(delimiter, maxRecordChars);
  const emit = (record: CsvRecord) => records.push(record);
  tokenizer.push(text, emit);
  tokenizer.end(emit);
  return records;
}
