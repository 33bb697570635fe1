import crypto from 'node:crypto';
import { sql } from 'kysely';
import { CASE_REVIEW_NOTICE_MONTHS, CASE_REVIEW_YEARS, type TCountryRole } from '@focal/shared';
import type { z } from 'zod';
import type { ZCaseCreate, ZCaseListQuery, ZCaseReview, ZCaseUpdate } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { authorize, authorizeAction, can, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { escapeLike } from '../users/service.js';
import { fold } from '../identity/repository.js';
import type { CaseAccess } from './policy.js';
import './policy.js';

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export const findCase = (db: Db, id: string) => db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();

/** A case and the caller's standing in it: what every policy on cases decides from. */
export async function caseAccess(db: Db, actor: Actor, caseId: string) {
  const row = await findCase(db, caseId);
  if (!row) return null;
  const [countries, member] = await Promise.all([
    db.selectFrom('case_countries').select(['country', 'role']).where('case_id', '=', caseId).execute(),
    db.selectFrom('case_members').select(['is_lead']).where('case_id', '=', caseId).where('user_id', '=', actor.id).executeTakeFirst(),
  ]);
  const access: CaseAccess & { row: CaseRow; roles: { country: string; role: string }[] } = {
    row,
    roles: countries,
    countries: countries.map((c) => c.country),
    member: member ? { isLead: member.is_lead } : null,
    ownerId: row.owner_id,
  };
  return access;
}
export type Access = NonNullable<Awaited<ReturnType<typeof caseAccess>>>;

/** The case for a member, or the 404 a missing case gives. */
export async function memberAccess(db: Db, actor: Actor, caseId: string): Promise<Access> {
  const access = await caseAccess(db, actor, caseId);
  authorize(actor, 'view', 'case', access);
  return access;
}

/**
 * Adds an entry to the case timeline and tells the members' open pages (at commit) that the
 * case changed; the pages then fetch what they may see.
 */
export async function recordEvent(ctx: AppContext, trx: Db, caseId: string, actor: Actor | null, kind: string, details: Record<string, unknown> = {}, reach: string[] | null = null) {
  await trx
    .insertInto('case_events')
    .values({ case_id: caseId, actor_id: actor && actor.id !== 'system' ? actor.id : null, country: actor?.country ?? null, kind, details: JSON.stringify(details), reach })
    .execute();
  const members = await trx.selectFrom('case_members').select('user_id').where('case_id', '=', caseId).execute();
  await ctx.realtime.publish(
    trx,
    members.map((m) => m.user_id),
    { type: 'case', reason: 'changed', caseId },
  );
}

const addYears = (date: Date, years: number) => {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};

export function reviewDue(reviewDate: string, now = new Date()): boolean {
  const notice = new Date(`${reviewDate}T00:00:00Z`);
  notice.setUTCMonth(notice.getUTCMonth() - CASE_REVIEW_NOTICE_MONTHS);
  return now >= notice;
}

/** Opens a case led by the caller's country; the caller becomes its owner and lead member. */
export async function createCase(ctx: AppContext, actor: Actor, input: z.output<typeof ZCaseCreate>, info: RequestInfo) {
  authorizeAction(actor, 'create', 'case');
  if (input.handlingCode === 'H3' && !input.conditions.trim()) throw badRequest('conditions_required', 'An H3 case needs its conditions written out.', { conditions: 'required' });
  const others = input.countries.filter((c) => c.country !== actor.country);
  if (new Set(others.map((c) => c.country)).size !== others.length) throw badRequest('validation_failed', 'A country is listed twice.', { countries: 'duplicate' });
  return ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const year = now.getUTCFullYear();
    const counter = await trx
      .insertInto('case_counters')
      .values({ lead_country: actor.country, year, last_number: 1 })
      .onConflict((oc) => oc.columns(['lead_country', 'year']).doUpdateSet({ last_number: sql`case_counters.last_number + 1` }))
      .returning('last_number')
      .executeTakeFirstOrThrow();
    const reference = `AR-${year}-${actor.country}-${String(counter.last_number).padStart(4, '0')}`;
    const id = crypto.randomUUID();
    await trx
      .insertInto('cases')
      .values({
        id,
        reference,
        title: input.title,
        summary: input.summary,
        offences: input.offences,
        lead_country: actor.country,
        status: 'open',
        handling_code: input.handlingCode,
        conditions: input.conditions,
        evaluation_source: input.evaluationSource,
        evaluation_info: input.evaluationInfo,
        review_date: addYears(now, CASE_REVIEW_YEARS),
        owner_id: actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('case_countries')
      .values([{ case_id: id, country: actor.country, role: 'lead' }, ...others.map((c) => ({ case_id: id, country: c.country, role: c.role }))])
      .execute();
    await trx.insertInto('case_members').values({ case_id: id, user_id: actor.id, country: actor.country, is_lead: true, added_by: actor.id }).execute();
    await recordEvent(ctx, trx, id, actor, 'created', { reference, countries: others.map((c) => c.country) });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.created', targetType: 'case', targetId: id, country: actor.country, details: { reference } });
    return id;
  });
}

/** Cases I am a member of, and cases of my country I could ask to join. */
export async function listCases(ctx: AppContext, actor: Actor, query: z.output<typeof ZCaseListQuery>) {
  let mine = ctx.db
    .selectFrom('cases')
    .innerJoin('case_members', (join) => join.onRef('case_members.case_id', '=', 'cases.id').on('case_members.user_id', '=', actor.id))
    .selectAll('cases')
    .orderBy('cases.updated_at', 'desc')
    .limit(500);
  let known = ctx.db
    .selectFrom('cases')
    .innerJoin('case_countries', (join) => join.onRef('case_countries.case_id', '=', 'cases.id').on('case_countries.country', '=', actor.country))
    .selectAll('cases')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_members').select('case_members.user_id').whereRef('case_members.case_id', '=', 'cases.id').where('case_members.user_id', '=', actor.id))))
    .orderBy('cases.updated_at', 'desc')
    .limit(500);
  if (query.status) {
    mine = mine.where('cases.status', '=', query.status);
    known = known.where('cases.status', '=', query.status);
  }
  if (query.q) {
    const like = `%${escapeLike(fold(query.q))}%`;
    mine = mine.where((eb) => eb.or([eb(sql`lower(cases.title)`, 'like', like), eb(sql`lower(cases.reference)`, 'like', like)]));
    known = known.where((eb) => eb.or([eb(sql`lower(cases.title)`, 'like', like), eb(sql`lower(cases.reference)`, 'like', like)]));
  }
  const [mineRows, knownRows] = await Promise.all([mine.execute(), can(actor, 'view_stub', 'case', { countries: [actor.country], member: null, ownerId: '' }) ? known.execute() : Promise.resolve([])]);
  const ids = [...mineRows, ...knownRows].map((r) => r.id);
  const [countries, entityCounts, requestCounts, joins] = ids.length
    ? await Promise.all([
        ctx.db.selectFrom('case_countries').select(['case_id', 'country', 'role']).where('case_id', 'in', ids).orderBy('added_at').execute(),
        ctx.db.selectFrom('entities').select(['case_id', (eb) => eb.fn.countAll<number>().as('n')]).where('case_id', 'in', mineRows.length ? mineRows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000']).groupBy('case_id').execute(),
        ctx.db
          .selectFrom('assistance_requests')
          .select([
            'case_id',
            sql<number>`count(*) FILTER (WHERE state NOT IN ('draft', 'closed', 'withdrawn'))`.as('open'),
            sql<number>`count(*) FILTER (WHERE clock_stopped_at IS NULL AND deadline < now())`.as('overdue'),
          ])
          .where('case_id', 'in', ids)
          .groupBy('case_id')
          .execute(),
        ctx.db.selectFrom('case_join_requests').select('case_id').where('user_id', '=', actor.id).where('status', '=', 'pending').where('case_id', 'in', ids).execute(),
      ])
    : [[], [], [], []];
  const countriesOf = (id: string) => countries.filter((c) => c.case_id === id).map((c) => ({ country: c.country, role: c.role as TCountryRole }));
  const pending = new Set(joins.map((j) => j.case_id));
  const stub = (row: CaseRow) => ({ id: row.id, reference: row.reference, title: row.title, leadCountry: row.lead_country, status: row.status, countries: countriesOf(row.id), joinRequested: pending.has(row.id) });
  return {
    items: mineRows.map((row) => ({
      ...stub(row),
      ...summaryFields(row),
      entities: Number(entityCounts.find((e) => e.case_id === row.id)?.n ?? 0),
      openRequests: Number(requestCounts.find((r) => r.case_id === row.id)?.open ?? 0),
      overdueRequests: Number(requestCounts.find((r) => r.case_id === row.id)?.overdue ?? 0),
    })),
    known: knownRows.map(stub),
  };
}

const summaryFields = (row: CaseRow) => ({
  handlingCode: row.handling_code,
  offences: row.offences as never[],
  reviewDate: row.review_date,
  reviewDue: row.status !== 'closed' && reviewDue(row.review_date),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The case page: in full for members, as a stub for other users of participating countries. */
export async function viewCase(ctx: AppContext, actor: Actor, caseId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await caseAccess(trx, actor, caseId);
    if (!access || (!can(actor, 'view', 'case', access) && !can(actor, 'view_stub', 'case', access))) throw notFound();
    const member = can(actor, 'view', 'case', access);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.viewed', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: { access: member ? 'member' : 'participant' } });
    const pendingJoin = await trx.selectFrom('case_join_requests').select('id').where('case_id', '=', caseId).where('user_id', '=', actor.id).where('status', '=', 'pending').executeTakeFirst();
    const stub = {
      id: access.row.id,
      reference: access.row.reference,
      title: access.row.title,
      leadCountry: access.row.lead_country,
      status: access.row.status,
      countries: access.roles.map((c) => ({ country: c.country, role: c.role as TCountryRole })),
      joinRequested: Boolean(pendingJoin),
    };
    if (!member) return { access: 'participant' as const, case: stub };
    return { access: 'member' as const, case: await caseDetail(trx, actor, access, stub) };
  });
}

async function caseDetail(trx: Db, actor: Actor, access: Access, stub: Record<string, unknown>) {
  const row = access.row;
  const [members, joins, entities, requests] = await Promise.all([
    trx
      .selectFrom('case_members')
      .innerJoin('users', 'users.id', 'case_members.user_id')
      .select(['users.id', 'users.name', 'users.name_latin', 'users.country', 'case_members.is_lead', 'case_members.added_at'])
      .where('case_members.case_id', '=', row.id)
      .orderBy('case_members.added_at')
      .execute(),
    trx
      .selectFrom('case_join_requests')
      .innerJoin('users', 'users.id', 'case_join_requests.user_id')
      .select(['case_join_requests.id', 'case_join_requests.reason', 'case_join_requests.status', 'case_join_requests.created_at', 'users.id as user_id', 'users.name', 'users.name_latin', 'users.country'])
      .where('case_join_requests.case_id', '=', row.id)
      .where('case_join_requests.status', '=', 'pending')
      .execute(),
    trx.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', row.id).executeTakeFirstOrThrow(),
    trx
      .selectFrom('assistance_requests')
      .select([sql<number>`count(*) FILTER (WHERE state NOT IN ('draft', 'closed', 'withdrawn'))`.as('open'), sql<number>`count(*) FILTER (WHERE clock_stopped_at IS NULL AND deadline < now())`.as('overdue')])
      .where('case_id', '=', row.id)
      .executeTakeFirstOrThrow(),
  ]);
  const owner = await trx.selectFrom('users').select(['id', 'name', 'name_latin', 'country']).where('id', '=', row.owner_id).executeTakeFirstOrThrow();
  const person = (u: { id: string; name: string; name_latin: string; country: string }) => ({ id: u.id, name: u.name, nameLatin: u.name_latin, country: u.country });
  return {
    ...(stub as { id: string; reference: string; title: string; leadCountry: string; status: CaseRow['status']; countries: { country: string; role: TCountryRole }[]; joinRequested: boolean }),
    ...summaryFields(row),
    entities: Number(entities.n),
    openRequests: Number(requests.open),
    overdueRequests: Number(requests.overdue),
    summary: row.summary,
    conditions: row.conditions,
    evaluation: { source: row.evaluation_source, info: row.evaluation_info },
    owner: person(owner),
    members: members.map((m) => ({ person: { id: m.id, name: m.name, nameLatin: m.name_latin, country: m.country }, isLead: m.is_lead, addedAt: m.added_at.toISOString() })),
    joinRequests: joins
      .filter((j) => can(actor, 'add_member', 'case', { ...access, country: j.country }))
      .map((j) => ({ id: j.id, person: { id: j.user_id, name: j.name, nameLatin: j.name_latin, country: j.country }, reason: j.reason, status: j.status, createdAt: j.created_at.toISOString() })),
    can: {
      edit: can(actor, 'edit', 'case', access),
      addCountry: can(actor, 'add_country', 'case', access),
      addMembers: access.countries.some((country) => can(actor, 'add_member', 'case', { ...access, country })),
      review: can(actor, 'review', 'case', access),
    },
  };
}

export async function updateCase(ctx: AppContext, actor: Actor, caseId: string, input: z.output<typeof ZCaseUpdate>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'edit', 'case', access);
    const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
    if (fields.length === 0) return;
    const code = input.handlingCode ?? access.row.handling_code;
    const conditions = input.conditions ?? access.row.conditions;
    if (code === 'H3' && !conditions.trim()) throw badRequest('conditions_required', 'An H3 case needs its conditions written out.', { conditions: 'required' });
    const now = new Date();
    await trx
      .updateTable('cases')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.offences !== undefined ? { offences: input.offences } : {}),
        ...(input.status !== undefined ? { status: input.status, closed_at: input.status === 'closed' ? now : null } : {}),
        ...(input.handlingCode !== undefined ? { handling_code: input.handlingCode } : {}),
        ...(input.conditions !== undefined ? { conditions: input.conditions } : {}),
        ...(input.evaluationSource !== undefined ? { evaluation_source: input.evaluationSource } : {}),
        ...(input.evaluationInfo !== undefined ? { evaluation_info: input.evaluationInfo } : {}),
        updated_at: now,
      })
      .where('id', '=', caseId)
      .execute();
    await recordEvent(ctx, trx, caseId, actor, input.status && input.status !== access.row.status ? 'status_changed' : 'updated', { fields, ...(input.status ? { status: input.status } : {}) });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.updated', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: { fields } });
  });
}

