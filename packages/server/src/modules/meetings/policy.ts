import { allow, hasRole } from '../../policies/index.js';

/**
 * A meeting belongs to its participants. A meeting about a case also inherits the case's
 * rules: a participant sees it only while a member of that case, so the secretariat (never a
 * case member) and anyone who left the case are answered as if it did not exist.
 */
export interface MeetingAccess {
  organiserId: string;
  status: 'scheduled' | 'cancelled';
  /** The caller's place in the meeting, or null when not invited. */
  participant: { role: 'organiser' | 'participant'; rsvp: string } | null;
  /** Null for a meeting about no case; otherwise whether the caller is a member of the case now. */
  caseMember: boolean | null;
}

const sees = (m: MeetingAccess) => m.participant !== null && m.caseMember !== false;

/**
 * Officers of a country organise working meetings; the secretariat convenes network meetings too,
 * but never about a case (it is never a case member, and a meeting about a case needs one).
 */
allow<object>('meeting', 'organise', (actor) => hasRole(actor, 'focal_point') || hasRole(actor, 'national_admin') || hasRole(actor, 'secretariat'));
allow<MeetingAccess>('meeting', 'view', (_actor, m) => sees(m));
allow<MeetingAccess>('meeting', 'edit', (actor, m) => sees(m) && m.organiserId === actor.id);
allow<MeetingAccess>('meeting', 'respond', (_actor, m) => sees(m) && m.participant?.role === 'participant' && m.status === 'scheduled');
/** Agenda papers come from any participant who has not declined. */
allow<MeetingAccess>('meeting', 'upload', (_actor, m) => sees(m) && m.participant?.rsvp !== 'declined' && m.status === 'scheduled');
/** A document is removed by whoever uploaded it, or by the organiser. */
allow<MeetingAccess & { uploadedBy: string | null }>('meeting_document', 'remove', (actor, d) => sees(d) && (d.organiserId === actor.id || d.uploadedBy === actor.id));
/** The organiser manages an action item; its owner reports its progress. */
allow<MeetingAccess & { ownerId: string }>('meeting_action', 'update_status', (actor, a) => sees(a) && (a.organiserId === actor.id || a.ownerId === actor.id));
allow<MeetingAccess & { ownerId: string }>('meeting_action', 'edit', (actor, a) => sees(a) && a.organiserId === actor.id);
/** The operator sets any country's weekend; a national admin sets their own country's. */
allow<{ country: string }>('country_weekend', 'set', (actor, c) => hasRole(actor, 'secretariat') || (hasRole(actor, 'national_admin') && actor.country === c.country));
