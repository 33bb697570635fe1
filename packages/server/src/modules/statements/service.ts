import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { currencyMinorDigits, formatMinor, type CsvFormat, type StatementAccount, type TextEncodingName } from '@focal/core';
import type { TStatementJob, TStatementList, TStatementTransactionPage, TTransferPair } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { authorize, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { memberAccess, recordEvent } from '../cases/service.js';
import { uploadDocument } from '../cases/documents.js';
import { runJob, type JobRow } from './jobs.js';
import { markMappingUsed } from './mappings.js';
import { IN_MEMORY_FORMAT_MAX_BYTES, type StatementFileFormat } from './source.js';

export interface StatementUpload {
  format: StatementFileFormat;
  fileName: string;
  declaredLength: number | null;
  source: Readable;
  /** For CSV: the confirmed layout and the statement's own account (a CSV does not say it). */
  csv?: { format: CsvFormat; account: StatementAccount };
  /** The saved mapping the layout came from, to propose it first next time. */
  mappingId?: string;
  /** MT940: the file's text encoding when it is not UTF-8. */
  encoding?: TextEncodingName;
}

/**
 * Files up to this size are imported while the upload request waits (a few seconds at most);
 * larger ones, or any file when the caller asks, become a background job the page follows.
 */
export const INLINE_MAX_BYTES = 1024 * 1024;

const statementInvalid = (message: string, line: number | null) => new AppError(400, 'statement_invalid', message, { fields: { file: line ? `line ${line}` : 'unreadable' } });
const tooLarge = (format: StatementFileFormat) =>
  new AppError(413, 'statement_too_large', `A ${format === 'camt053' ? 'camt.053' : 'MT940'} file may be at most ${IN_MEMORY_FORMAT_MAX_BYTES / 1024 / 1024} MiB.`, {
    fields: { file: String(IN_MEMORY_FORMAT_MAX_BYTES) },
  });

/**
 * Imports a bank statement into a case. The file streams into the evidence store (encrypted,
 * SHA-256, audited) and a job is recorded for it; a small file is then imported at once and the
 * request answers with the statements, a larger one is left to the background worker and the
 * request answers at once with the job to follow (`jobId`). Either way the import is the same
 * job (see jobs.ts): checked whole before anything is written, written in batches, published in
 * one transaction; an unreadable file is refused with the reason and the line, and nothing of
 * it is kept.
 */
export async function importStatement(ctx: AppContext, actor: Actor, caseId: string, upload: StatementUpload, info: RequestInfo, options: { background?: boolean } = {}) {
  const access = await memberAccess(ctx.db, actor, caseId);
  authorize(actor, 'contribute', 'case', access);
  if (upload.format !== 'csv' && upload.declaredLength !== null && upload.declaredLength > IN_MEMORY_FORMAT_MAX_BYTES) throw tooLarge(upload.format);
  const documentId = await uploadDocument(
    ctx,
    actor,
    { caseId, title: `Bank statement: ${upload.fileName}`.slice(0, 300), fileName: upload.fileName, declaredLength: upload.declaredLength, source: upload.source },
    info,
  );
  const version = await ctx.db.selectFrom('document_versions').select(['blob_id', 'size']).where('document_id', '=', documentId).executeTakeFirstOrThrow();
  const size = Number(version.size);
  const inline = !options.background && size <= INLINE_MAX_BYTES;
  const job = await ctx.db
    .insertInto('statement_jobs')
    .values({
      id: crypto.randomUUID(),
      case_id: caseId,
      document_id: documentId,
      blob_id: version.blob_id,
      format: upload.format,
      title: upload.fileName.slice(0, 300),
      options: upload.csv ? JSON.stringify(upload.csv) : upload.format === 'mt940' && upload.encoding ? JSON.stringify({ encoding: upload.encoding }) : null,
      status: inline ? 'running' : 'queued',
      size,
      // The request runs a small import itself: the job is claimed from the start.
      claim: inline ? crypto.randomUUID() : null,
      claimed_at: inline ? new Date() : null,
      attempts: inline ? 1 : 0,
      owner_country: actor.country,
      created_by: actor.id,
      request_ip: info.ip,
      user_agent: info.userAgent,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (upload.mappingId) await markMappingUsed(ctx.db, actor, upload.mappingId);
  if (upload.format !== 'csv' && size > IN_MEMORY_FORMAT_MAX_BYTES) {
    await runJob(ctx, { ...job, status: 'failing', error: tooLarge(upload.format).message });
    await ctx.db.deleteFrom('statement_jobs').where('id', '=', job.id).execute();
    throw tooLarge(upload.format);
  }
  if (!inline) return { jobId: job.id, background: true as const };
  const outcome = await runJob(ctx, job);
  if (outcome.status === 'failed') {
    // The caller hears why at once: the job has nothing more to tell.
    await ctx.db.deleteFrom('statement_jobs').where('id', '=', job.id).execute();
    throw statementInvalid(outcome.error, outcome.line);
  }
  // Interrupted (the database away for a moment): the worker takes it up again.
  return outcome.status === 'done' ? { jobId: null, background: false as const } : { jobId: job.id, background: true as const };
}

const money = (minor: number | null, currency: string) => (minor === null ? null : { amount: formatMinor(minor, currencyMinorDigits(currency) ?? 2), amountMinor: minor, currency });

export function presentJob(job: JobRow): TStatementJob {
  return {
    id: job.id,
    format: job.format,
    title: job.title,
    status: job.status,
    phase: job.phase,
    size: Number(job.size),
    bytesDone: Number(job.bytes_done),
    rowsTotal: job.rows_total,
    rowsDone: job.rows_done,
    error: job.error,
    errorLine: job.error_line,
    importIds: (job.import_ids as string[] | null) ?? [],
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}

/**
 * The statements of a case with their balance checks, the suggested and decided transfer
 * pairs, and the imports of the caller's country still running or failed. Not audited here:
 * see listStatements.
 */
export async function statementList(db: Db, actor: Actor, caseId: string): Promise<TStatementList> {
  await memberAccess(db, actor, caseId);
  const imports = await db.selectFrom('statement_imports').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id').execute();
  const pairs = await db
    .selectFrom('transfer_pairs as p')
    .innerJoin('statement_transactions as d', 'd.id', 'p.debit_tx')
    .innerJoin('statement_transactions as c', 'c.id', 'p.credit_tx')
    .innerJoin('statement_imports as di', 'di.id', 'd.import_id')
    .innerJoin('statement_imports as ci', 'ci.id', 'c.import_id')
    .select([
      'p.id',
      'p.confidence',
      'p.reasons',
      'p.links',
      'p.status',
      'c.amount_minor',
      'c.currency',
      'd.import_id as debit_import',
      'd.booking_date as debit_date',
      'd.line as debit_line',
      'di.account_label as debit_account',
      'd.counterparty_name as debit_name',
      'd.counterparty_account as debit_counterparty',
      'd.reference as debit_reference',
      'c.import_id as credit_import',
      'c.booking_date as credit_date',
      'c.line as credit_line',
      'ci.account_label as credit_account',
      'c.counterparty_name as credit_name',
      'c.counterparty_account as credit_counterparty',
      'c.reference as credit_reference',
    ])
    .where('p.case_id', '=', caseId)
    .orderBy('p.confidence', 'desc')
    .orderBy('p.id')
    .limit(1000)
    .execute();
  const jobs = await db
    .selectFrom('statement_jobs')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('owner_country', '=', actor.country)
    .where('status', 'in', ['queued', 'running', 'failing', 'failed'])
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
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
      rowErrorCount: i.row_error_count,
      warnings: i.warnings,
      periodFrom: i.period_from,
      periodTo: i.period_to,
      statementId: i.statement_ref,
      createdAt: i.created_at.toISOString(),
    })),
    pairs: pairs.map((p) => ({
      id: p.id,
      confidence: p.confidence,
      reasons: p.reasons,
      links: p.links as TTransferPair['links'],
      status: p.status,
      amount: money(p.amount_minor, p.currency)!,
      debit: { importId: p.debit_import, date: p.debit_date, line: p.debit_line, account: p.debit_account, counterpartyName: p.debit_name, counterpartyAccount: p.debit_counterparty, reference: p.debit_reference },
      credit: { importId: p.credit_import, date: p.credit_date, line: p.credit_line, account: p.credit_account, counterpartyName: p.credit_name, counterpartyAccount: p.credit_counterparty, reference: p.credit_reference },
    })),
    jobs: jobs.map(presentJob),
  };
}