/** The five-year review: renew for another term with a reason, or close the case. */
export async function reviewCase(ctx: AppContext, actor: Actor, caseId: string, input: z.output<typeof ZCaseReview>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'review', 'case', access);
    const now = new Date();
    const reviewDate = input.action === 'renew' ? addYears(now, CASE_REVIEW_YEARS) : access.row.review_date;
    await trx
      .updateTable('cases')
      .set(input.action === 'renew' ? { review_date: reviewDate, review_prompted_at: null, updated_at: now } : { status: 'closed', closed_at: now, updated_at: now })
      .where('id', '=', caseId)
      .execute();
    await recordEvent(ctx, trx, caseId, actor, input.action === 'renew' ? 'review_renewed' : 'closed', { reason: input.reason, reviewDate });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.reviewed', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: { action: input.action, reviewDate } });
  });
}

export async function addCountry(ctx: AppContext, actor: Actor, caseId: string, input: { country: string; role: string }, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    authorize(actor, 'add_country', 'case', access);
    if (input.role === 'lead') throw badRequest('validation_failed', 'A case has one lead country.', { role: 'invalid' });
    if (access.countries.includes(input.country)) {
      await trx.updateTable('case_countries').set({ role: input.role }).where('case_id', '=', caseId).where('country', '=', input.country).where('role', '!=', 'lead').execute();
    } else {
      await trx.insertInto('case_countries').values({ case_id: caseId, country: input.country, role: input.role }).execute();
    }
    await recordEvent(ctx, trx, caseId, actor, 'country_added', { country: input.country, role: input.role });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.country_added', targetType: 'case', targetId: caseId, country: input.country, details: input });
  });
}

