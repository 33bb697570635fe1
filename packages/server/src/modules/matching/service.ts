import crypto from 'node:crypto';
import { sql } from 'kysely';
import { blockingKeys, MATCH_THRESHOLD, scoreEntities, type Evidence, type MatchEntity } from '@focal/core';
import type { TMatchItem } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { canSee, memberAccess } from '../cases/service.js';
import { blindScore, candidatesFor, keyKindsOf } from './crossref.js';
import { blindKey, hmacKeyOf, keyKind, toMatchEntity } from './index-keys.js';

/**
 * Which of these entities the caller may see: as a member of the entity's case whose country
 * the item reaches, or through a granted access request. The secretariat has no special sight.
 */
export async function visibleEntityIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('entities as e')
    .select('e.id')
    .where('e.id', 'in', [...new Set(ids)])
    .where((eb) =>
      eb.or([
        eb.and([
          eb.exists(eb.selectFrom('case_members as m').select('m.user_id').whereRef('m.case_id', '=', 'e.case_id').where('m.user_id', '=', actor.id)),
          sql<boolean>`(e.owner_country = ${actor.country} OR e.reach IS NULL OR ${actor.country} = ANY(e.reach))`,
        ]),
        eb.exists(eb.selectFrom('entity_grants as g').select('g.user_id').whereRef('g.entity_id', '=', 'e.id').where('g.user_id', '=', actor.id)),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of these entities belong to cases the caller is a member of (and reach their country). */
async function memberEntityIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('entities as e')
    .innerJoin('case_members as m', (join) => join.onRef('m.case_id', '=', 'e.case_id').on('m.user_id', '=', actor.id))
    .select('e.id')
    .where('e.id', 'in', [...new Set(ids)])
    .where(sql<boolean>`(e.owner_country = ${actor.country} OR e.reach IS NULL OR ${actor.country} = ANY(e.reach))`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * What waits for the caller, counted without reading any entity (so not audited): for a badge
 * that may be polled.
 */
export async function matchCounts(ctx: AppContext, actor: Actor) {
  const mine = (column: string) =>
    sql<boolean>`EXISTS (SELECT 1 FROM entities e JOIN case_members m ON m.case_id = e.case_id AND m.user_id = ${actor.id}
      WHERE e.id = ${sql.ref(column)} AND (e.owner_country = ${actor.country} OR e.reach IS NULL OR ${actor.country} = ANY(e.reach)))`;
  const visible = (column: string) =>
    sql<boolean>`(${mine(column)} OR EXISTS (SELECT 1 FROM entity_grants g WHERE g.entity_id = ${sql.ref(column)} AND g.user_id = ${actor.id}))`;
  const row = await ctx.db
    .selectFrom('match_candidates as c')
    .select([
      sql<number>`count(*) FILTER (WHERE ${visible('c.entity_a')} AND ${visible('c.entity_b')} AND c.score >= ${MATCH_THRESHOLD - 0.15})`.as('review'),
      sql<number>`count(*) FILTER (WHERE c.is_match AND ((${mine('c.entity_a')} AND NOT ${visible('c.entity_b')}) OR (${mine('c.entity_b')} AND NOT ${visible('c.entity_a')}))
        AND NOT EXISTS (SELECT 1 FROM match_access_requests r WHERE r.candidate_id = c.id AND r.requester_id = ${actor.id}))`.as('hits'),
    ])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('match_judgements as j').select('j.candidate_id').whereRef('j.candidate_id', '=', 'c.id').where('j.user_id', '=', actor.id))))
    .executeTakeFirstOrThrow();
  const decisions = await ctx.db
    .selectFrom('match_access_requests as r')
    .innerJoin('entities as e', 'e.id', 'r.hidden_entity')
    .innerJoin('cases as cs', 'cs.id', 'e.case_id')
    .innerJoin('case_members as m', (join) => join.onRef('m.case_id', '=', 'cs.id').on('m.user_id', '=', actor.id))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.status', '=', 'pending')
    .where((eb) => eb.or([eb('m.is_lead', '=', true), eb('m.user_id', '=', eb.ref('cs.owner_id'))]))
    .executeTakeFirstOrThrow();
  return { review: Number(row.review), hits: Number(row.hits), decisions: Number(decisions.n) };
}

async function describe(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; caseId: string; caseReference: string; leadCountry: string; schema: string; caption: string }>();
  const rows = await db
    .selectFrom('entities as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.case_id', 'c.reference', 'c.lead_country', 'e.schema', 'e.caption'])
    .where('e.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, caseId: r.case_id, caseReference: r.reference, leadCountry: r.lead_country, schema: r.schema, caption: r.caption }]));
}

