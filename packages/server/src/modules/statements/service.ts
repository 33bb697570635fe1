import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  StatementError,
  checkBalance,
  findTransferPairs,
  formatMinor,
  currencyMinorDigits,
  isValidIban,
  parseCamt053,
  parseMt940,
  readCsvStatement,
  type CsvFormat,
  type Statement,
  type StatementAccount,
  type StatementTransaction,
} from '@focal/core';
import type { AppContext, Db } from '../../context.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { authorize, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { insertEntities, newFtmId } from '../cases/entities.js';
import { memberAccess, recordEvent } from '../cases/service.js';
import { uploadDocument } from '../cases/documents.js';
import { reindexEntities } from '../matching/index-keys.js';

export type StatementFormat = 'csv' | 'camt053' | 'mt940';

export interface StatementUpload {
  format: StatementFormat;
  fileName: string;
  declaredLength: number | null;
  source: Readable;
  /** For CSV: the confirmed layout and the statement's own account (a CSV does not say it). */
  csv?: { format: CsvFormat; account: StatementAccount };
}

const PROVENANCE = { handlingCode: 'H0', conditions: '', evaluationSource: 'A', evaluationInfo: 1, reach: null };
const accountLabel = (account: { iban?: string | undefined; number?: string | undefined }) => account.iban ?? account.number ?? '';

/**
 * Imports a bank statement into a case: the file is kept as evidence (encrypted, SHA-256,
 * audited), then read; its account and the counterparties become BankAccount and LegalEntity
 * entities and each transaction a Payment, all in one transaction with the balance check —
 * a mismatch is recorded and shown, never hidden. A file that cannot be read is refused with
 * the reason and the line, and nothing of it is kept.
 */
export async function importStatement(ctx: AppContext, actor: Actor, caseId: string, upload: StatementUpload, info: RequestInfo) {
  const access = await memberAccess(ctx.db, actor, caseId);
  authorize(actor, 'contribute', 'case', access);
  if (upload.format === 'csv' && !upload.csv) throw badRequest('validation_failed', 'A CSV statement needs its confirmed layout and account.', { options: 'required' });
  const documentId = await uploadDocument(
    ctx,
    actor,
    { caseId, title: `Bank statement: ${upload.fileName}`.slice(0, 300), fileName: upload.fileName, declaredLength: upload.declaredLength, source: upload.source },
    info,
  );
  let statements: Statement[];
  let rowErrors: { line: number; message: string }[] = [];
  try {
    const version = await ctx.db.selectFrom('document_versions').select('blob_id').where('document_id', '=', documentId).executeTakeFirstOrThrow();
    const bytes = await ctx.blobs.read(ctx.db, version.blob_id);
    if (upload.format === 'camt053') statements = parseCamt053(bytes);
    else if (upload.format === 'mt940') statements = parseMt940(bytes);
    else {
      const result = await readCsvStatement([bytes], { ...upload.csv!.format, account: upload.csv!.account });
      statements = [result.statement];
      rowErrors = result.errors.slice(0, 100).map((e) => ({ line: e.line, message: e.message }));
    }
    if (statements.length === 0 || statements.every((s) => s.transactions.length === 0 && !s.openingBalance)) throw new StatementError('The file holds no statement.');
  } catch (error) {
    await discardDocument(ctx, documentId);
    if (error instanceof StatementError) throw new AppError(400, 'statement_invalid', error.message, { fields: { file: error.line ? `line ${error.line}` : 'unreadable' } });
    throw error;
  }

  return ctx.db.transaction().execute(async (trx) => {
    const imports: string[] = [];
    for (const statement of statements) imports.push(await storeStatement(ctx, trx, actor, caseId, documentId, statement, rowErrors));
    const paired = await suggestTransferPairs(trx, caseId);
    await recordEvent(ctx, trx, caseId, actor, 'statement_imported', { documentId, statements: statements.length, transactions: statements.reduce((n, s) => n + s.transactions.length, 0), pairs: paired });
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'statement.imported',
      targetType: 'case',
      targetId: caseId,
      country: actor.country,
      details: { documentId, format: upload.format, statements: statements.length },
    });
    return imports;
  });
}

async function discardDocument(ctx: AppContext, documentId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const versions = await trx.selectFrom('document_versions').select('blob_id').where('document_id', '=', documentId).execute();
    await trx.deleteFrom('case_documents').where('id', '=', documentId).execute();
    await ctx.blobs.remove(
      trx,
      versions.map((v) => v.blob_id),
    );
  });
}

