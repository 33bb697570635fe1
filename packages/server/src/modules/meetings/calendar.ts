import { sql } from 'kysely';
import type { AppContext, Db } from '../../context.js';
import type { TSealed } from '../../db/schema.js';
import type { Actor } from '../../policies/index.js';
import { hashToken, randomToken } from '../../crypto/primitives.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import type { AuditContext } from '../../audit/events.js';
import { renderCalendar, type CalendarEvent } from './ical.js';
import { accessFor, contentAad, type MeetingContent, visibleMeetings } from './service.js';

/** How far back a calendar reaches: recent meetings stay visible, older ones drop out. */
const CALENDAR_PAST_DAYS = 90;

export const meetingUrl = (ctx: AppContext, meetingId: string) => `${ctx.config.publicUrl}/meetings/${meetingId}`;

/**
 * One meeting as an .ics file for a participant, with everything they see on the meeting page
 * that a calendar holds: title, time, place or link, description, organiser and answers.
 */
export async function meetingIcs(ctx: AppContext, actor: Actor, meetingId: string, info: RequestInfo): Promise<{ ics: string; name: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, meetingId);
    const row = access.row;
    const content = JSON.parse(await ctx.envelope.openText(trx, row.content, contentAad(row.id))) as MeetingContent;
    const people = await trx
      .selectFrom('meeting_participants as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['u.id', 'u.name', 'u.email', 'p.role', 'p.rsvp'])
      .where('p.meeting_id', '=', row.id)
      .orderBy(sql`p.role = 'organiser'`, 'desc')
      .orderBy('u.name')
      .execute();
    const organiser = people.find((p) => p.id === row.organiser_id);
    const url = meetingUrl(ctx, row.id);
    const event: CalendarEvent = {
      uid: row.ical_uid,
      sequence: row.sequence,
      start: row.starts_at,
      end: row.ends_at,
      stamp: row.updated_at,
      created: row.created_at,
      summary: row.title,
      description: [content.description.trim(), url].filter(Boolean).join('\n\n'),
      location: (row.mode === 'in_person' ? content.address : content.videoUrl) || null,
      url,
      cancelled: row.status === 'cancelled',
      ...(organiser ? { organizer: { name: organiser.name, email: organiser.email } } : {}),
      attendees: people.map((p) => ({ name: p.name, email: p.email, rsvp: p.rsvp, chair: p.role === 'organiser', replyWanted: false })),
    };
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.ics_downloaded', targetType: 'meeting', targetId: row.id, country: row.organiser_country, details: { sequence: row.sequence } });
    return { ics: renderCalendar(row.status === 'cancelled' ? 'CANCEL' : 'REQUEST', [event]), name: `meeting-${row.id.slice(0, 8)}.ics` };
  });
}

/**
 * Everything on a person's calendar (not declined), from 90 days back: for a download in a
 * session, or a calendar application polling the personal feed. Cancelled meetings stay, marked
 * CANCELLED with their higher SEQUENCE, so subscribed calendars drop them.
 */
export async function calendarOf(ctx: AppContext, user: { id: string; country: string }, via: 'session' | 'feed', audit: AuditContext): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const since = new Date(Date.now() - CALENDAR_PAST_DAYS * 86400_000);
    const rows = await trx
      .selectFrom('meetings')
      .innerJoin('meeting_participants as me', (join) => join.onRef('me.meeting_id', '=', 'meetings.id').on('me.user_id', '=', user.id))
      .selectAll('meetings')
      .where('me.rsvp', '!=', 'declined')
      .where('meetings.ends_at', '>=', since)
      .where(visibleMeetings(user.id))
      .orderBy('meetings.starts_at')
      .limit(2000)
      .execute();
    const events = await eventsOf(ctx, trx, rows);
    await ctx.audit.append(trx, audit, { action: 'meeting.calendar_read', targetType: 'user', targetId: user.id, country: user.country, details: { meetings: rows.length, via } });
    return renderCalendar('PUBLISH', events, 'Focal');
  });
}

/** Feed entries: title, time, place or link and the address in Focal; no roster, no description. */
async function eventsOf(ctx: AppContext, trx: Db, rows: { id: string; ical_uid: string; sequence: number; starts_at: Date; ends_at: Date; updated_at: Date; created_at: Date; title: string; mode: string; status: string; content: TSealed }[]): Promise<CalendarEvent[]> {
  const keys = await ctx.envelope.dataKeys(
    trx,
    rows.map((row) => row.content.k),
  );
  return rows.map((row) => {
    const content = JSON.parse(ctx.envelope.openWith(keys.get(row.content.k)!, row.content, contentAad(row.id)).toString('utf8')) as MeetingContent;
    const url = meetingUrl(ctx, row.id);
    return {
      uid: row.ical_uid,
      sequence: row.sequence,
      start: row.starts_at,
      end: row.ends_at,
      stamp: row.updated_at,
      created: row.created_at,
      summary: row.title,
      description: url,
      location: (row.mode === 'in_person' ? content.address : content.videoUrl) || null,
      url,
      cancelled: row.status === 'cancelled',
    };
  });
}

export const sessionCalendar = (ctx: AppContext, actor: Actor, info: RequestInfo) => calendarOf(ctx, actor, 'session', asUser(actor, info));

// ---------------------------------------------------------------- the personal feed
/**
 * A calendar application cannot sign in, so the feed's address carries a random token (stored
 * as its SHA-256). Creating a new one replaces the old; revoking it ends the subscription.
 */
export async function feedStatus(ctx: AppContext, actor: Actor) {
  const row = await ctx.db.selectFrom('calendar_feeds').select(['created_at', 'last_used_at']).where('user_id', '=', actor.id).executeTakeFirst();
  return { active: Boolean(row), createdAt: row?.created_at.toISOString() ?? null, lastUsedAt: row?.last_used_at?.toISOString() ?? null };
}

export async function createFeed(ctx: AppContext, actor: Actor, info: RequestInfo) {
  const token = randomToken();
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: actor.id, token_hash: hashToken(token), created_at: now, last_used_at: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token), created_at: now, last_used_at: null }))
      .execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.calendar_feed_created', targetType: 'user', targetId: actor.id, country: actor.country, details: {} });
  });
  return { active: true, createdAt: now.toISOString(), lastUsedAt: null, url: `${ctx.config.publicUrl}/api/meetings/feed/${token}/calendar.ics` };
}

export async function revokeFeed(ctx: AppContext, actor: Actor, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('calendar_feeds').where('user_id', '=', actor.id).returning('user_id').executeTakeFirst();
    if (removed) await ctx.audit.append(trx, asUser(actor, info), { action: 'meeting.calendar_feed_revoked', targetType: 'user', targetId: actor.id, country: actor.country, details: {} });
  });
}

/** The calendar behind a feed token, or null (unknown or revoked token, or an inactive account). */
export async function feedCalendar(ctx: AppContext, token: string, info: RequestInfo): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await ctx.db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['u.id', 'u.country', 'u.status'])
    .where('f.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!found || found.status !== 'active') return null;
  await ctx.db.updateTable('calendar_feeds').set({ last_used_at: new Date() }).where('user_id', '=', found.id).execute();
  return calendarOf(ctx, found, 'feed', { actorId: found.id, actorCountry: found.country, ...info });
}
