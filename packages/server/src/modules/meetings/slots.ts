import anyAscii from 'any-ascii';
import { sql } from 'kysely';
import type { z } from 'zod';
import { clockToMinutes, DEFAULT_WORKING_HOURS, defaultWeekend, findSlots, FRIDAY_SATURDAY_WEEKEND_COUNTRIES, isValidTimeZone, minutesToClock, startOfLocalDay, type ZSlotSearch } from '@focal/shared';
import type { AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { authorize, authorizeAction, can, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { fold } from '../identity/repository.js';
import { escapeLike } from '../users/service.js';
import { memberAccess } from '../cases/service.js';
import { peopleWithHours, presentHours, resolveInvitees, slotPersonOf, weekendsFor } from './service.js';

/**
 * The slot finder: the organiser and everyone the invitation would reach, each on their own
 * clock (zone, working hours, their country's weekend), and the times in the window that the
 * most of them can make, with who would be outside working hours for each.
 */
export async function searchSlots(ctx: AppContext, actor: Actor, input: z.output<typeof ZSlotSearch>, info: RequestInfo) {
  authorizeAction(actor, 'organise', 'meeting');
  return ctx.db.transaction().execute(async (trx) => {
    if (input.caseId) await memberAccess(trx, actor, input.caseId);
    const me = await trx.selectFrom('users').select('time_zone').where('id', '=', actor.id).executeTakeFirstOrThrow();
    const zone = input.timeZone ?? me.time_zone;
    if (!isValidTimeZone(zone)) throw badRequest('validation_failed', 'Unknown time zone.', { timeZone: 'unknown' });
    const invitees = await resolveInvitees(trx, actor, input.caseId, input.invitees);
    const people = await peopleWithHours(trx)
      .where('u.id', 'in', [actor.id, ...invitees.map((i) => i.id)])
      .orderBy(sql`u.id = ${actor.id}`, 'desc')
      .orderBy('u.country')
      .orderBy('u.name_latin')
      .execute();
    const weekends = await weekendsFor(
      trx,
      people.map((p) => p.country),
    );
    const from = startOfLocalDay(input.fromDate, zone).getTime();
    const to = startOfLocalDay(new Date(Date.parse(`${input.fromDate}T12:00:00Z`) + input.days * 86400_000).toISOString().slice(0, 10), zone).getTime();
    const slots = findSlots({ people: people.map((p) => slotPersonOf(p, weekends)), from, to, durationMinutes: input.durationMinutes, limit: input.limit });
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.slots_searched', targetType: null, targetId: null, country: actor.country, details: { participants: people.length, days: input.days } });
    return {
      participants: people.map((p) => presentHours(p, weekends)),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      slots: slots.map((slot) => ({
        start: new Date(slot.start).toISOString(),
        end: new Date(slot.end).toISOString(),
        outside: slot.outside.map((o) => ({ userId: o.id, reason: o.reason })),
      })),
    };
  });
}

/**
 * People the caller could invite, matching `q`: for a meeting about a case, its members;
 * otherwise any active account. Directory information only (names, country, zone).
 */
export async function invitablePeople(ctx: AppContext, actor: Actor, query: { q?: string | undefined; caseId?: string | undefined }) {
  authorizeAction(actor, 'organise', 'meeting');
  if (query.caseId) await memberAccess(ctx.db, actor, query.caseId);
  let q = ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'name_latin', 'country', 'time_zone', 'roles'])
    .where('status', '=', 'active')
    .where('id', '!=', actor.id)
    .orderBy('country')
    .orderBy('name_latin')
    .limit(50);
  if (query.caseId) q = q.where('id', 'in', (eb) => eb.selectFrom('case_members').select('user_id').where('case_id', '=', query.caseId!));
  const words = (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  for (const word of words) {
    const variants = [...new Set([fold(word), fold(anyAscii(word))])].filter(Boolean);
    q = q.where((eb) => eb.or(variants.map((v) => eb('search_text', 'like', `%${escapeLike(v)}%`))));
  }
  const rows = await q.execute();
  return rows.map((row) => ({ id: row.id, name: row.name, nameLatin: row.name_latin, country: row.country, timeZone: row.time_zone, roles: row.roles }));
}

// ---------------------------------------------------------------- working hours and weekends
export async function meetingSettings(ctx: AppContext, actor: Actor) {
  const [me, configured] = await Promise.all([
    peopleWithHours(ctx.db).where('u.id', '=', actor.id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('country_weekends').select(['country', 'days']).orderBy('country').execute(),
  ]);
  const weekends = await weekendsFor(ctx.db, [me.country]);
  const hours = presentHours(me, weekends);
  const listed = new Map<string, { country: string; days: number[]; configured: boolean }>();
  for (const country of FRIDAY_SATURDAY_WEEKEND_COUNTRIES) listed.set(country, { country, days: defaultWeekend(country), configured: false });
  for (const row of configured) listed.set(row.country, { country: row.country, days: row.days.map(Number), configured: true });
  // Allowed for a country that is no one's own: only the operator's rule passes.
  const secretariat = can(actor, 'set', 'country_weekend', { country: '__' });
  return {
    workingHours: { start: hours.workStart, end: hours.workEnd },
    weekend: hours.weekend,
    timeZone: hours.timeZone,
    emailAvailable: Boolean(ctx.config.smtpUrl),
    weekendEditable: secretariat ? ('all' as const) : can(actor, 'set', 'country_weekend', { country: actor.country }) ? [actor.country] : [],
    weekends: [...listed.values()].sort((a, b) => a.country.localeCompare(b.country)),
    actionReminderDays: ctx.config.actionReminderDays,
  };
}

export async function setWorkingHours(ctx: AppContext, actor: Actor, input: { start: string; end: string }, info: RequestInfo) {
  const start = clockToMinutes(input.start);
  // "00:00" as an end means midnight at the end of the day.
  const end = input.end === '00:00' ? 24 * 60 : clockToMinutes(input.end);
  if (end <= start) throw badRequest('validation_failed', 'Working hours end after they start, on the same day.', { end: 'before_start' });
  await ctx.db.transaction().execute(async (trx) => {
    if (start === DEFAULT_WORKING_HOURS.start && end === DEFAULT_WORKING_HOURS.end) {
      await trx.deleteFrom('working_hours').where('user_id', '=', actor.id).execute();
    } else {
      await trx
        .insertInto('working_hours')
        .values({ user_id: actor.id, start_minute: start, end_minute: end, updated_at: new Date() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ start_minute: start, end_minute: end, updated_at: new Date() }))
        .execute();
    }
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.working_hours_set', targetType: 'user', targetId: actor.id, country: actor.country, details: { start: minutesToClock(start), end: minutesToClock(end) } });
  });
}

/** Sets a country's weekend (ISO weekdays); the default again when it matches the default. */
export async function setWeekend(ctx: AppContext, actor: Actor, country: string, days: number[], info: RequestInfo) {
  authorize(actor, 'set', 'country_weekend', { country });
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  await ctx.db.transaction().execute(async (trx) => {
    if (sorted.join() === defaultWeekend(country).join()) {
      await trx.deleteFrom('country_weekends').where('country', '=', country).execute();
    } else {
      await trx
        .insertInto('country_weekends')
        .values({ country, days: sorted, updated_by: actor.id, updated_at: new Date() })
        .onConflict((oc) => oc.column('country').doUpdateSet({ days: sorted, updated_by: actor.id, updated_at: new Date() }))
        .execute();
    }
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.weekend_set', targetType: null, targetId: null, country, details: { country, days: sorted.map(String) } });
  });
}