export async function addMember(ctx: AppContext, actor: Actor, caseId: string, userId: string, info: RequestInfo, via = 'direct') {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await caseAccess(trx, actor, caseId);
    if (!access || (!can(actor, 'view', 'case', access) && !can(actor, 'view_stub', 'case', access))) throw notFound();
    const user = await trx.selectFrom('users').select(['id', 'country', 'status']).where('id', '=', userId).executeTakeFirst();
    if (!user || user.status !== 'active') throw new AppError(400, 'recipient_invalid', 'This person cannot be added: unknown or not active.', { fields: { userId: 'inactive' } });
    authorize(actor, 'add_member', 'case', { ...access, country: user.country });
    await insertMember(ctx, trx, actor, access, user, info, via);
  });
}

async function insertMember(ctx: AppContext, trx: Db, actor: Actor, access: Access, user: { id: string; country: string }, info: RequestInfo, via: string) {
  const added = await trx
    .insertInto('case_members')
    .values({ case_id: access.row.id, user_id: user.id, country: user.country, added_by: actor.id })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (!added) return;
  await trx.updateTable('case_join_requests').set({ status: 'accepted', decided_by: actor.id, decided_at: new Date() }).where('case_id', '=', access.row.id).where('user_id', '=', user.id).where('status', '=', 'pending').execute();
  const person = await trx.selectFrom('users').select(['name', 'name_latin']).where('id', '=', user.id).executeTakeFirstOrThrow();
  await recordEvent(ctx, trx, access.row.id, actor, 'member_added', { userId: user.id, country: user.country, name: person.name, nameLatin: person.name_latin });
  await ctx.audit.append(trx, asUser(actor, info), { action: 'case.member_added', targetType: 'case', targetId: access.row.id, country: user.country, details: { userId: user.id, via } });
}

