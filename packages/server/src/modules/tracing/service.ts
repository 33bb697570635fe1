import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { formatMinor, currencyMinorDigits } from '@focal/core';
import {
  TRACING_RULE_IDS,
  ZAssistanceRequestCreate,
  type TTracingAnalysis,
  type TTracingAnalysisSummary,
  type TTracingPathInput,
  type TTracingPathResult,
  type TTracingRerun,
  type TTracingRule,
  type TTracingRun,
  type TTracingTransactionList,
  type TUiLanguage,
  type ZTracingAnalysisCreate,
  type ZTracingFreezeInput,
  type ZTracingTransactionQuery,
} from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { badRequest, notFound } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { escapeLike } from '../users/service.js';
import { memberAccess, visibleTo } from '../cases/service.js';
import { visibleEntities } from '../cases/entities.js';
import { createRequest } from '../cases/requests.js';
import { pathOnLedger, runOnLedger, sameFigures } from './analysis.js';
import { freezeDraft } from './freeze-draft.js';
import { buildCaseLedger, seedCurrency, specLedger, type CaseLedger } from './ledger.js';
import { describeParties } from './parties.js';

/** The rules in their canonical order, each once. */
const orderedRules = (rules: readonly TTracingRule[]) => TRACING_RULE_IDS.filter((rule) => rules.includes(rule));

/** The seeds as ledger transactions; a row the ledger leaves out (a transfer to itself) cannot be a seed. */
function seedsOnLedger(ledger: CaseLedger, seeds: readonly number[]) {
  return [...new Set(seeds)].map((statementId) => {
    const transaction = ledger.byStatementRow.get(statementId);
    if (!transaction) throw badRequest('validation_failed', 'A seed transaction moves money between an account and itself: it cannot be traced.', { seeds: 'not_traceable' });
    return { statementId, transaction };
  });
}

/** Builds the caller's ledger, runs the rules and names the parties. */
async function compute(trx: Db, actor: Actor, caseId: string, seeds: readonly number[], rules: readonly TTracingRule[]): Promise<{ run: TTracingRun; ledger: CaseLedger }> {
  const currency = await seedCurrency(trx, actor, caseId, seeds);
  const ledger = await buildCaseLedger(trx, actor, caseId, currency);
  return { run: await runAndDescribe(trx, actor, caseId, ledger, seedsOnLedger(ledger, seeds), rules), ledger };
}

async function runAndDescribe(trx: Db, actor: Actor, caseId: string, ledger: CaseLedger, seeds: { statementId: number; transaction: string }[], rules: readonly TTracingRule[]): Promise<TTracingRun> {
  const { partyIds, ...run } = runOnLedger(ledger, seeds, orderedRules(rules));
  const parties = await describeParties(
    trx,
    actor,
    caseId,
    partyIds.map((id) => ledger.parties.get(id)!),
    ledger.reach,
  );
  return { ...run, parties };
}

