import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { defaultQuota } from '@focal/core';
import {
  attendanceRequired,
  COUNTRY_CODES,
  dayBegunAt,
  dayEndedAt,
  nominationsCloseAt,
  type TNominationStatus,
  type TWorkshopDetail,
  type TWorkshopSummary,
  type ZSessionCreate,
  type ZWorkshopCreate,
  type ZWorkshopListQuery,
  type ZWorkshopUpdate,
} from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { authorizeAction, can, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { accessFor, addNotices, personOf, staffIds, tell, visibleWorkshops, type Access, type WorkshopRow } from './access.js';
import { checkModules } from './catalogue.js';
import { presentCertificates } from './certificates.js';
import { reallocate, seatsMove, workshopCancelled } from './seats.js';

const DAY_MS = 24 * 3600_000;
/** Longest workshop: sessions are laid out one per day. */
const MAX_DAYS = 60;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

interface Schedule {
  startsOn: string;
  endsOn: string;
  nominationDeadline: string;
}

function checkSchedule({ startsOn, endsOn, nominationDeadline }: Schedule) {
  if (endsOn < startsOn) throw badRequest('validation_failed', 'A workshop ends on or after the day it starts.', { endsOn: 'before_start' });
  if (daysBetween(startsOn, endsOn) >= MAX_DAYS) throw badRequest('validation_failed', `A workshop lasts at most ${MAX_DAYS} days.`, { endsOn: 'too_long' });
  if (nominationDeadline > startsOn) throw badRequest('validation_failed', 'Nominations close on the first day at the latest.', { nominationDeadline: 'after_start' });
}

function checkHost(country: string) {
  if (!COUNTRY_CODES.includes(country)) throw badRequest('validation_failed', 'Unknown host country.', { hostCountry: 'unknown' });
}

async function checkTrainers(trx: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await trx.selectFrom('users').select('id').where('id', 'in', unique).where('status', '=', 'active').execute();
  const found = new Set(rows.map((r) => r.id));
  const bad = unique.filter((id) => !found.has(id));
  if (bad.length) throw badRequest('validation_failed', 'Some trainers are unknown or not active.', { trainerIds: bad.join(',') });
}

async function setModules(trx: Db, workshopId: string, moduleIds: readonly string[]) {
  await trx.deleteFrom('training_workshop_modules').where('workshop_id', '=', workshopId).execute();
  const unique = [...new Set(moduleIds)];
  if (unique.length) await trx.insertInto('training_workshop_modules').values(unique.map((moduleId, position) => ({ workshop_id: workshopId, module_id: moduleId, position }))).execute();
}

async function setTrainers(trx: Db, workshopId: string, trainerIds: readonly string[]) {
  await trx.deleteFrom('training_workshop_trainers').where('workshop_id', '=', workshopId).execute();
  const unique = [...new Set(trainerIds)];
  if (unique.length) await trx.insertInto('training_workshop_trainers').values(unique.map((userId) => ({ workshop_id: workshopId, user_id: userId }))).execute();
}

/** One session per day of the workshop. */
async function layOutSessions(trx: Db, workshopId: string, startsOn: string, endsOn: string) {
  const days = daysBetween(startsOn, endsOn) + 1;
  await trx
    .insertInto('training_sessions')
    .values(Array.from({ length: days }, (_, i) => ({ id: crypto.randomUUID(), workshop_id: workshopId, held_on: addDays(startsOn, i), title: '' })))
    .execute();
}

/** Organises a workshop: the caller is its organiser; one session per day is laid out. */
export async function createWorkshop(ctx: AppContext, actor: Actor, input: z.output<typeof ZWorkshopCreate>, info: RequestInfo): Promise<string> {
  authorizeAction(actor, 'organise', 'training_workshop');
  checkSchedule(input);
  checkHost(input.hostCountry);
  return ctx.db.transaction().execute(async (trx) => {
    await checkModules(trx, input.moduleIds);
    await checkTrainers(trx, input.trainerIds);
    const id = crypto.randomUUID();
    await trx
      .insertInto('training_workshops')
      .values({
        id,
        title: input.title,
        description: input.description,
        region: input.region,
        host_country: input.hostCountry,
        mode: input.mode,
        venue: input.venue,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        languages: [...new Set(input.languages)],
        capacity: input.capacity,
        quota: input.quota,
        nomination_deadline: input.nominationDeadline,
        organiser_id: actor.id,
      })
      .execute();
    await setModules(trx, id, input.moduleIds);
    await setTrainers(trx, id, input.trainerIds);
    await layOutSessions(trx, id, input.startsOn, input.endsOn);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.workshop_created', targetType: 'training_workshop', targetId: id, country: input.hostCountry, details: { capacity: input.capacity, region: input.region } });
    await tell(ctx, trx, input.trainerIds, id);
    return id;
  });
}

/**
 * Changes a workshop. Its dates move only while no attendance is recorded (the sessions are laid
 * out again); the capacity never falls below the seats confirmed. A larger capacity or a new
 * quota moves the waiting list up at once.
 */
export async function updateWorkshop(ctx: AppContext, actor: Actor, workshopId: string, input: z.output<typeof ZWorkshopUpdate>, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'manage', { lock: true });
    const row = access.row;
    if (row.status === 'cancelled') throw workshopCancelled();
    const schedule = { startsOn: input.startsOn ?? row.starts_on, endsOn: input.endsOn ?? row.ends_on, nominationDeadline: input.nominationDeadline ?? row.nomination_deadline };
    checkSchedule(schedule);
    if (input.hostCountry) checkHost(input.hostCountry);
    const datesMoved = schedule.startsOn !== row.starts_on || schedule.endsOn !== row.ends_on;
    if (datesMoved) {
      const marked = await trx.selectFrom('training_attendance as a').innerJoin('training_sessions as s', 's.id', 'a.session_id').select('a.session_id').where('s.workshop_id', '=', workshopId).limit(1).executeTakeFirst();
      if (marked) throw badRequest('validation_failed', 'Attendance is already recorded: the dates can no longer change.', { startsOn: 'attendance_recorded' });
    }
    if (input.capacity !== undefined) {
      const confirmed = await trx.selectFrom('training_nominations').select((eb) => eb.fn.countAll<number>().as('n')).where('workshop_id', '=', workshopId).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
      if (input.capacity < Number(confirmed.n)) throw new AppError(400, 'capacity_below_seats', `${confirmed.n} seats are already confirmed: cancel some first.`, { fields: { capacity: String(confirmed.n) } });
    }
    if (input.moduleIds) {
      const current = (await trx.selectFrom('training_workshop_modules').select('module_id').where('workshop_id', '=', workshopId).execute()).map((m) => m.module_id);
      // A module retired since stays on the workshop that already teaches it.
      await checkModules(trx, input.moduleIds, current);
    }
    if (input.trainerIds) await checkTrainers(trx, input.trainerIds);
    const updated = await trx
      .updateTable('training_workshops')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.region !== undefined ? { region: input.region } : {}),
        ...(input.hostCountry !== undefined ? { host_country: input.hostCountry } : {}),
        ...(input.mode !== undefined ? { mode: input.mode } : {}),
        ...(input.venue !== undefined ? { venue: input.venue } : {}),
        ...(input.languages !== undefined ? { languages: [...new Set(input.languages)] } : {}),
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.quota !== undefined ? { quota: input.quota } : {}),
        starts_on: schedule.startsOn,
        ends_on: schedule.endsOn,
        nomination_deadline: schedule.nominationDeadline,
        updated_at: new Date(),
      })
      .where('id', '=', workshopId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (datesMoved) {
      await trx.deleteFrom('training_sessions').where('workshop_id', '=', workshopId).execute();
      await layOutSessions(trx, workshopId, schedule.startsOn, schedule.endsOn);
    }
    if (input.moduleIds) await setModules(trx, workshopId, input.moduleIds);
    if (input.trainerIds) await setTrainers(trx, workshopId, input.trainerIds);
    if ((input.capacity !== undefined || input.quota !== undefined) && seatsMove(updated)) await reallocate(ctx, trx, updated);
    const fields = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.workshop_updated', targetType: 'training_workshop', targetId: workshopId, country: updated.host_country, details: { fields } });
    const nominees = await trx.selectFrom('training_nominations').select('user_id').where('workshop_id', '=', workshopId).execute();
    await tell(ctx, trx, [...(await staffIds(trx, updated)), ...nominees.map((n) => n.user_id)], workshopId);
  });
}

