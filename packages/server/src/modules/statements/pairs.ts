import crypto from 'node:crypto';
import { sql } from 'kysely';
import { findTransferPairs, isValidIban, type StatementTransaction, type TransferSource } from '@focal/core';
import type { Db } from '../../context.js';

/** Days between a debit and the credit it became, at most (as findTransferPairs reads it). */
const DATE_WINDOW_DAYS = 3;
/**
 * Candidate pairs looked at after one import, at most. Beyond it (two huge statements of the
 * same account full of equal amounts) the first ones are kept and the rest are not suggested.
 */
export const MAX_CANDIDATE_PAIRS = 200_000;

/**
 * Looks for the same transfer seen in a newly imported statement and in any other statement of
 * the case; new pairs are suggested to the user. Only rows that could pair (same currency,
 * opposite amount, dates within the window, not already in a pair) are read, so a statement of
 * a million rows is compared without loading the case's transactions.
 */
export async function suggestTransferPairs(trx: Db, caseId: string, importIds: string[]): Promise<number> {
  if (importIds.length === 0) return 0;
  const others = await trx.selectFrom('statement_imports').select('id').where('case_id', '=', caseId).where('id', 'not in', importIds).limit(1).execute();
  if (others.length === 0 && importIds.length < 2) return 0;
  const { rows: candidates } = await sql<{ a: number; b: number }>`
    SELECT n.id AS a, o.id AS b
    FROM statement_transactions n
    JOIN statement_transactions o
      ON o.case_id = n.case_id AND o.currency = n.currency AND o.amount_minor = -n.amount_minor AND o.import_id <> n.import_id
     AND o.booking_date BETWEEN n.booking_date - ${DATE_WINDOW_DAYS}::int AND n.booking_date + ${DATE_WINDOW_DAYS}::int
    WHERE n.case_id = ${caseId}::uuid AND n.import_id = ANY(${importIds}::uuid[]) AND n.amount_minor <> 0
    LIMIT ${MAX_CANDIDATE_PAIRS}`.execute(trx);
  if (candidates.length === 0) return 0;
  const ids = [...new Set(candidates.flatMap((c) => [c.a, c.b]))];
  // A row already in a pair the user has not split stays out: each transaction is one transfer at most.
  const taken = new Set<number>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const slice = ids.slice(i, i + 10_000);
    const { rows } = await sql<{ id: number }>`
      SELECT debit_tx AS id FROM transfer_pairs WHERE status <> 'split' AND debit_tx = ANY(${slice}::bigint[])
      UNION SELECT credit_tx FROM transfer_pairs WHERE status <> 'split' AND credit_tx = ANY(${slice}::bigint[])`.execute(trx);
    for (const row of rows) taken.add(Number(row.id));
  }
  const free = ids.filter((id) => !taken.has(id));
  if (free.length === 0) return 0;
  const rows = [];
  for (let i = 0; i < free.length; i += 10_000) {
    rows.push(
      ...(await trx
        .selectFrom('statement_transactions as t')
        .innerJoin('statement_imports as i', 'i.id', 't.import_id')
        .select(['t.id', 't.import_id', 't.line', 't.booking_date', 't.amount_minor', 't.currency', 't.counterparty_name', 't.counterparty_account', 't.reference', 'i.account_label'])
        .where(sql<boolean>`t.id = ANY(${free.slice(i, i + 10_000)}::bigint[])`)
        .orderBy('t.id')
        .execute()),
    );
  }
  const byImport = new Map<string, { source: TransferSource & { transactions: StatementTransaction[] }; ids: number[] }>();
  for (const row of rows) {
    let entry = byImport.get(row.import_id);
    if (!entry) {
      entry = { source: { accountKey: row.import_id, account: isValidIban(row.account_label) ? { iban: row.account_label } : { number: row.account_label }, transactions: [] }, ids: [] };
      byImport.set(row.import_id, entry);
    }
    entry.ids.push(Number(row.id));
    entry.source.transactions.push({
      line: row.line,
      bookingDate: row.booking_date,
      amountMinor: row.amount_minor,
      currency: row.currency,
      ...(row.counterparty_name ? { counterpartyName: row.counterparty_name } : {}),
      ...(row.counterparty_account ? { counterpartyAccount: row.counterparty_account } : {}),
      ...(row.reference ? { reference: row.reference } : {}),
    });
  }
  const pairs = findTransferPairs(
    [...byImport.values()].map((entry) => entry.source),
    { dateWindowDays: DATE_WINDOW_DAYS },
  );
  let added = 0;
  for (let i = 0; i < pairs.length; i += 1000) {
    const values = pairs.slice(i, i + 1000).map((pair) => ({
      id: crypto.randomUUID(),
      case_id: caseId,
      debit_tx: byImport.get(pair.debit.accountKey)!.ids[pair.debit.index]!,
      credit_tx: byImport.get(pair.credit.accountKey)!.ids[pair.credit.index]!,
      confidence: pair.confidence,
      reasons: JSON.stringify(pair.reasons),
      links: JSON.stringify(pair.links),
      status: 'suggested' as const,
    }));
    const inserted = await trx
      .insertInto('transfer_pairs')
      .values(values)
      .onConflict((oc) => oc.columns(['debit_tx', 'credit_tx']).doNothing())
      .returning('id')
      .execute();
    added += inserted.length;
  }
  return added;
}