/** The statements tab: account numbers, balances and pairs of the case, so the read is audited. */
export async function listStatements(ctx: AppContext, actor: Actor, caseId: string, info: RequestInfo): Promise<TStatementList> {
  return ctx.db.transaction().execute(async (trx) => {
    const list = await statementList(trx, actor, caseId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'statement.listed', targetType: 'case', targetId: caseId, country: actor.country, details: { statements: list.imports.length } });
    return list;
  });
}

/** A page of a statement's transactions, in file order; audited (amounts, counterparties, references). */
export async function transactionsPage(ctx: AppContext, actor: Actor, caseId: string, importId: string, offset: number, limit: number, info: RequestInfo): Promise<TStatementTransactionPage> {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const statement = await trx.selectFrom('statement_imports').select(['id', 'transactions']).where('id', '=', importId).where('case_id', '=', caseId).executeTakeFirst();
    if (!statement) throw notFound();
    const rows = await trx.selectFrom('statement_transactions').selectAll().where('import_id', '=', importId).orderBy('id').offset(offset).limit(limit).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'statement.transactions_viewed', targetType: 'case', targetId: caseId, country: actor.country, details: { importId, offset, rows: rows.length } });
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        line: r.line,
        bookingDate: r.booking_date,
        amount: money(r.amount_minor, r.currency)!,
        counterpartyName: r.counterparty_name,
        counterpartyAccount: r.counterparty_account,
        reference: r.reference,
        paymentEntityId: r.payment_entity,
      })),
      total: statement.transactions,
      offset,
      limit,
    };
  });
}

/** An import's progress, for its author's country (the page polls it). */
export async function getJob(ctx: AppContext, actor: Actor, caseId: string, jobId: string): Promise<TStatementJob> {
  await memberAccess(ctx.db, actor, caseId);
  const job = await ctx.db.selectFrom('statement_jobs').selectAll().where('id', '=', jobId).where('case_id', '=', caseId).where('owner_country', '=', actor.country).executeTakeFirst();
  if (!job) throw notFound();
  return presentJob(job);
}

/** A failed import, read and understood, leaves the list. */
export async function dismissJob(ctx: AppContext, actor: Actor, caseId: string, jobId: string): Promise<void> {
  await memberAccess(ctx.db, actor, caseId);
  const job = await ctx.db.selectFrom('statement_jobs').select(['id', 'status']).where('id', '=', jobId).where('case_id', '=', caseId).where('owner_country', '=', actor.country).executeTakeFirst();
  if (!job) throw notFound();
  if (job.status !== 'failed') throw conflict('conflict', 'Only a failed import can be dismissed.');
  await ctx.db.deleteFrom('statement_jobs').where('id', '=', jobId).execute();
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
