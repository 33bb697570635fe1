import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZCountryCode, ZId, ZTimeZone } from './api.js';
import { ZPerson } from './messaging.js';

/**
 * Working meetings between countries: the contract, and the time-zone arithmetic both the
 * server (slot finder) and the web app (the working-hours grid) rely on. Instants travel as
 * ISO 8601 strings in UTC; every wall-clock reading goes through Luxon with an IANA zone, so
 * daylight-saving changes fall where each country's rules put them.
 */

export const MEETING_MODES = ['in_person', 'video'] as const;
export type TMeetingMode = (typeof MEETING_MODES)[number];
export const RSVP_RESPONSES = ['accepted', 'tentative', 'declined'] as const;
export type TRsvpResponse = (typeof RSVP_RESPONSES)[number];
export const RSVP_STATES = ['pending', ...RSVP_RESPONSES] as const;
export type TRsvpState = (typeof RSVP_STATES)[number];
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TActionStatus = (typeof ACTION_STATUSES)[number];
export const MEETING_NOTICE_KINDS = ['invited', 'changed', 'cancelled', 'action_assigned', 'action_due'] as const;
export type TMeetingNoticeKind = (typeof MEETING_NOTICE_KINDS)[number];

/** Minutes after local midnight; working hours are a [start, end) window of one local day. */
export const DEFAULT_WORKING_HOURS = { start: 9 * 60, end: 17 * 60 } as const;
/** ISO weekdays (Monday 1 … Sunday 7). */
export const DEFAULT_WEEKEND: readonly number[] = [6, 7];
/**
 * Countries whose working week runs Sunday to Thursday (weekend Friday and Saturday). The
 * operator can override any country, these included; every other country defaults to
 * Saturday and Sunday.
 */
export const FRIDAY_SATURDAY_WEEKEND_COUNTRIES: readonly string[] = ['BD', 'BH', 'DZ', 'EG', 'IL', 'IQ', 'JO', 'KW', 'LY', 'OM', 'QA', 'SA', 'SD', 'SY', 'YE'];

export function defaultWeekend(country: string): number[] {
  return FRIDAY_SATURDAY_WEEKEND_COUNTRIES.includes(country) ? [5, 6] : [...DEFAULT_WEEKEND];
}

/** Longest meeting the slot finder looks for, and the longest window it searches. */
export const SLOT_MAX_MINUTES = 8 * 60;
export const SLOT_MAX_DAYS = 14;

// ---------------------------------------------------------------- clock helpers
/** "09:30" → 570. */
export function clockToMinutes(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new RangeError(`not a time of day: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 570 → "09:30"; 1440 → "24:00" (the end of a day). */
export function minutesToClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** How an instant reads on a wall clock in `zone`. */
export interface LocalReading {
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm, 24-hour */
  time: string;
  /** ISO weekday, Monday 1 … Sunday 7 */
  weekday: number;
  /** Minutes after local midnight. */
  minuteOfDay: number;
  /** Offset from UTC in minutes at that instant (DST included). */
  offsetMinutes: number;
  /** e.g. "UTC+02:00" */
  offsetLabel: string;
}

export function localReading(instant: Date | number | string, zone: string): LocalReading {
  const ms = typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const local = DateTime.fromMillis(ms, { zone });
  if (!local.isValid) throw new RangeError(`unknown time zone: ${zone}`);
  const offset = local.offset;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return {
    date: local.toISODate()!,
    time: local.toFormat('HH:mm'),
    weekday: local.weekday,
    minuteOfDay: local.hour * 60 + local.minute,
    offsetMinutes: offset,
    offsetLabel: `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
  };
}

/** The instant at which a wall-clock date and time happen in `zone` (a time skipped by DST moves forward). */
export function instantAt(date: string, clock: string, zone: string): Date {
  const local = DateTime.fromISO(`${date}T${clock}`, { zone });
  if (!local.isValid) throw new RangeError(`invalid date, time or zone: ${date} ${clock} ${zone}`);
  return local.toJSDate();
}

