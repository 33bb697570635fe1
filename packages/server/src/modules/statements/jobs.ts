import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import {
  StatementError,
  StatementTally,
  currencyMinorDigits,
  formatMinor,
  isValidIban,
  type CsvFormat,
  type Statement,
  type StatementAccount,
  type StatementTransaction,
  type TextEncodingName,
} from '@focal/core';
import type { FtmEntity, TRole } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { authorize, type Actor } from '../../policies/index.js';
import { newFtmId } from '../cases/entities.js';
import { memberAccess, recordEvent } from '../cases/service.js';
import { reindexEntities } from '../matching/index-keys.js';
import { runPeriodically } from '../../periodic.js';
import { bulkInsertEntities } from './bulk.js';
import { suggestTransferPairs } from './pairs.js';
import { readStatementFile, type JobFile, type StatementHeader } from './source.js';

export type JobRow = Selectable<Database['statement_jobs']>;

/** Transactions written per transaction: large enough to be efficient, small enough that the embedded engine's single connection serves other requests between batches. */
export const WRITE_BATCH = 2000;
/** A job whose claim has not been renewed for this long belonged to a process that died: it is taken again. */
const STALE_CLAIM_MS = 2 * 60_000;
/** Runs that may be interrupted (a crash, the database away) before the import is given up and cleaned away. */
const MAX_ATTEMPTS = 5;
const PROGRESS_EVERY_MS = 1000;

const PROVENANCE = { handlingCode: 'H0', conditions: '', evaluationSource: 'A', evaluationInfo: 1, reach: null };

export const compactAccount = (id: string) => id.replace(/\s+/g, '').toUpperCase();
export const accountLabel = (account: { iban?: string | undefined; number?: string | undefined }) => account.iban ?? account.number ?? '';

/** What the checking pass found in each statement of the file; kept on the job so a resumed run need not read the file twice again. */
export interface StatementSummary {
  index: number;
  format: 'csv' | 'camt053' | 'mt940';
  account: StatementAccount;
  statementId: string | null;
  openingMinor: number | null;
  closingMinor: number | null;
  sumMinor: number;
  status: 'balanced' | 'unbalanced' | 'unchecked';
  differenceMinor: number | null;
  periodFrom: string | null;
  periodTo: string | null;
  transactions: number;
  warnings: string[];
}
export interface JobSummary {
  statements: StatementSummary[];
  /** The first hundred rows that could not be read (CSV). */
  rowErrors: { line: number; message: string }[];
  rowErrorCount: number;
  transactions: number;
}

/** The job's work was taken over by another process (its claim expired): this run stops and writes nothing more. */
class ClaimLost extends Error {}
/** The import cannot go on (its author left the case): what it wrote is removed. */
class ImportAbandoned extends Error {}

export function jobFile(job: Pick<JobRow, 'blob_id' | 'format' | 'size' | 'options'>): JobFile {
  const options = job.options as { format: CsvFormat; account: StatementAccount } | { encoding: TextEncodingName } | null;
  const file: JobFile = { blobId: job.blob_id, format: job.format, size: Number(job.size) };
  if (options && 'format' in options) file.csv = options;
  else if (options && 'encoding' in options) file.encoding = options.encoding;
  return file;
}

/** The author of the import, as they stand now: a job acts for them and only while they may. */
async function jobActor(db: Db, job: JobRow): Promise<Actor> {
  const user = await db.selectFrom('users').select(['id', 'country', 'roles', 'status']).where('id', '=', job.created_by).executeTakeFirst();
  if (!user || user.status !== 'active') throw new ImportAbandoned('The person who started the import can no longer act.');
  const actor: Actor = { id: user.id, country: user.country, roles: user.roles as TRole[] };
  try {
    const access = await memberAccess(db, actor, job.case_id);
    authorize(actor, 'contribute', 'case', access);
  } catch {
    throw new ImportAbandoned('The person who started the import is no longer a member of the case.');
  }
  return actor;
}

