import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  LEGAL_BASIS,
  allowedActions,
  clockRunning,
  computeDeadline,
  reminderDue,
  requestOverdue,
  transition,
  waitingFor,
  type TRequestSide,
  type TRequestState,
  type TRequestType,
  type TRefusalGround,
  type ZAssistanceRequestCreate,
  type ZRequestActionInput,
  type ZRequestListQuery,
} from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { queueNotices } from '../../notify/outbox.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { caseAccess, memberAccess, recordEvent } from './service.js';
import { checkConditions, visibleEntities } from './entities.js';

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export const findRequest = (db: Db, id: string) => db.selectFrom('assistance_requests').selectAll().where('id', '=', id).executeTakeFirst();
const contentAad = (id: string) => `assistance_requests:${id}:content`;
const noteAad = (requestId: string, eventKey: string) => `request_events:${requestId}:${eventKey}`;

// Requests pass between countries' officers; the secretariat does not read them.
const isOfficer = (actor: Actor) => actor.roles.includes('focal_point') || actor.roles.includes('national_admin');

/**
 * Which side of a request the caller is on, or null (then the request does not exist for
 * them). A request inside a case is seen by the case's members of the two countries; a
 * request outside any case by the officers of the two countries. Drafts stay with their author's country.
 */
export async function sideOf(db: Db, actor: Actor, row: RequestRow): Promise<TRequestSide | null> {
  const side = actor.country === row.from_country ? 'requesting' : actor.country === row.to_country ? 'requested' : null;
  if (!side || !isOfficer(actor)) return null;
  if (row.state === 'draft' && side !== 'requesting') return null;
  if (row.case_id) {
    const access = await caseAccess(db, actor, row.case_id);
    if (!access?.member) return null;
  }
  return side;
}

async function requestFor(db: Db, actor: Actor, id: string) {
  const row = await findRequest(db, id);
  const side = row ? await sideOf(db, actor, row) : null;
  if (!row || !side) throw notFound();
  return { row, side };
}

/** The time zone in which the requested country's calendar days are counted: its officers' most common one. */
async function countryTimeZone(db: Db, country: string): Promise<string> {
  const row = await db
    .selectFrom('users')
    .select(['time_zone', (eb) => eb.fn.countAll<number>().as('n')])
    .where('country', '=', country)
    .where('status', '=', 'active')
    .groupBy('time_zone')
    .orderBy('n', 'desc')
    .orderBy('time_zone')
    .executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

export async function usersOfSide(db: Db, row: RequestRow, country: string): Promise<string[]> {
  let q = db.selectFrom('users').select('users.id').where('users.country', '=', country).where('users.status', '=', 'active');
  if (row.case_id) q = q.innerJoin('case_members', (join) => join.onRef('case_members.user_id', '=', 'users.id').on('case_members.case_id', '=', row.case_id!));
  else q = q.where(sql<boolean>`('focal_point' = ANY(users.roles) OR 'national_admin' = ANY(users.roles))`);
  return (await q.execute()).map((r) => r.id);
}

export async function createRequest(ctx: AppContext, actor: Actor, input: z.output<typeof ZAssistanceRequestCreate>, info: RequestInfo) {
  if (!isOfficer(actor)) throw notFound();
  if (input.toCountry === actor.country) throw badRequest('validation_failed', 'A request goes to another country.', { toCountry: 'same_country' });
  checkConditions(input);
  return ctx.db.transaction().execute(async (trx) => {
    if (input.caseId) {
      const access = await memberAccess(trx, actor, input.caseId);
      if (!access.countries.includes(input.toCountry)) {
        throw badRequest('validation_failed', 'The requested country does not take part in this case: add it first.', { toCountry: 'not_participant' });
      }
      if (input.entityIds.length) {
        const visible = await visibleEntities(trx, actor, input.caseId, { ids: input.entityIds });
        if (visible.length !== new Set(input.entityIds).size) throw badRequest('validation_failed', 'Some entities are not in this case.', { entityIds: 'unknown' });
      }
    } else if (input.entityIds.length) {
      throw badRequest('validation_failed', 'Entities can be attached only to a request within a case.', { entityIds: 'no_case' });
    }
    const year = new Date().getUTCFullYear();
    const counter = await trx
      .insertInto('request_counters')
      .values({ from_country: actor.country, year, last_number: 1 })
      .onConflict((oc) => oc.columns(['from_country', 'year']).doUpdateSet({ last_number: sql`request_counters.last_number + 1` }))
      .returning('last_number')
      .executeTakeFirstOrThrow();
    const id = crypto.randomUUID();
    const reference = `RA-${year}-${actor.country}-${String(counter.last_number).padStart(4, '0')}`;
    await trx
      .insertInto('assistance_requests')
      .values({
        id,
        reference,
        case_id: input.caseId,
        type: input.type,
        urgency: input.urgency,
        from_country: actor.country,
        to_country: input.toCountry,
        state: 'draft',
        title: input.title,
        content: JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify(input.content), contentAad(id))),
        handling_code: input.handlingCode,
        conditions: input.handlingCode === 'H3' ? input.conditions : '',
        created_by: actor.id,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    if (input.entityIds.length) await trx.insertInto('request_entities').values([...new Set(input.entityIds)].map((entityId) => ({ request_id: id, entity_id: entityId }))).execute();
    await trx.insertInto('request_events').values({ request_id: id, action: 'create', from_state: null, to_state: 'draft', actor_id: actor.id, country: actor.country, note: null }).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'request.created', targetType: 'request', targetId: id, country: actor.country, details: { reference, type: input.type, to: input.toCountry } });
    return id;
  });
}

