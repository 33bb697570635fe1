import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { defaultWeekend, DEFAULT_WORKING_HOURS, isValidTimeZone, minutesToClock, type SlotPerson, type TMeetingNoticeKind, type TRsvpState, type ZInvitees, type ZMeetingCreate, type ZMeetingListQuery, type ZMeetingUpdate } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { TSealed } from '../../db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { abilities, authorize, authorizeAction, can, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { memberAccess } from '../cases/service.js';
import type { MeetingAccess } from './policy.js';
import './policy.js';

export const contentAad = (id: string) => `meetings:${id}:content`;
export const minutesAad = (id: string) => `meetings:${id}:minutes`;

/** What is sealed in `meetings.content`. */
export interface MeetingContent {
  description: string;
  address: string;
  videoUrl: string;
}

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;
const findMeeting = (db: Db, id: string) => db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();

/** A meeting and the caller's standing in it: what every policy on meetings decides from. */
export async function meetingAccess(db: Db, actor: Actor, meetingId: string): Promise<(MeetingAccess & { row: MeetingRow }) | null> {
  const row = await findMeeting(db, meetingId);
  if (!row) return null;
  const participant = await db.selectFrom('meeting_participants').select(['role', 'rsvp']).where('meeting_id', '=', meetingId).where('user_id', '=', actor.id).executeTakeFirst();
  const member = row.case_id ? await db.selectFrom('case_members').select('user_id').where('case_id', '=', row.case_id).where('user_id', '=', actor.id).executeTakeFirst() : undefined;
  return { row, organiserId: row.organiser_id, status: row.status, participant: participant ?? null, caseMember: row.case_id ? Boolean(member) : null };
}
export type Access = NonNullable<Awaited<ReturnType<typeof meetingAccess>>>;

/** The meeting for someone who may see it, allowed `action`; otherwise the 404 of a missing one. */
export async function accessFor(db: Db, actor: Actor, meetingId: string, action = 'view'): Promise<Access> {
  const access = await meetingAccess(db, actor, meetingId);
  authorize(actor, 'view', 'meeting', access);
  if (action !== 'view' && !can(actor, action, 'meeting', access)) {
    // Seen but not theirs to change: a cancelled meeting says so; otherwise refused as unknown.
    if (access.status === 'cancelled' && can(actor, action, 'meeting', { ...access, status: 'scheduled' })) throw meetingCancelled();
    throw notFound();
  }
  return access;
}

export const meetingCancelled = () => conflict('meeting_cancelled', 'This meeting was cancelled: it can no longer be changed.');

/**
 * SQL: the meetings `userId` may see — invited, and a member of the meeting's case if it has one.
 * Every list, count and reminder goes through it.
 */
export function visibleMeetings(userId: string) {
  return sql<boolean>`(
    EXISTS (SELECT 1 FROM meeting_participants vp WHERE vp.meeting_id = meetings.id AND vp.user_id = ${userId})
    AND (meetings.case_id IS NULL OR EXISTS (SELECT 1 FROM case_members vc WHERE vc.case_id = meetings.case_id AND vc.user_id = ${userId}))
  )`;
}

// ---------------------------------------------------------------- shared helpers
export const personOf = (u: { id: string; name: string; name_latin: string; country: string }) => ({ id: u.id, name: u.name, nameLatin: u.name_latin, country: u.country });

/** Each country's weekend: the operator's setting, or the default for that country. */
export async function weekendsFor(db: Db, countries: readonly string[]): Promise<Map<string, number[]>> {
  const unique = [...new Set(countries)];
  const rows = unique.length ? await db.selectFrom('country_weekends').select(['country', 'days']).where('country', 'in', unique).execute() : [];
  const configured = new Map(rows.map((row) => [row.country, row.days.map(Number)]));
  return new Map(unique.map((country) => [country, configured.get(country) ?? defaultWeekend(country)]));
}

export interface PersonWithHours {
  id: string;
  name: string;
  name_latin: string;
  country: string;
  email: string;
  time_zone: string;
  start_minute: number | null;
  end_minute: number | null;
}

/** People with their zone and working hours (09:00–17:00 unless they set their own). */
export function peopleWithHours(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('working_hours as wh', 'wh.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.name_latin', 'u.country', 'u.email', 'u.time_zone', 'u.status', 'u.roles', 'wh.start_minute', 'wh.end_minute']);
}