type CandidateRow = { id: string; entity_a: string; entity_b: string; score: number; is_match: boolean; blind: boolean; explanation: unknown[] };

/**
 * Candidates as the caller may know them: in full when both entities are visible to them; as
 * a bare hit — "a possible match is held in a case led by X" — when only theirs is, and only
 * for pairs the matcher calls a match. Nothing of the hidden entity or its case is told.
 */
async function present(db: Db, actor: Actor, rows: CandidateRow[], mineFirst: (row: CandidateRow) => [string, string]) {
  const ids = rows.flatMap((r) => [r.entity_a, r.entity_b]);
  const [visible, info, judgements, requests] = await Promise.all([
    visibleEntityIds(db, actor, ids),
    describe(db, ids),
    rows.length ? db.selectFrom('match_judgements').select(['candidate_id', 'verdict']).where('user_id', '=', actor.id).where('candidate_id', 'in', rows.map((r) => r.id)).execute() : [],
    rows.length ? db.selectFrom('match_access_requests').select(['candidate_id', 'status']).where('requester_id', '=', actor.id).where('candidate_id', 'in', rows.map((r) => r.id)).orderBy('created_at', 'desc').execute() : [],
  ]);
  return rows.flatMap((row): TMatchItem[] => {
    const [mine, other] = mineFirst(row);
    if (!visible.has(mine)) return [];
    const verdict = judgements.find((j) => j.candidate_id === row.id)?.verdict ?? null;
    if (visible.has(other)) {
      return [{ kind: 'match', candidateId: row.id, score: row.score, isMatch: row.is_match, blind: row.blind, explanation: row.explanation as Evidence[], entity: info.get(mine)!, other: info.get(other)!, verdict }];
    }
    if (!row.is_match) return [];
    return [{ kind: 'hit', candidateId: row.id, entity: info.get(mine)!, leadCountry: info.get(other)!.leadCountry, accessRequest: requests.find((r) => r.candidate_id === row.id)?.status ?? null }];
  });
}

/** Possible matches of one entity of a case. */
export async function entityMatches(ctx: AppContext, actor: Actor, caseId: string, entityId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    await memberAccess(trx, actor, caseId);
    const entity = await trx.selectFrom('entities').selectAll().where('id', '=', entityId).where('case_id', '=', caseId).executeTakeFirst();
    if (!entity || !canSee(actor, entity)) throw notFound();
    const rows = await trx
      .selectFrom('match_candidates')
      .selectAll()
      .where((eb) => eb.or([eb('entity_a', '=', entityId), eb('entity_b', '=', entityId)]))
      .orderBy('score', 'desc')
      .limit(200)
      .execute();
    const items = await present(trx, actor, rows, (r) => (r.entity_a === entityId ? [r.entity_a, r.entity_b] : [r.entity_b, r.entity_a]));
    await ctx.audit.append(trx, asUser(actor, info), { action: 'match.viewed', targetType: 'entity', targetId: entityId, country: actor.country, details: { results: items.length } });
    return items;
  });
}

/**
 * The caller's work: pairs they can judge (both entities visible, not yet judged by them) and
 * hits (their entity matches one they cannot see), best first.
 */