/** Moves a request along its life, if the caller's side may: audited, timed, announced. */
export async function actOnRequest(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZRequestActionInput>, info: RequestInfo, now = new Date()) {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, side } = await requestFor(trx, actor, id);
    await trx.selectFrom('assistance_requests').select('id').where('id', '=', id).forUpdate().execute();
    const from = row.state as TRequestState;
    const result = transition(from, input.action, side, { ...(input.ground ? { ground: input.ground } : {}), ...(input.groundText ? { groundText: input.groundText } : {}) });
    if (!result.ok) {
      const messages = {
        not_allowed_in_state: `A request that is ${from.replace('_', ' ')} cannot be given the action "${input.action}".`,
        wrong_side: `Only the ${side === 'requesting' ? 'requested' : 'requesting'} country can do this.`,
        ground_required: 'A refusal needs its ground (and an explanation for "other").',
      };
      throw new AppError(result.reason === 'ground_required' ? 400 : 409, result.reason === 'ground_required' ? 'validation_failed' : 'conflict', messages[result.reason], {
        fields: { action: result.reason },
      });
    }
    const to = result.to;
    const changes: Record<string, unknown> = { state: to, updated_at: now };
    if (input.action === 'send') {
      const zone = await countryTimeZone(trx, row.to_country);
      changes.received_at = now;
      changes.deadline = computeDeadline(now, row.urgency as never, ctx.config.deadlines, zone);
      changes.deadline_zone = zone;
    }
    if (row.received_at && !row.clock_stopped_at && clockRunning(from) && !clockRunning(to)) changes.clock_stopped_at = now;
    if (input.action === 'refuse') changes.refusal_ground = input.ground as TRefusalGround;
    await trx.updateTable('assistance_requests').set(changes).where('id', '=', id).execute();
    const eventKey = crypto.randomUUID();
    const note = input.note.trim() || input.groundText?.trim() ? await ctx.envelope.seal(trx, JSON.stringify({ key: eventKey, text: [input.note.trim(), input.groundText?.trim()].filter(Boolean).join('\n\n') }), noteAad(id, eventKey)) : null;
    await trx
      .insertInto('request_events')
      .values({ request_id: id, action: input.action, from_state: from, to_state: to, actor_id: actor.id, country: actor.country, note: note ? JSON.stringify({ ...note, key: eventKey }) : null, at: now })
      .execute();
    if (row.case_id) await recordEvent(ctx, trx, row.case_id, actor, `request_${input.action}`, { requestId: id, reference: row.reference, to, toCountry: row.to_country });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'request.transition', targetType: 'request', targetId: id, country: actor.country, details: { action: input.action, from, to } });
    const otherCountry = side === 'requesting' ? row.to_country : row.from_country;
    const others = await usersOfSide(trx, row, otherCountry);
    const mine = await usersOfSide(trx, row, actor.country);
    await ctx.realtime.publish(trx, [...others, ...mine], { type: 'case', reason: 'request', requestId: id, ...(row.case_id ? { caseId: row.case_id } : {}) });
    if (input.action === 'send') await queueNotices(ctx, trx, others, 'message_waiting');
  });
}

