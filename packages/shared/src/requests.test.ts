import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEADLINES,
  LEGAL_BASIS,
  REFUSAL_GROUNDS,
  REQUEST_ACTIONS,
  REQUEST_SIDES,
  REQUEST_STATES,
  REQUEST_TYPES,
  ZDeadlinePolicy,
  ZRefusal,
  ZRequestContent,
  allowedActions,
  clockRunning,
  clockStopped,
  computeDeadline,
  isOverdue,
  reminderDue,
  reminderTimes,
  requestOverdue,
  timeLeft,
  transition,
  waitingFor,
  waitingOn,
  type TRequestAction,
  type TRequestSide,
  type TRequestState,
} from './requests.js';

const d = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('types and legal bases', () => {
  it('gives every type its UNCAC article', () => {
    expect(LEGAL_BASIS).toEqual({
      police_inquiry: 'UNCAC art. 48',
      spontaneous_information: 'UNCAC art. 56',
      identify_trace_freeze: 'UNCAC art. 55(2)',
      confiscation: 'UNCAC arts. 54 and 55(1)',
      return: 'UNCAC art. 57',
      mla_coordination: 'UNCAC art. 46',
      fiu_to_fiu: 'UNCAC art. 58',
    });
    expect(Object.keys(LEGAL_BASIS)).toEqual([...REQUEST_TYPES]);
  });
});

