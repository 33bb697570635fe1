import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * Requests for assistance between countries: country A (the requesting side, which writes the
 * request) asks country B (the requested side), within a case or alone. Pure logic shared by the
 * server and the web app: types with their legal basis, the deadline clock and the state machine.
 * Nothing here reads the clock or the database; callers pass `now`, the receipt time and the
 * requested authority's time zone.
 */

// ---------------------------------------------------------------------------------------------
// Types of request and their legal basis (UN Convention against Corruption)
// ---------------------------------------------------------------------------------------------

export const REQUEST_TYPES = [
  'police_inquiry',
  'spontaneous_information',
  'identify_trace_freeze',
  'confiscation',
  'return',
  'mla_coordination',
  'fiu_to_fiu',
] as const;
export type TRequestType = (typeof REQUEST_TYPES)[number];

export const LEGAL_BASIS: Readonly<Record<TRequestType, string>> = {
  /** Law-enforcement cooperation: rapid exchange, inquiries into movements of proceeds. */
  police_inquiry: 'UNCAC art. 48',
  /** Information shared without a prior request. */
  spontaneous_information: 'UNCAC art. 56',
  /** Requests to identify, trace and freeze or seize. */
  identify_trace_freeze: 'UNCAC art. 55(2)',
  /** Giving effect to a confiscation order, or confiscating on request. */
  confiscation: 'UNCAC arts. 54 and 55(1)',
  /** Return and disposal of confiscated assets. */
  return: 'UNCAC art. 57',
  /** Coordination of formal mutual legal assistance. */
  mla_coordination: 'UNCAC art. 46',
  /** Between financial intelligence units. */
  fiu_to_fiu: 'UNCAC art. 58',
};

/**
 * Urgency, after EU Directive 2023/977 art. 5: urgent on information directly accessible to the
 * requested authority; urgent on information it must obtain from others; everything else.
 */
export const URGENCIES = ['urgent_direct', 'urgent_indirect', 'standard'] as const;
export type TUrgency = (typeof URGENCIES)[number];

/**
 * Grounds on which the requested side may refuse. UNCAC art. 46(23) requires reasons for any
 * refusal, so a refusal always carries one of these (and free text for `other`).
 */
export const REFUSAL_GROUNDS = [
  /** Art. 55(7): sufficient and timely evidence was not received. */
  'insufficient_evidence',
  /** Art. 55(7): property of de minimis value; art. 46(9)(b): matters of a de minimis nature. */
  'de_minimis',
  /** Art. 46(9)(b): absence of dual criminality (non-coercive assistance should still be given). */
  'dual_criminality',
  /** Art. 46(21)(a): the request does not conform to the requirements of art. 46. */
  'request_not_conforming',
  /** Art. 46(21)(b): likely to prejudice sovereignty, security, ordre public or other essential interests. */
  'sovereignty_security_public_order',
  /** Art. 46(21)(c): domestic law would prohibit the action for a similar domestic offence. */
  'prohibited_by_domestic_law',
  /** Art. 46(21)(d): granting it would be contrary to the legal system on mutual legal assistance. */
  'contrary_to_legal_system',
  /**
   * Would jeopardise an ongoing investigation: EU Directive 2023/977 art. 6(1)(f)(ii). Under UNCAC
   * art. 46(25) this is a ground to postpone rather than refuse; it is listed for police channels.
   */
  'prejudice_to_investigation',
  /** Anything else: the free text is then required. */
  'other',
] as const;
export type TRefusalGround = (typeof REFUSAL_GROUNDS)[number];

// ---------------------------------------------------------------------------------------------
// The deadline clock
// ---------------------------------------------------------------------------------------------

/** Response times per deployment. Hours are elapsed hours; days are calendar days. */
export type DeadlinePolicy = { urgentDirectHours: number; urgentIndirectDays: number; standardDays: number };

/** EU Directive 2023/977 art. 5: 8 hours, 3 calendar days, 7 calendar days. */
export const DEFAULT_DEADLINES: Readonly<DeadlinePolicy> = Object.freeze({ urgentDirectHours: 8, urgentIndirectDays: 3, standardDays: 7 });

