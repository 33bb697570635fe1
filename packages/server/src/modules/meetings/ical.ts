import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { TRsvpState } from '@focal/shared';

/** One meeting as a calendar event (VEVENT). Times are instants, written in UTC. */
export interface CalendarEvent {
  /** Stable for the life of the meeting, so every update replaces the same calendar entry. */
  uid: string;
  /** Grows with each revision calendars must apply; an update with a lower one is ignored by them. */
  sequence: number;
  start: Date;
  end: Date;
  /** When this revision was made (DTSTAMP / LAST-MODIFIED). */
  stamp: Date;
  created: Date;
  summary: string;
  description: string;
  location: string | null;
  url: string;
  cancelled: boolean;
  organizer?: { name: string; email: string };
  attendees?: { name: string; email: string; rsvp: TRsvpState; chair: boolean; replyWanted: boolean }[];
}

const PARTSTAT: Record<TRsvpState, ICalAttendeeStatus> = {
  pending: ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  tentative: ICalAttendeeStatus.TENTATIVE,
  declined: ICalAttendeeStatus.DECLINED,
};

const METHOD = { REQUEST: ICalCalendarMethod.REQUEST, CANCEL: ICalCalendarMethod.CANCEL, PUBLISH: ICalCalendarMethod.PUBLISH } as const;

/**
 * An iCalendar object: METHOD REQUEST (an invitation or its update), CANCEL (the meeting, or
 * someone's place in it, is off) or PUBLISH (a subscribed calendar feed).
 */
export function renderCalendar(method: keyof typeof METHOD, events: readonly CalendarEvent[], name?: string): string {
  const calendar = ical({ prodId: { company: 'Focal', product: 'Meetings', language: 'EN' }, method: METHOD[method], ...(name ? { name } : {}) });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: event.start,
      end: event.end,
      stamp: event.stamp,
      created: event.created,
      lastModified: event.stamp,
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: event.url,
      status: event.cancelled || method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(event.organizer ? { organizer: event.organizer } : {}),
      attendees: (event.attendees ?? []).map((a) => ({
        name: a.name,
        email: a.email,
        status: PARTSTAT[a.rsvp],
        role: a.chair ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
        rsvp: a.replyWanted,
      })),
    });
  }
  return calendar.toString();
}

/** The address part of "Focal <no-reply@focal.example>". */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}