function summaryOf(row: WorkshopRow & { organiser_name: string; organiser_name_latin: string; organiser_country: string }, counts: Map<string, Record<string, number>>, myStatus: TNominationStatus | null, now: Date): TWorkshopSummary {
  const c = counts.get(row.id) ?? {};
  return {
    id: row.id,
    title: row.title,
    region: row.region as TWorkshopSummary['region'],
    hostCountry: row.host_country,
    mode: row.mode,
    venue: row.venue,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    languages: row.languages,
    capacity: row.capacity,
    nominationDeadline: row.nomination_deadline,
    status: row.status,
    nominationsOpen: row.status === 'scheduled' && now < nominationsCloseAt(row.nomination_deadline),
    organiser: { id: row.organiser_id, name: row.organiser_name, nameLatin: row.organiser_name_latin, country: row.organiser_country },
    confirmed: c.confirmed ?? 0,
    waitlisted: c.waitlisted ?? 0,
    pending: c.pending ?? 0,
    myStatus,
  };
}

async function countsOf(db: Db, workshopIds: string[]) {
  const rows = workshopIds.length
    ? await db
        .selectFrom('training_nominations')
        .select(['workshop_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workshop_id', 'in', workshopIds)
        .groupBy(['workshop_id', 'status'])
        .execute()
    : [];
  const counts = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const entry = counts.get(r.workshop_id) ?? {};
    entry[r.status] = Number(r.n);
    counts.set(r.workshop_id, entry);
  }
  return counts;
}