export async function matchQueue(ctx: AppContext, actor: Actor, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const mineVisible = (column: 'c.entity_a' | 'c.entity_b') =>
      sql<boolean>`EXISTS (SELECT 1 FROM entities e JOIN case_members m ON m.case_id = e.case_id AND m.user_id = ${actor.id}
        WHERE e.id = ${sql.ref(column)} AND (e.owner_country = ${actor.country} OR e.reach IS NULL OR ${actor.country} = ANY(e.reach)))`;
    const rows = await trx
      .selectFrom('match_candidates as c')
      .selectAll('c')
      .where((eb) => eb.or([mineVisible('c.entity_a'), mineVisible('c.entity_b')]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('match_judgements as j').select('j.candidate_id').whereRef('j.candidate_id', '=', 'c.id').where('j.user_id', '=', actor.id))))
      .where('c.score', '>=', MATCH_THRESHOLD - 0.15)
      .orderBy('c.score', 'desc')
      .limit(200)
      .execute();
    // "Mine" is the entity of a case I am a member of (not one I was only granted sight of).
    const own = await memberEntityIds(
      trx,
      actor,
      rows.flatMap((r) => [r.entity_a, r.entity_b]),
    );
    const items = await present(trx, actor, rows, (r) => (own.has(r.entity_a) ? [r.entity_a, r.entity_b] : [r.entity_b, r.entity_a]));
    await ctx.audit.append(trx, asUser(actor, info), { action: 'match.viewed', targetType: null, targetId: null, country: actor.country, details: { results: items.length } });
    return items;
  });
}

/** same / not same / unsure, once per person and pair; "same" links the entities across cases. */
export async function judge(ctx: AppContext, actor: Actor, candidateId: string, verdict: 'same' | 'not_same' | 'unsure', info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('match_candidates').selectAll().where('id', '=', candidateId).executeTakeFirst();
    if (!row) throw notFound();
    const visible = await visibleEntityIds(trx, actor, [row.entity_a, row.entity_b]);
    if (visible.size < 2) throw notFound();
    const existing = await trx.selectFrom('match_judgements').select('verdict').where('candidate_id', '=', candidateId).where('user_id', '=', actor.id).executeTakeFirst();
    if (existing) throw conflict('already_decided', 'You have already judged this pair.');
    await trx.insertInto('match_judgements').values({ candidate_id: candidateId, user_id: actor.id, country: actor.country, verdict, at: new Date() }).execute();
    if (verdict === 'same') {
      await trx.insertInto('entity_links').values({ entity_a: row.entity_a, entity_b: row.entity_b, linked_by: actor.id, at: new Date() }).onConflict((oc) => oc.doNothing()).execute();
    }
    await ctx.audit.append(trx, asUser(actor, info), { action: 'match.judged', targetType: 'match', targetId: candidateId, country: actor.country, details: { verdict } });
  });
}

/** The searcher asks to see the hidden side of a hit; the lead of its case decides. */
export async function requestAccess(ctx: AppContext, actor: Actor, candidateId: string, reason: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('match_candidates').selectAll().where('id', '=', candidateId).executeTakeFirst();
    if (!row || !row.is_match) throw notFound();
    const visible = await visibleEntityIds(trx, actor, [row.entity_a, row.entity_b]);
    if (visible.size !== 1) throw visible.size === 0 ? notFound() : badRequest('validation_failed', 'You can already see both entities.', { candidateId: 'visible' });
    const hidden = visible.has(row.entity_a) ? row.entity_b : row.entity_a;
    const id = crypto.randomUUID();
    const inserted = await trx
      .insertInto('match_access_requests')
      .values({ id, candidate_id: candidateId, requester_id: actor.id, requester_country: actor.country, hidden_entity: hidden, reason, status: 'pending' })
      .onConflict((oc) => oc.columns(['candidate_id', 'requester_id']).where('status', '=', 'pending').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    await ctx.audit.append(trx, asUser(actor, info), { action: 'match.access_requested', targetType: 'match', targetId: candidateId, country: actor.country, details: { requestId: id } });
    const leads = await leadsOfEntity(trx, hidden);
    await ctx.realtime.publish(trx, leads, { type: 'case', reason: 'changed' });
  });
}

