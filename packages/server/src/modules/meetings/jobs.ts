import { sql } from 'kysely';
import { isValidTimeZone, startOfLocalDay } from '@focal/shared';
import type { AppContext } from '../../context.js';
import { createMailer, failureReason, queueNotices } from '../../notify/outbox.js';
import { runPeriodically } from '../../periodic.js';
import { addNotices } from './service.js';
import { deliverMeetingInvitations } from './mail.js';

const SYSTEM = { actorId: null, actorCountry: null, ip: null, userAgent: 'focal-server' };

/**
 * Reminds the owner of each open action item once, `actionReminderDays` before its due date
 * begins on the owner's own clock: an in-app notice, and an email notice that says only that
 * an action item is due (never which). Items of cancelled meetings, of owners who left the
 * meeting or its case, or of inactive accounts are not reminded.
 */
export async function sendActionReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const days = ctx.config.actionReminderDays;
  // Generous in UTC (zones run from -12 to +14 hours); the exact moment is checked per owner below.
  const horizon = new Date(now.getTime() + (days + 2) * 86400_000).toISOString().slice(0, 10);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('meeting_action_items as a')
      .innerJoin('meetings', 'meetings.id', 'a.meeting_id')
      .innerJoin('users as u', 'u.id', 'a.owner_id')
      .select(['a.id', 'a.meeting_id', 'a.owner_id', 'a.due_on', 'u.time_zone', 'meetings.organiser_country'])
      .where('a.reminded_at', 'is', null)
      .where('a.status', 'in', ['open', 'in_progress'])
      .where('a.due_on', '<=', horizon)
      .where('meetings.status', '=', 'scheduled')
      .where('u.status', '=', 'active')
      .where(sql<boolean>`EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = a.meeting_id AND p.user_id = a.owner_id)`)
      .where(sql<boolean>`(meetings.case_id IS NULL OR EXISTS (SELECT 1 FROM case_members c WHERE c.case_id = meetings.case_id AND c.user_id = a.owner_id))`)
      .forUpdate('a')
      .skipLocked()
      .limit(500)
      .execute();
    let reminded = 0;
    for (const row of rows) {
      // Midnight starting the day `days` calendar days before the due date, on the owner's clock.
      const zone = isValidTimeZone(row.time_zone) ? row.time_zone : 'UTC';
      const remindOn = new Date(Date.parse(`${row.due_on}T12:00:00Z`) - days * 86400_000).toISOString().slice(0, 10);
      if (now < startOfLocalDay(remindOn, zone)) continue;
      await trx.updateTable('meeting_action_items').set({ reminded_at: now }).where('id', '=', row.id).execute();
      await addNotices(ctx, trx, [row.owner_id], row.meeting_id, 'action_due', row.id);
      await queueNotices(ctx, trx, [row.owner_id], 'action_due');
      await ctx.audit.append(trx, SYSTEM, { action: 'meeting.reminded', targetType: 'meeting', targetId: row.meeting_id, country: row.organiser_country, details: { actionId: row.id } });
      reminded++;
    }
    return reminded;
  });
}

/**
 * Meetings upkeep in every server process: action reminders each minute, and email invitations
 * every two seconds while an SMTP relay is configured. Errors are reported, never thrown.
 */
export function startMeetingJobs(ctx: AppContext, onError: (error: unknown) => void, options: { remindEveryMs?: number; mailEveryMs?: number } = {}) {
  const reminders = runPeriodically(() => sendActionReminders(ctx), onError, options.remindEveryMs ?? 60_000, { atStart: true });
  const mailer = createMailer(ctx.config);
  const invitations = mailer
    ? runPeriodically(
        async () => {
          const { failed } = await deliverMeetingInvitations(ctx, mailer);
          if (failed > 0) onError(new Error(`${failed} meeting invitation email(s) could not be sent; they will be retried`));
        },
        (error) => onError(new Error(`meeting invitation delivery failed (${failureReason(error)}); retrying`)),
        options.mailEveryMs ?? 2000,
      )
    : null;
  return {
    stop: async () => {
      await reminders.stop();
      await invitations?.stop();
      mailer?.close();
    },
  };
}
