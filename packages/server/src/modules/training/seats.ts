import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { allocateSeats } from '@focal/core';
import { dayEndedAt, nominationsCloseAt, type ZAllocate, type ZNominate, type ZNominationCancel } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { can, type Actor } from '../../policies/index.js';
import { asUser, type RequestInfo } from '../identity/service.js';
import { accessFor, addNotices, personOf, staffIds, tell, type WorkshopRow } from './access.js';

/**
 * Nominations and seats. National admins nominate officers of their own country until the
 * deadline; nominations wait (pending) until the organiser confirms seats, which runs the fair
 * allocation (@focal/core `allocateSeats`). From then on every change — a late nomination, a
 * cancellation, a larger capacity or a new quota — runs it again in the same transaction, so
 * the waiting list moves up at once and whoever gets a seat is notified. Seats move until the
 * workshop's last day has ended.
 */

export const nominationClosed = () => conflict('nomination_closed', 'Nominations for this workshop are closed.');
export const workshopCancelled = () => conflict('workshop_cancelled', 'This workshop was cancelled: it can no longer change.');

/**
 * Runs the allocation on the workshop's live nominations and writes the outcome: seats, the
 * waiting list's order, notices to those whose place changed. The caller holds the workshop's
 * row lock. Returns who got a seat now.
 */
export async function reallocate(ctx: AppContext, trx: Db, workshop: WorkshopRow): Promise<{ newlyConfirmed: string[]; quota: number; confirmed: number; waitlisted: number }> {
  const live = await trx
    .selectFrom('training_nominations')
    .select(['id', 'user_id', 'country', 'rank', 'nominated_at', 'status', 'waitlist_position'])
    .where('workshop_id', '=', workshop.id)
    .where('status', '<>', 'cancelled')
    .execute();
  const plan = allocateSeats({
    capacity: workshop.capacity,
    quota: workshop.quota,
    nominations: live.map((n) => ({ id: n.id, country: n.country, rank: n.rank, nominatedAt: n.nominated_at.getTime(), status: n.status as 'pending' | 'confirmed' | 'waitlisted' })),
  });
  const byId = new Map(live.map((n) => [n.id, n]));
  const now = new Date();
  if (plan.newlyConfirmed.length) {
    await trx.updateTable('training_nominations').set({ status: 'confirmed', waitlist_position: null, decided_at: now }).where('id', 'in', plan.newlyConfirmed).execute();
  }
  for (const [index, id] of plan.waitlist.entries()) {
    const n = byId.get(id)!;
    if (n.status !== 'waitlisted' || n.waitlist_position !== index + 1) {
      await trx.updateTable('training_nominations').set({ status: 'waitlisted', waitlist_position: index + 1, decided_at: n.status === 'pending' ? now : undefined }).where('id', '=', id).execute();
    }
  }
  const promoted = plan.newlyConfirmed.filter((id) => byId.get(id)!.status === 'waitlisted').map((id) => byId.get(id)!.user_id);
  const seated = plan.newlyConfirmed.filter((id) => byId.get(id)!.status === 'pending').map((id) => byId.get(id)!.user_id);
  const waiting = plan.waitlist.filter((id) => byId.get(id)!.status === 'pending').map((id) => byId.get(id)!.user_id);
  await addNotices(ctx, trx, promoted, workshop.id, 'promoted');
  await addNotices(ctx, trx, seated, workshop.id, 'seat_confirmed');
  await addNotices(ctx, trx, waiting, workshop.id, 'waitlisted');
  return { newlyConfirmed: plan.newlyConfirmed, quota: plan.quota, confirmed: plan.confirmed.length, waitlisted: plan.waitlist.length };
}

/** Seats still move: the workshop is on and its last day has not ended everywhere. */
export const seatsMove = (workshop: WorkshopRow, now = new Date()) => workshop.status === 'scheduled' && workshop.allocated_at !== null && now < dayEndedAt(workshop.ends_on);

/** Officers of the admin's country who could still be nominated. */
export async function nominationCandidates(ctx: AppContext, actor: Actor, workshopId: string) {
  const access = await accessFor(ctx.db, actor, workshopId, 'nominate');
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'name_latin', 'country'])
    .where('country', '=', actor.country)
    .where('status', '=', 'active')
    .where(sql<boolean>`(roles && ARRAY['focal_point', 'national_admin']::text[])`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('training_nominations as n')
            .select('n.id')
            .whereRef('n.user_id', '=', 'users.id')
            .where('n.workshop_id', '=', access.row.id)
            .where('n.status', '<>', 'cancelled'),
        ),
      ),
    )
    .orderBy('name_latin')
    .limit(500)
    .execute();
  return rows.map(personOf);
}