/** A deployment's policy as configuration (hours may be fractional; days are whole days). */
export const ZDeadlinePolicy = z.object({
  urgentDirectHours: z.number().positive().max(24 * 31),
  urgentIndirectDays: z.number().int().min(1).max(366),
  standardDays: z.number().int().min(1).max(366),
});

const HOUR_MS = 3_600_000;

/**
 * The deadline of a request received at `receivedAt` (the moment it was sent: delivery is
 * immediate) by an authority in `timeZone` (IANA name, e.g. 'Europe/Paris').
 *
 * - `urgent_direct`: `policy.urgentDirectHours` elapsed hours after receipt — real hours, so a
 *   daylight-saving change in between neither adds nor removes one (8 hours is 8 hours even if
 *   the wall clock jumps).
 * - `urgent_indirect` and `standard`: N calendar days "counted from receipt", read as usual for
 *   calendar days: the day of receipt does not count, and the deadline is the END of the Nth
 *   calendar day after it, on the requested authority's wall clock (received Monday 15:00 in
 *   Paris with 3 days → Thursday 23:59:59.999 Paris time). The local date is what counts, so a
 *   daylight-saving change in between makes the interval an hour longer or shorter in absolute
 *   time, and a deadline on a weekend or public holiday stays where it falls (calendar days,
 *   not working days).
 *
 * Throws a RangeError for an unknown time zone or a policy outside `ZDeadlinePolicy`.
 */
export function computeDeadline(receivedAt: Date, urgency: TUrgency, policy: DeadlinePolicy, timeZone: string): Date {
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError('invalid receipt time');
  const checked = ZDeadlinePolicy.safeParse(policy);
  if (!checked.success) throw new RangeError('invalid deadline policy');
  const received = DateTime.fromJSDate(receivedAt, { zone: timeZone });
  if (!received.isValid) throw new RangeError(`unknown time zone: ${timeZone}`);
  switch (urgency) {
    case 'urgent_direct':
      return new Date(receivedAt.getTime() + Math.round(policy.urgentDirectHours * HOUR_MS));
    case 'urgent_indirect':
      return received.plus({ days: policy.urgentIndirectDays }).endOf('day').toJSDate();
    case 'standard':
      return received.plus({ days: policy.standardDays }).endOf('day').toJSDate();
  }
}

/** Milliseconds left until the deadline; negative once it has passed. */
export function timeLeft(deadline: Date, now: Date): number {
  return deadline.getTime() - now.getTime();
}

/** True once the deadline has passed (the deadline itself is the last moment still on time). */
export function isOverdue(deadline: Date, now: Date): boolean {
  return timeLeft(deadline, now) < 0;
}

/** Reminders go out when these fractions of the allowed time have elapsed. */
export const REMINDER_FRACTIONS = [0.5, 0.9] as const;

/** When each reminder falls due, in the order of `REMINDER_FRACTIONS`. */
export function reminderTimes(deadline: Date, receivedAt: Date): Date[] {
  const total = deadline.getTime() - receivedAt.getTime();
  return REMINDER_FRACTIONS.map((f) => new Date(receivedAt.getTime() + Math.round(f * total)));
}

/**
 * The index (into `REMINDER_FRACTIONS`) of the reminder to send now, or null. `alreadySent` is
 * how many reminders have gone out. When several are due at once (the job did not run for a
 * while) only the latest is returned: record `index + 1` as sent and the earlier one is skipped,
 * rather than sending two reminders together. Once the deadline has passed no reminder is due
 * (the overdue flag takes over). Callers ask only while the clock runs (`clockRunning`).
 */
export function reminderDue(deadline: Date, receivedAt: Date, now: Date, alreadySent: number): number | null {
  if (deadline.getTime() <= receivedAt.getTime() || isOverdue(deadline, now)) return null;
  const times = reminderTimes(deadline, receivedAt);
  let due: number | null = null;
  for (let i = Math.max(0, Math.floor(alreadySent)); i < times.length; i++) {
    if (now.getTime() >= times[i]!.getTime()) due = i;
  }
  return due;
}