export function slotPersonOf(person: PersonWithHours, weekends: Map<string, number[]>): SlotPerson {
  return {
    id: person.id,
    timeZone: isValidTimeZone(person.time_zone) ? person.time_zone : 'UTC',
    workStart: person.start_minute ?? DEFAULT_WORKING_HOURS.start,
    workEnd: person.end_minute ?? DEFAULT_WORKING_HOURS.end,
    weekend: weekends.get(person.country) ?? defaultWeekend(person.country),
  };
}

export function presentHours(person: PersonWithHours, weekends: Map<string, number[]>) {
  const slot = slotPersonOf(person, weekends);
  return { person: personOf(person), timeZone: slot.timeZone, workStart: minutesToClock(slot.workStart), workEnd: minutesToClock(slot.workEnd), weekend: [...slot.weekend] };
}

/** In-app notices, shown on the meetings page (and counted in the navigation). */
export async function addNotices(ctx: AppContext, trx: Db, userIds: readonly string[], meetingId: string, kind: TMeetingNoticeKind, actionId: string | null = null) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await trx
    .insertInto('meeting_notices')
    .values(unique.map((userId) => ({ user_id: userId, meeting_id: meetingId, action_id: actionId, kind })))
    .execute();
  await ctx.realtime.publish(trx, unique, { type: 'meeting', reason: 'notice', meetingId });
}

/**
 * Email invitations (or cancellations) with the calendar file, for the background sender: only
 * when a relay is configured and the organiser asked for them.
 */
export async function queueInvitationMail(ctx: AppContext, trx: Db, meeting: { id: string; email_invitations: boolean }, userIds: readonly string[], method: 'REQUEST' | 'CANCEL', sequence: number) {
  const unique = [...new Set(userIds)];
  if (!ctx.config.smtpUrl || !meeting.email_invitations || unique.length === 0) return;
  await trx
    .insertInto('meeting_mail_outbox')
    .values(unique.map((userId) => ({ meeting_id: meeting.id, user_id: userId, method, sequence, next_attempt_at: new Date() })))
    .execute();
}