/** The start of a local calendar day in `zone`, as an instant. */
export function startOfLocalDay(date: string, zone: string): Date {
  const local = DateTime.fromISO(date, { zone }).startOf('day');
  if (!local.isValid) throw new RangeError(`invalid date or zone: ${date} ${zone}`);
  return local.toJSDate();
}

// ---------------------------------------------------------------- working hours and slots
/** What the slot finder knows about a participant. */
export interface SlotPerson {
  id: string;
  timeZone: string;
  /** Minutes after local midnight. */
  workStart: number;
  workEnd: number;
  /** ISO weekdays off. */
  weekend: readonly number[];
}

/** Why a time falls outside someone's working hours. */
export type OutsideReason = 'weekend' | 'before_hours' | 'after_hours';

/** One local calendar day of a person, as instants (epoch ms). */
interface LocalDay {
  start: number;
  end: number;
  weekend: boolean;
  workFrom: number;
  workTo: number;
}

/**
 * The person's local days overlapping [from, to), with their working window. Hours are set on
 * the wall clock (not added to midnight), so a DST change in the night moves nothing.
 */
function localDays(person: SlotPerson, from: number, to: number): LocalDay[] {
  let day = DateTime.fromMillis(from, { zone: person.timeZone }).startOf('day');
  if (!day.isValid) throw new RangeError(`unknown time zone: ${person.timeZone}`);
  const at = (minutes: number, next: DateTime) => (minutes >= 24 * 60 ? next.toMillis() : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis());
  const days: LocalDay[] = [];
  while (day.toMillis() < to) {
    const next = day.plus({ days: 1 }).startOf('day');
    days.push({ start: day.toMillis(), end: next.toMillis(), weekend: person.weekend.includes(day.weekday), workFrom: at(person.workStart, next), workTo: at(person.workEnd, next) });
    day = next;
  }
  return days;
}

function classify(days: readonly LocalDay[], start: number, end: number): OutsideReason | null {
  let low = 0;
  let high = days.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (days[mid]!.start <= start) low = mid;
    else high = mid - 1;
  }
  const day = days[low]!;
  if (day.weekend) return 'weekend';
  if (start < day.workFrom) return 'before_hours';
  // Past the end of the working day, or across local midnight (no working day spans two dates).
  if (end > day.workTo) return 'after_hours';
  return null;
}

/**
 * Whether [start, end) lies inside one working day of `person`, on their own wall clock.
 * Null when it does; otherwise the reason, the weekend first. A meeting that crosses local
 * midnight is outside by definition.
 */
export function outsideWorkingHours(person: SlotPerson, start: number, end: number): OutsideReason | null {
  return classify(localDays(person, start, start + 1), start, end);
}

export interface Slot {
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** The people for whom it falls outside working hours, and why. */
  outside: { id: string; reason: OutsideReason }[];
}

export interface SlotSearch {
  people: readonly SlotPerson[];
  /** Search window, epoch milliseconds; slots start at or after `from` and end by `to`. */
  from: number;
  to: number;
  durationMinutes: number;
  /** Candidates start on multiples of this many minutes after the hour (UTC). */
  stepMinutes?: number;
  limit?: number;
}

/**
 * Candidate meeting times in the window, best first: the fewest people outside their working
 * hours, then the earliest. Candidates that leave everyone outside are not proposed.
 */
export function findSlots(search: SlotSearch): Slot[] {
  const step = (search.stepMinutes ?? 30) * 60_000;
  const duration = search.durationMinutes * 60_000;
  if (duration <= 0 || step <= 0 || search.to <= search.from) return [];
  const calendars = search.people.map((person) => ({ id: person.id, days: localDays(person, search.from, search.to) }));
  const first = Math.ceil(search.from / step) * step;
  const candidates: Slot[] = [];
  for (let start = first; start + duration <= search.to; start += step) {
    const end = start + duration;
    const outside: Slot['outside'] = [];
    for (const { id, days } of calendars) {
      const reason = classify(days, start, end);
      if (reason) outside.push({ id, reason });
    }
    if (calendars.length > 0 && outside.length === calendars.length) continue;
    candidates.push({ start, end, outside });
  }
  candidates.sort((a, b) => a.outside.length - b.outside.length || a.start - b.start);
  return candidates.slice(0, search.limit ?? 50);
}

