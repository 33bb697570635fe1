import { dayBegunAt, EVALUATION_QUESTIONS, type TEvaluationSummary, type ZAttendanceUpdate, type ZEvaluationInput } from '@focal/shared';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { accessFor, staffIds, tell } from './access.js';
import { workshopCancelled } from './seats.js';

/**
 * Attendance per session, kept by the organiser and trainers from the session's day on (its day
 * has begun somewhere), for confirmed participants; and the evaluation questionnaire, answered
 * once by each confirmed participant from the first day on, read without names.
 */

export const notStarted = () => conflict('training_not_started', 'This has not started yet.');

export async function markAttendance(ctx: AppContext, actor: Actor, workshopId: string, sessionId: string, input: z.output<typeof ZAttendanceUpdate>, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'mark_attendance');
    if (access.row.status === 'cancelled') throw workshopCancelled();
    const session = await trx.selectFrom('training_sessions').select(['id', 'held_on']).where('id', '=', sessionId).where('workshop_id', '=', workshopId).executeTakeFirst();
    if (!session) throw notFound();
    if (new Date() < dayBegunAt(session.held_on)) throw notStarted();
    const ids = [...new Set(input.entries.map((e) => e.nominationId))];
    if (ids.length !== input.entries.length) throw badRequest('validation_failed', 'Each participant appears once.', { entries: 'duplicate' });
    const confirmed = new Set(
      (await trx.selectFrom('training_nominations').select('id').where('workshop_id', '=', workshopId).where('status', '=', 'confirmed').where('id', 'in', ids).execute()).map((n) => n.id),
    );
    const outsiders = ids.filter((id) => !confirmed.has(id));
    if (outsiders.length) throw badRequest('validation_failed', 'Attendance is recorded for confirmed participants only.', { entries: outsiders.join(',') });
    const now = new Date();
    await trx
      .insertInto('training_attendance')
      .values(input.entries.map((e) => ({ session_id: sessionId, nomination_id: e.nominationId, present: e.present, marked_by: actor.id, marked_at: now })))
      .onConflict((oc) => oc.columns(['session_id', 'nomination_id']).doUpdateSet((eb) => ({ present: eb.ref('excluded.present'), marked_by: eb.ref('excluded.marked_by'), marked_at: eb.ref('excluded.marked_at') })))
      .execute();
    const present = input.entries.filter((e) => e.present).length;
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'training.attendance_marked',
      targetType: 'training_workshop',
      targetId: workshopId,
      country: access.row.host_country,
      details: { sessionId, present, absent: input.entries.length - present },
    });
    await tell(ctx, trx, await staffIds(trx, access.row), workshopId);
  });
}

export async function submitEvaluation(ctx: AppContext, actor: Actor, workshopId: string, input: z.output<typeof ZEvaluationInput>, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId);
    if (access.row.status === 'cancelled') throw workshopCancelled();
    const seat = await trx.selectFrom('training_nominations').select('id').where('workshop_id', '=', workshopId).where('user_id', '=', actor.id).where('status', '=', 'confirmed').executeTakeFirst();
    // Only participants answer: to anyone else the questionnaire does not exist.
    if (!seat) throw notFound();
    const first = await trx.selectFrom('training_sessions').select('held_on').where('workshop_id', '=', workshopId).orderBy('held_on').limit(1).executeTakeFirst();
    if (!first || new Date() < dayBegunAt(first.held_on)) throw notStarted();
    const inserted = await trx
      .insertInto('training_evaluations')
      .values({ workshop_id: workshopId, user_id: actor.id, ...input.ratings, useful: input.useful, improve: input.improve })
      .onConflict((oc) => oc.columns(['workshop_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) throw new AppError(409, 'evaluation_already_submitted', 'You have already returned the questionnaire for this workshop.');
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.evaluation_submitted', targetType: 'training_workshop', targetId: workshopId, country: actor.country, details: {} });
    await tell(ctx, trx, await staffIds(trx, access.row), workshopId);
  });
}

type Rated = Record<(typeof EVALUATION_QUESTIONS)[number], number> & { useful: string; improve: string };

/** Counts and means per question, and the comments, without who wrote them. */
export function summariseEvaluations(rows: readonly Rated[], participants: number): TEvaluationSummary {
  return {
    responses: rows.length,
    participants,
    questions: EVALUATION_QUESTIONS.map((question) => {
      const counts = [0, 0, 0, 0, 0];
      for (const row of rows) counts[row[question] - 1]! += 1;
      const total = counts.reduce((sum, c, i) => sum + c * (i + 1), 0);
      return { question, average: rows.length ? Math.round((total / rows.length) * 100) / 100 : null, counts };
    }),
    comments: rows.filter((r) => r.useful || r.improve).map((r) => ({ useful: r.useful, improve: r.improve })),
  };
}

export async function evaluationResults(ctx: AppContext, actor: Actor, workshopId: string, info: RequestInfo): Promise<TEvaluationSummary> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'view_results');
    // Ordered by the text, not by time, so the order of comments says nothing about who wrote them.
    const rows = await trx
      .selectFrom('training_evaluations')
      .select(['overall', 'relevance', 'trainers', 'materials', 'organisation', 'useful', 'improve'])
      .where('workshop_id', '=', workshopId)
      .orderBy('useful')
      .orderBy('improve')
      .execute();
    const participants = await trx.selectFrom('training_nominations').select((eb) => eb.fn.countAll<number>().as('n')).where('workshop_id', '=', workshopId).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.evaluation_viewed', targetType: 'training_workshop', targetId: workshopId, country: access.row.host_country, details: { responses: rows.length } });
    return summariseEvaluations(rows, Number(participants.n));
  });
}