async function leadsOfEntity(db: Db, entityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('entities as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .innerJoin('case_members as m', 'm.case_id', 'c.id')
    .select('m.user_id')
    .where('e.id', '=', entityId)
    .where((eb) => eb.or([eb('m.is_lead', '=', true), eb('m.user_id', '=', eb.ref('c.owner_id'))]))
    .execute();
  return rows.map((r) => r.user_id);
}

/** Requests I must decide (I lead the hidden entity's case) and requests I made. */
export async function listAccessRequests(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('match_access_requests as r')
    .innerJoin('entities as e', 'e.id', 'r.hidden_entity')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .innerJoin('users as u', 'u.id', 'r.requester_id')
    .select(['r.id', 'r.candidate_id', 'r.status', 'r.reason', 'r.created_at', 'r.decided_at', 'r.requester_id', 'r.requester_country', 'u.name', 'u.name_latin', 'e.id as entity_id', 'e.caption', 'e.schema', 'c.id as case_id', 'c.reference', 'c.lead_country'])
    .where((eb) =>
      eb.or([
        eb('r.requester_id', '=', actor.id),
        eb.exists(
          eb
            .selectFrom('case_members as m')
            .select('m.user_id')
            .whereRef('m.case_id', '=', 'c.id')
            .where('m.user_id', '=', actor.id)
            .where((inner) => inner.or([inner('m.is_lead', '=', true), inner('m.user_id', '=', inner.ref('c.owner_id'))])),
        ),
      ]),
    )
    .orderBy('r.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => {
    const deciding = r.requester_id !== actor.id;
    return {
      id: r.id,
      status: r.status,
      reason: r.reason,
      createdAt: r.created_at.toISOString(),
      decidedAt: r.decided_at?.toISOString() ?? null,
      requester: { id: r.requester_id, name: r.name, nameLatin: r.name_latin, country: r.requester_country },
      /** The decider sees which of their entities is asked for; the requester sees only the lead country. */
      entity: deciding ? { id: r.entity_id, caption: r.caption, schema: r.schema, caseId: r.case_id, caseReference: r.reference } : null,
      leadCountry: r.lead_country,
      canDecide: deciding && r.status === 'pending',
    };
  });
}

export async function decideAccess(ctx: AppContext, actor: Actor, requestId: string, decision: 'grant' | 'refuse', info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom('match_access_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
    if (!request || !(await leadsOfEntity(trx, request.hidden_entity)).includes(actor.id)) throw notFound();
    if (request.status !== 'pending') throw conflict('already_decided', 'This request for access has already been answered.');
    await trx.updateTable('match_access_requests').set({ status: decision === 'grant' ? 'granted' : 'refused', decided_by: actor.id, decided_at: new Date() }).where('id', '=', requestId).execute();
    if (decision === 'grant') {
      await trx.insertInto('entity_grants').values({ entity_id: request.hidden_entity, user_id: request.requester_id, granted_by: actor.id, at: new Date() }).onConflict((oc) => oc.doNothing()).execute();
    }
    await ctx.audit.append(trx, asUser(actor, info), { action: 'match.access_decided', targetType: 'match', targetId: request.candidate_id, country: actor.country, details: { requestId, decision } });
    await ctx.realtime.publish(trx, [request.requester_id], { type: 'case', reason: 'changed' });
  });
}

/** An entity seen through a granted request (or as a member): its caption and the values it may show. */
export async function sharedEntity(ctx: AppContext, actor: Actor, entityId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await visibleEntityIds(trx, actor, [entityId])).has(entityId)) throw notFound();
    const entity = (await describe(trx, [entityId])).get(entityId)!;
    const owner = await trx.selectFrom('entities').select(['owner_country']).where('id', '=', entityId).executeTakeFirstOrThrow();
    // A grant shows what the owning country itself provided; a member sees what reaches them.
    const values = await trx
      .selectFrom('entity_values')
      .select(['prop', 'value', 'owner_country'])
      .where('entity_id', '=', entityId)
      .where((eb) => eb.or([eb('owner_country', '=', owner.owner_country), sql<boolean>`(reach IS NULL OR ${actor.country} = ANY(reach) OR owner_country = ${actor.country})`]))
      .execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'match.entity_viewed', targetType: 'entity', targetId: entityId, country: actor.country, details: {} });
    const properties: Record<string, string[]> = {};
    for (const v of values) (properties[v.prop] ??= []).push(v.value);
    return { ...entity, properties };
  });
}