/** For the grid: how much of [start, end) falls in working time, sampled every 15 minutes. */
export function workingShare(person: SlotPerson, start: number, end: number): { share: number; weekend: boolean } {
  const quarter = 15 * 60_000;
  const days = localDays(person, start, end);
  let inside = 0;
  let total = 0;
  let weekend = true;
  for (let t = start; t < end; t += quarter) {
    total += 1;
    const reason = classify(days, t, Math.min(t + quarter, end));
    if (reason !== 'weekend') weekend = false;
    if (!reason) inside += 1;
  }
  return { share: total ? inside / total : 0, weekend: total > 0 && weekend };
}

// ---------------------------------------------------------------- the HTTP contract
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:mm');
const ZLanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code');
const ZInstant = z.iso.datetime({ offset: true });
const ZDate = z.iso.date();
const ZWeekend = z.array(z.number().int().min(1).max(7)).max(6);

export const ZInvitees = z.object({
  /** People invited by name. */
  users: z.array(ZId).max(500).default([]),
  /** Countries whose active focal points are all invited. */
  countries: z.array(ZCountryCode).max(200).default([]),
});
export type TInvitees = z.input<typeof ZInvitees>;

const meetingFields = {
  title: z.string().trim().min(3).max(300),
  description: z.string().max(20_000),
  startsAt: ZInstant,
  endsAt: ZInstant,
  /** The zone the organiser planned in; each reader still sees times in their own zone. */
  timeZone: ZTimeZone,
  mode: z.enum(MEETING_MODES),
  /** Where, for a meeting in person. */
  address: z.string().trim().max(1000),
  /** The link, for a video meeting (http or https). */
  videoUrl: z.string().trim().max(2000),
  /** Languages interpretation is needed into (ISO 639-1). */
  interpretation: z.array(ZLanguageCode).max(20),
  /** Send each participant the invitation, its updates and its cancellation by email with a calendar file. */
  emailInvitations: z.boolean(),
};

export const ZMeetingCreate = z.object({
  ...meetingFields,
  description: meetingFields.description.default(''),
  timeZone: meetingFields.timeZone.optional(),
  address: meetingFields.address.default(''),
  videoUrl: meetingFields.videoUrl.default(''),
  interpretation: meetingFields.interpretation.default([]),
  emailInvitations: meetingFields.emailInvitations.default(true),
  /** A meeting about a case: only its members may be invited, and only they can see it. */
  caseId: ZId.nullable().default(null),
  invitees: ZInvitees.default({ users: [], countries: [] }),
});
export type TMeetingCreate = z.input<typeof ZMeetingCreate>;

export const ZMeetingUpdate = z.object({
  title: meetingFields.title.optional(),
  description: meetingFields.description.optional(),
  startsAt: meetingFields.startsAt.optional(),
  endsAt: meetingFields.endsAt.optional(),
  timeZone: meetingFields.timeZone.optional(),
  mode: meetingFields.mode.optional(),
  address: meetingFields.address.optional(),
  videoUrl: meetingFields.videoUrl.optional(),
  interpretation: meetingFields.interpretation.optional(),
  emailInvitations: meetingFields.emailInvitations.optional(),
});
export type TMeetingUpdate = z.input<typeof ZMeetingUpdate>;

export const ZMeetingListQuery = z.object({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  caseId: ZId.optional(),
});

export const ZRsvpInput = z.object({ response: z.enum(RSVP_RESPONSES) });