function summary(row: RequestRow & { case_reference?: string | null }, side: TRequestSide, now = new Date()) {
  const state = row.state as TRequestState;
  return {
    id: row.id,
    reference: row.reference,
    caseId: row.case_id,
    caseReference: row.case_reference ?? null,
    type: row.type as TRequestType,
    legalBasis: LEGAL_BASIS[row.type as TRequestType],
    urgency: row.urgency as never,
    fromCountry: row.from_country,
    toCountry: row.to_country,
    state,
    title: row.title,
    handlingCode: row.handling_code as never,
    side,
    waiting: waitingFor(state, side),
    receivedAt: row.received_at?.toISOString() ?? null,
    deadline: row.deadline?.toISOString() ?? null,
    overdue: row.deadline ? requestOverdue(state, row.deadline, now) : false,
    clockStoppedAt: row.clock_stopped_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// States in which each side owes the next step (see waitingOn in @focal/shared).
const WAITING_ON_REQUESTED = ['sent', 'acknowledged', 'in_progress', 'partially_answered'];
const WAITING_ON_REQUESTING = ['draft', 'answered', 'refused'];

/** "Waiting on me" and "waiting on them", for me or my whole country. */
export async function listRequests(ctx: AppContext, actor: Actor, query: z.output<typeof ZRequestListQuery>) {
  if (!isOfficer(actor)) return [];
  let q = ctx.db
    .selectFrom('assistance_requests as r')
    .leftJoin('cases as c', 'c.id', 'r.case_id')
    .selectAll('r')
    .select('c.reference as case_reference')
    .where((eb) => eb.or([eb('r.from_country', '=', actor.country), eb.and([eb('r.to_country', '=', actor.country), eb('r.state', '!=', 'draft')])]))
    // Within a case, only its members see its requests.
    .where((eb) =>
      eb.or([
        eb('r.case_id', 'is', null),
        eb.exists(eb.selectFrom('case_members as m').select('m.user_id').whereRef('m.case_id', '=', 'r.case_id').where('m.user_id', '=', actor.id)),
      ]),
    )
    .orderBy(sql`r.deadline IS NULL`)
    .orderBy('r.deadline')
    .orderBy('r.updated_at', 'desc')
    .limit(1000);
  if (query.caseId) q = q.where('r.case_id', '=', query.caseId);
  if (query.scope === 'mine') q = q.where((eb) => eb.or([eb('r.created_by', '=', actor.id), eb('r.assignee_id', '=', actor.id)]));
  if (query.box !== 'all') {
    const onMe = query.box === 'waiting_on_me';
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('r.from_country', '=', actor.country), eb('r.state', 'in', onMe ? WAITING_ON_REQUESTING : WAITING_ON_REQUESTED)]),
        eb.and([eb('r.to_country', '=', actor.country), eb('r.state', 'in', onMe ? WAITING_ON_REQUESTED : WAITING_ON_REQUESTING)]),
      ]),
    );
  }
  const rows = await q.execute();
  return rows.map((row) => summary(row, row.from_country === actor.country ? 'requesting' : 'requested'));
}

export async function viewRequest(ctx: AppContext, actor: Actor, id: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, side } = await requestFor(trx, actor, id);
    const content = JSON.parse((await ctx.envelope.openText(trx, row.content, contentAad(id))).toString()) as Record<string, string>;
    const events = await trx
      .selectFrom('request_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.at', 'e.action', 'e.from_state', 'e.to_state', 'e.country', 'e.note', 'u.id as user_id', 'u.name', 'u.name_latin', 'u.country as user_country'])
      .where('e.request_id', '=', id)
      .orderBy('e.id')
      .execute();
    const notes = await Promise.all(
      events.map(async (e) => {
        if (!e.note) return '';
        const sealed = e.note as unknown as { key: string } & typeof e.note;
        return (JSON.parse(await ctx.envelope.openText(trx, sealed, noteAad(id, sealed.key))) as { text: string }).text;
      }),
    );
    const entityIds = (await trx.selectFrom('request_entities').select('entity_id').where('request_id', '=', id).execute()).map((r) => r.entity_id);
    const entities = row.case_id && entityIds.length ? await visibleEntities(trx, actor, row.case_id, { ids: entityIds }) : [];
    const creator = await trx.selectFrom('users').select(['id', 'name', 'name_latin', 'country']).where('id', '=', row.created_by).executeTakeFirstOrThrow();
    const caseRef = row.case_id ? (await trx.selectFrom('cases').select('reference').where('id', '=', row.case_id).executeTakeFirst())?.reference : null;
    await ctx.audit.append(trx, asUser(actor, info), { action: 'request.viewed', targetType: 'request', targetId: id, country: actor.country, details: {} });
    return {
      ...summary({ ...row, case_reference: caseRef ?? null }, side),
      content: content as never,
      conditions: row.conditions,
      refusalGround: (row.refusal_ground as TRefusalGround | null) ?? null,
      events: events.map((e, i) => ({
        at: e.at.toISOString(),
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        country: e.country,
        note: notes[i]!,
        actor: e.user_id ? { id: e.user_id, name: e.name!, nameLatin: e.name_latin!, country: e.user_country! } : null,
      })),
      entities: entities.map(({ entity }) => ({ id: entity.id, schema: entity.schema, caption: entity.caption })),
      actions: allowedActions(row.state as TRequestState, side),
      createdBy: { id: creator.id, name: creator.name, nameLatin: creator.name_latin, country: creator.country },
    };
  });
}