/** "1500", "1 500,00", "1500.5": the minor units such an amount has in currencies of 0, 2 or 3 decimals. */
function amountCandidates(term: string): number[] {
  const match = /^(\d{1,15})(?:[.,](\d{1,3}))?$/.exec(term.replace(/[\s\u00a0'’]/g, ''));
  if (!match) return [];
  const [, units = '0', fraction = ''] = match;
  return [0, 2, 3].filter((digits) => fraction.length <= digits).map((digits) => Number(units) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0'));
}

/** The case's statement rows the caller can see, for picking seeds: searched, a page at a time. */
export async function listTracingTransactions(ctx: AppContext, actor: Actor, caseId: string, query: z.output<typeof ZTracingTransactionQuery>, info: RequestInfo): Promise<TTracingTransactionList> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    let base = trx
      .selectFrom('statement_transactions as t')
      .innerJoin('statement_imports as i', 'i.id', 't.import_id')
      .innerJoin('entities as e', 'e.id', 't.payment_entity')
      .where('t.case_id', '=', caseId)
      .where(visibleTo(actor, 'e.reach', 'e.owner_country'));
    const currencies = await base.select('t.currency').distinct().orderBy('t.currency').execute();
    if (query.currency) base = base.where('t.currency', '=', query.currency);
    for (const term of (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
      const like = `%${escapeLike(term.toLowerCase())}%`;
      const amounts = amountCandidates(term);
      base = base.where((eb) =>
        eb.or([
          eb(sql`lower(coalesce(t.counterparty_name, ''))`, 'like', like),
          eb(sql`lower(coalesce(t.counterparty_account, ''))`, 'like', like),
          eb(sql`lower(coalesce(t.reference, ''))`, 'like', like),
          eb(sql`lower(i.account_label)`, 'like', like),
          eb(sql`t.booking_date::text`, 'like', like),
          ...(amounts.length ? [eb(sql`abs(t.amount_minor)`, 'in', amounts)] : []),
        ]),
      );
    }
    const { n: total } = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['t.id', 't.import_id', 't.booking_date', 't.amount_minor', 't.currency', 't.counterparty_name', 't.counterparty_account', 't.reference', 't.payment_entity', 'i.account_label'])
      .orderBy('t.booking_date')
      .orderBy('t.id')
      .offset(query.offset)
      .limit(query.limit)
      .execute();
    const ids = rows.map((r) => r.id);
    const pairs = ids.length
      ? await trx
          .selectFrom('transfer_pairs')
          .select(['debit_tx', 'credit_tx', 'status'])
          .where('case_id', '=', caseId)
          .where('status', 'in', ['confirmed', 'suggested'])
          .where((eb) => eb.or([eb('debit_tx', 'in', ids), eb('credit_tx', 'in', ids)]))
          .execute()
      : [];
    const pairOf = new Map<number, 'confirmed' | 'suggested'>();
    for (const pair of pairs) {
      for (const id of [pair.debit_tx, pair.credit_tx]) if (pairOf.get(id) !== 'confirmed') pairOf.set(id, pair.status as 'confirmed' | 'suggested');
    }
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.transactions_listed', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: { rows: rows.length } });
    return {
      items: rows.map((r) => ({
        id: r.id,
        importId: r.import_id,
        account: r.account_label,
        date: r.booking_date,
        direction: r.amount_minor < 0 ? ('out' as const) : ('in' as const),
        amount: { amount: formatMinor(Math.abs(r.amount_minor), currencyMinorDigits(r.currency) ?? 2), amountMinor: Math.abs(r.amount_minor), currency: r.currency },
        counterpartyName: r.counterparty_name,
        counterpartyAccount: r.counterparty_account,
        reference: r.reference,
        paymentEntityId: r.payment_entity!,
        pair: pairOf.get(r.id) ?? null,
      })),
      total: Number(total),
      currencies: currencies.map((c) => c.currency),
    };
  });
}

/** Traces the seeds under the rules, without saving: audited, as it reads the case's statements. */
export async function runTracing(ctx: AppContext, actor: Actor, caseId: string, input: { seeds: number[]; rules: TTracingRule[] }, info: RequestInfo): Promise<TTracingRun> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const { run } = await compute(trx, actor, caseId, input.seeds, input.rules);
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'tracing.run',
      targetType: 'case',
      targetId: caseId,
      country: access.row.lead_country,
      details: { rules: run.rules, seeds: input.seeds.length, ledgerVersion: run.ledger.version },
    });
    return run;
  });
}

/** How the money reached one holding under one rule, on the ledger as it is now. */
export async function tracePath(ctx: AppContext, actor: Actor, caseId: string, input: TTracingPathInput, info: RequestInfo): Promise<TTracingPathResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const currency = await seedCurrency(trx, actor, caseId, input.seeds);
    const ledger = await buildCaseLedger(trx, actor, caseId, currency);
    if (!ledger.parties.has(input.account)) throw badRequest('validation_failed', 'This account is not in the ledger.', { account: 'not_a_holding' });
    const { path, partyIds } = pathOnLedger(ledger, seedsOnLedger(ledger, input.seeds), input.rule, input.account);
    const parties = await describeParties(
      trx,
      actor,
      caseId,
      partyIds.map((id) => ledger.parties.get(id)!),
      ledger.reach,
    );
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'tracing.path_viewed',
      targetType: 'case',
      targetId: caseId,
      country: access.row.lead_country,
      details: { rule: input.rule, account: input.account, ledgerVersion: ledger.version },
    });
    return { path, parties, ledgerVersion: ledger.version };
  });
}