function withOrganiser(db: Db) {
  return db
    .selectFrom('training_workshops')
    .innerJoin('users as o', 'o.id', 'training_workshops.organiser_id')
    .selectAll('training_workshops')
    .select(['o.name as organiser_name', 'o.name_latin as organiser_name_latin', 'o.country as organiser_country']);
}

/** Workshops the caller may see: upcoming (soonest first) or past (latest first). */
export async function listWorkshops(ctx: AppContext, actor: Actor, query: z.output<typeof ZWorkshopListQuery>): Promise<TWorkshopSummary[]> {
  const today = new Date().toISOString().slice(0, 10);
  let q = withOrganiser(ctx.db).where(visibleWorkshops(actor)).limit(500);
  q = query.when === 'upcoming' ? q.where('training_workshops.ends_on', '>=', today).orderBy('training_workshops.starts_on', 'asc') : q.where('training_workshops.ends_on', '<', today).orderBy('training_workshops.starts_on', 'desc');
  const rows = await q.orderBy('training_workshops.title').execute();
  const ids = rows.map((r) => r.id);
  const [counts, mine] = await Promise.all([
    countsOf(ctx.db, ids),
    ids.length
      ? ctx.db.selectFrom('training_nominations').select(['workshop_id', 'status']).where('user_id', '=', actor.id).where('workshop_id', 'in', ids).orderBy('nominated_at').execute()
      : Promise.resolve([]),
  ]);
  // The latest nomination decides (one cancelled, then nominated again).
  const myStatus = new Map(mine.map((m) => [m.workshop_id, m.status as TNominationStatus]));
  const now = new Date();
  return rows.map((row) => summaryOf(row, counts, myStatus.get(row.id) ?? null, now));
}

/** The workshop page; reading the nominations it shows is audited. */
export async function viewWorkshop(ctx: AppContext, actor: Actor, workshopId: string, info: RequestInfo): Promise<TWorkshopDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId);
    const detail = await workshopDetail(ctx, trx, actor, access);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.workshop_viewed', targetType: 'training_workshop', targetId: workshopId, country: access.row.host_country, details: { nominations: detail.nominations.length } });
    return detail;
  });
}