export const ZAgendaItemInput = z.object({
  title: z.string().trim().min(1).max(500),
  notes: z.string().max(10_000).default(''),
  /** The participant who leads this item. */
  ownerId: ZId.nullable().default(null),
  durationMinutes: z.number().int().min(1).max(24 * 60).nullable().default(null),
});
export const ZAgendaItemUpdate = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  notes: z.string().max(10_000).optional(),
  ownerId: ZId.nullable().optional(),
  durationMinutes: z.number().int().min(1).max(24 * 60).nullable().optional(),
  /** New place in the agenda, from 0. */
  position: z.number().int().min(0).max(1000).optional(),
});

export const ZMinutesInput = z.object({ text: z.string().max(200_000) });

export const ZActionItemInput = z.object({
  title: z.string().trim().min(1).max(1000),
  ownerId: ZId,
  dueOn: ZDate,
});
export const ZActionItemUpdate = z.object({
  title: z.string().trim().min(1).max(1000).optional(),
  ownerId: ZId.optional(),
  dueOn: ZDate.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
});

export const ZSlotSearch = z.object({
  invitees: ZInvitees,
  caseId: ZId.nullable().default(null),
  durationMinutes: z.number().int().min(15).max(SLOT_MAX_MINUTES),
  /** First day searched, in `timeZone`. */
  fromDate: ZDate,
  days: z.number().int().min(1).max(SLOT_MAX_DAYS).default(5),
  /** The organiser's zone, which days are counted in; their own by default. */
  timeZone: ZTimeZone.optional(),
  limit: z.number().int().min(1).max(200).default(30),
});
export type TSlotSearch = z.input<typeof ZSlotSearch>;

export const ZWorkingHours = z.object({ start: ZClock, end: ZClock });
export const ZWeekendInput = z.object({ days: ZWeekend });

// ---------------------------------------------------------------- responses
export const ZSlotParticipant = z.object({
  person: ZPerson,
  timeZone: z.string(),
  /** HH:mm on their own clock. */
  workStart: ZClock,
  workEnd: z.string(),
  /** ISO weekdays off in their country. */
  weekend: z.array(z.number().int()),
});
export type TSlotParticipant = z.infer<typeof ZSlotParticipant>;

export const ZSlotResult = z.object({
  participants: z.array(ZSlotParticipant),
  /** The window searched. */
  from: ZInstant,
  to: ZInstant,
  slots: z.array(
    z.object({
      start: ZInstant,
      end: ZInstant,
      outside: z.array(z.object({ userId: ZId, reason: z.enum(['weekend', 'before_hours', 'after_hours']) })),
    }),
  ),
});
export type TSlotResult = z.infer<typeof ZSlotResult>;

export const ZMeetingParticipant = ZSlotParticipant.extend({
  role: z.enum(['organiser', 'participant']),
  rsvp: z.enum(RSVP_STATES),
  respondedAt: ZInstant.nullable(),
  /** The country through whose focal points this person was invited, if so. */
  invitedVia: ZCountryCode.nullable(),
});
export type TMeetingParticipant = z.infer<typeof ZMeetingParticipant>;