export async function participantIds(db: Db, meetingId: string): Promise<string[]> {
  return (await db.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', meetingId).execute()).map((row) => row.user_id);
}

/** Tells the open pages of these people that the meeting changed; they fetch what they may see. */
export async function tell(ctx: AppContext, trx: Db, userIds: readonly string[], meetingId: string, reason: 'invited' | 'changed' | 'removed' = 'changed') {
  await ctx.realtime.publish(trx, [...userIds], { type: 'meeting', reason, meetingId });
}

// ---------------------------------------------------------------- checks
const MAX_MEETING_MS = 7 * 24 * 3600_000;

function checkTimes(startsAt: Date, endsAt: Date) {
  if (endsAt.getTime() <= startsAt.getTime()) throw badRequest('validation_failed', 'A meeting ends after it starts.', { endsAt: 'before_start' });
  if (endsAt.getTime() - startsAt.getTime() > MAX_MEETING_MS) throw badRequest('validation_failed', 'A meeting lasts at most seven days.', { endsAt: 'too_long' });
}

function checkPlace(mode: 'in_person' | 'video', address: string, videoUrl: string) {
  if (mode === 'in_person' && !address.trim()) throw badRequest('validation_failed', 'Give the address of a meeting in person.', { address: 'required' });
  if (mode === 'video') {
    if (!videoUrl.trim()) throw badRequest('validation_failed', 'Give the link of a video meeting.', { videoUrl: 'required' });
  }
  if (videoUrl.trim()) {
    let url: URL | null = null;
    try {
      url = new URL(videoUrl.trim());
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw badRequest('validation_failed', 'The video link must be a web address (https://…).', { videoUrl: 'invalid' });
  }
}

function checkZone(zone: string) {
  if (!isValidTimeZone(zone)) throw badRequest('validation_failed', 'Unknown time zone.', { timeZone: 'unknown' });
}

export interface ResolvedInvitee {
  id: string;
  country: string;
  invitedVia: string | null;
}

/**
 * The people an invitation reaches: named people (active accounts), and each named country's
 * active focal points. For a meeting about a case, everyone must be a member of the case, and
 * a country's focal points are those who are members.
 */
export async function resolveInvitees(trx: Db, actor: Actor, caseId: string | null, invitees: z.output<typeof ZInvitees>): Promise<ResolvedInvitee[]> {
  const out = new Map<string, ResolvedInvitee>();
  const members = caseId ? new Set((await trx.selectFrom('case_members').select('user_id').where('case_id', '=', caseId).execute()).map((row) => row.user_id)) : null;
  const userIds = [...new Set(invitees.users)];
  if (userIds.length) {
    const rows = await trx.selectFrom('users').select(['id', 'country', 'status']).where('id', 'in', userIds).execute();
    const active = new Map(rows.filter((row) => row.status === 'active').map((row) => [row.id, row]));
    const unknown = userIds.filter((id) => !active.has(id));
    if (unknown.length) throw new AppError(400, 'recipient_invalid', 'Some people cannot be invited: unknown or not active.', { fields: { users: unknown.join(',') } });
    const outsiders = members ? userIds.filter((id) => !members.has(id)) : [];
    if (outsiders.length) throw new AppError(400, 'invitee_not_allowed', 'Only members of the case can be invited to a meeting about it.', { fields: { users: outsiders.join(',') } });
    for (const id of userIds) out.set(id, { id, country: active.get(id)!.country, invitedVia: null });
  }
  const countries = [...new Set(invitees.countries)];
  if (countries.length) {
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'country'])
      .where('country', 'in', countries)
      .where('status', '=', 'active')
      .where(sql<boolean>`'focal_point' = ANY(roles)`)
      .execute();
    const reachable = rows.filter((row) => !members || members.has(row.id));
    const empty = countries.filter((country) => !reachable.some((row) => row.country === country));
    if (empty.length) {
      throw new AppError(400, 'invitee_not_allowed', members ? 'These countries have no focal point among the members of the case.' : 'These countries have no active focal point.', { fields: { countries: empty.join(',') } });
    }
    for (const row of reachable) if (!out.has(row.id)) out.set(row.id, { id: row.id, country: row.country, invitedVia: row.country });
  }
  out.delete(actor.id);
  return [...out.values()];
}

// ---------------------------------------------------------------- create, list, view
/** Organises a meeting: the caller is its organiser, everyone else is invited (RSVP pending). */
export async function createMeeting(ctx: AppContext, actor: Actor, input: z.output<typeof ZMeetingCreate>, info: RequestInfo): Promise<string> {
  authorizeAction(actor, 'organise', 'meeting');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  checkPlace(input.mode, input.address, input.videoUrl);
  return ctx.db.transaction().execute(async (trx) => {
    if (input.caseId) await memberAccess(trx, actor, input.caseId);
    const organiser = await trx.selectFrom('users').select(['time_zone', 'country']).where('id', '=', actor.id).executeTakeFirstOrThrow();
    const timeZone = input.timeZone ?? organiser.time_zone;
    checkZone(timeZone);
    const invitees = await resolveInvitees(trx, actor, input.caseId, input.invitees);
    const id = crypto.randomUUID();
    const now = new Date();
    const content: MeetingContent = { description: input.description, address: input.address, videoUrl: input.videoUrl.trim() };
    await trx
      .insertInto('meetings')
      .values({
        id,
        ical_uid: `${id}@${new URL(ctx.config.publicUrl).hostname}`,
        organiser_id: actor.id,
        organiser_country: actor.country,
        case_id: input.caseId,
        title: input.title,
        content: JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify(content), contentAad(id))),
        starts_at: startsAt,
        ends_at: endsAt,
        time_zone: timeZone,
        mode: input.mode,
        interpretation: [...new Set(input.interpretation)],
        email_invitations: input.emailInvitations,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('meeting_participants')
      .values([
        { meeting_id: id, user_id: actor.id, country: organiser.country, role: 'organiser', rsvp: 'accepted', responded_at: now, invited_via: null, added_at: now },
        ...invitees.map((person) => ({ meeting_id: id, user_id: person.id, country: person.country, role: 'participant' as const, invited_via: person.invitedVia, added_at: now })),
      ])
      .execute();
    const countries = [...new Set(input.invitees.countries)];
    if (countries.length) await trx.insertInto('meeting_invited_countries').values(countries.map((country) => ({ meeting_id: id, country }))).execute();
    const invited = invitees.map((person) => person.id);
    await addNotices(ctx, trx, invited, id, 'invited');
    await queueInvitationMail(ctx, trx, { id, email_invitations: input.emailInvitations }, [actor.id, ...invited], 'REQUEST', 0);
    await tell(ctx, trx, invited, id, 'invited');
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.created', targetType: 'meeting', targetId: id, country: actor.country, details: { caseId: input.caseId, participants: invitees.length + 1 } });
    return id;
  });
}

