import crypto from 'node:crypto';
import { sql } from 'kysely';
import { currencyMinorDigits, formatMinor } from '@focal/core';
import type { TTracingWarning } from '@focal/shared';
import type { Db } from '../../context.js';
import { badRequest } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { visibleTo } from '../cases/service.js';

/**
 * The countries that may see everything an analysis was computed from: the intersection, over
 * every item read, of {its provider} ∪ its reach (an item with no reach limits nothing). A
 * saved analysis carries it, so it reaches no one who could not see its sources.
 */
export class ReachSet {
  private allowed: Set<string> | null = null;

  add(owner: string, reach: readonly string[] | null): void {
    if (reach === null) return;
    const item = new Set([owner, ...reach]);
    this.allowed = this.allowed === null ? item : new Set([...this.allowed].filter((country) => item.has(country)));
  }

  /** NULL (every participant) or the countries; `owner` (the caller's country, who saw it all) always in. */
  toColumn(owner: string): string[] | null {
    if (this.allowed === null) return null;
    return [...new Set([owner, ...this.allowed])].sort();
  }
}

/** One transaction of the ledger, in the order the engine receives them. */
export interface LedgerRow {
  id: string;
  /** The statement row it was read from; null for the opening overdraft the ledger adds. */
  statementId: number | null;
  date: string;
  from: string;
  to: string;
  amountMinor: number;
}

/** What is known of a party of the ledger before its entities are looked up. */
export interface PartySource {
  id: string;
  internal: boolean;
  /** The BankAccount entity of an account whose statement is in the case. */
  accountEntityId: string | null;
  /** The compact IBAN or account number, when the statement gives one. */
  identifier: string | null;
  /** Counterparty names the statements give it, with how often. */
  names: Map<string, number>;
}

export interface CaseLedger {
  currency: string;
  minorUnits: number;
  /** Internal accounts with their opening balance (never negative: see `opening_overdrawn`). */
  accounts: { id: string; openingMinor: number }[];
  rows: LedgerRow[];
  /** Ledger transaction id → index in `rows`. */
  rowIndex: Map<string, number>;
  /** Every statement row of the ledger's currency the caller can see → the ledger transaction standing for it. */
  byStatementRow: Map<number, string>;
  parties: Map<string, PartySource>;
  statements: { importId: string; account: string; format: string; transactions: number; sha256: string | null }[];
  warnings: TTracingWarning[];
  version: string;
  reach: ReachSet;
}

/** The party the ledger adds for an account whose statement opens overdrawn: the bank that lent it. */
export const OPENING_OVERDRAFT_PARTY = '(opening overdraft)';
const UNKNOWN_COUNTERPARTY = '(unknown counterparty)';
const WARNING_ITEMS = 20;

/** As the statements module stores account identifiers: no spaces, capitals. */
export const compactAccount = (id: string) => id.replace(/\s+/g, '').toUpperCase();

/**
 * The currency of the seed rows the caller can see; a seed that is missing, hidden from the
 * caller or in another currency than the others is refused.
 */
export async function seedCurrency(trx: Db, actor: Actor, caseId: string, seeds: readonly number[]): Promise<string> {
  const rows = await trx
    .selectFrom('statement_transactions as t')
    .innerJoin('entities as e', 'e.id', 't.payment_entity')
    .select(['t.id', 't.currency'])
    .where('t.case_id', '=', caseId)
    .where('t.id', 'in', [...seeds])
    .where(visibleTo(actor, 'e.reach', 'e.owner_country'))
    .execute();
  if (rows.length !== new Set(seeds).size) throw badRequest('validation_failed', 'Some seed transactions are not statement rows of this case.', { seeds: 'unknown' });
  const currencies = [...new Set(rows.map((r) => r.currency))];
  if (currencies.length !== 1) throw badRequest('validation_failed', `The seeds are in several currencies (${currencies.join(', ')}): trace one currency at a time.`, { seeds: 'mixed_currencies' });
  return currencies[0]!;
}