export async function removeMember(ctx: AppContext, actor: Actor, caseId: string, userId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const member = await trx.selectFrom('case_members').select(['country', 'is_lead']).where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst();
    if (!member) throw notFound();
    // Anyone may leave; removing someone else takes the right to add them.
    if (userId !== actor.id) authorize(actor, 'add_member', 'case', { ...access, country: member.country });
    if (userId === access.row.owner_id) throw conflict('conflict', 'The owner of a case cannot be removed from it.');
    const person = await trx.selectFrom('users').select(['name', 'name_latin']).where('id', '=', userId).executeTakeFirstOrThrow();
    await trx.deleteFrom('case_members').where('case_id', '=', caseId).where('user_id', '=', userId).execute();
    await recordEvent(ctx, trx, caseId, actor, 'member_removed', { userId, country: member.country, name: person.name, nameLatin: person.name_latin });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.member_removed', targetType: 'case', targetId: caseId, country: member.country, details: { userId } });
  });
}

export async function askToJoin(ctx: AppContext, actor: Actor, caseId: string, reason: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await caseAccess(trx, actor, caseId);
    if (access?.member) throw conflict('conflict', 'You are already a member of this case.');
    authorize(actor, 'ask_to_join', 'case', access);
    const id = crypto.randomUUID();
    const inserted = await trx
      .insertInto('case_join_requests')
      .values({ id, case_id: caseId, user_id: actor.id, reason, status: 'pending' })
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).where('status', '=', 'pending').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    const person = await trx.selectFrom('users').select(['name', 'name_latin']).where('id', '=', actor.id).executeTakeFirstOrThrow();
    await recordEvent(ctx, trx, caseId, actor, 'join_requested', { userId: actor.id, name: person.name, nameLatin: person.name_latin });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.join_requested', targetType: 'case', targetId: caseId, country: actor.country, details: { requestId: id } });
    const deciders = await trx
      .selectFrom('case_members')
      .select('user_id')
      .where('case_id', '=', caseId)
      .where((eb) => eb.or([eb('is_lead', '=', true), eb('user_id', '=', access.row.owner_id)]))
      .execute();
    await ctx.realtime.publish(trx, deciders.map((d) => d.user_id), { type: 'case', reason: 'join_requested', caseId });
  });
}