async function workshopDetail(ctx: AppContext, trx: Db, actor: Actor, access: Access): Promise<TWorkshopDetail> {
  const row = await withOrganiser(trx).where('training_workshops.id', '=', access.row.id).executeTakeFirstOrThrow();
  const now = new Date();
  const seeAll = can(actor, 'see_all_nominations', 'training_workshop', access);
  const isAdmin = actor.roles.includes('national_admin');
  let nominationQuery = trx
    .selectFrom('training_nominations as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('users as by', 'by.id', 'n.nominated_by')
    .select([
      'n.id',
      'n.user_id',
      'n.country',
      'n.rank',
      'n.status',
      'n.waitlist_position',
      'n.nominated_at',
      'n.cancel_reason',
      'u.name',
      'u.name_latin',
      'by.id as by_id',
      'by.name as by_name',
      'by.name_latin as by_name_latin',
      'by.country as by_country',
    ])
    .where('n.workshop_id', '=', row.id)
    .orderBy(sql`n.status = 'cancelled'`)
    .orderBy('n.country')
    .orderBy('n.rank');
  if (!seeAll) nominationQuery = isAdmin ? nominationQuery.where((eb) => eb.or([eb('n.country', '=', actor.country), eb('n.user_id', '=', actor.id)])) : nominationQuery.where('n.user_id', '=', actor.id);
  const [nominations, sessions, modules, trainers, counts, seatRows, evaluation] = await Promise.all([
    nominationQuery.execute(),
    trx.selectFrom('training_sessions').select(['id', 'held_on', 'title']).where('workshop_id', '=', row.id).orderBy('held_on').orderBy('created_at').execute(),
    trx
      .selectFrom('training_workshop_modules as wm')
      .innerJoin('training_modules as m', 'm.id', 'wm.module_id')
      .select(['m.id', 'm.title', 'm.duration_minutes'])
      .where('wm.workshop_id', '=', row.id)
      .orderBy('wm.position')
      .execute(),
    trx.selectFrom('training_workshop_trainers as t').innerJoin('users as u', 'u.id', 't.user_id').select(['u.id', 'u.name', 'u.name_latin', 'u.country']).where('t.workshop_id', '=', row.id).orderBy('u.name_latin').execute(),
    countsOf(trx, [row.id]),
    trx
      .selectFrom('training_nominations')
      .select(['country', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workshop_id', '=', row.id)
      .where('status', '<>', 'cancelled')
      .groupBy(['country', 'status'])
      .execute(),
    trx.selectFrom('training_evaluations').select('user_id').where('workshop_id', '=', row.id).where('user_id', '=', actor.id).executeTakeFirst(),
  ]);
  const nominationIds = nominations.map((n) => n.id);
  const [attendanceRows, certificates] = await Promise.all([
    nominationIds.length ? trx.selectFrom('training_attendance').select(['session_id', 'nomination_id', 'present']).where('nomination_id', 'in', nominationIds).execute() : Promise.resolve([]),
    nominationIds.length ? trx.selectFrom('training_certificates').selectAll().where('nomination_id', 'in', nominationIds).orderBy('issued_at').execute() : Promise.resolve([]),
  ]);
  const required = attendanceRequired(sessions.length);
  const lastBegun = sessions.length > 0 && now >= dayBegunAt(sessions[sessions.length - 1]!.held_on);
  const present = (nominationId: string) => attendanceRows.filter((a) => a.nomination_id === nominationId && a.present).length;
  // The live certificate, or else the latest revoked one.
  const certificateOf = (nominationId: string) => {
    const own = certificates.filter((c) => c.nomination_id === nominationId);
    return own.find((c) => c.revoked_at === null) ?? own[own.length - 1] ?? null;
  };
  const seatsByCountry = new Map<string, { country: string; confirmed: number; waitlisted: number; pending: number }>();
  for (const s of seatRows) {
    const entry = seatsByCountry.get(s.country) ?? { country: s.country, confirmed: 0, waitlisted: 0, pending: 0 };
    entry[s.status as 'confirmed' | 'waitlisted' | 'pending'] = Number(s.n);
    seatsByCountry.set(s.country, entry);
  }
  const myNomination = [...nominations].reverse().find((n) => n.user_id === actor.id);
  const confirmedMe = myNomination?.status === 'confirmed';
  const firstBegun = sessions.length > 0 && now >= dayBegunAt(sessions[0]!.held_on);
  const managed = can(actor, 'manage', 'training_workshop', access);
  const keepsAttendance = can(actor, 'mark_attendance', 'training_workshop', access);
  const shown = nominations.map((n) => certificateOf(n.id));
  const briefs = await presentCertificates(
    ctx,
    trx,
    shown.filter((c) => c !== null),
  );
  const certificateBriefs = shown.map((c) => (c ? (briefs.get(c.id) ?? null) : null));
  return {
    ...summaryOf(row, counts, (myNomination?.status as TNominationStatus | undefined) ?? null, now),
    description: row.description,
    quota: row.quota ?? defaultQuota(row.capacity, seatsByCountry.size),
    quotaSet: row.quota,
    allocatedAt: row.allocated_at?.toISOString() ?? null,
    modules: modules.map((m) => ({ id: m.id, title: m.title, durationMinutes: m.duration_minutes })),
    trainers: trainers.map(personOf),
    sessions: sessions.map((s) => ({ id: s.id, date: s.held_on, title: s.title, started: now >= dayBegunAt(s.held_on) })),
    attendanceRequired: required,
    seatsByCountry: [...seatsByCountry.values()].sort((a, b) => a.country.localeCompare(b.country)),
    nominations: nominations.map((n, i) => ({
      id: n.id,
      person: { id: n.user_id, name: n.name, nameLatin: n.name_latin, country: n.country },
      status: n.status as TNominationStatus,
      rank: n.rank,
      waitlistPosition: n.waitlist_position,
      nominatedAt: n.nominated_at.toISOString(),
      nominatedBy: n.by_id ? { id: n.by_id, name: n.by_name!, nameLatin: n.by_name_latin!, country: n.by_country! } : null,
      cancelReason: n.cancel_reason,
      attended: present(n.id),
      eligible: n.status === 'confirmed' && lastBegun && present(n.id) >= required,
      certificate: certificateBriefs[i] ?? null,
      canCancel: n.status !== 'cancelled' && can(actor, 'cancel', 'training_nomination', { ...access, userId: n.user_id, country: n.country }),
    })),
    attendance: keepsAttendance ? attendanceRows.map((a) => ({ sessionId: a.session_id, nominationId: a.nomination_id, present: a.present })) : [],
    evaluationSubmitted: Boolean(evaluation),
    abilities: {
      edit: managed && row.status === 'scheduled',
      allocate: managed && row.status === 'scheduled' && now < dayEndedAt(row.ends_on),
      markAttendance: keepsAttendance && row.status === 'scheduled',
      viewResults: can(actor, 'view_results', 'training_workshop', access),
      issueCertificates: managed,
      cancel: managed && row.status === 'scheduled',
      evaluate: confirmedMe && firstBegun && !evaluation && row.status === 'scheduled',
      nominate: can(actor, 'nominate', 'training_workshop', access) && row.status === 'scheduled' && now < nominationsCloseAt(row.nomination_deadline),
    },
  };
}

/**
 * Calls a workshop off (organiser or secretariat, with a reason): everyone nominated and its
 * trainers are told. Nominations, attendance and certificates already issued stay as a record;
 * nothing more can be nominated, seated, recorded or issued.
 */
export async function cancelWorkshop(ctx: AppContext, actor: Actor, workshopId: string, reason: string, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'manage', { lock: true });
    if (access.row.status === 'cancelled') throw workshopCancelled();
    await trx.updateTable('training_workshops').set({ status: 'cancelled', updated_at: new Date() }).where('id', '=', workshopId).execute();
    const nominees = (await trx.selectFrom('training_nominations').select('user_id').where('workshop_id', '=', workshopId).where('status', '<>', 'cancelled').execute()).map((n) => n.user_id);
    const staff = await staffIds(trx, access.row);
    await addNotices(
      ctx,
      trx,
      [...nominees, ...staff].filter((id) => id !== actor.id),
      workshopId,
      'workshop_cancelled',
    );
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.workshop_cancelled', targetType: 'training_workshop', targetId: workshopId, country: access.row.host_country, details: { reason, nominees: nominees.length } });
    await tell(ctx, trx, [...nominees, ...staff], workshopId);
  });
}