const NIL = '00000000-0000-0000-0000-000000000000';
/** Candidates the search box scores, those sharing the rarest keys with the query first. */
export const SEARCH_CANDIDATES = 100;

/**
 * The search box: names in any script, ranked by the matcher, over everything the caller may
 * see; matches in entities they cannot see are told only as "held in a case led by X".
 */
export async function searchEntities(ctx: AppContext, actor: Actor, query: string, info: RequestInfo) {
  const text = query.trim();
  if (!text) return { items: [], hits: [] };
  return ctx.db.transaction().execute(async (trx) => {
    // The query as an entity of each schema it is compared with, built once: the matcher parses
    // it once (prepareEntity caches per object), not once per candidate.
    const probes = new Map<string, MatchEntity>();
    const probe = (schema: string) => probes.get(schema) ?? probes.set(schema, toMatchEntity(schema, { name: [text] })).get(schema)!;
    const plain = [...new Set((['Person', 'Company'] as const).flatMap((schema) => blockingKeys(probe(schema))))];
    if (plain.length === 0) return { items: [], hits: [] };
    const hmacKey = await hmacKeyOf(ctx, trx);
    const lookup = [...plain, ...plain.map((k) => blindKey(hmacKey, k))];
    const shared = (await candidatesFor(trx, [{ id: NIL, caseId: null, keys: lookup }], SEARCH_CANDIDATES)).get(NIL) ?? [];
    const ids = shared.map((s) => s.entity_id);
    const some = ids.length ? ids : [NIL];
    const [visible, info2] = await Promise.all([visibleEntityIds(trx, actor, ids), describe(trx, ids)]);
    const loaded = await trx.selectFrom('entity_values').select(['entity_id', 'prop', 'value']).where('entity_id', 'in', some).execute();
    const blinds = new Set((await trx.selectFrom('entities').select('id').where('id', 'in', some).where('blind', '=', true).execute()).map((r) => r.id));
    const kinds = await keyKindsOf(trx, [...blinds]);
    const props = new Map<string, Record<string, string[]>>();
    for (const v of loaded) ((props.get(v.entity_id) ?? props.set(v.entity_id, {}).get(v.entity_id)!)[v.prop] ??= []).push(v.value);
    const items: { score: number; explanation: Evidence[]; entity: NonNullable<ReturnType<typeof info2.get>> }[] = [];
    const hits = new Map<string, number>();
    for (const candidate of shared) {
      const entity = info2.get(candidate.entity_id);
      if (!entity) continue;
      const result = blinds.has(candidate.entity_id)
        ? blindScore(candidate.keys.map(keyKind), plain.map(keyKind), kinds.get(candidate.entity_id) ?? [])
        : scoreEntities(probe(entity.schema), toMatchEntity(entity.schema, props.get(candidate.entity_id) ?? {}));
      if (visible.has(candidate.entity_id)) {
        items.push({ score: result.score, explanation: result.explanation, entity });
      } else if (result.match) {
        hits.set(entity.leadCountry, (hits.get(entity.leadCountry) ?? 0) + 1);
      }
    }
    items.sort((a, b) => b.score - a.score);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'match.searched', targetType: null, targetId: null, country: actor.country, details: { results: items.length, hits: [...hits.values()].reduce((a, b) => a + b, 0) } });
    return { items: items.slice(0, 50), hits: [...hits].map(([leadCountry, count]) => ({ leadCountry, count })) };
  });
}