/**
 * The ledger of a case in one currency, from the statement rows the caller may see (a row is
 * seen with its Payment entity, under the provider's conditions, like every other case read).
 *
 * - Each account whose statement was imported is internal; every counterparty that is not such
 *   an account is external (a final destination).
 * - A transfer seen in both accounts' statements and confirmed as one counts once: the payer's
 *   row stands for both. A pair still only suggested counts twice and is reported.
 * - An account's opening balance is the one of its earliest statement; an overdrawn opening
 *   becomes a first withdrawal to the bank, so later deposits repay it (the spec's overdraft).
 * - Rows are ordered by booking date, then as they were imported (the file's order).
 */
export async function buildCaseLedger(trx: Db, actor: Actor, caseId: string, currency: string): Promise<CaseLedger> {
  const minorUnits = currencyMinorDigits(currency) ?? 2;
  const reach = new ReachSet();
  const [imports, rows, otherCurrencies, pairs] = await Promise.all([
    trx.selectFrom('statement_imports').select(['id', 'format', 'account_entity', 'account_label', 'currency', 'opening_minor', 'document_id', 'created_at']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute(),
    trx
      .selectFrom('statement_transactions as t')
      .innerJoin('entities as e', 'e.id', 't.payment_entity')
      .select(['t.id', 't.import_id', 't.booking_date', 't.amount_minor', 't.counterparty_name', 't.counterparty_account', 'e.owner_country', 'e.reach'])
      .where('t.case_id', '=', caseId)
      .where('t.currency', '=', currency)
      .where(visibleTo(actor, 'e.reach', 'e.owner_country'))
      .orderBy('t.booking_date')
      .orderBy('t.id')
      .execute(),
    trx
      .selectFrom('statement_transactions as t')
      .innerJoin('entities as e', 'e.id', 't.payment_entity')
      .select(['t.currency', sql<number>`count(*)`.as('n')])
      .where('t.case_id', '=', caseId)
      .where('t.currency', '!=', currency)
      .where(visibleTo(actor, 'e.reach', 'e.owner_country'))
      .groupBy('t.currency')
      .orderBy('t.currency')
      .execute(),
    trx.selectFrom('transfer_pairs').select(['debit_tx', 'credit_tx', 'status']).where('case_id', '=', caseId).where('status', 'in', ['confirmed', 'suggested']).execute(),
  ]);

  // The accounts whose statements are in the case, one party each (a second statement of the same account joins it).
  const importById = new Map(imports.map((i) => [i.id, i]));
  const partyOfImport = new Map<string, string>();
  const internalByIdentifier = new Map<string, string>();
  const parties = new Map<string, PartySource>();
  const accountKeys = new Map<string, string>();
  for (const imported of imports) {
    const key = imported.account_entity ?? `label:${compactAccount(imported.account_label)}`;
    let id = accountKeys.get(key);
    if (!id) {
      const label = compactAccount(imported.account_label);
      id = label && label !== 'UNKNOWNACCOUNT' ? label : `unknown account ${imported.id.slice(0, 8)}`;
      while (parties.has(id)) id = `${id}′`;
      accountKeys.set(key, id);
      parties.set(id, { id, internal: true, accountEntityId: imported.account_entity, identifier: label || null, names: new Map() });
      if (label) internalByIdentifier.set(label, id);
    }
    partyOfImport.set(imported.id, id);
  }

  const visible = new Map(rows.map((r) => [r.id, r]));
  const confirmedDebitOf = new Map<number, number>();
  const confirmedCreditOf = new Map<number, number>();
  const unconfirmed: string[] = [];
  for (const pair of pairs) {
    const debit = visible.get(pair.debit_tx);
    const credit = visible.get(pair.credit_tx);
    if (!debit || !credit) continue;
    if (pair.status === 'confirmed') {
      confirmedDebitOf.set(pair.credit_tx, pair.debit_tx);
      confirmedCreditOf.set(pair.debit_tx, pair.credit_tx);
    } else {
      unconfirmed.push(`${debit.booking_date} ${formatMinor(Math.abs(debit.amount_minor), minorUnits)} ${currency}`);
    }
  }

  const externalParty = (identifier: string | null, name: string | null): string => {
    const compact = identifier ? compactAccount(identifier) : '';
    const known = compact ? internalByIdentifier.get(compact) : undefined;
    if (known) return known;
    const id = compact || name?.trim() || UNKNOWN_COUNTERPARTY;
    if (!parties.has(id)) parties.set(id, { id, internal: false, accountEntityId: null, identifier: compact || null, names: new Map() });
    return id;
  };

  const ledgerRows: LedgerRow[] = [];
  const byStatementRow = new Map<number, string>();
  const selfTransfers: string[] = [];
  const firstDateOfImport = new Map<string, string>();
  const usedImports = new Set<string>();
  for (const row of rows) {
    if (row.amount_minor === 0) continue;
    // The receiving side of a confirmed pair: the payer's row stands for it.
    if (confirmedDebitOf.has(row.id)) continue;
    const own = partyOfImport.get(row.import_id);
    if (!own) continue;
    const credit = confirmedCreditOf.get(row.id);
    const counterparty = credit !== undefined ? partyOfImport.get(visible.get(credit)!.import_id)! : externalParty(row.counterparty_account, row.counterparty_name);
    if (counterparty === own) {
      selfTransfers.push(`${row.booking_date} ${formatMinor(Math.abs(row.amount_minor), minorUnits)} ${currency}`);
      continue;
    }
    const name = row.counterparty_name?.trim();
    if (name && credit === undefined) {
      const names = parties.get(counterparty)!.names;
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    const out = row.amount_minor < 0;
    const id = `S${row.id}`;
    ledgerRows.push({ id, statementId: row.id, date: row.booking_date, from: out ? own : counterparty, to: out ? counterparty : own, amountMinor: Math.abs(row.amount_minor) });
    byStatementRow.set(row.id, id);
    if (credit !== undefined) {
      byStatementRow.set(credit, id);
      const creditRow = visible.get(credit)!;
      reach.add(creditRow.owner_country, creditRow.reach);
      usedImports.add(creditRow.import_id);
    }
    reach.add(row.owner_country, row.reach);
    usedImports.add(row.import_id);
    if (!firstDateOfImport.has(row.import_id)) firstDateOfImport.set(row.import_id, row.booking_date);
  }

  // Opening balances: each internal account's earliest statement in this currency.
  const openingImport = new Map<string, (typeof imports)[number]>();
  for (const imported of imports) {
    if (imported.currency !== currency) continue;
    const party = partyOfImport.get(imported.id)!;
    const current = openingImport.get(party);
    const first = (i: (typeof imports)[number]) => firstDateOfImport.get(i.id) ?? '9999-12-31';
    if (!current || first(imported) < first(current)) openingImport.set(party, imported);
  }
  const involved = new Set(ledgerRows.flatMap((r) => [r.from, r.to]));
  const accounts: CaseLedger['accounts'] = [];
  const openingUnknown: string[] = [];
  const overdrawn: string[] = [];
  const overdraftRows: LedgerRow[] = [];
  const firstDate = ledgerRows[0]?.date;
  for (const party of parties.values()) {
    if (!party.internal) continue;
    const opening = openingImport.get(party.id);
    if (!opening && !involved.has(party.id)) continue;
    let openingMinor = opening?.opening_minor ?? 0;
    if (opening) usedImports.add(opening.id);
    if (!opening || opening.opening_minor === null) openingUnknown.push(party.id);
    if (openingMinor < 0) {
      overdrawn.push(party.id);
      if (firstDate) overdraftRows.push({ id: `OPENING:${party.id}`, statementId: null, date: firstDate, from: party.id, to: OPENING_OVERDRAFT_PARTY, amountMinor: -openingMinor });
      openingMinor = 0;
    }
    accounts.push({ id: party.id, openingMinor });
  }
  if (overdraftRows.length) parties.set(OPENING_OVERDRAFT_PARTY, { id: OPENING_OVERDRAFT_PARTY, internal: false, accountEntityId: null, identifier: null, names: new Map() });
  const allRows = [...overdraftRows, ...ledgerRows];
  // Parties no row mentions (an account of another currency) are not part of this ledger.
  const mentioned = new Set([...allRows.flatMap((r) => [r.from, r.to]), ...accounts.map((a) => a.id)]);
  for (const id of [...parties.keys()]) if (!mentioned.has(id)) parties.delete(id);

  const rowsPerImport = new Map<string, number>();
  for (const row of rows) rowsPerImport.set(row.import_id, (rowsPerImport.get(row.import_id) ?? 0) + 1);
  const documents = await statementDocuments(trx, actor, [...usedImports].map((id) => importById.get(id)!.document_id).filter((id): id is string => id !== null));
  const statements = [...usedImports]
    .map((id) => importById.get(id)!)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((i) => ({
      importId: i.id,
      account: partyOfImport.get(i.id)!,
      format: i.format,
      transactions: rowsPerImport.get(i.id) ?? 0,
      sha256: (i.document_id && documents.get(i.document_id)) || null,
      hashed: (i.document_id && documents.get(`hash:${i.document_id}`)) || '',
    }));

  const warnings: TTracingWarning[] = [];
  const warn = (code: TTracingWarning['code'], items: string[]) => {
    if (items.length) warnings.push({ code, count: items.length, items: items.slice(0, WARNING_ITEMS) });
  };
  warn('unconfirmed_pairs', unconfirmed);
  warn(
    'other_currencies',
    otherCurrencies.map((c) => `${c.currency} (${Number(c.n)})`),
  );
  warn('opening_unknown', openingUnknown);
  warn('opening_overdrawn', overdrawn);
  warn('self_transfers', selfTransfers);

  const money = (minor: number) => formatMinor(minor, minorUnits);
  const canonical = JSON.stringify({
    format: 'focal-ledger-1',
    currency,
    minor_units: minorUnits,
    accounts: [...accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((a) => ({ id: a.id, opening_balance: money(a.openingMinor) })),
    transactions: allRows.map((r) => ({ id: r.id, date: r.date, from: r.from, to: r.to, amount: money(r.amountMinor) })),
    statements: statements.map((s) => ({ id: s.importId, sha256: s.hashed })),
  });
  const version = crypto.createHash('sha256').update(canonical).digest('hex');

  return {
    currency,
    minorUnits,
    accounts,
    rows: allRows,
    rowIndex: new Map(allRows.map((r, i) => [r.id, i])),
    byStatementRow,
    parties,
    statements: statements.map(({ hashed: _hashed, ...s }) => s),
    warnings,
    version,
    reach,
  };
}

/**
 * The SHA-256 of each statement file (its first version, the one that was read). The version
 * hash takes every file; the caller is shown only those of documents within their reach.
 */
async function statementDocuments(trx: Db, actor: Actor, documentIds: string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (documentIds.length === 0) return result;
  const rows = await trx
    .selectFrom('document_versions as v')
    .innerJoin('case_documents as d', 'd.id', 'v.document_id')
    .select(['v.document_id', 'v.sha256', 'v.version', 'd.owner_country', 'd.reach'])
    .where('v.document_id', 'in', documentIds)
    .orderBy('v.version')
    .execute();
  for (const row of rows) {
    if (result.has(`hash:${row.document_id}`)) continue;
    result.set(`hash:${row.document_id}`, row.sha256);
    if (row.owner_country === actor.country || row.reach === null || row.reach.includes(actor.country)) result.set(row.document_id, row.sha256);
  }
  return result;
}

/** The ledger in the spec's JSON format (what `focal trace` reads), with the seeds as taint. */
export function specLedger(ledger: CaseLedger, seeds: readonly string[], describe?: (id: string) => { holder: string | null; jurisdiction: string | null }) {
  const money = (minor: number) => formatMinor(minor, ledger.minorUnits);
  return {
    currency: ledger.currency,
    minor_units: ledger.minorUnits,
    accounts: ledger.accounts.map((a) => {
      const known = describe?.(a.id);
      return { id: a.id, ...(known?.holder ? { holder: known.holder } : {}), ...(known?.jurisdiction ? { jurisdiction: known.jurisdiction } : {}), opening_balance: money(a.openingMinor) };
    }),
    transactions: ledger.rows.map((r) => ({ id: r.id, date: r.date, from: r.from, to: r.to, amount: money(r.amountMinor) })),
    taint: seeds.map((transaction) => ({ transaction })),
  };
}