/** My meetings, upcoming (soonest first) or past (latest first). */
export async function listMeetings(ctx: AppContext, actor: Actor, query: z.output<typeof ZMeetingListQuery>, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    let q = trx
      .selectFrom('meetings')
      .innerJoin('meeting_participants as me', (join) => join.onRef('me.meeting_id', '=', 'meetings.id').on('me.user_id', '=', actor.id))
      .innerJoin('users as o', 'o.id', 'meetings.organiser_id')
      .leftJoin('cases', 'cases.id', 'meetings.case_id')
      .select([
        'meetings.id',
        'meetings.title',
        'meetings.starts_at',
        'meetings.ends_at',
        'meetings.time_zone',
        'meetings.mode',
        'meetings.status',
        'meetings.case_id',
        'cases.reference as case_reference',
        'me.rsvp',
        'o.id as organiser_id',
        'o.name as organiser_name',
        'o.name_latin as organiser_name_latin',
        'o.country as organiser_country',
      ])
      .where(visibleMeetings(actor.id))
      .limit(500);
    q = query.when === 'upcoming' ? q.where('meetings.ends_at', '>=', now).orderBy('meetings.starts_at', 'asc') : q.where('meetings.ends_at', '<', now).orderBy('meetings.starts_at', 'desc');
    if (query.caseId) q = q.where('meetings.case_id', '=', query.caseId);
    const rows = await q.execute();
    const participants = rows.length
      ? await trx.selectFrom('meeting_participants').select(['meeting_id', 'country', 'rsvp']).where('meeting_id', 'in', rows.map((row) => row.id)).execute()
      : [];
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.listed', targetType: null, targetId: null, country: actor.country, details: { rows: rows.length, when: query.when } });
    return rows.map((row) => {
      const mine = participants.filter((p) => p.meeting_id === row.id);
      return {
        id: row.id,
        title: row.title,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
        timeZone: row.time_zone,
        mode: row.mode,
        status: row.status,
        caseId: row.case_id,
        caseReference: row.case_reference ?? null,
        organiser: { id: row.organiser_id, name: row.organiser_name, nameLatin: row.organiser_name_latin, country: row.organiser_country },
        countries: [...new Set(mine.map((p) => p.country))].sort(),
        participants: mine.length,
        accepted: mine.filter((p) => p.rsvp === 'accepted').length,
        myRsvp: row.rsvp as TRsvpState,
      };
    });
  });
}

/** Participants with their zone, working hours and weekend, the organiser first. */
export async function loadParticipants(db: Db, meetingId: string) {
  const rows = await peopleWithHours(db)
    .innerJoin('meeting_participants as p', 'p.user_id', 'u.id')
    .select(['p.role', 'p.rsvp', 'p.responded_at', 'p.invited_via'])
    .where('p.meeting_id', '=', meetingId)
    .orderBy(sql`p.role = 'organiser'`, 'desc')
    .orderBy('u.country')
    .orderBy('u.name_latin')
    .execute();
  const weekends = await weekendsFor(
    db,
    rows.map((row) => row.country),
  );
  return { rows, weekends };
}

/** The meeting page, for a participant. Reading it is audited. */
export async function viewMeeting(ctx: AppContext, actor: Actor, meetingId: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.viewed', targetType: 'meeting', targetId: meetingId, country: access.row.organiser_country, details: {} });
    return meetingDetail(ctx, trx, actor, access);
  });
}