async function storeStatement(ctx: AppContext, trx: Db, actor: Actor, caseId: string, documentId: string, statement: Statement, rowErrors: { line: number; message: string }[]) {
  const provider = { country: actor.country, userId: actor.id };
  const digits = currencyMinorDigits(statement.account.currency) ?? 2;
  // The case's accounts already known by IBAN or number, so a second statement joins them.
  const wanted = [accountLabel(statement.account), ...statement.transactions.map((t) => t.counterpartyAccount ?? '')].map(compact).filter(Boolean);
  const known = new Map<string, string>();
  if (wanted.length) {
    const rows = await trx
      .selectFrom('entity_values as v')
      .innerJoin('entities as e', 'e.id', 'v.entity_id')
      .select(['e.ftm_id', 'v.value'])
      .where('e.case_id', '=', caseId)
      .where('e.schema', '=', 'BankAccount')
      .where('v.prop', 'in', ['iban', 'accountNumber'])
      .where('v.value', 'in', [...new Set(wanted)])
      .execute();
    for (const row of rows) known.set(compact(row.value), row.ftm_id);
  }
  const created: { id: string; schema: string; properties: Record<string, string[]> }[] = [];
  const holders = new Map<string, string>();
  const accountFtm = (id: string | undefined, currency: string, bank?: string) => {
    const key = compact(id ?? '');
    if (!key) return undefined;
    let ftm = known.get(key);
    if (!ftm) {
      ftm = newFtmId();
      known.set(key, ftm);
      created.push({ id: ftm, schema: 'BankAccount', properties: { ...(isValidIban(key) ? { iban: [key] } : { accountNumber: [key] }), currency: [currency], ...(bank ? { bankName: [bank] } : {}) } });
    }
    return ftm;
  };
  const holderFtm = (name: string | undefined, account: string | undefined) => {
    const label = name?.trim() || (account ? `Holder of ${compact(account)}` : 'Unknown party');
    let ftm = holders.get(label);
    if (!ftm) {
      ftm = newFtmId();
      holders.set(label, ftm);
      created.push({ id: ftm, schema: 'LegalEntity', properties: { name: [label] } });
    }
    return ftm;
  };
  const ownAccount = accountFtm(accountLabel(statement.account), statement.account.currency, statement.account.bank);
  const ownHolder = holderFtm(statement.account.holder, accountLabel(statement.account));
  const payments = statement.transactions.map((t) => {
    const otherAccount = accountFtm(t.counterpartyAccount, t.currency);
    const otherHolder = holderFtm(t.counterpartyName, t.counterpartyAccount);
    const out = t.amountMinor < 0;
    const properties: Record<string, string[]> = {
      payer: [out ? ownHolder : otherHolder],
      beneficiary: [out ? otherHolder : ownHolder],
      amount: [formatMinor(Math.abs(t.amountMinor), currencyMinorDigits(t.currency) ?? digits)],
      currency: [t.currency],
      date: [t.bookingDate],
    };
    const payerAccount = out ? ownAccount : otherAccount;
    const beneficiaryAccount = out ? otherAccount : ownAccount;
    if (payerAccount) properties.payerAccount = [payerAccount];
    if (beneficiaryAccount) properties.beneficiaryAccount = [beneficiaryAccount];
    if (t.description) properties.purpose = [t.description.slice(0, 4000)];
    if (t.reference ?? t.entryId) properties.transactionNumber = [(t.reference ?? t.entryId)!.slice(0, 200)];
    return { id: newFtmId(), schema: 'Payment', properties };
  });
  const parties = await insertEntities(trx, caseId, provider, created, PROVENANCE);
  await reindexEntities(ctx, trx, parties);
  const paymentIds: string[] = [];
  for (let i = 0; i < payments.length; i += 1000) paymentIds.push(...(await insertEntities(trx, caseId, provider, payments.slice(i, i + 1000), PROVENANCE)));

  const balance = checkBalance(statement);
  const importId = crypto.randomUUID();
  const ownEntityId = ownAccount ? await trx.selectFrom('entities').select('id').where('case_id', '=', caseId).where('ftm_id', '=', ownAccount).executeTakeFirst() : undefined;
  await trx
    .insertInto('statement_imports')
    .values({
      id: importId,
      case_id: caseId,
      document_id: documentId,
      format: statement.format,
      account_entity: ownEntityId?.id ?? null,
      account_label: accountLabel(statement.account) || 'unknown account',
      currency: statement.account.currency,
      opening_minor: statement.openingBalance?.amountMinor ?? null,
      closing_minor: statement.closingBalance?.amountMinor ?? null,
      sum_minor: balance.sumMinor,
      balance_status: balance.status,
      difference_minor: balance.differenceMinor ?? null,
      transactions: statement.transactions.length,
      row_errors: JSON.stringify(rowErrors),
      warnings: JSON.stringify(statement.warnings.slice(0, 100)),
      owner_country: provider.country,
      created_by: actor.id,
    })
    .execute();
  for (let i = 0; i < statement.transactions.length; i += 2000) {
    await trx
      .insertInto('statement_transactions')
      .values(
        statement.transactions.slice(i, i + 2000).map((t: StatementTransaction, j) => ({
          import_id: importId,
          case_id: caseId,
          payment_entity: paymentIds[i + j] ?? null,
          line: t.line,
          booking_date: t.bookingDate,
          amount_minor: t.amountMinor,
          currency: t.currency,
          counterparty_name: t.counterpartyName ?? null,
          counterparty_account: t.counterpartyAccount ? compact(t.counterpartyAccount) : null,
          reference: t.reference ?? t.entryId ?? null,
        })),
      )
      .execute();
  }
  return importId;
}

