import { normalizeAccountId, sameAccount } from './accounts.js';
import { formatMoney } from './currency.js';
import { parseInstant } from '../tracing/dates.js';
import type { StatementAccount, StatementTransaction } from './types.js';

/**
 * The same transfer seen from both ends: a debit in one account's statement and the credit it
 * became in another's. Importing both statements into a case would otherwise count the money
 * twice; the server shows these pairs for the user to confirm (one transfer) or split (two
 * unrelated movements).
 */
export interface TransferSource {
  /** The caller's id for this statement or account; pairs refer to it. */
  accountKey: string;
  /** The statement's own account: its IBAN and number are what the other side's counterparty account is compared with. */
  account?: Pick<StatementAccount, 'iban' | 'number' | 'holder'>;
  transactions: readonly StatementTransaction[];
}

export interface TransactionRef {
  accountKey: string;
  /** Position in that source's transactions. */
  index: number;
  line: number;
}

export interface TransferPair {
  debit: TransactionRef;
  credit: TransactionRef;
  /** The amount moved (positive minor units). */
  amountMinor: number;
  currency: string;
  /** Credit date − debit date. */
  daysApart: number;
  /**
   * 0–1: 0.3 for amount and dates, 0.4 for the first link (an account or the reference) and
   * 0.15 for each further one, 0.05 when a name matches the other holder, 0.03 less per day apart.
   */
  confidence: number;
  /** Why, in sentences for the user. */
  reasons: string[];
  /** The links found, as codes (for an interface that words them in the user's language). */
  links: TransferLink[];
}

/**
 * What ties a debit to a credit besides amount and dates: the debit's counterparty account is
 * the credit's account, the credit's counterparty account is the debit's account, both carry
 * the same reference, or a counterparty's name matches the other account's holder.
 */
export type TransferLink = 'debit_counterparty_account' | 'credit_counterparty_account' | 'reference' | 'holder_name';

export interface TransferPairOptions {
  /** The largest gap between the debit's and the credit's booking dates. Default 3 days. */
  dateWindowDays?: number;
}

interface Indexed {
  source: TransferSource;
  ids: string[];
  index: number;
  transaction: StatementTransaction;
  day: number;
}

const DAY = 86_400_000;

/**
 * Finds the debit/credit pairs across different accounts: same currency, same absolute
 * amount, booking dates within the window, and at least one link between them: the debit's
 * counterparty account is the credit's account, the credit's counterparty account is the
 * debit's account, or both carry the same reference (end-to-end id). Each transaction is
 * paired at most once, the most confident pairs first; the result is sorted by confidence.
 */
export function findTransferPairs(sources: readonly TransferSource[], options: TransferPairOptions = {}): TransferPair[] {
  const window = options.dateWindowDays ?? 3;
  const credits = new Map<string, Indexed[]>();
  const debits: Indexed[] = [];
  for (const source of sources) {
    const ids = [source.account?.iban, source.account?.number].filter((id): id is string => id !== undefined && id.trim() !== '');
    source.transactions.forEach((transaction, index) => {
      const instant = parseInstant(transaction.bookingDate);
      if (instant === null || transaction.amountMinor === 0) return;
      const entry = { source, ids, index, transaction, day: Math.floor(instant.epochMillis / DAY) };
      if (transaction.amountMinor < 0) debits.push(entry);
      else {
        const key = bucket(transaction.currency, transaction.amountMinor);
        const list = credits.get(key);
        if (list === undefined) credits.set(key, [entry]);
        else list.push(entry);
      }
    });
  }
  for (const list of credits.values()) list.sort((a, b) => a.day - b.day);

  const candidates: TransferPair[] = [];
  for (const debit of debits) {
    const list = credits.get(bucket(debit.transaction.currency, -debit.transaction.amountMinor));
    if (list === undefined) continue;
    for (let i = firstFrom(list, debit.day - window); i < list.length; i++) {
      const credit = list[i] as Indexed;
      if (credit.day > debit.day + window) break;
      const pair = assess(debit, credit);
      if (pair !== undefined) candidates.push(pair);
    }
  }
  candidates.sort(
    (a, b) =>
      b.confidence - a.confidence ||
      Math.abs(a.daysApart) - Math.abs(b.daysApart) ||
      a.debit.accountKey.localeCompare(b.debit.accountKey) ||
      a.debit.index - b.debit.index ||
      a.credit.accountKey.localeCompare(b.credit.accountKey) ||
      a.credit.index - b.credit.index,
  );
  const usedDebits = new Set<string>();
  const usedCredits = new Set<string>();
  const pairs: TransferPair[] = [];
  for (const candidate of candidates) {
    const debitKey = `${candidate.debit.accountKey}\u0000${candidate.debit.index}`;
    const creditKey = `${candidate.credit.accountKey}\u0000${candidate.credit.index}`;
    if (usedDebits.has(debitKey) || usedCredits.has(creditKey)) continue;
    usedDebits.add(debitKey);
    usedCredits.add(creditKey);
    pairs.push(candidate);
  }
  return pairs;
}