async function meetingDetail(ctx: AppContext, trx: Db, actor: Actor, access: Access) {
  const row = access.row;
  const { rows: people, weekends } = await loadParticipants(trx, row.id);
  const [countries, agendaRows, documentRows, actionRows, caseRow, minutesBy] = await Promise.all([
    trx.selectFrom('meeting_invited_countries').select('country').where('meeting_id', '=', row.id).orderBy('country').execute(),
    trx.selectFrom('meeting_agenda_items').selectAll().where('meeting_id', '=', row.id).orderBy('position').execute(),
    trx
      .selectFrom('meeting_documents as d')
      .leftJoin('users as u', 'u.id', 'd.uploaded_by')
      .select(['d.id', 'd.agenda_item_id', 'd.name', 'd.content_type', 'd.size', 'd.sha256', 'd.uploaded_at', 'u.id as user_id', 'u.name as user_name', 'u.name_latin', 'u.country'])
      .where('d.meeting_id', '=', row.id)
      .orderBy('d.uploaded_at')
      .execute(),
    trx.selectFrom('meeting_action_items').selectAll().where('meeting_id', '=', row.id).orderBy('due_on').orderBy('created_at').execute(),
    row.case_id ? trx.selectFrom('cases').select('reference').where('id', '=', row.case_id).executeTakeFirst() : Promise.resolve(undefined),
    row.minutes_by ? trx.selectFrom('users').select(['id', 'name', 'name_latin', 'country']).where('id', '=', row.minutes_by).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const sealed: TSealed[] = [row.content, ...(row.minutes ? [row.minutes] : []), ...agendaRows.map((a) => a.content), ...documentRows.map((d) => d.name as unknown as TSealed), ...actionRows.map((a) => a.content)];
  const keys = await ctx.envelope.dataKeys(
    trx,
    sealed.map((s) => s.k),
  );
  const open = (value: TSealed, aad: string) => {
    const key = keys.get(value.k);
    if (!key) throw new Error(`missing data key for ${aad}`);
    return ctx.envelope.openWith(key, value, aad).toString('utf8');
  };
  const content = JSON.parse(open(row.content, contentAad(row.id))) as MeetingContent;
  const byId = new Map(people.map((p) => [p.id, p]));
  const personById = (id: string | null) => {
    const found = id ? byId.get(id) : undefined;
    return found ? personOf(found) : null;
  };
  const me = byId.get(actor.id);
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: row.id,
    title: row.title,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timeZone: row.time_zone,
    mode: row.mode,
    status: row.status,
    caseId: row.case_id,
    caseReference: caseRow?.reference ?? null,
    organiser: personById(row.organiser_id) ?? { id: row.organiser_id, name: '', nameLatin: '', country: row.organiser_country },
    countries: [...new Set(people.map((p) => p.country))].sort(),
    accepted: people.filter((p) => p.rsvp === 'accepted').length,
    myRsvp: (me?.rsvp ?? 'pending') as TRsvpState,
    description: content.description,
    address: content.address,
    videoUrl: content.videoUrl,
    interpretation: row.interpretation,
    emailInvitations: row.email_invitations,
    sequence: row.sequence,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    participants: people.map((p) => ({
      ...presentHours(p, weekends),
      role: p.role,
      rsvp: p.rsvp as TRsvpState,
      respondedAt: p.responded_at ? p.responded_at.toISOString() : null,
      invitedVia: p.invited_via,
    })),
    invitedCountries: countries.map((c) => c.country),
    agenda: agendaRows.map((a) => {
      const item = JSON.parse(open(a.content, agendaAad(a.id))) as { title: string; notes: string };
      return { id: a.id, position: a.position, title: item.title, notes: item.notes, owner: personById(a.owner_id), durationMinutes: a.duration_minutes };
    }),
    documents: documentRows.map((d) => ({
      id: d.id,
      agendaItemId: d.agenda_item_id,
      name: open(d.name as unknown as TSealed, documentNameAad(d.id)),
      contentType: d.content_type,
      size: d.size,
      sha256: d.sha256,
      uploadedAt: d.uploaded_at.toISOString(),
      uploadedBy: d.user_id ? { id: d.user_id, name: d.user_name!, nameLatin: d.name_latin!, country: d.country! } : null,
    })),
    minutes:
      row.minutes && row.minutes_at
        ? { text: open(row.minutes, minutesAad(row.id)), updatedAt: row.minutes_at.toISOString(), updatedBy: minutesBy ? personOf(minutesBy) : null }
        : null,
    actions: actionRows.map((a) => {
      const owner = byId.get(a.owner_id);
      return {
        id: a.id,
        meetingId: row.id,
        title: (JSON.parse(open(a.content, actionAad(a.id))) as { title: string }).title,
        owner: owner ? personOf(owner) : { id: a.owner_id, name: '', nameLatin: '', country: row.organiser_country },
        dueOn: a.due_on,
        status: a.status,
        overdue: (a.status === 'open' || a.status === 'in_progress') && a.due_on < today,
        remindedAt: a.reminded_at ? a.reminded_at.toISOString() : null,
        createdAt: a.created_at.toISOString(),
        updatedAt: a.updated_at.toISOString(),
        canUpdate: can(actor, 'update_status', 'meeting_action', { ...access, ownerId: a.owner_id }),
      };
    }),
    can: (() => {
      const allowed = abilities(actor, 'meeting', access, ['edit', 'respond', 'upload']);
      const edit = Boolean(allowed.edit);
      const editable = edit && row.status === 'scheduled';
      return { edit: editable, respond: Boolean(allowed.respond), upload: Boolean(allowed.upload), writeMinutes: editable, manageActions: editable };
    })(),
  };
}

export const agendaAad = (id: string) => `meeting_agenda_items:${id}:content`;
export const actionAad = (id: string) => `meeting_action_items:${id}:content`;
export const documentNameAad = (id: string) => `meeting_documents:${id}:name`;

// ---------------------------------------------------------------- change, cancel
/** Fields whose change calendars must apply: they raise the iCalendar SEQUENCE. */
const REVISING = ['title', 'startsAt', 'endsAt', 'mode', 'address', 'videoUrl'] as const;

export async function updateMeeting(ctx: AppContext, actor: Actor, meetingId: string, input: z.output<typeof ZMeetingUpdate>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    const row = access.row;
    if (row.status === 'cancelled') throw meetingCancelled();
    const content = JSON.parse(await ctx.envelope.openText(trx, row.content, contentAad(row.id))) as MeetingContent;
    const before = { title: row.title, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), mode: row.mode, address: content.address, videoUrl: content.videoUrl };
    const startsAt = input.startsAt !== undefined ? new Date(input.startsAt) : row.starts_at;
    const endsAt = input.endsAt !== undefined ? new Date(input.endsAt) : row.ends_at;
    const next = {
      title: input.title ?? row.title,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      mode: input.mode ?? row.mode,
      address: input.address ?? content.address,
      videoUrl: (input.videoUrl ?? content.videoUrl).trim(),
      description: input.description ?? content.description,
    };
    checkTimes(startsAt, endsAt);
    checkPlace(next.mode, next.address, next.videoUrl);
    if (input.timeZone !== undefined) checkZone(input.timeZone);
    const changed = [
      ...REVISING.filter((field) => before[field] !== next[field]),
      ...(next.description !== content.description ? ['description'] : []),
      ...(input.timeZone !== undefined && input.timeZone !== row.time_zone ? ['timeZone'] : []),
      ...(input.interpretation !== undefined && [...new Set(input.interpretation)].join() !== row.interpretation.join() ? ['interpretation'] : []),
      ...(input.emailInvitations !== undefined && input.emailInvitations !== row.email_invitations ? ['emailInvitations'] : []),
    ];
    if (changed.length === 0) return;
    const revised = REVISING.some((field) => changed.includes(field));
    const retimed = changed.includes('startsAt') || changed.includes('endsAt');
    const sequence = revised ? row.sequence + 1 : row.sequence;
    const contentChanged = ['address', 'videoUrl', 'description'].some((field) => changed.includes(field));
    const now = new Date();
    await trx
      .updateTable('meetings')
      .set({
        title: next.title,
        starts_at: startsAt,
        ends_at: endsAt,
        mode: next.mode,
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        ...(input.interpretation !== undefined ? { interpretation: [...new Set(input.interpretation)] } : {}),
        ...(input.emailInvitations !== undefined ? { email_invitations: input.emailInvitations } : {}),
        ...(contentChanged
          ? { content: JSON.stringify(await ctx.envelope.seal(trx, JSON.stringify({ description: next.description, address: next.address, videoUrl: next.videoUrl } satisfies MeetingContent), contentAad(row.id))) }
          : {}),
        sequence,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    if (contentChanged) await ctx.envelope.destroyDataKeys(trx, [row.content.k]);
    const everyone = await participantIds(trx, row.id);
    const others = everyone.filter((id) => id !== actor.id);
    // An answer was given for another time: ask again.
    if (retimed) await trx.updateTable('meeting_participants').set({ rsvp: 'pending', responded_at: null }).where('meeting_id', '=', row.id).where('role', '=', 'participant').execute();
    if (revised) {
      await addNotices(ctx, trx, others, row.id, 'changed');
      await queueInvitationMail(ctx, trx, { id: row.id, email_invitations: input.emailInvitations ?? row.email_invitations }, everyone, 'REQUEST', sequence);
    } else if (changed.includes('emailInvitations') && input.emailInvitations) {
      // Invitations turned on later: everyone gets the meeting as it stands.
      await queueInvitationMail(ctx, trx, { id: row.id, email_invitations: true }, everyone, 'REQUEST', sequence);
    }
    await tell(ctx, trx, everyone, row.id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.updated', targetType: 'meeting', targetId: row.id, country: row.organiser_country, details: { fields: changed, sequence } });
  });
}

/** Cancels the meeting for everyone: calendars receive a CANCEL with a new SEQUENCE. */
export async function cancelMeeting(ctx: AppContext, actor: Actor, meetingId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    const row = access.row;
    if (row.status === 'cancelled') return;
    const sequence = row.sequence + 1;
    const now = new Date();
    await trx.updateTable('meetings').set({ status: 'cancelled', cancelled_at: now, sequence, updated_at: now }).where('id', '=', row.id).execute();
    const everyone = await participantIds(trx, row.id);
    await addNotices(
      ctx,
      trx,
      everyone.filter((id) => id !== actor.id),
      row.id,
      'cancelled',
    );
    await queueInvitationMail(ctx, trx, row, everyone, 'CANCEL', sequence);
    await tell(ctx, trx, everyone, row.id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.cancelled', targetType: 'meeting', targetId: row.id, country: row.organiser_country, details: { sequence } });
  });
}