// ---------------------------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------------------------

export const REQUEST_STATES = [
  'draft',
  'sent',
  'acknowledged',
  'in_progress',
  'answered',
  'partially_answered',
  'refused',
  'withdrawn',
  'closed',
] as const;
export type TRequestState = (typeof REQUEST_STATES)[number];

/** `requesting`: country A, which writes and sends the request; `requested`: country B. */
export const REQUEST_SIDES = ['requesting', 'requested'] as const;
export type TRequestSide = (typeof REQUEST_SIDES)[number];

export const REQUEST_ACTIONS = ['send', 'acknowledge', 'start', 'answer', 'answer_partially', 'refuse', 'withdraw', 'close'] as const;
export type TRequestAction = (typeof REQUEST_ACTIONS)[number];

export type TRequestTransition = { readonly from: readonly TRequestState[]; readonly to: TRequestState; readonly side: TRequestSide };

/**
 * Every transition: from which states, to which state, by which side. Nothing else is allowed;
 * in particular nothing leaves `closed` (no reopening) and a draft is never "withdrawn" (it was
 * never sent; the server deletes it instead).
 */
export const REQUEST_TRANSITIONS: Readonly<Record<TRequestAction, TRequestTransition>> = {
  /** The clock starts here: receipt is the moment of sending. */
  send: { from: ['draft'], to: 'sent', side: 'requesting' },
  acknowledge: { from: ['sent'], to: 'acknowledged', side: 'requested' },
  start: { from: ['sent', 'acknowledged'], to: 'in_progress', side: 'requested' },
  /** Allowed straight from `sent`: an answer implies acknowledgement. A partial answer may be completed. */
  answer: { from: ['sent', 'acknowledged', 'in_progress', 'partially_answered'], to: 'answered', side: 'requested' },
  /** A partially answered request may receive further partial answers. */
  answer_partially: { from: ['sent', 'acknowledged', 'in_progress', 'partially_answered'], to: 'partially_answered', side: 'requested' },
  /** Requires a ground (`TTransitionInput.ground`), and free text when the ground is `other`. */
  refuse: { from: ['sent', 'acknowledged', 'in_progress'], to: 'refused', side: 'requested' },
  withdraw: { from: ['sent', 'acknowledged', 'in_progress', 'partially_answered'], to: 'withdrawn', side: 'requesting' },
  /** Only the requesting side closes, including a refused request. */
  close: { from: ['answered', 'partially_answered', 'refused', 'withdrawn'], to: 'closed', side: 'requesting' },
};

/** Extra input of a transition: a refusal's ground and, for `other` (optional otherwise), its text. */
export type TTransitionInput = { ground?: TRefusalGround; groundText?: string };
export type TTransitionError = 'not_allowed_in_state' | 'wrong_side' | 'ground_required';
export type TTransitionResult = { ok: true; to: TRequestState } | { ok: false; reason: TTransitionError };

/**
 * Checks one transition. The checks run in this order: the action must be possible from the
 * state (`not_allowed_in_state`), then by this side (`wrong_side`), then a refusal needs a
 * ground from `REFUSAL_GROUNDS`, with non-blank text for `other` (`ground_required`).
 */
export function transition(state: TRequestState, action: TRequestAction, side: TRequestSide, input?: TTransitionInput): TTransitionResult {
  const rule = REQUEST_TRANSITIONS[action] as TRequestTransition | undefined;
  if (!rule || !rule.from.includes(state)) return { ok: false, reason: 'not_allowed_in_state' };
  if (rule.side !== side) return { ok: false, reason: 'wrong_side' };
  if (action === 'refuse') {
    const ground = input?.ground;
    if (ground === undefined || !(REFUSAL_GROUNDS as readonly string[]).includes(ground)) return { ok: false, reason: 'ground_required' };
    if (ground === 'other' && !input?.groundText?.trim()) return { ok: false, reason: 'ground_required' };
  }
  return { ok: true, to: rule.to };
}

