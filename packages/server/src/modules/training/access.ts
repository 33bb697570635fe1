import { sql } from 'kysely';
import { regionOf, type TTrainingNoticeKind } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { queueNotices } from '../../notify/outbox.js';
import { notFound } from '../../errors.js';
import { authorize, can, hasRole, isSecretariat, type Actor } from '../../policies/index.js';
import type { WorkshopAccess } from './policy.js';
import './policy.js';

export type WorkshopRow = NonNullable<Awaited<ReturnType<typeof findWorkshop>>>;
const findWorkshop = (db: Db, id: string) => db.selectFrom('training_workshops').selectAll().where('id', '=', id).executeTakeFirst();

/** A workshop and the caller's standing in it: what every policy on workshops decides from. */
export async function workshopAccess(db: Db, actor: Actor, workshopId: string, options: { lock?: boolean } = {}): Promise<(WorkshopAccess & { row: WorkshopRow }) | null> {
  // Seat changes lock the workshop row, so two cancellations never promote the same person twice.
  const row = options.lock ? await db.selectFrom('training_workshops').selectAll().where('id', '=', workshopId).forUpdate().executeTakeFirst() : await findWorkshop(db, workshopId);
  if (!row) return null;
  const [trainer, nominated] = await Promise.all([
    db.selectFrom('training_workshop_trainers').select('user_id').where('workshop_id', '=', workshopId).where('user_id', '=', actor.id).executeTakeFirst(),
    db.selectFrom('training_nominations').select('id').where('workshop_id', '=', workshopId).where('user_id', '=', actor.id).limit(1).executeTakeFirst(),
  ]);
  return {
    row,
    organiserId: row.organiser_id,
    status: row.status,
    trainer: Boolean(trainer),
    nominated: Boolean(nominated),
    openToCountry: row.region === null || regionOf(actor.country) === row.region,
  };
}
export type Access = NonNullable<Awaited<ReturnType<typeof workshopAccess>>>;

/** The workshop for someone who may see it and take `action`; otherwise the 404 of a missing one. */
export async function accessFor(db: Db, actor: Actor, workshopId: string, action = 'view', options: { lock?: boolean } = {}): Promise<Access> {
  const access = await workshopAccess(db, actor, workshopId, options);
  authorize(actor, 'view', 'training_workshop', access);
  if (action !== 'view' && !can(actor, action, 'training_workshop', access)) throw notFound();
  return access;
}

/**
 * SQL: the workshops `actor` may see — every one for the secretariat; otherwise those they
 * organise, teach at or were nominated to, and for officers those open to their country.
 */
export function visibleWorkshops(actor: Actor) {
  if (isSecretariat(actor)) return sql<boolean>`true`;
  const officer = hasRole(actor, 'focal_point') || hasRole(actor, 'national_admin');
  const region = regionOf(actor.country) ?? '';
  return sql<boolean>`(
    training_workshops.organiser_id = ${actor.id}
    OR EXISTS (SELECT 1 FROM training_workshop_trainers vt WHERE vt.workshop_id = training_workshops.id AND vt.user_id = ${actor.id})
    OR EXISTS (SELECT 1 FROM training_nominations vn WHERE vn.workshop_id = training_workshops.id AND vn.user_id = ${actor.id})
    OR (${officer} AND (training_workshops.region IS NULL OR training_workshops.region = ${region}))
  )`;
}

export const personOf = (u: { id: string; name: string; name_latin: string; country: string }) => ({ id: u.id, name: u.name, nameLatin: u.name_latin, country: u.country });

/** People who run the workshop (organiser and trainers): they are told when its seats change. */
export async function staffIds(db: Db, workshop: { id: string; organiser_id: string }): Promise<string[]> {
  const trainers = await db.selectFrom('training_workshop_trainers').select('user_id').where('workshop_id', '=', workshop.id).execute();
  return [workshop.organiser_id, ...trainers.map((t) => t.user_id)];
}

/** In-app notices (shown in "My training" and counted in the navigation), announced at once and by email. */
export async function addNotices(ctx: AppContext, trx: Db, userIds: readonly string[], workshopId: string, kind: TTrainingNoticeKind) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await trx
    .insertInto('training_notices')
    .values(unique.map((userId) => ({ user_id: userId, workshop_id: workshopId, kind })))
    .execute();
  await ctx.realtime.publish(trx, unique, { type: 'training', reason: 'notice', workshopId });
  // And an email through the relay, when there is one, saying only that there is news.
  await queueNotices(ctx, trx, unique, 'training_update');
}

/** Tells open pages that the workshop changed; they fetch what they may see. */
export async function tell(ctx: AppContext, trx: Db, userIds: readonly string[], workshopId: string) {
  await ctx.realtime.publish(trx, [...new Set(userIds)], { type: 'training', reason: 'changed', workshopId });
}
