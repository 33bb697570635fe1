import { sql } from 'kysely';
import { CASE_REVIEW_NOTICE_MONTHS } from '@focal/shared';
import type { AppContext } from '../../context.js';
import { queueNotices } from '../../notify/outbox.js';
import { sendRequestReminders } from './requests.js';
import { recordEvent } from './service.js';
import { runPeriodically } from '../../periodic.js';

/**
 * Asks the owner of each open case whose review date is six months away (or less) to renew it
 * with a reason or close it: once, recorded on the case and in its timeline.
 */
export async function promptCaseReviews(ctx: AppContext, now = new Date()): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('cases')
      .select(['id', 'owner_id', 'review_date'])
      .where('status', '!=', 'closed')
      .where('review_prompted_at', 'is', null)
      .where(sql<boolean>`review_date <= (${now}::timestamptz + make_interval(months => ${CASE_REVIEW_NOTICE_MONTHS}))::date`)
      .forUpdate()
      .skipLocked()
      .limit(500)
      .execute();
    for (const row of due) {
      await trx.updateTable('cases').set({ review_prompted_at: now }).where('id', '=', row.id).execute();
      await recordEvent(ctx, trx, row.id, null, 'review_due', { reviewDate: row.review_date });
      await ctx.realtime.publish(trx, [row.owner_id], { type: 'case', reason: 'changed', caseId: row.id });
      await queueNotices(ctx, trx, [row.owner_id], 'ack_reminder');
    }
    return due.length;
  });
}

/** Case upkeep each minute in every server process; errors are reported, never thrown. */
export function startCaseJobs(ctx: AppContext, onError: (error: unknown) => void, everyMs = 60_000) {
  return runPeriodically(
    async () => {
      await sendRequestReminders(ctx);
      await promptCaseReviews(ctx);
    },
    onError,
    everyMs,
    { atStart: true },
  );
}