// ---------------------------------------------------------------- invitees and answers
export async function addInvitees(ctx: AppContext, actor: Actor, meetingId: string, invitees: z.output<typeof ZInvitees>, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    const row = access.row;
    if (row.status === 'cancelled') throw meetingCancelled();
    const resolved = await resolveInvitees(trx, actor, row.case_id, invitees);
    const now = new Date();
    const added = resolved.length
      ? await trx
          .insertInto('meeting_participants')
          .values(resolved.map((person) => ({ meeting_id: row.id, user_id: person.id, country: person.country, role: 'participant' as const, invited_via: person.invitedVia, added_at: now })))
          .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
          .returning('user_id')
          .execute()
      : [];
    const countries = [...new Set(invitees.countries)];
    if (countries.length) {
      await trx
        .insertInto('meeting_invited_countries')
        .values(countries.map((country) => ({ meeting_id: row.id, country })))
        .onConflict((oc) => oc.columns(['meeting_id', 'country']).doNothing())
        .execute();
    }
    const newIds = added.map((a) => a.user_id);
    await trx.updateTable('meetings').set({ updated_at: now }).where('id', '=', row.id).execute();
    await addNotices(ctx, trx, newIds, row.id, 'invited');
    await queueInvitationMail(ctx, trx, row, newIds, 'REQUEST', row.sequence);
    await tell(ctx, trx, newIds, row.id, 'invited');
    await tell(ctx, trx, [actor.id], row.id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.invitees_added', targetType: 'meeting', targetId: row.id, country: row.organiser_country, details: { userIds: newIds, countries } });
  });
}

