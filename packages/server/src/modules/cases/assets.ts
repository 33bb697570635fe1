import crypto from 'node:crypto';
import type { z } from 'zod';
import { isAssetSchema, type TAssetStage, type ZMeasureCreate, type ZValuationCreate } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import { authorize, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { checkReach } from './entities.js';
import { canSee, memberAccess, recordEvent, visibleTo } from './service.js';

/** Digits after the decimal point in a currency (2 for EUR, 0 for JPY, 3 for KWD), from ICU. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw badRequest('validation_failed', `${currency} is not a currency code.`, { currency: 'invalid_currency' });
  }
}

/** "1250.5" EUR → 125050 (cents). Refuses more decimals than the currency has. */
export function toMinor(amount: string, currency: string, field = 'amount'): number {
  const digits = currencyDigits(currency);
  const [units, fraction = ''] = amount.split('.');
  if (fraction.length > digits) throw badRequest('validation_failed', `${currency} amounts have at most ${digits} decimals.`, { [field]: 'too_many_decimals' });
  const minor = BigInt(units!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw badRequest('validation_failed', 'The amount is too large.', { [field]: 'too_large' });
  return Number(minor);
}

export function money(amountMinor: number, currency: string) {
  const digits = currencyDigits(currency);
  const negative = amountMinor < 0;
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const amount = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return { amount: negative ? `-${amount}` : amount, amountMinor, currency };
}

// Rank of each stage in an asset's life; frozen and seized share a rank, as do returned and released.
const RANK: Record<TAssetStage, number> = { identified: 0, traced: 1, frozen: 2, seized: 2, confiscated: 3, returned: 4, released: 4 };
const group = (stage: TAssetStage): TAssetStage[] => (Object.keys(RANK) as TAssetStage[]).filter((s) => RANK[s] === RANK[stage] && (RANK[stage] !== 4 || s === stage));

/** An asset-like entity of the case that the caller can see, or 404. */
async function visibleAsset(trx: Db, actor: Actor, caseId: string, entityId: string) {
  const entity = await trx.selectFrom('entities').selectAll().where('id', '=', entityId).where('case_id', '=', caseId).executeTakeFirst();
  if (!entity || !canSee(actor, entity)) throw notFound();
  if (!isAssetSchema(entity.schema)) throw badRequest('validation_failed', `A ${entity.schema} is not an asset.`, { entityId: 'not_an_asset' });
  return entity;
}

export async function addValuation(ctx: AppContext, actor: Actor, caseId: string, entityId: string, input: z.output<typeof ZValuationCreate>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'contribute', 'case', access);
    const entity = await visibleAsset(trx, actor, caseId, entityId);
    const reach = checkReach(access, input.reach);
    await trx
      .insertInto('asset_valuations')
      .values({ entity_id: entityId, case_id: caseId, amount_minor: toMinor(input.amount, input.currency), currency: input.currency, valued_on: input.valuedOn, source: input.source, owner_country: actor.country, reach, added_by: actor.id })
      .execute();
    await recordEvent(ctx, trx, caseId, actor, 'asset_valued', { entityId, caption: entity.caption, amount: input.amount, currency: input.currency }, reach);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'asset.valued', targetType: 'entity', targetId: entityId, country: actor.country, details: { caseId, currency: input.currency } });
  });
}

/**
 * Records a step in the asset's life. Every step after "identified" needs an earlier one, and
 * the amount at a step may not exceed what the step before holds in that currency (a partial
 * freeze of a traced sum, a partial return of a confiscated one).
 */