/** The ledger in the spec's format with the seeds as taint, so `focal trace` can check a figure anywhere. */
export async function exportLedger(ctx: AppContext, actor: Actor, caseId: string, seeds: number[], info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const currency = await seedCurrency(trx, actor, caseId, seeds);
    const ledger = await buildCaseLedger(trx, actor, caseId, currency);
    const mapped = seedsOnLedger(ledger, seeds);
    const parties = await describeParties(
      trx,
      actor,
      caseId,
      ledger.accounts.map((a) => ledger.parties.get(a.id)!),
      ledger.reach,
    );
    const byId = new Map(parties.map((p) => [p.id, p]));
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.ledger_exported', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: { currency, seeds: seeds.length, ledgerVersion: ledger.version } });
    return specLedger(
      ledger,
      [...new Set(mapped.map((s) => s.transaction))],
      (id) => ({ holder: byId.get(id)?.holder ?? null, jurisdiction: byId.get(id)?.jurisdiction ?? null }),
    );
  });
}

type AnalysisRow = { id: string; title: string; rules: string[]; seeds: (number | string)[]; currency: string; ledger_version: string; total_tainted_minor: number; created_at: Date; user_id: string | null; name: string | null; name_latin: string | null; user_country: string | null };

function analysesOf(trx: Db, actor: Actor, caseId: string) {
  return trx
    .selectFrom('tracing_analyses as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.title', 'a.rules', 'a.seeds', 'a.currency', 'a.ledger_version', 'a.total_tainted_minor', 'a.created_at', 'a.result', 'u.id as user_id', 'u.name', 'u.name_latin', 'u.country as user_country'])
    .where('a.case_id', '=', caseId)
    .where(visibleTo(actor, 'a.reach', 'a.owner_country'));
}

function summary(row: AnalysisRow): TTracingAnalysisSummary {
  return {
    id: row.id,
    title: row.title,
    rules: orderedRules(row.rules as TTracingRule[]),
    currency: row.currency,
    seeds: row.seeds.map(Number),
    ledgerVersion: row.ledger_version,
    totalTainted: { amount: formatMinor(row.total_tainted_minor, currencyMinorDigits(row.currency) ?? 2), amountMinor: row.total_tainted_minor, currency: row.currency },
    createdAt: row.created_at.toISOString(),
    createdBy: row.user_id ? { id: row.user_id, name: row.name!, nameLatin: row.name_latin!, country: row.user_country! } : null,
  };
}

/** A saved analysis the caller may see (its reach is that of what it was computed from), or the 404 of a missing one. */
async function findAnalysis(trx: Db, actor: Actor, caseId: string, analysisId: string): Promise<TTracingAnalysis> {
  const row = await analysesOf(trx, actor, caseId).where('a.id', '=', analysisId).executeTakeFirst();
  if (!row) throw notFound();
  return { ...summary(row), run: row.result as TTracingRun };
}

/**
 * Runs the analysis again on the server (the browser's figures are never taken) and keeps rules,
 * seeds, ledger version and result. Only countries that could see every item it read may see it.
 */
export async function saveAnalysis(ctx: AppContext, actor: Actor, caseId: string, input: z.output<typeof ZTracingAnalysisCreate>, info: RequestInfo): Promise<TTracingAnalysis> {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const { run, ledger } = await compute(trx, actor, caseId, input.seeds, input.rules);
    const id = crypto.randomUUID();
    await trx
      .insertInto('tracing_analyses')
      .values({
        id,
        case_id: caseId,
        title: input.title,
        rules: run.rules,
        seeds: [...new Set(input.seeds)],
        currency: ledger.currency,
        ledger_version: ledger.version,
        total_tainted_minor: run.results[0]?.totalTainted.amountMinor ?? 0,
        result: JSON.stringify(run),
        owner_country: actor.country,
        reach: ledger.reach.toColumn(actor.country),
        created_by: actor.id,
      })
      .execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.analysis_saved', targetType: 'tracing_analysis', targetId: id, country: actor.country, details: { caseId, rules: run.rules, ledgerVersion: ledger.version } });
    return findAnalysis(trx, actor, caseId, id);
  });
}

export async function listAnalyses(ctx: AppContext, actor: Actor, caseId: string, info: RequestInfo): Promise<TTracingAnalysisSummary[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const rows = await analysesOf(trx, actor, caseId).orderBy('a.created_at', 'desc').limit(500).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.analyses_listed', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: { rows: rows.length } });
    return rows.map(summary);
  });
}

export async function viewAnalysis(ctx: AppContext, actor: Actor, caseId: string, analysisId: string, info: RequestInfo): Promise<TTracingAnalysis> {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const analysis = await findAnalysis(trx, actor, caseId, analysisId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.analysis_viewed', targetType: 'tracing_analysis', targetId: analysisId, country: actor.country, details: { caseId } });
    return analysis;
  });
}

/**
 * Runs a saved analysis again on the statements as they are now and says whether the ledger
 * changed since (another statement, a pair confirmed, a row removed or put out of reach) and
 * whether its figures did.
 */