/** Reminds the requested side at half and nine tenths of the allowed time. */
export async function sendRequestReminders(ctx: AppContext, now = new Date()): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('assistance_requests')
      .selectAll()
      .where('state', 'in', ['sent', 'acknowledged', 'in_progress'])
      .where('deadline', '>', now)
      .where('reminders_sent', '<', 2)
      .forUpdate()
      .skipLocked()
      .limit(500)
      .execute();
    let sent = 0;
    for (const row of rows) {
      const due = reminderDue(row.deadline!, row.received_at!, now, row.reminders_sent);
      if (due === null) continue;
      await trx.updateTable('assistance_requests').set({ reminders_sent: due + 1 }).where('id', '=', row.id).execute();
      const users = await usersOfSide(trx, row, row.to_country);
      await ctx.realtime.publish(trx, users, { type: 'case', reason: 'request', requestId: row.id });
      await queueNotices(ctx, trx, users, 'ack_reminder');
      sent++;
    }
    return sent;
  });
}

/** The requesting side edits its draft until it is sent. */
export async function updateDraftRequest(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZAssistanceRequestCreate>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, side } = await requestFor(trx, actor, id);
    if (side !== 'requesting' || row.state !== 'draft') throw new AppError(409, 'conflict', 'Only a draft can be edited, by the requesting country.', { fields: { state: row.state } });
    if (input.toCountry === actor.country) throw badRequest('validation_failed', 'A request goes to another country.', { toCountry: 'same_country' });
    checkConditions(input);
    if (row.case_id) {
      const access = await memberAccess(trx, actor, row.case_id);
      if (!access.countries.includes(input.toCountry)) throw badRequest('validation_failed', 'The requested country does not take part in this case: add it first.', { toCountry: 'not_participant' });
      const visible = input.entityIds.length ? await visibleEntities(trx, actor, row.case_id, { ids: input.entityIds }) : [];
      if (visible.length !== new Set(input.entityIds).size) throw badRequest('validation_failed', 'Some entities are not in this case.', { entityIds: 'unknown' });
    } else if (input.entityIds.length) {
      throw badRequest('validation_failed', 'Entities can be attached only to a request within a case.', { entityIds: 'no_case' });
    }
    await trx
      .updateTable('assistance_requests')
      .set({
        type: input.type,
        urgency: input.urgency,
        to_country: input.toCountry,
        title: input.title,
        content: JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify(input.content), contentAad(id))),
        handling_code: input.handlingCode,
        conditions: input.handlingCode === 'H3' ? input.conditions : '',
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await ctx.envelope.destroyDataKeys(trx, [row.content.k]);
    await trx.deleteFrom('request_entities').where('request_id', '=', id).execute();
    if (input.entityIds.length) await trx.insertInto('request_entities').values([...new Set(input.entityIds)].map((entityId) => ({ request_id: id, entity_id: entityId }))).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'request.transition', targetType: 'request', targetId: id, country: actor.country, details: { action: 'edit', from: 'draft', to: 'draft' } });
  });
}

/** A draft that was never sent may be discarded by the requesting side. */
export async function deleteDraftRequest(ctx: AppContext, actor: Actor, id: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, side } = await requestFor(trx, actor, id);
    if (side !== 'requesting' || row.state !== 'draft') throw new AppError(409, 'conflict', 'Only a draft can be discarded; a sent request can be withdrawn.', { fields: { state: row.state } });
    await trx.deleteFrom('assistance_requests').where('id', '=', id).execute();
    await ctx.envelope.destroyDataKeys(trx, [row.content.k]);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'request.transition', targetType: 'request', targetId: id, country: actor.country, details: { action: 'discard', from: 'draft', to: 'deleted' } });
  });
}