/** Takes someone off the meeting: their calendar receives a CANCEL (with a new SEQUENCE). */
export async function removeInvitee(ctx: AppContext, actor: Actor, meetingId: string, userId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'edit');
    const row = access.row;
    if (row.status === 'cancelled') throw meetingCancelled();
    if (userId === row.organiser_id) throw conflict('conflict', 'The organiser cannot be taken off their own meeting.');
    const removed = await trx.deleteFrom('meeting_participants').where('meeting_id', '=', row.id).where('user_id', '=', userId).returning('user_id').executeTakeFirst();
    if (!removed) throw notFound();
    const sequence = row.sequence + 1;
    await trx.updateTable('meetings').set({ sequence, updated_at: new Date() }).where('id', '=', row.id).execute();
    await trx.deleteFrom('meeting_notices').where('meeting_id', '=', row.id).where('user_id', '=', userId).execute();
    await queueInvitationMail(ctx, trx, row, [userId], 'CANCEL', sequence);
    await tell(ctx, trx, [userId], row.id, 'removed');
    await tell(ctx, trx, await participantIds(trx, row.id), row.id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.invitee_removed', targetType: 'meeting', targetId: row.id, country: row.organiser_country, details: { userId } });
  });
}

export async function respond(ctx: AppContext, actor: Actor, meetingId: string, response: 'accepted' | 'tentative' | 'declined', info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId, 'respond');
    await trx.updateTable('meeting_participants').set({ rsvp: response, responded_at: new Date() }).where('meeting_id', '=', meetingId).where('user_id', '=', actor.id).execute();
    await tell(ctx, trx, [access.row.organiser_id, actor.id], meetingId);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.responded', targetType: 'meeting', targetId: meetingId, country: actor.country, details: { response } });
  });
}