/** Locks the job's row for the caller's transaction, and checks the run still holds it. */
async function holdJob(trx: Db, job: JobRow): Promise<void> {
  const row = await trx.selectFrom('statement_jobs').select(['claim', 'status']).where('id', '=', job.id).forUpdate().executeTakeFirst();
  if (!row || row.claim !== job.claim || (row.status !== 'running' && row.status !== 'failing')) throw new ClaimLost();
}

// ---------------------------------------------------------------- claiming

/** Takes the oldest job nobody is running (or whose runner died), for this process. */
export async function claimJob(ctx: AppContext): Promise<JobRow | undefined> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('statement_jobs')
      .select('id')
      .where('status', 'in', ['queued', 'running', 'failing'])
      .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', new Date(Date.now() - STALE_CLAIM_MS))]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!row) return undefined;
    return trx
      .updateTable('statement_jobs')
      .set((eb) => ({
        claim: crypto.randomUUID(),
        claimed_at: new Date(),
        attempts: eb('attempts', '+', 1),
        status: sql<'running' | 'failing'>`CASE WHEN status = 'failing' THEN 'failing' ELSE 'running' END`,
      }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Runs every job waiting (one at a time); returns how many ran. For tests and the worker. */
export async function processStatementJobs(ctx: AppContext, stopping: () => boolean = () => false): Promise<number> {
  let ran = 0;
  while (!stopping()) {
    const job = await claimJob(ctx);
    if (!job) break;
    const outcome = await runJob(ctx, job, stopping);
    ran++;
    // Given back to the queue; the error is the worker's to report.
    if (outcome.status === 'interrupted' && outcome.error !== undefined) throw outcome.error;
  }
  return ran;
}

/** The import worker: every server process runs one; row locks share the jobs. */
export function startStatementJobs(ctx: AppContext, onError: (error: unknown) => void, everyMs = 1000) {
  return runPeriodically((stopping) => processStatementJobs(ctx, stopping), onError, everyMs, { atStart: true });
}

// ---------------------------------------------------------------- running

export type JobOutcome = { status: 'done' } | { status: 'failed'; error: string; line: number | null } | { status: 'interrupted'; error?: unknown };

/**
 * Runs a claimed job to its end: check the whole file (nothing written), write it in batches
 * (each committing its checkpoint), publish it. An unreadable file, or an author who may no
 * longer add to the case, fails the job and removes what it wrote. Anything else (the database
 * away, the process stopping) leaves the job to be taken up again from its checkpoint.
 */
export async function runJob(ctx: AppContext, claimed: JobRow, stopping: () => boolean = () => false): Promise<JobOutcome> {
  let job = claimed;
  try {
    if (job.status === 'failing') return await abandon(ctx, job, job.error ?? 'The import failed.', job.error_line);
    if (job.attempts > MAX_ATTEMPTS) return await abandon(ctx, job, 'The import was interrupted too many times; please upload the file again.', null);
    await jobActor(ctx.db, job);
    const cache: { statements?: Statement[] } = {};
    if (job.summary === null) job = await checkFile(ctx, job, cache);
    if (job.phase === 'writing' && !(await writeFile(ctx, job, cache, stopping))) {
      await release(ctx, job);
      return { status: 'interrupted' };
    }
    await finish(ctx, job);
    return { status: 'done' };
  } catch (error) {
    if (error instanceof StatementError) return abandon(ctx, job, error.message, error.line ?? null);
    if (error instanceof ImportAbandoned) return abandon(ctx, job, error.message, null);
    if (error instanceof ClaimLost) return { status: 'interrupted' };
    await release(ctx, job).catch(() => undefined);
    return { status: 'interrupted', error };
  }
}

/** Gives the job back to the queue (another run resumes it from its checkpoint). */
async function release(ctx: AppContext, job: JobRow) {
  await ctx.db.updateTable('statement_jobs').set({ claim: null, claimed_at: null }).where('id', '=', job.id).where('claim', '=', job.claim).execute();
}

/** Renews the claim with the progress; a claim taken over meanwhile stops this run. */
async function heartbeat(ctx: AppContext, job: JobRow, progress: { bytes_done?: number }) {
  const result = await ctx.db
    .updateTable('statement_jobs')
    .set({ ...progress, claimed_at: new Date() })
    .where('id', '=', job.id)
    .where('claim', '=', job.claim)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ClaimLost();
}

/**
 * The first pass: reads the whole file, writing nothing, and keeps per statement only what
 * the list shows (balances, period, counts, the first row errors). An unreadable file stops
 * here, before anything of it is in the case.
 */
async function checkFile(ctx: AppContext, job: JobRow, cache: { statements?: Statement[] }): Promise<JobRow> {
  const file = jobFile(job);
  const tallies: { header: StatementHeader; tally: StatementTally }[] = [];
  const rowErrors: { line: number; message: string }[] = [];
  let rowErrorCount = 0;
  let bytes = 0;
  let reported = Date.now();
  for await (const item of readStatementFile(ctx, file, (n) => (bytes = n), cache)) {
    if (item.kind === 'statement') tallies.push({ header: item.header, tally: new StatementTally(item.header.account) });
    else if (item.kind === 'transaction') tallies[item.statement]!.tally.add(item.transaction);
    else {
      rowErrorCount++;
      if (rowErrors.length < 100) rowErrors.push({ line: item.error.line, message: item.error.message });
    }
    if (Date.now() - reported > PROGRESS_EVERY_MS) {
      reported = Date.now();
      await heartbeat(ctx, job, { bytes_done: bytes });
    }
  }
  const statements = tallies.map(({ header, tally }): StatementSummary => {
    const result = tally.result(
      { ...(header.openingBalance ? { openingBalance: header.openingBalance } : {}), ...(header.closingBalance ? { closingBalance: header.closingBalance } : {}) },
      header.format === 'csv',
    );
    const warnings = [...header.warnings, ...result.warnings];
    if (result.check.runningBalanceBreaks.length > 0) warnings.push(result.check.message);
    if (header.format === 'csv' && rowErrorCount > 0) warnings.push(`${rowErrorCount} row${rowErrorCount === 1 ? '' : 's'} could not be read.`);
    return {
      index: header.index,
      format: header.format,
      account: header.account,
      statementId: header.statementId ?? null,
      openingMinor: result.openingBalance?.amountMinor ?? null,
      closingMinor: result.closingBalance?.amountMinor ?? null,
      sumMinor: result.check.sumMinor,
      status: result.check.status,
      differenceMinor: result.check.differenceMinor ?? null,
      periodFrom: result.periodFrom ?? null,
      periodTo: result.periodTo ?? null,
      transactions: result.transactionCount,
      warnings: warnings.slice(0, 100),
    };
  });
  const transactions = statements.reduce((n, s) => n + s.transactions, 0);
  if (statements.length === 0 || statements.every((s) => s.transactions === 0 && s.openingMinor === null)) {
    throw new StatementError(rowErrors[0] ? `No row could be read: ${rowErrors[0].message}` : 'The file holds no statement.', rowErrors[0]?.line);
  }
  const summary: JobSummary = { statements, rowErrors, rowErrorCount, transactions };
  const updated = await ctx.db
    .updateTable('statement_jobs')
    .set({ summary: JSON.stringify(summary), rows_total: transactions, bytes_done: Number(job.size), phase: 'writing', claimed_at: new Date() })
    .where('id', '=', job.id)
    .where('claim', '=', job.claim)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new ClaimLost();
  return updated;
}

interface Pending {
  seq: number;
  statement: StatementHeader;
  transaction: StatementTransaction;
}

/**
 * The second pass: reads the file again and writes it in batches of WRITE_BATCH transactions,
 * each batch in one transaction with its checkpoint (rows done), skipping what an earlier
 * run already wrote. Returns false when asked to stop between batches.
 */
async function writeFile(ctx: AppContext, job: JobRow, cache: { statements?: Statement[] }, stopping: () => boolean): Promise<boolean> {
  const headers: StatementHeader[] = [];
  let seq = -1;
  let batch: Pending[] = [];
  for await (const item of readStatementFile(ctx, jobFile(job), () => {}, cache)) {
    if (item.kind === 'statement') headers[item.header.index] = item.header;
    if (item.kind !== 'transaction') continue;
    seq++;
    if (seq < job.rows_done) continue;
    batch.push({ seq, statement: headers[item.statement]!, transaction: item.transaction });
    if (batch.length >= WRITE_BATCH) {
      await writeBatch(ctx, job, batch);
      batch = [];
      if (stopping()) return false;
    }
  }
  // The last batch also resolves every statement's own account and holder (a statement may
  // have no transactions) and moves the job on to finishing.
  await writeBatch(ctx, job, batch, headers);
  return true;
}

async function writeBatch(ctx: AppContext, job: JobRow, batch: Pending[], allHeaders: StatementHeader[] = []) {
  await ctx.db.transaction().execute(async (trx) => {
    await holdJob(trx, job);
    const provider = { country: job.owner_country, userId: job.created_by };
    const accounts = new Map<string, { id: string; currency: string; bank?: string | undefined }>();
    const holders = new Set<string>();
    const wantAccount = (id: string | undefined, currency: string, bank?: string) => {
      const key = compactAccount(id ?? '');
      if (key && !accounts.has(key)) accounts.set(key, { id: key, currency, bank });
      return key || undefined;
    };
    const holderLabel = (name: string | undefined, account: string | undefined) => name?.trim() || (account ? `Holder of ${compactAccount(account)}` : 'Unknown party');
    const headers = new Map<number, StatementHeader>();
    for (const header of allHeaders) headers.set(header.index, header);
    for (const pending of batch) headers.set(pending.statement.index, pending.statement);
    for (const header of headers.values()) {
      wantAccount(accountLabel(header.account), header.account.currency, header.account.bank);
      holders.add(holderLabel(header.account.holder, accountLabel(header.account)));
    }
    for (const { transaction } of batch) {
      wantAccount(transaction.counterpartyAccount, transaction.currency);
      holders.add(holderLabel(transaction.counterpartyName, transaction.counterpartyAccount));
    }
    const parties = await resolveParties(ctx, trx, job, provider, accounts, holders);
    const ftm = (key: string | undefined) => (key ? parties.get(key) : undefined);

    const payments: FtmEntity[] = batch.map(({ statement, transaction: t }) => {
      const ownAccount = ftm(`account:${compactAccount(accountLabel(statement.account))}`);
      const ownHolder = parties.get(`holder:${holderLabel(statement.account.holder, accountLabel(statement.account))}`)!;
      const otherAccount = t.counterpartyAccount ? ftm(`account:${compactAccount(t.counterpartyAccount)}`) : undefined;
      const otherHolder = parties.get(`holder:${holderLabel(t.counterpartyName, t.counterpartyAccount)}`)!;
      const out = t.amountMinor < 0;
      const properties: Record<string, string[]> = {
        payer: [out ? ownHolder : otherHolder],
        beneficiary: [out ? otherHolder : ownHolder],
        amount: [formatMinor(Math.abs(t.amountMinor), currencyMinorDigits(t.currency) ?? 2)],
        currency: [t.currency],
        date: [t.bookingDate],
      };
      const payerAccount = out ? ownAccount : otherAccount;
      const beneficiaryAccount = out ? otherAccount : ownAccount;
      if (payerAccount) properties.payerAccount = [payerAccount];
      if (beneficiaryAccount) properties.beneficiaryAccount = [beneficiaryAccount];
      if (t.description) properties.purpose = [t.description.slice(0, 4000)];
      const number = t.reference ?? t.entryId;
      if (number) properties.transactionNumber = [number.slice(0, 200)];
      return { id: newFtmId(), schema: 'Payment', properties };
    });
    const paymentIds = await bulkInsertEntities(trx, job.case_id, provider, payments, PROVENANCE);
    if (batch.length > 0) {
      const column = <T>(pick: (p: Pending) => T) => batch.map(pick);
      await sql`
        INSERT INTO statement_job_rows (job_id, seq, statement, payment_entity, line, booking_date, amount_minor, currency, counterparty_name, counterparty_account, reference)
        SELECT ${job.id}::uuid, u.seq, u.statement, u.payment, u.line, u.booking_date, u.amount, u.currency, u.name, u.account, u.reference
        FROM unnest(
          ${column((p) => p.seq)}::int[], ${column((p) => p.statement.index)}::int[], ${paymentIds}::uuid[], ${column((p) => p.transaction.line)}::int[],
          ${column((p) => p.transaction.bookingDate)}::date[], ${column((p) => p.transaction.amountMinor)}::bigint[], ${column((p) => p.transaction.currency)}::text[],
          ${column((p) => p.transaction.counterpartyName ?? null)}::text[], ${column((p) => (p.transaction.counterpartyAccount ? compactAccount(p.transaction.counterpartyAccount) : null))}::text[],
          ${column((p) => p.transaction.reference ?? p.transaction.entryId ?? null)}::text[]
        ) AS u(seq, statement, payment, line, booking_date, amount, currency, name, account, reference)`.execute(trx);
    }
    const done = batch.length > 0 ? batch[batch.length - 1]!.seq + 1 : job.rows_done;
    const phase = allHeaders.length > 0 ? 'finishing' : 'writing';
    await trx.updateTable('statement_jobs').set({ rows_done: done, phase, claimed_at: new Date() }).where('id', '=', job.id).execute();
    job.rows_done = done;
    job.phase = phase;
  });
}

/**
 * The accounts and parties a batch refers to, by key (`account:<IBAN or number>`,
 * `holder:<name>`), as FtM ids: those the job already resolved; accounts the case already
 * holds (by IBAN or number, so a second statement joins the first); the rest created here.
 */
async function resolveParties(
  ctx: AppContext,
  trx: Db,
  job: JobRow,
  provider: { country: string; userId: string },
  accounts: Map<string, { id: string; currency: string; bank?: string | undefined }>,
  holders: Set<string>,
): Promise<Map<string, string>> {
  const keys = [...[...accounts.keys()].map((k) => `account:${k}`), ...[...holders].map((h) => `holder:${h}`)];
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const known = await trx.selectFrom('statement_job_parties').select(['key', 'ftm_id']).where('job_id', '=', job.id).where(sql<boolean>`key = ANY(${keys}::text[])`).execute();
  for (const row of known) out.set(row.key, row.ftm_id);
  const resolved: { key: string; ftm_id: string; entity_id: string; created: boolean }[] = [];
  const missingAccounts = [...accounts.keys()].filter((k) => !out.has(`account:${k}`));
  if (missingAccounts.length > 0) {
    const rows = await trx
      .selectFrom('entity_values as v')
      .innerJoin('entities as e', 'e.id', 'v.entity_id')
      .select(['e.id', 'e.ftm_id', 'v.value'])
      .where('e.case_id', '=', job.case_id)
      .where('e.schema', '=', 'BankAccount')
      .where('v.prop', 'in', ['iban', 'accountNumber'])
      .where(sql<boolean>`v.value = ANY(${missingAccounts}::text[])`)
      .execute();
    for (const row of rows) {
      const key = `account:${compactAccount(row.value)}`;
      if (out.has(key)) continue;
      out.set(key, row.ftm_id);
      resolved.push({ key, ftm_id: row.ftm_id, entity_id: row.id, created: false });
    }
  }
  const created: { key: string; entity: FtmEntity }[] = [];
  for (const [id, account] of accounts) {
    const key = `account:${id}`;
    if (out.has(key)) continue;
    const entity = {
      id: newFtmId(),
      schema: 'BankAccount',
      properties: { ...(isValidIban(id) ? { iban: [id] } : { accountNumber: [id] }), currency: [account.currency], ...(account.bank ? { bankName: [account.bank] } : {}) },
    };
    created.push({ key, entity });
    out.set(key, entity.id);
  }
  for (const holder of holders) {
    const key = `holder:${holder}`;
    if (out.has(key)) continue;
    const entity = { id: newFtmId(), schema: 'LegalEntity', properties: { name: [holder] } };
    created.push({ key, entity });
    out.set(key, entity.id);
  }
  if (created.length > 0) {
    const ids = await bulkInsertEntities(
      trx,
      job.case_id,
      provider,
      created.map((c) => c.entity),
      PROVENANCE,
    );
    await reindexEntities(ctx, trx, ids);
    created.forEach((c, i) => resolved.push({ key: c.key, ftm_id: c.entity.id, entity_id: ids[i]!, created: true }));
  }
  if (resolved.length > 0) {
    await sql`
      INSERT INTO statement_job_parties (job_id, key, ftm_id, entity_id, created)
      SELECT ${job.id}::uuid, u.key, u.ftm_id, u.entity_id, u.created
      FROM unnest(${resolved.map((r) => r.key)}::text[], ${resolved.map((r) => r.ftm_id)}::text[], ${resolved.map((r) => r.entity_id)}::uuid[], ${resolved.map((r) => r.created)}::boolean[])
        AS u(key, ftm_id, entity_id, created)`.execute(trx);
  }
  return out;
}

/**
 * The last step, in one transaction: the statements with their balance checks appear in the
 * list, their transactions move to statement_transactions, the same transfer seen in another
 * statement is suggested, and the import is in the timeline and the audit log.
 */
async function finish(ctx: AppContext, job: JobRow) {
  await ctx.db.transaction().execute(async (trx) => {
    await holdJob(trx, job);
    const actor = await jobActor(trx, job);
    const summary = (await trx.selectFrom('statement_jobs').select('summary').where('id', '=', job.id).executeTakeFirstOrThrow()).summary as JobSummary;
    const importIds: string[] = [];
    for (const statement of summary.statements) {
      const label = accountLabel(statement.account);
      const own = label
        ? await trx.selectFrom('statement_job_parties').select('entity_id').where('job_id', '=', job.id).where('key', '=', `account:${compactAccount(label)}`).executeTakeFirst()
        : undefined;
      const id = crypto.randomUUID();
      importIds.push(id);
      await trx
        .insertInto('statement_imports')
        .values({
          id,
          case_id: job.case_id,
          document_id: job.document_id,
          format: statement.format,
          account_entity: own?.entity_id ?? null,
          account_label: label || 'unknown account',
          currency: statement.account.currency,
          opening_minor: statement.openingMinor,
          closing_minor: statement.closingMinor,
          sum_minor: statement.sumMinor,
          balance_status: statement.status,
          difference_minor: statement.differenceMinor,
          transactions: statement.transactions,
          row_errors: JSON.stringify(statement.format === 'csv' ? summary.rowErrors : []),
          row_error_count: statement.format === 'csv' ? summary.rowErrorCount : 0,
          warnings: JSON.stringify(statement.warnings),
          period_from: statement.periodFrom,
          period_to: statement.periodTo,
          statement_ref: statement.statementId,
          owner_country: job.owner_country,
          created_by: job.created_by,
        })
        .execute();
    }
    await sql`
      INSERT INTO statement_transactions (import_id, case_id, payment_entity, line, booking_date, amount_minor, currency, counterparty_name, counterparty_account, reference)
      SELECT m.import_id, ${job.case_id}::uuid, r.payment_entity, r.line, r.booking_date, r.amount_minor, r.currency, r.counterparty_name, r.counterparty_account, r.reference
      FROM statement_job_rows r
      JOIN unnest(${summary.statements.map((s) => s.index)}::int[], ${importIds}::uuid[]) AS m(statement, import_id) ON m.statement = r.statement
      WHERE r.job_id = ${job.id}::uuid
      ORDER BY r.seq`.execute(trx);
    await trx.deleteFrom('statement_job_rows').where('job_id', '=', job.id).execute();
    await trx.deleteFrom('statement_job_parties').where('job_id', '=', job.id).execute();
    const pairs = await suggestTransferPairs(trx, job.case_id, importIds);
    await recordEvent(ctx, trx, job.case_id, actor, 'statement_imported', {
      documentId: job.document_id,
      statements: summary.statements.length,
      transactions: summary.transactions,
      pairs,
    });
    await ctx.audit.append(
      trx,
      { actorId: actor.id, actorCountry: actor.country, ip: job.request_ip, userAgent: job.user_agent },
      {
        action: 'statement.imported',
        targetType: 'case',
        targetId: job.case_id,
        country: actor.country,
        details: { documentId: job.document_id ?? '', format: job.format, statements: summary.statements.length, transactions: summary.transactions, jobId: job.id },
      },
    );
    await trx
      .updateTable('statement_jobs')
      .set({ status: 'done', phase: 'finishing', rows_done: summary.transactions, import_ids: JSON.stringify(importIds), finished_at: new Date(), claim: null, claimed_at: null })
      .where('id', '=', job.id)
      .execute();
  });
}

/**
 * Fails the import and takes back everything it wrote: its payments (with their history),
 * the accounts and parties it created that nothing else refers to, the staged rows, and the
 * file it was reading (kept as evidence only with the statement it is the source of). Marked
 * 'failing' first, so that a crash during the clean-up is finished by the next run.
 */
async function abandon(ctx: AppContext, job: JobRow, error: string, line: number | null): Promise<JobOutcome> {
  const message = error.slice(0, 2000);
  await ctx.db.updateTable('statement_jobs').set({ status: 'failing', error: message, error_line: line }).where('id', '=', job.id).execute();
  for (;;) {
    const rows = await ctx.db.selectFrom('statement_job_rows').select(['seq', 'payment_entity']).where('job_id', '=', job.id).orderBy('seq').limit(WRITE_BATCH).execute();
    if (rows.length === 0) break;
    await ctx.db.transaction().execute(async (trx) => {
      const payments = rows.map((r) => r.payment_entity).filter((id): id is string => id !== null);
      await removeEntities(trx, payments);
      await trx
        .deleteFrom('statement_job_rows')
        .where('job_id', '=', job.id)
        .where(
          'seq',
          'in',
          rows.map((r) => r.seq),
        )
        .execute();
    });
  }
  for (;;) {
    const parties = await ctx.db.selectFrom('statement_job_parties').select(['key', 'ftm_id', 'entity_id', 'created']).where('job_id', '=', job.id).limit(WRITE_BATCH).execute();
    if (parties.length === 0) break;
    await ctx.db.transaction().execute(async (trx) => {
      const mine = parties.filter((p) => p.created);
      // Another import may have joined an account this one created: such an account stays.
      const referenced = mine.length
        ? await trx
            .selectFrom('entity_values as v')
            .innerJoin('entities as e', 'e.id', 'v.entity_id')
            .select('v.value')
            .where('e.case_id', '=', job.case_id)
            .where(sql<boolean>`v.value = ANY(${mine.map((p) => p.ftm_id)}::text[])`)
            .where(sql<boolean>`v.entity_id <> ALL(${mine.map((p) => p.entity_id)}::uuid[])`)
            .execute()
        : [];
      const kept = new Set(referenced.map((r) => r.value));
      await removeEntities(
        trx,
        mine.filter((p) => !kept.has(p.ftm_id)).map((p) => p.entity_id),
      );
      await trx
        .deleteFrom('statement_job_parties')
        .where('job_id', '=', job.id)
        .where(
          'key',
          'in',
          parties.map((p) => p.key),
        )
        .execute();
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (job.document_id) {
      const versions = await trx.selectFrom('document_versions').select('blob_id').where('document_id', '=', job.document_id).execute();
      await trx.deleteFrom('case_documents').where('id', '=', job.document_id).execute();
      await ctx.blobs.remove(
        trx,
        versions.map((v) => v.blob_id),
      );
    }
    await trx
      .updateTable('statement_jobs')
      .set({ status: 'failed', document_id: null, finished_at: new Date(), claim: null, claimed_at: null })
      .where('id', '=', job.id)
      .execute();
    await ctx.audit.append(
      trx,
      { actorId: job.created_by, actorCountry: job.owner_country, ip: job.request_ip, userAgent: job.user_agent },
      { action: 'statement.import_failed', targetType: 'case', targetId: job.case_id, country: job.owner_country, details: { documentId: job.document_id, format: job.format, jobId: job.id, error: message } },
    );
    await ctx.realtime.publish(trx, [job.created_by], { type: 'case', reason: 'changed', caseId: job.case_id });
  });
  return { status: 'failed', error: message, line };
}

/** Entities that never were part of the case (a failed import's): gone with their history. */
async function removeEntities(trx: Db, ids: string[]) {
  if (ids.length === 0) return;
  await trx.deleteFrom('entity_changes').where(sql<boolean>`entity_id = ANY(${ids}::uuid[])`).execute();
  await trx.deleteFrom('entities').where(sql<boolean>`id = ANY(${ids}::uuid[])`).execute();
}