/** The actions this side may take in this state, in the order of `REQUEST_ACTIONS`. */
export function allowedActions(state: TRequestState, side: TRequestSide): TRequestAction[] {
  return REQUEST_ACTIONS.filter((a) => REQUEST_TRANSITIONS[a].side === side && REQUEST_TRANSITIONS[a].from.includes(state));
}

/** The states in which the deadline clock runs: from receipt until the first response. */
const CLOCK_RUNNING: readonly TRequestState[] = ['sent', 'acknowledged', 'in_progress'];

/** True while the deadline clock runs (sent, acknowledged, in progress). */
export function clockRunning(state: TRequestState): boolean {
  return CLOCK_RUNNING.includes(state);
}

/**
 * True once the clock has stopped for good. The deadline is met by an answer, a partial answer
 * or a refusal (each a response within the meaning of Directive 2023/977 art. 5); a withdrawn or
 * closed request has no deadline left. After a partial answer the request still waits on the
 * requested side (`waitingOn`) for the rest, but with no deadline and no overdue flag. A draft
 * has no clock yet: false.
 */
export function clockStopped(state: TRequestState): boolean {
  return state !== 'draft' && !clockRunning(state);
}

/** The overdue flag, the same for both sides: the clock runs and the deadline has passed. */
export function requestOverdue(state: TRequestState, deadline: Date, now: Date): boolean {
  return clockRunning(state) && isOverdue(deadline, now);
}

/**
 * Whose move it is. The requested side while it owes a response (sent, acknowledged, in
 * progress) or the rest of one (partially answered); the requesting side while drafting and,
 * after an answer or a refusal, to close; nobody once withdrawn or closed.
 */
export function waitingOn(state: TRequestState): TRequestSide | null {
  switch (state) {
    case 'draft':
    case 'answered':
    case 'refused':
      return 'requesting';
    case 'sent':
    case 'acknowledged':
    case 'in_progress':
    case 'partially_answered':
      return 'requested';
    case 'withdrawn':
    case 'closed':
      return null;
  }
}

/**
 * For the "waiting on me / waiting on them" lists: seen from `mySide` (the side of the user's
 * country on this request), whose move it is.
 */
export function waitingFor(state: TRequestState, mySide: TRequestSide): 'me' | 'them' | null {
  const on = waitingOn(state);
  return on === null ? null : on === mySide ? 'me' : 'them';
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

export const ZRequestType = z.enum(REQUEST_TYPES);
export const ZUrgency = z.enum(URGENCIES);
export const ZRefusalGround = z.enum(REFUSAL_GROUNDS);
export const ZRequestState = z.enum(REQUEST_STATES);
export const ZRequestSide = z.enum(REQUEST_SIDES);
export const ZRequestAction = z.enum(REQUEST_ACTIONS);

const text = (max: number) => z.string().trim().min(1).max(max);

/** The mandatory content of a request: object and reason, proceedings, property, persons. */
export const ZRequestContent = z.object({
  /** What is asked and why. */
  objectAndReason: text(10_000),
  /** The nature of the proceedings (investigation, prosecution, civil or non-conviction based…). */
  natureOfProceedings: text(2_000),
  /** The property sought: assets, accounts, their location and value as far as known. */
  propertySought: text(10_000),
  /** The persons presumed involved. */
  personsInvolved: text(10_000),
});
export type TRequestContentInput = z.input<typeof ZRequestContent>;
export type TRequestContent = z.output<typeof ZRequestContent>;

/** A refusal as submitted: a ground and, required for `other`, its text (art. 46(23): reasons). */
export const ZRefusal = z
  .object({ ground: ZRefusalGround, groundText: z.string().trim().max(4_000).optional() })
  .refine((r) => r.ground !== 'other' || !!r.groundText, { message: 'a ground of "other" needs its text', path: ['groundText'] });
export type TRefusal = z.output<typeof ZRefusal>;