// ---------------------------------------------------------------- notices and counts
export async function listNotices(ctx: AppContext, actor: Actor, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('meeting_notices as n')
      .innerJoin('meetings', 'meetings.id', 'n.meeting_id')
      .select(['n.id', 'n.kind', 'n.meeting_id', 'n.action_id', 'n.created_at', 'meetings.title'])
      .where('n.user_id', '=', actor.id)
      .where('n.read_at', 'is', null)
      .where(visibleMeetings(actor.id))
      .orderBy('n.id', 'desc')
      .limit(100)
      .execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.notices_listed', targetType: null, targetId: null, country: actor.country, details: { rows: rows.length } });
    return rows.map((row) => ({ id: row.id, kind: row.kind as TMeetingNoticeKind, meetingId: row.meeting_id, meetingTitle: row.title, actionId: row.action_id, createdAt: row.created_at.toISOString() }));
  });
}

/** Marks notices read: one, or all of them. */
export async function readNotices(ctx: AppContext, actor: Actor, noticeId: number | null) {
  let q = ctx.db.updateTable('meeting_notices').set({ read_at: new Date() }).where('user_id', '=', actor.id).where('read_at', 'is', null);
  if (noticeId !== null) q = q.where('id', '=', noticeId);
  await q.execute();
}

/** Numbers for the navigation badge: no content, so not audited. */
export async function meetingCounts(ctx: AppContext, actor: Actor) {
  const now = new Date();
  const horizon = new Date(now.getTime() + (ctx.config.actionReminderDays + 1) * 86400_000).toISOString().slice(0, 10);
  const [pending, notices, actions] = await Promise.all([
    ctx.db
      .selectFrom('meetings')
      .innerJoin('meeting_participants as me', (join) => join.onRef('me.meeting_id', '=', 'meetings.id').on('me.user_id', '=', actor.id))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('me.rsvp', '=', 'pending')
      .where('meetings.status', '=', 'scheduled')
      .where('meetings.ends_at', '>', now)
      .where(visibleMeetings(actor.id))
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('meeting_notices as n')
      .innerJoin('meetings', 'meetings.id', 'n.meeting_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('n.user_id', '=', actor.id)
      .where('n.read_at', 'is', null)
      .where(visibleMeetings(actor.id))
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('meeting_action_items as a')
      .innerJoin('meetings', 'meetings.id', 'a.meeting_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.owner_id', '=', actor.id)
      .where('a.status', 'in', ['open', 'in_progress'])
      .where('a.due_on', '<=', horizon)
      .where('meetings.status', '=', 'scheduled')
      .where(visibleMeetings(actor.id))
      .executeTakeFirstOrThrow(),
  ]);
  return { pendingInvitations: Number(pending.n), unreadNotices: Number(notices.n), actionsDue: Number(actions.n) };
}