export async function addSession(ctx: AppContext, actor: Actor, workshopId: string, input: z.output<typeof ZSessionCreate>, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'manage', { lock: true });
    if (access.row.status === 'cancelled') throw workshopCancelled();
    if (input.date < access.row.starts_on || input.date > access.row.ends_on) throw badRequest('validation_failed', 'A session falls within the workshop’s dates.', { date: 'outside' });
    const count = await trx.selectFrom('training_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('workshop_id', '=', workshopId).executeTakeFirstOrThrow();
    if (Number(count.n) >= 200) throw conflict('conflict', 'A workshop has at most 200 sessions.');
    const id = crypto.randomUUID();
    await trx.insertInto('training_sessions').values({ id, workshop_id: workshopId, held_on: input.date, title: input.title }).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.session_changed', targetType: 'training_workshop', targetId: workshopId, country: access.row.host_country, details: { sessionId: id, change: 'added' } });
    await tell(ctx, trx, await staffIds(trx, access.row), workshopId);
  });
}

export async function removeSession(ctx: AppContext, actor: Actor, workshopId: string, sessionId: string, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'manage', { lock: true });
    const session = await trx.selectFrom('training_sessions').select('id').where('id', '=', sessionId).where('workshop_id', '=', workshopId).executeTakeFirst();
    if (!session) throw notFound();
    const remaining = await trx.selectFrom('training_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('workshop_id', '=', workshopId).executeTakeFirstOrThrow();
    if (Number(remaining.n) <= 1) throw badRequest('validation_failed', 'A workshop keeps at least one session.', { sessionId: 'last' });
    await trx.deleteFrom('training_sessions').where('id', '=', sessionId).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.session_changed', targetType: 'training_workshop', targetId: workshopId, country: access.row.host_country, details: { sessionId, change: 'removed' } });
    await tell(ctx, trx, await staffIds(trx, access.row), workshopId);
  });
}