export async function addMeasure(ctx: AppContext, actor: Actor, caseId: string, entityId: string, input: z.output<typeof ZMeasureCreate>, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'contribute', 'case', access);
    const entity = await visibleAsset(trx, actor, caseId, entityId);
    const reach = checkReach(access, input.reach);
    await trx.selectFrom('entities').select('id').where('id', '=', entityId).forUpdate().execute();
    const amountMinor = toMinor(input.amount, input.currency);
    // Checked against the steps the caller can see: a restricted step must not show through a refusal.
    const measures = await trx
      .selectFrom('asset_measures')
      .select(['stage', 'amount_minor', 'currency'])
      .where('entity_id', '=', entityId)
      .where(visibleTo(actor, 'asset_measures.reach', 'asset_measures.owner_country'))
      .execute();
    const rank = RANK[input.stage];
    if (rank > 0) {
      const earlier = measures.filter((m) => RANK[m.stage as TAssetStage] < rank);
      if (earlier.length === 0) throw new AppError(409, 'conflict', `Record how the asset was identified before it is ${input.stage}.`, { fields: { stage: 'out_of_order' } });
      // Compare with the nearest earlier step that has amounts in this currency.
      for (let r = rank === 4 && input.stage === 'released' ? 2 : rank - 1; r >= 0; r--) {
        const before = measures.filter((m) => RANK[m.stage as TAssetStage] === r && m.currency === input.currency);
        if (before.length === 0) continue;
        const available = before.reduce((sum, m) => sum + m.amount_minor, 0);
        const already = measures.filter((m) => group(input.stage).includes(m.stage as TAssetStage) && m.currency === input.currency).reduce((sum, m) => sum + m.amount_minor, 0);
        if (already + amountMinor > available) {
          throw new AppError(409, 'conflict', `Only ${money(available - already, input.currency).amount} ${input.currency} remain at the previous stage.`, { fields: { amount: 'exceeds_previous_stage' } });
        }
        break;
      }
    }
    if (input.stage === 'returned' && (!input.receivingCountry || !input.art57Branch)) {
      throw badRequest('validation_failed', 'A return names the receiving country and the branch of UNCAC art. 57(3).', {
        ...(input.receivingCountry ? {} : { receivingCountry: 'required' }),
        ...(input.art57Branch ? {} : { art57Branch: 'required' }),
      });
    }
    if (input.documentId) {
      const document = await trx.selectFrom('case_documents').select(['id', 'owner_country', 'reach']).where('id', '=', input.documentId).where('case_id', '=', caseId).executeTakeFirst();
      if (!document || !canSee(actor, document)) throw badRequest('validation_failed', 'The supporting document is not in this case.', { documentId: 'unknown' });
    }
    const id = crypto.randomUUID();
    await trx
      .insertInto('asset_measures')
      .values({
        id,
        entity_id: entityId,
        case_id: caseId,
        stage: input.stage,
        amount_minor: amountMinor,
        currency: input.currency,
        jurisdiction: input.jurisdiction,
        measure_type: input.measureType,
        authority: input.authority,
        measure_date: input.date,
        reference: input.reference,
        document_id: input.documentId,
        receiving_country: input.stage === 'returned' ? input.receivingCountry : null,
        art57_branch: input.stage === 'returned' ? input.art57Branch : null,
        expenses_minor: input.stage === 'returned' && input.expenses ? toMinor(input.expenses, input.currency, 'expenses') : null,
        note: input.note,
        owner_country: actor.country,
        reach,
        added_by: actor.id,
      })
      .execute();
    await recordEvent(ctx, trx, caseId, actor, 'measure_recorded', { entityId, caption: entity.caption, stage: input.stage, amount: input.amount, currency: input.currency, measureType: input.measureType }, reach);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'asset.measure_recorded', targetType: 'entity', targetId: entityId, country: actor.country, details: { caseId, stage: input.stage, currency: input.currency } });
    return id;
  });
}