export async function decideJoin(ctx: AppContext, actor: Actor, caseId: string, requestId: string, decision: 'accept' | 'refuse', info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await caseAccess(trx, actor, caseId);
    const request = await trx.selectFrom('case_join_requests').selectAll().where('id', '=', requestId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    const user = request ? await trx.selectFrom('users').select(['id', 'country', 'status']).where('id', '=', request.user_id).executeTakeFirst() : undefined;
    if (!access || !request || !user) throw notFound();
    authorize(actor, 'add_member', 'case', { ...access, country: user.country });
    if (request.status !== 'pending') throw conflict('already_decided', 'This request to join has already been answered.');
    if (decision === 'accept') {
      await insertMember(ctx, trx, actor, access, user, info, 'join_request');
    } else {
      await trx.updateTable('case_join_requests').set({ status: 'refused', decided_by: actor.id, decided_at: new Date() }).where('id', '=', requestId).execute();
    }
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.join_decided', targetType: 'case', targetId: caseId, country: user.country, details: { requestId, decision, userId: user.id } });
    await ctx.realtime.publish(trx, [user.id], { type: 'case', reason: 'membership', caseId });
  });
}

/** What happened in the case, newest first, without the items the caller's country may not see. */
export async function caseTimeline(ctx: AppContext, actor: Actor, caseId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await memberAccess(trx, actor, caseId);
    const rows = await trx
      .selectFrom('case_events')
      .leftJoin('users', 'users.id', 'case_events.actor_id')
      .select(['case_events.id', 'case_events.at', 'case_events.kind', 'case_events.country', 'case_events.details', 'users.id as user_id', 'users.name', 'users.name_latin', 'users.country as user_country'])
      .where('case_events.case_id', '=', caseId)
      .where(visibleTo(actor, 'case_events.reach', 'case_events.country'))
      .orderBy('case_events.id', 'desc')
      .limit(1000)
      .execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'case.timeline_viewed', targetType: 'case', targetId: caseId, country: access.row.lead_country, details: {} });
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      kind: r.kind,
      country: r.country,
      details: r.details,
      actor: r.user_id ? { id: r.user_id, name: r.name!, nameLatin: r.name_latin!, country: r.user_country! } : null,
    }));
  });
}

/**
 * The provider's conditions, in SQL: an item is visible to its own country, and to others
 * when it reaches every participant (NULL) or names their country.
 */
export function visibleTo(actor: Actor, reachColumn: string, ownerColumn: string) {
  return sql<boolean>`(${sql.ref(ownerColumn)} = ${actor.country} OR ${sql.ref(reachColumn)} IS NULL OR ${actor.country} = ANY(${sql.ref(reachColumn)}))`;
}

export const canSee = (actor: Actor, item: { owner_country: string; reach: string[] | null }) => item.owner_country === actor.country || item.reach === null || item.reach.includes(actor.country);