/** A national admin nominates officers of their own country, in order of priority. */
export async function nominate(ctx: AppContext, actor: Actor, workshopId: string, input: z.output<typeof ZNominate>, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'nominate', { lock: true });
    const workshop = access.row;
    if (workshop.status !== 'scheduled') throw workshopCancelled();
    if (new Date() >= nominationsCloseAt(workshop.nomination_deadline)) throw nominationClosed();
    const userIds = [...new Set(input.userIds)];
    const users = await trx.selectFrom('users').select(['id', 'country', 'status', 'roles']).where('id', 'in', userIds).execute();
    const allowed = new Set(users.filter((u) => u.status === 'active' && u.country === actor.country && (u.roles.includes('focal_point') || u.roles.includes('national_admin'))).map((u) => u.id));
    const refused = userIds.filter((id) => !allowed.has(id));
    if (refused.length) throw new AppError(400, 'nominee_not_allowed', 'Only active officers of your own country can be nominated.', { fields: { userIds: refused.join(',') } });
    const existing = await trx.selectFrom('training_nominations').select('user_id').where('workshop_id', '=', workshopId).where('user_id', 'in', userIds).where('status', '<>', 'cancelled').execute();
    if (existing.length) throw new AppError(409, 'already_nominated', 'Some of these officers are already nominated.', { fields: { userIds: existing.map((e) => e.user_id).join(',') } });
    const last = await trx
      .selectFrom('training_nominations')
      .select((eb) => eb.fn.max('rank').as('rank'))
      .where('workshop_id', '=', workshopId)
      .where('country', '=', actor.country)
      .executeTakeFirst();
    const firstRank = Number(last?.rank ?? 0) + 1;
    const now = new Date();
    await trx
      .insertInto('training_nominations')
      .values(userIds.map((userId, i) => ({ id: crypto.randomUUID(), workshop_id: workshopId, user_id: userId, country: actor.country, rank: firstRank + i, status: 'pending' as const, nominated_by: actor.id, nominated_at: now })))
      .execute();
    // Once seats have been confirmed, a late nomination takes its place by the same rule at once.
    if (seatsMove(workshop)) await reallocate(ctx, trx, workshop);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.nominated', targetType: 'training_workshop', targetId: workshopId, country: actor.country, details: { userIds } });
    await tell(ctx, trx, [...(await staffIds(trx, workshop)), ...userIds], workshopId);
  });
}

/** The organiser confirms seats (optionally with a new quota first). */
export async function confirmSeats(ctx: AppContext, actor: Actor, workshopId: string, input: z.output<typeof ZAllocate>, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'manage', { lock: true });
    let workshop = access.row;
    if (workshop.status !== 'scheduled') throw workshopCancelled();
    if (new Date() >= dayEndedAt(workshop.ends_on)) throw conflict('nomination_closed', 'This workshop is over: its seats can no longer change.');
    if (input.quota !== undefined || workshop.allocated_at === null) {
      workshop = await trx
        .updateTable('training_workshops')
        .set({ ...(input.quota !== undefined ? { quota: input.quota } : {}), allocated_at: workshop.allocated_at ?? new Date(), updated_at: new Date() })
        .where('id', '=', workshopId)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const outcome = await reallocate(ctx, trx, workshop);
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'training.seats_allocated',
      targetType: 'training_workshop',
      targetId: workshopId,
      country: workshop.host_country,
      details: { quota: outcome.quota, confirmed: outcome.confirmed, waitlisted: outcome.waitlisted, newlyConfirmed: outcome.newlyConfirmed },
    });
    const nominees = await trx.selectFrom('training_nominations').select('user_id').where('workshop_id', '=', workshopId).where('status', '<>', 'cancelled').execute();
    await tell(ctx, trx, [...(await staffIds(trx, workshop)), ...nominees.map((n) => n.user_id)], workshopId);
  });
}

/**
 * Withdraws a nomination (the nominee, their national admin, or whoever manages the workshop).
 * A seat given up goes to the waiting list in the same transaction; the promoted person is
 * notified. Returns who was promoted.
 */
export async function cancelNomination(ctx: AppContext, actor: Actor, workshopId: string, nominationId: string, input: z.output<typeof ZNominationCancel>, info: RequestInfo): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'view', { lock: true });
    const workshop = access.row;
    const nomination = await trx.selectFrom('training_nominations').selectAll().where('id', '=', nominationId).where('workshop_id', '=', workshopId).executeTakeFirst();
    if (!nomination || !can(actor, 'cancel', 'training_nomination', { ...access, userId: nomination.user_id, country: nomination.country })) throw notFound();
    if (nomination.status === 'cancelled') return [];
    await trx
      .updateTable('training_nominations')
      .set({ status: 'cancelled', waitlist_position: null, cancelled_at: new Date(), cancelled_by: actor.id, cancel_reason: input.reason || null })
      .where('id', '=', nominationId)
      .execute();
    let promoted: string[] = [];
    if (seatsMove(workshop)) {
      const outcome = await reallocate(ctx, trx, workshop);
      promoted = outcome.newlyConfirmed;
    }
    if (nomination.user_id !== actor.id) await addNotices(ctx, trx, [nomination.user_id], workshopId, 'nomination_cancelled');
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'training.nomination_cancelled',
      targetType: 'training_workshop',
      targetId: workshopId,
      country: nomination.country,
      details: { nominationId, userId: nomination.user_id, promoted },
    });
    const nominees = await trx.selectFrom('training_nominations').select('user_id').where('workshop_id', '=', workshopId).execute();
    await tell(ctx, trx, [...(await staffIds(trx, workshop)), ...nominees.map((n) => n.user_id)], workshopId);
    return promoted;
  });
}
