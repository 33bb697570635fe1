import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readAccountIdentification } from './accounts.js';
import { currencyMinorDigits, decimalToMinor } from './currency.js';
import { isoDate } from './dates.js';
import { assertNoReplacementCharacters, decodeBytes, detectBom, type TextEncodingName } from './encoding.js';
import { StatementError } from './errors.js';
import type { Statement, StatementAccount, StatementBalance, StatementTransaction } from './types.js';

/**
 * ISO 20022 camt.053 (BankToCustomerStatement), versions 001.02 to 001.13: the elements read
 * here have kept their names and places (001.08 moved party names under `Pty`, both are read).
 *
 * Safety: a DOCTYPE or ENTITY declaration anywhere in the text is refused before parsing (no
 * external entity can be fetched, no entity can expand), and fast-xml-parser runs with entity
 * processing off; the five predefined XML entities and character references are decoded here,
 * in the values that are read, and nothing else is.
 */

const ENTRY_BATCH = 256;
const ARRAYS = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd']);
const META = XMLParser.getMetaDataSymbol();

type XmlNode = Record<string, unknown>;

export interface Camt053Options {
  /** Called every 1,000 entries and at the end, for a progress bar. */
  onProgress?: (progress: { entries: number; totalEntries: number }) => void;
}

/**
 * Reads every statement (`<Stmt>`) of a camt.053 file. Entries are parsed one at a time (the
 * document is first read without them, then each `<Ntry>` on its own), which keeps a file with
 * a year of entries from becoming one huge object tree: fast-xml-parser spends most of its
 * time collecting garbage on large trees.
 */
