import { sql } from 'kysely';
import { TRASH_RETENTION_DAYS } from '@focal/shared';
import type { AppContext } from '../../context.js';
import { queueNotices } from '../../notify/outbox.js';
import { purgeEntry } from './mailbox.js';
import { runPeriodically } from '../../periodic.js';

const SYSTEM = { actorId: null, actorCountry: null, ip: null, userAgent: 'focal-maintenance' };
/** Reminders stop after this many: by then the sender has other ways to reach the person. */
export const MAX_REMINDERS = 12;

/**
 * Reminds recipients who have not acknowledged an urgent or immediate message: an urgent one
 * every `ackReminderMs` (default an hour), an immediate one four times as often. Each reminder
 * is a realtime nudge, an email notice when the relay is configured, and an audit event.
 */
export async function sendAckReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const urgentMs = ctx.config.ackReminderMs;
  return ctx.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('mailbox_entries as e')
      .innerJoin('messages as m', 'm.id', 'e.message_id')
      .select(['e.user_id', 'e.message_id', 'e.reminders_sent', 'm.priority'])
      .where('e.ack_required', '=', true)
      .where('e.acknowledged_at', 'is', null)
      .where('e.folder', '!=', 'trash')
      .where('m.status', '=', 'sent')
      .where('e.reminders_sent', '<', MAX_REMINDERS)
      .where(
        sql<boolean>`coalesce(e.last_reminded_at, e.sort_at) <= ${now}::timestamptz - (CASE WHEN m.priority = 'immediate' THEN ${urgentMs / 4}::double precision ELSE ${urgentMs}::double precision END) * interval '1 millisecond'`,
      )
      .limit(500)
      .forUpdate('e')
      .skipLocked()
      .execute();
    if (due.length === 0) return 0;
    const byMessage = new Map<string, string[]>();
    for (const row of due) {
      await trx
        .updateTable('mailbox_entries')
        .set({ reminders_sent: row.reminders_sent + 1, last_reminded_at: now })
        .where('user_id', '=', row.user_id)
        .where('message_id', '=', row.message_id)
        .execute();
      byMessage.set(row.message_id, [...(byMessage.get(row.message_id) ?? []), row.user_id]);
    }
    for (const [messageId, userIds] of byMessage) {
      await ctx.audit.append(trx, SYSTEM, { action: 'message.reminded', targetType: 'message', targetId: messageId, country: null, details: { recipients: userIds.length } });
      await ctx.realtime.publish(trx, userIds, { type: 'mail', reason: 'reminder', messageId });
      await queueNotices(ctx, trx, userIds, 'ack_reminder');
    }
    return due.length;
  });
}

/** Purges copies that have been in the trash longer than the retention period. */
export async function purgeTrash(ctx: AppContext, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - TRASH_RETENTION_DAYS * 86_400_000);
  let total = 0;
  for (;;) {
    const purged = await ctx.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('mailbox_entries as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select(['e.user_id', 'e.message_id', 'u.country'])
        .where('e.folder', '=', 'trash')
        .where('e.trashed_at', '<', cutoff)
        .limit(200)
        .forUpdate('e')
        .skipLocked()
        .execute();
      for (const row of rows) await purgeEntry(ctx, trx, row.user_id, row.message_id, SYSTEM, 'retention', row.country);
      return rows.length;
    });
    total += purged;
    if (purged < 200) return total;
  }
}

/** Mail upkeep each minute in every server process (row locks make concurrent runs share the work). */
export function startMailJobs(ctx: AppContext, onError: (error: unknown) => void, everyMs = 60_000) {
  return runPeriodically(
    async () => {
      await sendAckReminders(ctx);
      await purgeTrash(ctx);
      ctx.blobs.sweepPartials();
    },
    onError,
    everyMs,
    { atStart: true },
  );
}