const compact = (id: string) => id.replace(/\s+/g, '').toUpperCase();

/** Looks for the same transfer seen in two imported statements; new pairs are suggested to the user. */
async function suggestTransferPairs(trx: Db, caseId: string): Promise<number> {
  const imports = await trx.selectFrom('statement_imports').select(['id', 'account_label']).where('case_id', '=', caseId).execute();
  if (imports.length < 2) return 0;
  const rows = await trx.selectFrom('statement_transactions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  const sources = imports.map((imp) => {
    const own = rows.filter((r) => r.import_id === imp.id);
    return {
      accountKey: imp.id,
      account: isValidIban(imp.account_label) ? { iban: imp.account_label } : { number: imp.account_label },
      ids: own.map((r) => r.id),
      transactions: own.map((r) => ({
        line: r.line,
        bookingDate: r.booking_date,
        amountMinor: r.amount_minor,
        currency: r.currency,
        ...(r.counterparty_name ? { counterpartyName: r.counterparty_name } : {}),
        ...(r.counterparty_account ? { counterpartyAccount: r.counterparty_account } : {}),
        ...(r.reference ? { reference: r.reference } : {}),
      })),
    };
  });
  const pairs = findTransferPairs(sources);
  let added = 0;
  for (const pair of pairs) {
    const debit = sources.find((s) => s.accountKey === pair.debit.accountKey)!.ids[pair.debit.index]!;
    const credit = sources.find((s) => s.accountKey === pair.credit.accountKey)!.ids[pair.credit.index]!;
    const inserted = await trx
      .insertInto('transfer_pairs')
      .values({ id: crypto.randomUUID(), case_id: caseId, debit_tx: debit, credit_tx: credit, confidence: pair.confidence, reasons: JSON.stringify(pair.reasons), status: 'suggested' })
      .onConflict((oc) => oc.columns(['debit_tx', 'credit_tx']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) added++;
  }
  return added;
}

export async function listStatements(ctx: AppContext, actor: Actor, caseId: string) {
  await memberAccess(ctx.db, actor, caseId);
  const imports = await ctx.db.selectFrom('statement_imports').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').execute();
  const pairs = await ctx.db
    .selectFrom('transfer_pairs as p')
    .innerJoin('statement_transactions as d', 'd.id', 'p.debit_tx')
    .innerJoin('statement_transactions as c', 'c.id', 'p.credit_tx')
    .select(['p.id', 'p.confidence', 'p.reasons', 'p.status', 'd.import_id as debit_import', 'd.booking_date as debit_date', 'd.line as debit_line', 'c.import_id as credit_import', 'c.booking_date as credit_date', 'c.line as credit_line', 'c.amount_minor', 'c.currency'])
    .where('p.case_id', '=', caseId)
    .orderBy('p.confidence', 'desc')
    .execute();
  const money = (minor: number | null, currency: string) => (minor === null ? null : { amount: formatMinor(minor, currencyMinorDigits(currency) ?? 2), amountMinor: minor, currency });
  return {
    imports: imports.map((i) => ({
      id: i.id,
      format: i.format,
      documentId: i.document_id,
      accountEntityId: i.account_entity,
      account: i.account_label,
      currency: i.currency,
      opening: money(i.opening_minor, i.currency),
      closing: money(i.closing_minor, i.currency),
      sum: money(i.sum_minor, i.currency)!,
      balance: i.balance_status,
      difference: money(i.difference_minor, i.currency),
      transactions: i.transactions,
      rowErrors: i.row_errors,
      warnings: i.warnings,
      createdAt: i.created_at.toISOString(),
    })),
    pairs: pairs.map((p) => ({
      id: p.id,
      confidence: p.confidence,
      reasons: p.reasons,
      status: p.status,
      amount: money(p.amount_minor, p.currency)!,
      debit: { importId: p.debit_import, date: p.debit_date, line: p.debit_line },
      credit: { importId: p.credit_import, date: p.credit_date, line: p.credit_line },
    })),
  };
}

/** The user confirms that two rows are one transfer, or splits them (two different movements). */
export async function decideTransferPair(ctx: AppContext, actor: Actor, caseId: string, pairId: string, decision: 'confirm' | 'split', info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'contribute', 'case', access);
    const pair = await trx.selectFrom('transfer_pairs').selectAll().where('id', '=', pairId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!pair) throw notFound();
    if (pair.status !== 'suggested') throw conflict('already_decided', 'This pair has already been decided.');
    await trx.updateTable('transfer_pairs').set({ status: decision === 'confirm' ? 'confirmed' : 'split', decided_by: actor.id, decided_at: new Date() }).where('id', '=', pairId).execute();
    await recordEvent(ctx, trx, caseId, actor, 'transfer_pair_decided', { pairId, decision });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'statement.pair_decided', targetType: 'case', targetId: caseId, country: actor.country, details: { pairId, decision } });
  });
}