function bucket(currency: string, amountMinor: number): string {
  return `${currency}:${amountMinor}`;
}

function firstFrom(list: Indexed[], day: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] as Indexed).day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

function assess(debit: Indexed, credit: Indexed): TransferPair | undefined {
  if (debit.source === credit.source || debit.source.accountKey === credit.source.accountKey) return undefined;
  // Two statements of one account (overlapping periods) hold duplicates, not transfers.
  if (debit.ids.some((a) => credit.ids.some((b) => sameAccount(a, b)))) return undefined;
  const d = debit.transaction;
  const c = credit.transaction;
  const reasons: string[] = [];
  const found: TransferLink[] = [];
  let links = 0;
  const link = (kind: TransferLink) => {
    found.push(kind);
    return links++ === 0 ? 0.4 : 0.15;
  };
  let confidence = 0.3;
  const daysApart = credit.day - debit.day;
  reasons.push(`same amount, ${formatMoney(c.amountMinor, c.currency)}`);
  reasons.push(
    daysApart === 0
      ? `booked the same day (${d.bookingDate})`
      : `booked ${Math.abs(daysApart)} day${Math.abs(daysApart) === 1 ? '' : 's'} apart (${d.bookingDate} and ${c.bookingDate})`,
  );
  const debitTarget = d.counterpartyAccount !== undefined ? credit.ids.find((id) => sameAccount(d.counterpartyAccount as string, id)) : undefined;
  if (debitTarget !== undefined) {
    confidence += link('debit_counterparty_account');
    reasons.push(`the debit's counterparty account ${d.counterpartyAccount} is the account ${normalizeAccountId(debitTarget)} of the other statement`);
  }
  const creditSource = c.counterpartyAccount !== undefined ? debit.ids.find((id) => sameAccount(c.counterpartyAccount as string, id)) : undefined;
  if (creditSource !== undefined) {
    confidence += link('credit_counterparty_account');
    reasons.push(`the credit's counterparty account ${c.counterpartyAccount} is the account ${normalizeAccountId(creditSource)} of the other statement`);
  }
  const reference = d.reference?.trim();
  if (reference !== undefined && reference.length >= 4 && reference.toUpperCase() === c.reference?.trim().toUpperCase()) {
    confidence += link('reference');
    reasons.push(`same reference ${reference}`);
  }
  if (links === 0) return undefined;
  const debitHolder = debit.source.account?.holder;
  const creditHolder = credit.source.account?.holder;
  if ((d.counterpartyName !== undefined && creditHolder !== undefined && similarNames(d.counterpartyName, creditHolder)) || (c.counterpartyName !== undefined && debitHolder !== undefined && similarNames(c.counterpartyName, debitHolder))) {
    confidence += 0.05;
    found.push('holder_name');
    reasons.push('the counterparty name matches the other account holder');
  }
  confidence -= 0.03 * Math.abs(daysApart);
  return {
    debit: { accountKey: debit.source.accountKey, index: debit.index, line: d.line },
    credit: { accountKey: credit.source.accountKey, index: credit.index, line: c.line },
    amountMinor: c.amountMinor,
    currency: c.currency,
    daysApart,
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    reasons,
    links: found,
  };
}

function nameWords(name: string): Set<string> {
  return new Set(
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 1),
  );
}

/** Half or more of the shorter name's words are in the other. */
function similarNames(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.size === 0 || y.size === 0) return false;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared * 2 >= Math.min(x.size, y.size);
}