export function parseCamt053(xml: string | Uint8Array, options: Camt053Options = {}): Statement[] {
  const text = decodeXml(xml).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new StatementError('the file is empty');
  const lines = new LineIndex(text);

  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype !== null) {
    throw new StatementError(
      'XML with a DOCTYPE is refused (external entities): a DOCTYPE can declare entities that read local files or expand without bound, and camt.053 never needs one',
      lines.lineAt(doctype.index),
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw malformed(valid.err, text);

  // The document without its entries: each <Ntry>…</Ntry> becomes <Ntry i="n"/> followed by
  // the line breaks it held, so that line numbers stay those of the file.
  const regions = findEntries(text);
  const skeletonParts: string[] = [];
  let previous = 0;
  regions.forEach((region, index) => {
    skeletonParts.push(text.slice(previous, region.start), `<Ntry i="${index}"/>`, '\n'.repeat(countNewlines(text, region.start, region.end)));
    previous = region.end;
  });
  skeletonParts.push(text.slice(previous));
  const skeleton = skeletonParts.join('');

  const root = parser(true).parse(skeleton) as XmlNode;
  const document = node(root.Document);
  const container = node(document?.BkToCstmrStmt);
  if (container === undefined) {
    const other = document === undefined ? undefined : Object.keys(document).find((key) => key.startsWith('BkToCstmr'));
    throw new StatementError(
      other === undefined
        ? 'not a camt.053 statement: expected <Document><BkToCstmrStmt>'
        : `not a camt.053 statement: the document holds <${other}> (a camt.052 report or camt.054 notification?), expected <BkToCstmrStmt>`,
    );
  }
  const statements = list(container.Stmt);
  if (statements.length === 0) throw new StatementError('the file holds no statement (<Stmt>)');
  // Entries are parsed in batches: one parser call per entry costs more than the entry itself,
  // one call for the whole file builds a tree too large to collect cheaply.
  const entryParser = parser(false);
  const progress = { entries: 0, totalEntries: regions.length };
  let batchNumber = -1;
  let batch: unknown[] = [];
  const readEntryAt = (placeholder: XmlNode): { entry: XmlNode; line: number } => {
    const index = Number(attribute(placeholder, 'i'));
    const region = regions[index] as EntryRegion;
    if (Math.floor(index / ENTRY_BATCH) !== batchNumber) {
      batchNumber = Math.floor(index / ENTRY_BATCH);
      const parts = regions.slice(batchNumber * ENTRY_BATCH, (batchNumber + 1) * ENTRY_BATCH).map((each) => text.slice(each.start, each.end));
      const parsed = node((entryParser.parse(`<Batch>${parts.join('')}</Batch>`) as XmlNode).Batch);
      batch = Array.isArray(parsed?.Ntry) ? parsed.Ntry : [];
    }
    return { entry: node(batch[index % ENTRY_BATCH]) ?? {}, line: lines.lineAt(region.start) };
  };
  const afterEntry = () => {
    progress.entries++;
    if (progress.entries % 1000 === 0) options.onProgress?.(progress);
  };
  const skeletonLines = new LineIndex(skeleton);
  const result = statements.map((statement) => readStatement(statement, skeletonLines, readEntryAt, afterEntry));
  options.onProgress?.(progress);
  return result;
}

function parser(captureMetaData: boolean): XMLParser {
  return new XMLParser({
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData,
    jPath: false,
    isArray: (name: string) => ARRAYS.has(name),
  });
}

function readStatement(
  stmt: XmlNode,
  lines: LineIndex,
  readEntryAt: (placeholder: XmlNode) => { entry: XmlNode; line: number },
  afterEntry: () => void,
): Statement {
  const line = lines.lineOf(stmt);
  const warnings: string[] = [];
  const acct = node(stmt.Acct);
  const identification = readAccountId(node(acct?.Id));
  const servicer = node(node(acct?.Svcr)?.FinInstnId);
  const balances = list(stmt.Bal);
  const placeholders = list(stmt.Ntry);
  const currency =
    textOf(acct?.Ccy) ?? attribute(node(balances[0]?.Amt), 'Ccy') ?? (placeholders[0] === undefined ? undefined : attribute(node(readEntryAt(placeholders[0]).entry.Amt), 'Ccy'));
  if (currency === undefined) throw new StatementError('the statement gives no currency (Acct/Ccy, or Ccy of a balance)', line);
  if (currencyMinorDigits(currency) === undefined) throw new StatementError(`the account currency ${JSON.stringify(currency)} is not an ISO 4217 code`, line);

  const account: StatementAccount = { ...identification, currency };
  const bic = textOf(servicer?.BICFI) ?? textOf(servicer?.BIC);
  if (bic !== undefined) account.bic = bic;
  const holder = partyName(node(acct?.Ownr));
  if (holder !== undefined) account.holder = holder;
  const bank = textOf(servicer?.Nm);
  if (bank !== undefined) account.bank = bank;

  const statement: Statement = { format: 'camt053', account, line, transactions: [], warnings };
  const id = textOf(stmt.Id);
  if (id !== undefined) statement.statementId = id;

  const byCode = new Map<string, StatementBalance>();
  for (const balance of balances) {
    const code = textOf(node(node(balance.Tp)?.CdOrPrtry)?.Cd);
    if (code === undefined || byCode.has(code)) continue;
    byCode.set(code, readBalance(balance, lines));
  }
  const opening = byCode.get('OPBD') ?? byCode.get('PRCD');
  if (opening !== undefined) statement.openingBalance = opening;
  const closing = byCode.get('CLBD');
  if (closing !== undefined) statement.closingBalance = closing;

  for (const placeholder of placeholders) {
    const { entry, line: entryLine } = readEntryAt(placeholder);
    afterEntry();
    const status = textOf(entry.Sts) ?? textOf(node(entry.Sts)?.Cd) ?? textOf(node(entry.Sts)?.Prtry);
    if (status !== undefined && status !== 'BOOK') {
      warnings.push(`The entry at line ${entryLine} has status ${status}, not booked: it was left out.`);
      continue;
    }
    for (const transaction of readEntry(entry, entryLine, warnings)) statement.transactions.push(transaction);
  }
  return statement;
}

function readBalance(balance: XmlNode, lines: LineIndex): StatementBalance {
  const line = lines.lineOf(balance);
  const { amountMinor } = readAmount(balance.Amt, textOf(balance.CdtDbtInd), line, 'balance');
  const date = readDate(node(balance.Dt));
  if (date === undefined) throw new StatementError('the balance has no valid date (Dt/Dt or Dt/DtTm)', line);
  return { amountMinor, date };
}

function readEntry(entry: XmlNode, line: number, warnings: string[]): StatementTransaction[] {
  const indicator = textOf(entry.CdtDbtInd);
  const { amountMinor, currency } = readAmount(entry.Amt, indicator, line, 'entry');
  const bookingDate = readDate(node(entry.BookgDt)) ?? readDate(node(entry.ValDt));
  if (bookingDate === undefined) throw new StatementError('the entry has no valid booking date (BookgDt/Dt or BookgDt/DtTm)', line);
  const valueDate = readDate(node(entry.ValDt));
  const reversal = /^(true|1)$/.test(textOf(entry.RvslInd) ?? '');
  const entryId = textOf(entry.AcctSvcrRef) ?? textOf(entry.NtryRef);
  const details = list(entry.NtryDtls).flatMap((each) => list(each.TxDtls));
  const base: StatementTransaction = { line, bookingDate, amountMinor, currency };
  if (valueDate !== undefined) base.valueDate = valueDate;
  if (entryId !== undefined) base.entryId = entryId;
  if (reversal) base.reversal = true;
  const entryInfo = textOf(entry.AddtlNtryInf);

  if (details.length <= 1) {
    const transaction = { ...base };
    if (details[0] !== undefined) applyDetails(transaction, details[0]);
    if (transaction.description === undefined && entryInfo !== undefined) transaction.description = entryInfo;
    return [transaction];
  }
  // A batch: one transaction per TxDtls when their amounts add up to the entry's, so that each
  // payment keeps its own counterparty; otherwise the entry as one transaction.
  const parts = details.map((detail) => {
    const raw = detail.Amt ?? node(node(detail.AmtDtls)?.TxAmt)?.Amt;
    if (attribute(node(raw), 'Ccy') !== currency) return undefined;
    try {
      return readAmount(raw, textOf(detail.CdtDbtInd) ?? indicator, line, 'transaction').amountMinor;
    } catch {
      return undefined;
    }
  });
  if (parts.every((part) => part !== undefined) && parts.reduce((sum: number, part) => sum + (part as number), 0) === amountMinor) {
    return details.map((detail, index) => {
      const transaction: StatementTransaction = { ...base, amountMinor: parts[index] as number };
      if (entryId !== undefined) transaction.entryId = `${entryId}/${index + 1}`;
      applyDetails(transaction, detail);
      return transaction;
    });
  }
  warnings.push(`The batch entry at line ${line} holds ${details.length} payments whose amounts do not add up to it: it was kept as one transaction.`);
  return [{ ...base, description: entryInfo ?? `batch of ${details.length} payments` }];
}

function applyDetails(transaction: StatementTransaction, detail: XmlNode): void {
  const refs = node(detail.Refs);
  const endToEnd = textOf(refs?.EndToEndId);
  const creditorReference = textOf(node(node(node(detail.RmtInf)?.Strd)?.CdtrRefInf)?.Ref);
  const reference = endToEnd !== undefined && endToEnd.toUpperCase() !== 'NOTPROVIDED' ? endToEnd : creditorReference;
  if (reference !== undefined) transaction.reference = reference;
  if (transaction.entryId === undefined) {
    const id = textOf(refs?.AcctSvcrRef) ?? textOf(refs?.TxId);
    if (id !== undefined) transaction.entryId = id;
  }
  // The other side: who was paid for a debit, who paid for a credit.
  const side = transaction.amountMinor < 0 ? 'Cdtr' : 'Dbtr';
  const parties = node(detail.RltdPties);
  const name = partyName(node(parties?.[side])) ?? partyName(node(parties?.[`Ultmt${side}`]));
  if (name !== undefined) transaction.counterpartyName = name;
  const account = readAccountId(node(node(parties?.[`${side}Acct`])?.Id));
  const accountId = account.iban ?? account.number;
  if (accountId !== undefined) transaction.counterpartyAccount = accountId;
  const agent = node(node(node(detail.RltdAgts)?.[`${side}Agt`])?.FinInstnId);
  const bic = textOf(agent?.BICFI) ?? textOf(agent?.BIC);
  if (bic !== undefined) transaction.counterpartyBic = bic;
  const lines = node(detail.RmtInf)?.Ustrd;
  const unstructured = (Array.isArray(lines) ? lines : [lines])
    .map((part) => textOf(part))
    .filter((part): part is string => part !== undefined);
  const description = unstructured.length > 0 ? unstructured.join(' ') : textOf(detail.AddtlTxInf);
  if (description !== undefined) transaction.description = description;
}

function readAmount(amount: unknown, indicator: string | undefined, line: number, what: string): { amountMinor: number; currency: string } {
  const value = textOf(amount);
  const currency = attribute(node(amount), 'Ccy');
  if (value === undefined || currency === undefined) throw new StatementError(`the ${what} has no amount with a currency (Amt Ccy="…")`, line);
  const digits = currencyMinorDigits(currency);
  if (digits === undefined) throw new StatementError(`the ${what}'s currency ${JSON.stringify(currency)} is not an ISO 4217 code`, line);
  const minor = decimalToMinor(value, digits);
  if (typeof minor === 'string') throw new StatementError(`the ${what}'s amount ${JSON.stringify(value)} ${minor} (${currency} has ${digits} decimals)`, line);
  if (indicator !== 'CRDT' && indicator !== 'DBIT') {
    throw new StatementError(`the ${what}'s CdtDbtInd must be CRDT or DBIT, got ${JSON.stringify(indicator ?? '')}`, line);
  }
  return { amountMinor: indicator === 'DBIT' && minor !== 0 ? -minor : minor, currency };
}

function readDate(holder: XmlNode | undefined): string | undefined {
  const text = textOf(holder?.Dt) ?? textOf(holder?.DtTm);
  return text === undefined ? undefined : isoDate(text);
}

function readAccountId(id: XmlNode | undefined): { iban?: string; number?: string } {
  const iban = textOf(id?.IBAN);
  if (iban !== undefined) return { iban: iban.replace(/\s/g, '').toUpperCase() };
  const other = textOf(node(id?.Othr)?.Id);
  if (other === undefined) return {};
  return readAccountIdentification(other);
}

function partyName(party: XmlNode | undefined): string | undefined {
  return textOf(party?.Nm) ?? textOf(node(party?.Pty)?.Nm);
}

// --- XML values -------------------------------------------------------------------------

function node(value: unknown): XmlNode | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === 'object' && single !== null ? (single as XmlNode) : undefined;
}