describe('computeDeadline', () => {
  const P = DEFAULT_DEADLINES;

  it('counts calendar days to the end of the Nth day after receipt, on the requested side’s clock', () => {
    // Monday 2026-05-04 15:00 in Paris (CEST, UTC+2).
    const received = d('2026-05-04T13:00:00Z');
    expect(computeDeadline(received, 'urgent_indirect', P, 'Europe/Paris').toISOString()).toBe('2026-05-07T21:59:59.999Z'); // Thursday 23:59:59.999 CEST
    expect(computeDeadline(received, 'standard', P, 'Europe/Paris').toISOString()).toBe('2026-05-11T21:59:59.999Z'); // next Monday
    // A receipt one minute before midnight still counts that day as the day of receipt.
    expect(computeDeadline(d('2026-05-04T21:59:00Z'), 'urgent_indirect', P, 'Europe/Paris').toISOString()).toBe('2026-05-07T21:59:59.999Z');
    // One minute after midnight it is the next day.
    expect(computeDeadline(d('2026-05-04T22:01:00Z'), 'urgent_indirect', P, 'Europe/Paris').toISOString()).toBe('2026-05-08T21:59:59.999Z');
  });

  it('does not move a deadline that falls on a weekend', () => {
    // Wednesday 2026-05-06 10:00 Paris + 3 → Saturday 2026-05-09.
    expect(computeDeadline(d('2026-05-06T08:00:00Z'), 'urgent_indirect', P, 'Europe/Paris').toISOString()).toBe('2026-05-09T21:59:59.999Z');
  });

  it('handles the spring change in Paris (2026-03-29, the day has 23 hours)', () => {
    // Friday 2026-03-27 15:00 CET (UTC+1) + 3 → Monday 2026-03-30 23:59:59.999 CEST (UTC+2).
    const received = d('2026-03-27T14:00:00Z');
    const deadline = computeDeadline(received, 'urgent_indirect', P, 'Europe/Paris');
    expect(deadline.toISOString()).toBe('2026-03-30T21:59:59.999Z');
    // One hour less than the same local interval without the change.
    expect(deadline.getTime() - received.getTime()).toBe((3 * 24 + 9) * HOUR - 1 - HOUR);
    // Received in the night of the change, before it (01:30 CET): the deadline is still local midnight.
    expect(computeDeadline(d('2026-03-29T00:30:00Z'), 'urgent_indirect', P, 'Europe/Paris').toISOString()).toBe('2026-04-01T21:59:59.999Z');
    // Received the day before at 02:30 CET: adding a day lands in the skipped hour; the deadline is unaffected.
    expect(computeDeadline(d('2026-03-28T01:30:00Z'), 'urgent_indirect', P, 'Europe/Paris').toISOString()).toBe('2026-03-31T21:59:59.999Z');
  });

  it('handles the autumn change in Paris (2026-10-25, the day has 25 hours)', () => {
    // Friday 2026-10-23 15:00 CEST (UTC+2) + 3 → Monday 2026-10-26 23:59:59.999 CET (UTC+1).
    const received = d('2026-10-23T13:00:00Z');
    const deadline = computeDeadline(received, 'urgent_indirect', P, 'Europe/Paris');
    expect(deadline.toISOString()).toBe('2026-10-26T22:59:59.999Z');
    expect(deadline.getTime() - received.getTime()).toBe((3 * 24 + 9) * HOUR - 1 + HOUR);
    // Received during the repeated hour (02:30, second time, CET): day of receipt is 25 October.
    expect(computeDeadline(d('2026-10-25T01:30:00Z'), 'standard', P, 'Europe/Paris').toISOString()).toBe('2026-11-01T22:59:59.999Z');
    // The same wall-clock time the first time round (02:30 CEST).
    expect(computeDeadline(d('2026-10-25T00:30:00Z'), 'standard', P, 'Europe/Paris').toISOString()).toBe('2026-11-01T22:59:59.999Z');
  });

  it('handles the changes in Sydney (summer time ends 2026-04-05, starts 2026-10-04)', () => {
    // Friday 2026-04-03 10:00 AEDT (UTC+11) + 3 → Monday 2026-04-06 23:59:59.999 AEST (UTC+10).
    expect(computeDeadline(d('2026-04-02T23:00:00Z'), 'urgent_indirect', P, 'Australia/Sydney').toISOString()).toBe('2026-04-06T13:59:59.999Z');
    // Friday 2026-10-02 10:00 AEST (UTC+10) + 3 → Monday 2026-10-05 23:59:59.999 AEDT (UTC+11).
    expect(computeDeadline(d('2026-10-02T00:00:00Z'), 'urgent_indirect', P, 'Australia/Sydney').toISOString()).toBe('2026-10-05T12:59:59.999Z');
  });

  it('keeps São Paulo at UTC−3 all year (Brazil has had no summer time since 2019)', () => {
    // Around the dates summer time used to start (November) and end (February), and mid-year.
    for (const [received, expected] of [
      ['2026-11-01T12:00:00Z', '2026-11-09T02:59:59.999Z'],
      ['2026-02-15T12:00:00Z', '2026-02-23T02:59:59.999Z'],
      ['2026-07-01T12:00:00Z', '2026-07-09T02:59:59.999Z'],
    ] as const) {
      expect(computeDeadline(d(received), 'standard', P, 'America/Sao_Paulo').toISOString()).toBe(expected);
    }
  });

  it('counts from the local date where the requested authority is, not UTC', () => {
    // 2026-05-04 20:00 UTC is already 2026-05-05 05:00 in Tokyo (UTC+9, no summer time).
    const received = d('2026-05-04T20:00:00Z');
    expect(computeDeadline(received, 'urgent_indirect', P, 'Asia/Tokyo').toISOString()).toBe('2026-05-08T14:59:59.999Z');
    expect(computeDeadline(received, 'urgent_indirect', P, 'UTC').toISOString()).toBe('2026-05-07T23:59:59.999Z');
    // And in the other direction: 2026-05-05 02:00 UTC is still 2026-05-04 in New York.
    expect(computeDeadline(d('2026-05-05T02:00:00Z'), 'urgent_indirect', P, 'America/New_York').toISOString()).toBe('2026-05-08T03:59:59.999Z');
  });

  it('counts 8 elapsed hours for urgent requests on directly accessible information, even across a change', () => {
    const received = d('2026-05-04T13:00:00Z');
    expect(computeDeadline(received, 'urgent_direct', P, 'Europe/Paris').toISOString()).toBe('2026-05-04T21:00:00.000Z');
    // 2026-03-28 22:00 CET → 8 real hours later is 2026-03-29 07:00 CEST (9 hours on the wall clock).
    expect(computeDeadline(d('2026-03-28T21:00:00Z'), 'urgent_direct', P, 'Europe/Paris').toISOString()).toBe('2026-03-29T05:00:00.000Z');
    // 2026-10-24 22:00 CEST → 2026-10-25 05:00 CET (7 hours on the wall clock).
    expect(computeDeadline(d('2026-10-24T20:00:00Z'), 'urgent_direct', P, 'Europe/Paris').toISOString()).toBe('2026-10-25T04:00:00.000Z');
    // Same absolute result whatever the zone.
    expect(computeDeadline(d('2026-10-24T20:00:00Z'), 'urgent_direct', P, 'Australia/Sydney').toISOString()).toBe('2026-10-25T04:00:00.000Z');
  });

  it('follows a deployment’s policy', () => {
    const policy = { urgentDirectHours: 24, urgentIndirectDays: 5, standardDays: 14 };
    const received = d('2026-05-04T13:00:00Z');
    expect(computeDeadline(received, 'urgent_direct', policy, 'Europe/Paris').toISOString()).toBe('2026-05-05T13:00:00.000Z');
    expect(computeDeadline(received, 'urgent_indirect', policy, 'Europe/Paris').toISOString()).toBe('2026-05-09T21:59:59.999Z');
    expect(computeDeadline(received, 'standard', policy, 'Europe/Paris').toISOString()).toBe('2026-05-18T21:59:59.999Z');
    expect(computeDeadline(received, 'urgent_direct', { ...policy, urgentDirectHours: 1.5 }, 'UTC').toISOString()).toBe('2026-05-04T14:30:00.000Z');
  });

  it('refuses an unknown zone, an invalid date or an invalid policy', () => {
    expect(() => computeDeadline(d('2026-05-04T13:00:00Z'), 'standard', DEFAULT_DEADLINES, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => computeDeadline(new Date(NaN), 'standard', DEFAULT_DEADLINES, 'UTC')).toThrow(RangeError);
    expect(() => computeDeadline(d('2026-05-04T13:00:00Z'), 'standard', { ...DEFAULT_DEADLINES, standardDays: 2.5 }, 'UTC')).toThrow(RangeError);
    expect(() => computeDeadline(d('2026-05-04T13:00:00Z'), 'urgent_direct', { ...DEFAULT_DEADLINES, urgentDirectHours: 0 }, 'UTC')).toThrow(RangeError);
    expect(ZDeadlinePolicy.safeParse(DEFAULT_DEADLINES).success).toBe(true);
  });
});

describe('time left, overdue and reminders', () => {
  const received = d('2026-05-04T00:00:00Z');
  const deadline = d('2026-05-04T10:00:00Z'); // 10 hours allowed

  it('measures time left and flags overdue after the deadline only', () => {
    expect(timeLeft(deadline, d('2026-05-04T09:00:00Z'))).toBe(HOUR);
    expect(timeLeft(deadline, d('2026-05-04T11:00:00Z'))).toBe(-HOUR);
    expect(isOverdue(deadline, deadline)).toBe(false);
    expect(isOverdue(deadline, new Date(deadline.getTime() + 1))).toBe(true);
    const end = computeDeadline(d('2026-05-04T13:00:00Z'), 'urgent_indirect', DEFAULT_DEADLINES, 'Europe/Paris');
    expect(isOverdue(end, end)).toBe(false);
    expect(isOverdue(end, new Date(end.getTime() + 1))).toBe(true); // midnight, the next day
  });

  it('flags overdue only while the clock runs', () => {
    const late = d('2026-05-04T11:00:00Z');
    for (const s of REQUEST_STATES) expect(requestOverdue(s, deadline, late)).toBe(['sent', 'acknowledged', 'in_progress'].includes(s));
    expect(requestOverdue('sent', deadline, d('2026-05-04T09:00:00Z'))).toBe(false);
  });

  it('reminds at 50% and 90% of the allowed time', () => {
    expect(reminderTimes(deadline, received).map((t) => t.toISOString())).toEqual(['2026-05-04T05:00:00.000Z', '2026-05-04T09:00:00.000Z']);
    expect(reminderDue(deadline, received, d('2026-05-04T04:59:59.999Z'), 0)).toBeNull();
    expect(reminderDue(deadline, received, d('2026-05-04T05:00:00Z'), 0)).toBe(0);
    expect(reminderDue(deadline, received, d('2026-05-04T06:00:00Z'), 1)).toBeNull();
    expect(reminderDue(deadline, received, d('2026-05-04T09:00:00Z'), 1)).toBe(1);
    expect(reminderDue(deadline, received, d('2026-05-04T09:30:00Z'), 2)).toBeNull();
    // Both due at once: only the latest, the earlier one is skipped.
    expect(reminderDue(deadline, received, d('2026-05-04T09:30:00Z'), 0)).toBe(1);
    // At the deadline a reminder can still go; after it, the overdue flag takes over.
    expect(reminderDue(deadline, received, deadline, 1)).toBe(1);
    expect(reminderDue(deadline, received, d('2026-05-04T10:00:00.001Z'), 0)).toBeNull();
  });

  it('places reminders on real elapsed time for calendar-day deadlines', () => {
    const r = d('2026-05-04T13:00:00Z');
    const end = computeDeadline(r, 'urgent_indirect', DEFAULT_DEADLINES, 'Europe/Paris'); // 2026-05-07T21:59:59.999Z: 80 h 59 min 59.999 s
    const [half, ninety] = reminderTimes(end, r);
    expect(half!.toISOString()).toBe('2026-05-06T05:30:00.000Z');
    expect(ninety!.toISOString()).toBe('2026-05-07T13:53:59.999Z');
    expect(reminderDue(end, r, half!, 0)).toBe(0);
  });
});

describe('state machine', () => {
  type Rule = { from: TRequestState[]; to: TRequestState; side: TRequestSide };
  // The specification, written out independently of the module's table.
  const SPEC: Record<TRequestAction, Rule> = {
    send: { from: ['draft'], to: 'sent', side: 'requesting' },
    acknowledge: { from: ['sent'], to: 'acknowledged', side: 'requested' },
    start: { from: ['sent', 'acknowledged'], to: 'in_progress', side: 'requested' },
    answer: { from: ['sent', 'acknowledged', 'in_progress', 'partially_answered'], to: 'answered', side: 'requested' },
    answer_partially: { from: ['sent', 'acknowledged', 'in_progress', 'partially_answered'], to: 'partially_answered', side: 'requested' },
    refuse: { from: ['sent', 'acknowledged', 'in_progress'], to: 'refused', side: 'requested' },
    withdraw: { from: ['sent', 'acknowledged', 'in_progress', 'partially_answered'], to: 'withdrawn', side: 'requesting' },
    close: { from: ['answered', 'partially_answered', 'refused', 'withdrawn'], to: 'closed', side: 'requesting' },
  };
  const ground = { ground: 'de_minimis' as const };

  it('matches the specification for every state × action × side', () => {
    let checked = 0;
    let allowed = 0;
    for (const state of REQUEST_STATES)
      for (const action of REQUEST_ACTIONS)
        for (const side of REQUEST_SIDES) {
          const rule = SPEC[action];
          const expected = !rule.from.includes(state)
            ? { ok: false, reason: 'not_allowed_in_state' }
            : rule.side !== side
              ? { ok: false, reason: 'wrong_side' }
              : { ok: true, to: rule.to };
          expect(transition(state, action, side, ground), `${state} ${action} ${side}`).toEqual(expected);
          expect(allowedActions(state, side).includes(action), `${state} ${action} ${side}`).toBe(expected.ok);
          checked++;
          if (expected.ok) allowed++;
        }
    expect(checked).toBe(9 * 8 * 2);
    expect(allowed).toBe(1 + 1 + 2 + 4 + 4 + 3 + 4 + 4);
  });

  it('lets nothing out of closed', () => {
    for (const side of REQUEST_SIDES) expect(allowedActions('closed', side)).toEqual([]);
  });

  it('lists allowed actions per side', () => {
    expect(allowedActions('draft', 'requesting')).toEqual(['send']);
    expect(allowedActions('draft', 'requested')).toEqual([]);
    expect(allowedActions('sent', 'requested')).toEqual(['acknowledge', 'start', 'answer', 'answer_partially', 'refuse']);
    expect(allowedActions('sent', 'requesting')).toEqual(['withdraw']);
    expect(allowedActions('partially_answered', 'requested')).toEqual(['answer', 'answer_partially']);
    expect(allowedActions('partially_answered', 'requesting')).toEqual(['withdraw', 'close']);
    expect(allowedActions('refused', 'requested')).toEqual([]);
    expect(allowedActions('refused', 'requesting')).toEqual(['close']);
  });

  it('requires a ground to refuse, and text for "other"', () => {
    for (const state of ['sent', 'acknowledged', 'in_progress'] as const) {
      expect(transition(state, 'refuse', 'requested')).toEqual({ ok: false, reason: 'ground_required' });
      expect(transition(state, 'refuse', 'requested', {})).toEqual({ ok: false, reason: 'ground_required' });
      expect(transition(state, 'refuse', 'requested', { ground: 'bogus' as never })).toEqual({ ok: false, reason: 'ground_required' });
      expect(transition(state, 'refuse', 'requested', { ground: 'other' })).toEqual({ ok: false, reason: 'ground_required' });
      expect(transition(state, 'refuse', 'requested', { ground: 'other', groundText: '   ' })).toEqual({ ok: false, reason: 'ground_required' });
      expect(transition(state, 'refuse', 'requested', { ground: 'other', groundText: 'Statute of limitations' })).toEqual({ ok: true, to: 'refused' });
      for (const g of REFUSAL_GROUNDS.filter((x) => x !== 'other')) expect(transition(state, 'refuse', 'requested', { ground: g })).toEqual({ ok: true, to: 'refused' });
    }
    // State and side are checked before the ground.
    expect(transition('draft', 'refuse', 'requested')).toEqual({ ok: false, reason: 'not_allowed_in_state' });
    expect(transition('sent', 'refuse', 'requesting')).toEqual({ ok: false, reason: 'wrong_side' });
    // Other actions need no ground.
    expect(transition('sent', 'answer', 'requested')).toEqual({ ok: true, to: 'answered' });
  });

  it('says whose move it is', () => {
    const expected: Record<TRequestState, TRequestSide | null> = {
      draft: 'requesting',
      sent: 'requested',
      acknowledged: 'requested',
      in_progress: 'requested',
      answered: 'requesting',
      partially_answered: 'requested',
      refused: 'requesting',
      withdrawn: null,
      closed: null,
    };
    for (const s of REQUEST_STATES) expect(waitingOn(s), s).toBe(expected[s]);
    expect(waitingFor('sent', 'requested')).toBe('me');
    expect(waitingFor('sent', 'requesting')).toBe('them');
    expect(waitingFor('answered', 'requesting')).toBe('me');
    expect(waitingFor('answered', 'requested')).toBe('them');
    expect(waitingFor('closed', 'requesting')).toBeNull();
  });

  it('runs the clock from sending until the first response', () => {
    expect(REQUEST_STATES.filter(clockRunning)).toEqual(['sent', 'acknowledged', 'in_progress']);
    expect(REQUEST_STATES.filter(clockStopped)).toEqual(['answered', 'partially_answered', 'refused', 'withdrawn', 'closed']);
  });

  it('walks a request from draft to closed', () => {
    let state: TRequestState = 'draft';
    const steps: [TRequestAction, TRequestSide][] = [
      ['send', 'requesting'],
      ['acknowledge', 'requested'],
      ['start', 'requested'],
      ['answer_partially', 'requested'],
      ['answer_partially', 'requested'],
      ['answer', 'requested'],
      ['close', 'requesting'],
    ];
    for (const [action, side] of steps) {
      const r = transition(state, action, side);
      if (!r.ok) throw new Error(`${state} ${action}: ${r.reason}`);
      state = r.to;
    }
    expect(state).toBe('closed');
  });
});

describe('schemas', () => {
  const content = {
    objectAndReason: '  Trace the accounts receiving the proceeds of the bribe  ',
    natureOfProceedings: 'Criminal investigation',
    propertySought: 'Bank accounts, a villa',
    personsInvolved: 'J. Doe',
  };

  it('requires the four parts of a request, trimmed and non-empty', () => {
    const parsed = ZRequestContent.parse(content);
    expect(parsed.objectAndReason).toBe('Trace the accounts receiving the proceeds of the bribe');
    for (const key of Object.keys(content) as (keyof typeof content)[]) {
      expect(ZRequestContent.safeParse({ ...content, [key]: '   ' }).success, key).toBe(false);
      const { [key]: _omitted, ...rest } = content;
      expect(ZRequestContent.safeParse(rest).success, key).toBe(false);
    }
    expect(ZRequestContent.safeParse({ ...content, natureOfProceedings: 'x'.repeat(2_001) }).success).toBe(false);
    expect(ZRequestContent.safeParse({ ...content, objectAndReason: 'x'.repeat(10_001) }).success).toBe(false);
  });

  it('requires text for a refusal on "other"', () => {
    expect(ZRefusal.safeParse({ ground: 'insufficient_evidence' }).success).toBe(true);
    expect(ZRefusal.safeParse({ ground: 'other' }).success).toBe(false);
    expect(ZRefusal.safeParse({ ground: 'other', groundText: '  ' }).success).toBe(false);
    expect(ZRefusal.safeParse({ ground: 'other', groundText: 'Reason' }).success).toBe(true);
    expect(ZRefusal.safeParse({ ground: 'nope' }).success).toBe(false);
  });
});