export async function rerunAnalysis(ctx: AppContext, actor: Actor, caseId: string, analysisId: string, info: RequestInfo): Promise<TTracingRerun> {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const analysis = await findAnalysis(trx, actor, caseId, analysisId);
    const ledger = await buildCaseLedger(trx, actor, caseId, analysis.currency);
    const missingSeeds = analysis.seeds.filter((id) => !ledger.byStatementRow.has(id));
    const remaining = analysis.seeds.filter((id) => ledger.byStatementRow.has(id));
    const current = remaining.length ? await runAndDescribe(trx, actor, caseId, ledger, seedsOnLedger(ledger, remaining), analysis.rules) : null;
    const ledgerChanged = ledger.version !== analysis.ledgerVersion || missingSeeds.length > 0;
    const figuresChanged = current === null || !sameFigures(analysis.run, current);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.analysis_rerun', targetType: 'tracing_analysis', targetId: analysisId, country: actor.country, details: { caseId, ledgerChanged, figuresChanged } });
    return { analysis, current, ledgerChanged, figuresChanged, missingSeeds };
  });
}

/**
 * Drafts an identify-and-freeze request (UNCAC art. 55(2)) to the country where a traced holding
 * is, with the account and its holder attached and the traced amount of the saved analysis
 * written in. The requests module creates the draft (its own checks and audit); the officer
 * reviews and sends it.
 */
export async function draftFreezeRequest(ctx: AppContext, actor: Actor, caseId: string, analysisId: string, input: z.output<typeof ZTracingFreezeInput>, info: RequestInfo): Promise<{ requestId: string }> {
  const prepared = await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const analysis = await findAnalysis(trx, actor, caseId, analysisId);
    const result = analysis.run.results.find((r) => r.rule === input.rule);
    if (!result) throw badRequest('validation_failed', 'This analysis was not run under that rule.', { rule: 'not_in_analysis' });
    const holding = result.holdings.find((h) => h.account === input.account);
    const party = analysis.run.parties.find((p) => p.id === input.account);
    if (!holding || !party) throw badRequest('validation_failed', 'This account holds no traced money in the analysis.', { account: 'not_a_holding' });
    if (!party.jurisdiction) throw badRequest('validation_failed', 'Where this account is is not known: record its country or IBAN first.', { account: 'no_jurisdiction' });
    if (party.jurisdiction === actor.country) throw badRequest('validation_failed', 'This account is in your own country: no request to another country is needed.', { account: 'own_country' });
    const wanted = [party.entityId, party.holderEntityId].filter((id): id is string => id !== null);
    const attach = wanted.length ? (await visibleEntities(trx, actor, caseId, { ids: wanted })).map((row) => row.entity.id) : [];
    const language = input.language ?? ((await trx.selectFrom('users').select('ui_language').where('id', '=', actor.id).executeTakeFirst())?.ui_language as TUiLanguage | undefined) ?? 'en';
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.analysis_viewed', targetType: 'tracing_analysis', targetId: analysisId, country: actor.country, details: { caseId } });
    const draft = freezeDraft(language, {
      account: party.id,
      bank: party.bank,
      holder: party.holder,
      jurisdiction: party.jurisdiction,
      amount: holding.tainted.amount,
      currency: holding.tainted.currency,
      rule: input.rule,
      analysisTitle: analysis.title,
      analysisId: analysis.id,
      analysisDate: analysis.createdAt.slice(0, 10),
      ledgerVersion: analysis.ledgerVersion,
      statements: analysis.run.ledger.statements.length,
      seeds: analysis.run.seeds.map((s) => ({ date: s.date, amount: s.amount.amount, from: s.from, to: s.to })),
      caseReference: access.row.reference,
      caseTitle: access.row.title,
    });
    return { draft, toCountry: party.jurisdiction, attach };
  });
  const requestId = await createRequest(
    ctx,
    actor,
    ZAssistanceRequestCreate.parse({ caseId, type: 'identify_trace_freeze', urgency: 'urgent_indirect', toCountry: prepared.toCountry, title: prepared.draft.title, content: prepared.draft.content, entityIds: prepared.attach }),
    info,
  );
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.audit.append(trx, asUser(actor, info), { action: 'tracing.freeze_drafted', targetType: 'tracing_analysis', targetId: analysisId, country: actor.country, details: { caseId, requestId, rule: input.rule, account: input.account } });
  });
  return { requestId };
}