function list(value: unknown): XmlNode[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((each): each is XmlNode => typeof each === 'object' && each !== null);
}

/** Element text (attributes or not), entities decoded, trimmed; undefined when absent or empty. */
function textOf(value: unknown): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  if (typeof single === 'string') {
    const text = decodeEntities(single).trim();
    return text === '' ? undefined : text;
  }
  if (typeof single === 'object' && single !== null) return textOf((single as XmlNode)['#text']);
  return undefined;
}

function attribute(value: XmlNode | undefined, name: string): string | undefined {
  const raw = value?.[`@${name}`];
  return typeof raw === 'string' ? decodeEntities(raw).trim() : undefined;
}

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

// --- Text, lines and errors ------------------------------------------------------------

function decodeXml(xml: string | Uint8Array): string {
  if (typeof xml === 'string') {
    assertNoReplacementCharacters(xml);
    return xml;
  }
  if (detectBom(xml) !== undefined) return decodeBytes(xml);
  // Without a BOM the declaration names the encoding; ISO 20022 says UTF-8.
  const head = new TextDecoder('windows-1252').decode(xml.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  let encoding: TextEncodingName = 'utf-8';
  if (declared !== undefined && /^(iso-?8859-1|latin-?1|windows-1252|cp1252)$/.test(declared)) encoding = 'windows-1252';
  else if (declared !== undefined && !/^utf-?8$/.test(declared)) throw new StatementError(`the XML declares the encoding ${JSON.stringify(declared)}, which is not supported (UTF-8, UTF-16 with a BOM, ISO-8859-1)`, 1);
  return decodeBytes(xml, encoding);
}

interface EntryRegion {
  start: number;
  end: number;
}

/**
 * Where each `<Ntry>` element (any namespace prefix) starts and ends, skipping comments, CDATA
 * sections and processing instructions, and `>` inside attribute values. Run on validated XML
 * only. Entries do not nest.
 */
function findEntries(text: string): EntryRegion[] {
  const regions: EntryRegion[] = [];
  const n = text.length;
  let open = -1;
  let i = text.indexOf('<');
  while (i >= 0 && i < n) {
    const skipTo = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : text.startsWith('<?', i) ? '?>' : text.startsWith('<!', i) ? '>' : '';
    if (skipTo !== '') {
      const end = text.indexOf(skipTo, i + 2);
      if (end < 0) break;
      i = text.indexOf('<', end + skipTo.length);
      continue;
    }
    const closing = text.charCodeAt(i + 1) === 47;
    let j = i + 1;
    let quote = 0;
    for (; j < n; j++) {
      const code = text.charCodeAt(j);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === 34 || code === 39) quote = code;
      else if (code === 62) break;
    }
    const nameStart = i + (closing ? 2 : 1);
    let nameEnd = nameStart;
    for (let code = text.charCodeAt(nameEnd); nameEnd < j && code > 32 && code !== 47 && code !== 62; code = text.charCodeAt(++nameEnd));
    const name = text.slice(nameStart, nameEnd);
    if (name === 'Ntry' || name.endsWith(':Ntry')) {
      if (closing) {
        if (open >= 0) regions.push({ start: open, end: j + 1 });
        open = -1;
      } else if (text.charCodeAt(j - 1) === 47) {
        regions.push({ start: i, end: j + 1 });
      } else {
        open = i;
      }
    }
    i = text.indexOf('<', j + 1);
  }
  return regions;
}

function countNewlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

class LineIndex {
  private breaks: number[] | undefined;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    if (this.breaks === undefined) {
      this.breaks = [];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.breaks.push(i);
    }
    let low = 0;
    let high = this.breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.breaks[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  }

  lineOf(element: XmlNode): number {
    const meta = (element as Record<symbol, { startIndex?: number } | undefined>)[META as symbol];
    return meta?.startIndex === undefined ? 0 : this.lineAt(meta.startIndex);
  }
}

function malformed(error: { code: string; msg: string; line: number; col: number }, text: string): StatementError {
  const unclosed = /^Invalid '\[(.*)\]' found/s.exec(error.msg);
  if (unclosed !== null || (error.code === 'InvalidXml' && /unclosed|end/i.test(error.msg))) {
    let open = '';
    try {
      const names = JSON.parse(`[${unclosed?.[1] ?? ''}]`) as string[];
      if (names.length > 0) open = ` (<${names.map((name) => name.replace(/^.*:/, '')).join('> <')}> never closed)`;
    } catch {
      // The list is only for the message.
    }
    const lastLine = text.split('\n').length;
    return new StatementError(`the XML ends before its elements are closed${open}: the file looks truncated`, lastLine);
  }
  return new StatementError(`not well-formed XML (column ${error.col}): ${error.msg}`, error.line);
}
