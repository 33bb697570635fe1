import { clockToMinutes, instantAt, localReading, outsideWorkingHours, startOfLocalDay, workingShare, type OutsideReason, type SlotPerson, type TRsvpState, type TSlotParticipant } from '@focal/shared';

/** The participant as the slot finder's arithmetic needs them. */
export function slotPersonOf(participant: TSlotParticipant): SlotPerson {
  return {
    id: participant.person.id,
    timeZone: participant.timeZone,
    workStart: clockToMinutes(participant.workStart),
    workEnd: participant.workEnd === '24:00' ? 24 * 60 : clockToMinutes(participant.workEnd),
    weekend: participant.weekend,
  };
}

/** The zone's name in the reader's language at that moment, e.g. "heure normale d’Europe centrale". */
export function zoneName(zone: string, lang: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
    return part?.value ?? zone;
  } catch {
    return zone;
  }
}

/** "Central European Standard Time (Europe/Paris, UTC+01:00)": what a reader needs to trust a time. */
export function zoneLabel(zone: string, lang: string, at: Date = new Date()): string {
  let offset = '';
  try {
    offset = localReading(at, zone).offsetLabel;
  } catch {
    offset = '';
  }
  // Isolated, so that the Latin zone and offset keep their order inside right-to-left text.
  return `${zoneName(zone, lang, at)} \u2068(${zone}${offset ? `, ${offset}` : ''})\u2069`;
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** "Monday 28 October 2030, 09:00 – 10:00" on the given zone's clock, in the reader's language. */
export function formatRange(startIso: string, endIso: string, lang: string, zone: string): string {
  const format = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: safeZone(zone) });
  return format.formatRange(new Date(startIso), new Date(endIso));
}

/** "Mon 28 Oct, 03:00 – 04:00": short, for a participant's own clock in a table. */
export function formatShortRange(startIso: string, endIso: string, lang: string, zone: string): string {
  const format = new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: safeZone(zone) });
  return format.formatRange(new Date(startIso), new Date(endIso));
}

export function formatDay(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function formatDueDate(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** Why a meeting time is outside someone's working hours, or null when it is inside. */
export function outsideReason(participant: TSlotParticipant, startIso: string, endIso: string): OutsideReason | null {
  return outsideWorkingHours(slotPersonOf(participant), Date.parse(startIso), Date.parse(endIso));
}

export type CellState = 'work' | 'partial' | 'off' | 'weekend';

export interface GridHour {
  start: number;
  end: number;
  /** The hour on the viewer's clock, 0–23. */
  hour: number;
}

/**
 * The hours of one local day on the viewer's clock: 24 of them, or 23 and 25 on the days the
 * clock changes, each an interval of real time.
 */
export function hoursOfDay(date: string, zone: string): GridHour[] {
  const start = startOfLocalDay(date, zone).getTime();
  const next = new Date(Date.parse(`${date}T12:00:00Z`) + 86400_000).toISOString().slice(0, 10);
  const end = startOfLocalDay(next, zone).getTime();
  const hours: GridHour[] = [];
  for (let t = start; t < end; t += 3600_000) hours.push({ start: t, end: Math.min(t + 3600_000, end), hour: Number(localReading(t, zone).time.slice(0, 2)) });
  return hours;
}

/** How a participant's day looks during one hour of the grid. */
export function cellState(participant: TSlotParticipant, start: number, end: number): CellState {
  const { share, weekend } = workingShare(slotPersonOf(participant), start, end);
  if (weekend) return 'weekend';
  return share >= 1 ? 'work' : share > 0 ? 'partial' : 'off';
}

/** The local dates (YYYY-MM-DD) of a search window, on the viewer's clock. */
export function daysBetween(fromIso: string, toIso: string, zone: string): string[] {
  const days: string[] = [];
  const last = localReading(Date.parse(toIso) - 1, zone).date;
  let day = localReading(fromIso, zone).date;
  while (day <= last) {
    days.push(day);
    day = new Date(Date.parse(`${day}T12:00:00Z`) + 86400_000).toISOString().slice(0, 10);
  }
  return days;
}

export const RSVP_COLOR: Record<TRsvpState, string> = { pending: 'gray', accepted: 'teal', tentative: 'yellow', declined: 'red' };

/** A date and a time typed on the viewer's clock, as an instant; null when incomplete or invalid. */
export function instantFromLocal(date: string, time: string, zone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  try {
    return instantAt(date, time, zone);
  } catch {
    return null;
  }
}