export const ZMeetingDocument = z.object({
  id: ZId,
  agendaItemId: ZId.nullable(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: ZInstant,
  uploadedBy: ZPerson.nullable(),
});
export type TMeetingDocument = z.infer<typeof ZMeetingDocument>;

export const ZAgendaItem = z.object({
  id: ZId,
  position: z.number().int(),
  title: z.string(),
  notes: z.string(),
  owner: ZPerson.nullable(),
  durationMinutes: z.number().int().nullable(),
});
export type TAgendaItem = z.infer<typeof ZAgendaItem>;

export const ZActionItem = z.object({
  id: ZId,
  meetingId: ZId,
  title: z.string(),
  owner: ZPerson,
  dueOn: ZDate,
  status: z.enum(ACTION_STATUSES),
  /** Past its due date and still open. */
  overdue: z.boolean(),
  remindedAt: ZInstant.nullable(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  /** May the caller change its status (its owner and the organiser may). */
  canUpdate: z.boolean(),
});
export type TActionItem = z.infer<typeof ZActionItem>;

const summaryFields = {
  id: ZId,
  title: z.string(),
  startsAt: ZInstant,
  endsAt: ZInstant,
  timeZone: z.string(),
  mode: z.enum(MEETING_MODES),
  status: z.enum(['scheduled', 'cancelled']),
  caseId: ZId.nullable(),
  caseReference: z.string().nullable(),
  organiser: ZPerson,
  /** Countries of the participants. */
  countries: z.array(ZCountryCode),
  participants: z.number().int(),
  accepted: z.number().int(),
  /** The caller's answer (the organiser is always "accepted"). */
  myRsvp: z.enum(RSVP_STATES),
};

export const ZMeetingSummary = z.object(summaryFields);
export type TMeetingSummary = z.infer<typeof ZMeetingSummary>;

export const ZMeetingDetail = z.object({
  ...summaryFields,
  description: z.string(),
  address: z.string(),
  videoUrl: z.string(),
  interpretation: z.array(z.string()),
  emailInvitations: z.boolean(),
  /** iCalendar SEQUENCE: how many significant revisions the organiser made. */
  sequence: z.number().int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  participants: z.array(ZMeetingParticipant),
  invitedCountries: z.array(ZCountryCode),
  agenda: z.array(ZAgendaItem),
  documents: z.array(ZMeetingDocument),
  minutes: z.object({ text: z.string(), updatedAt: ZInstant, updatedBy: ZPerson.nullable() }).nullable(),
  actions: z.array(ZActionItem),
  can: z.object({ edit: z.boolean(), respond: z.boolean(), upload: z.boolean(), writeMinutes: z.boolean(), manageActions: z.boolean() }),
});
export type TMeetingDetail = z.infer<typeof ZMeetingDetail>;

export const ZMeetingNotice = z.object({
  id: z.number().int(),
  kind: z.enum(MEETING_NOTICE_KINDS),
  meetingId: ZId,
  meetingTitle: z.string(),
  actionId: ZId.nullable(),
  createdAt: ZInstant,
});
export type TMeetingNotice = z.infer<typeof ZMeetingNotice>;

export const ZMeetingCounts = z.object({
  /** Upcoming meetings awaiting my answer. */
  pendingInvitations: z.number().int(),
  unreadNotices: z.number().int(),
  /** My open action items due within the reminder window or overdue. */
  actionsDue: z.number().int(),
});

export const ZCalendarFeedStatus = z.object({
  active: z.boolean(),
  createdAt: ZInstant.nullable(),
  lastUsedAt: ZInstant.nullable(),
  /** The subscription address: only in the answer that creates it. */
  url: z.string().optional(),
});
export type TCalendarFeedStatus = z.infer<typeof ZCalendarFeedStatus>;

export const ZMeetingSettings = z.object({
  workingHours: ZWorkingHours,
  /** My country's weekend. */
  weekend: z.array(z.number().int()),
  timeZone: z.string(),
  /** Whether the operator configured an SMTP relay (email invitations possible). */
  emailAvailable: z.boolean(),
  /** Countries whose weekend the caller may set (all for the secretariat). */
  weekendEditable: z.union([z.literal('all'), z.array(ZCountryCode)]),
  /** Weekends that differ from Saturday–Sunday, by country. */
  weekends: z.array(z.object({ country: ZCountryCode, days: z.array(z.number().int()), configured: z.boolean() })),
  /** Days before an action item's due date when its owner is reminded. */
  actionReminderDays: z.number().int(),
});
export type TMeetingSettings = z.infer<typeof ZMeetingSettings>;

export const ZInvitablePerson = ZPerson.extend({ timeZone: z.string(), roles: z.array(z.string()) });
export type TInvitablePerson = z.infer<typeof ZInvitablePerson>;