export async function listAssets(ctx: AppContext, actor: Actor, caseId: string) {
  await memberAccess(ctx.db, actor, caseId);
  const entities = await ctx.db
    .selectFrom('entities')
    .select(['id', 'schema', 'caption'])
    .where('case_id', '=', caseId)
    .where('schema', 'in', ['BankAccount', 'RealEstate', 'Vehicle', 'Vessel', 'Airplane', 'Security', 'CryptoWallet', 'Company'])
    .where(visibleTo(actor, 'entities.reach', 'entities.owner_country'))
    .orderBy('caption')
    .execute();
  if (entities.length === 0) return [];
  const ids = entities.map((e) => e.id);
  const [valuations, measures] = await Promise.all([
    ctx.db.selectFrom('asset_valuations').selectAll().where('entity_id', 'in', ids).where(visibleTo(actor, 'asset_valuations.reach', 'asset_valuations.owner_country')).orderBy('valued_on').execute(),
    ctx.db.selectFrom('asset_measures').selectAll().where('entity_id', 'in', ids).where(visibleTo(actor, 'asset_measures.reach', 'asset_measures.owner_country')).orderBy('measure_date').orderBy('added_at').execute(),
  ]);
  return entities.map((entity) => {
    const mine = measures.filter((m) => m.entity_id === entity.id);
    const values = valuations.filter((v) => v.entity_id === entity.id);
    const furthest = mine.reduce<(typeof mine)[number] | null>((best, m) => (!best || RANK[m.stage as TAssetStage] >= RANK[best.stage as TAssetStage] ? m : best), null);
    const latest = values[values.length - 1];
    return {
      entityId: entity.id,
      schema: entity.schema,
      caption: entity.caption,
      stage: (furthest?.stage as TAssetStage | undefined) ?? null,
      jurisdiction: furthest?.jurisdiction ?? null,
      latestValue: latest ? money(latest.amount_minor, latest.currency) : null,
      valuations: values.map((v) => ({ id: v.id, ...money(v.amount_minor, v.currency), valuedOn: v.valued_on, source: v.source, ownerCountry: v.owner_country, addedAt: v.added_at.toISOString() })),
      measures: mine.map((m) => ({
        id: m.id,
        ...money(m.amount_minor, m.currency),
        stage: m.stage as TAssetStage,
        jurisdiction: m.jurisdiction,
        measureType: m.measure_type as never,
        authority: m.authority,
        date: m.measure_date,
        reference: m.reference,
        documentId: m.document_id,
        receivingCountry: m.receiving_country,
        art57Branch: m.art57_branch as 'a' | 'b' | 'c' | null,
        expenses: m.expenses_minor !== null ? money(m.expenses_minor, m.currency) : null,
        note: m.note,
        ownerCountry: m.owner_country,
        addedAt: m.added_at.toISOString(),
      })),
    };
  });
}

const TOTAL_STAGES = { identified: ['identified'], frozen: ['frozen', 'seized'], confiscated: ['confiscated'], returned: ['returned'] } as const;

/**
 * Totals per stage for one case, or for every case the caller is a member of (the portfolio):
 * per currency, and converted with the operator's rates (no network fetch).
 */
export async function totals(ctx: AppContext, actor: Actor, caseId: string | null) {
  if (caseId) await memberAccess(ctx.db, actor, caseId);
  let q = ctx.db
    .selectFrom('asset_measures as m')
    .innerJoin('entities as e', 'e.id', 'm.entity_id')
    .select(['m.stage', 'm.currency', (eb) => eb.fn.sum<number>('m.amount_minor').as('total')])
    .where(visibleTo(actor, 'm.reach', 'm.owner_country'))
    .where(visibleTo(actor, 'e.reach', 'e.owner_country'))
    .groupBy(['m.stage', 'm.currency']);
  q = caseId
    ? q.where('m.case_id', '=', caseId)
    : q.where((eb) => eb.exists(eb.selectFrom('case_members as cm').select('cm.user_id').whereRef('cm.case_id', '=', 'm.case_id').where('cm.user_id', '=', actor.id)));
  const rows = await q.execute();
  const rates = new Map((await ctx.db.selectFrom('exchange_rates').select(['currency', 'rate']).execute()).map((r) => [r.currency, Number(r.rate)]));
  const base = ctx.config.baseCurrency;
  rates.set(base, 1);
  return {
    baseCurrency: base,
    stages: (Object.keys(TOTAL_STAGES) as (keyof typeof TOTAL_STAGES)[]).map((stage) => {
      const byCurrency = new Map<string, number>();
      for (const row of rows) if ((TOTAL_STAGES[stage] as readonly string[]).includes(row.stage)) byCurrency.set(row.currency, (byCurrency.get(row.currency) ?? 0) + Number(row.total));
      let converted = 0;
      const missingRates: string[] = [];
      for (const [currency, minor] of byCurrency) {
        const rate = rates.get(currency);
        if (rate === undefined) {
          missingRates.push(currency);
          continue;
        }
        const major = minor / 10 ** currencyDigits(currency);
        converted += Math.round(major * rate * 10 ** currencyDigits(base));
      }
      return {
        stage,
        byCurrency: [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => money(minor, currency)),
        converted: money(converted, base),
        missingRates: missingRates.sort(),
      };
    }),
  };
}
