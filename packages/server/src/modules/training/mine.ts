import type { TMyTraining, TNominationStatus, TTrainingNoticeKind } from '@focal/shared';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../policies/index.js';
import { presentCertificates } from './certificates.js';

/** The caller's own nominations (newest first), with their certificates, and their training notices. */
export async function myTraining(ctx: AppContext, actor: Actor): Promise<TMyTraining> {
  const nominations = await ctx.db
    .selectFrom('training_nominations as n')
    .innerJoin('training_workshops as w', 'w.id', 'n.workshop_id')
    .select(['n.id', 'n.status', 'n.waitlist_position', 'w.id as workshop_id', 'w.title', 'w.starts_on', 'w.ends_on', 'w.host_country', 'w.mode'])
    .where('n.user_id', '=', actor.id)
    .orderBy('w.starts_on', 'desc')
    .orderBy('n.nominated_at', 'desc')
    .limit(200)
    .execute();
  const certificates = nominations.length
    ? await ctx.db
        .selectFrom('training_certificates')
        .selectAll()
        .where(
          'nomination_id',
          'in',
          nominations.map((n) => n.id),
        )
        .orderBy('issued_at')
        .execute()
    : [];
  const notices = await ctx.db
    .selectFrom('training_notices as t')
    .innerJoin('training_workshops as w', 'w.id', 't.workshop_id')
    .select(['t.id', 't.kind', 't.workshop_id', 'w.title', 't.created_at', 't.read_at'])
    .where('t.user_id', '=', actor.id)
    .orderBy('t.id', 'desc')
    .limit(50)
    .execute();
  // The live certificate of each nomination, or else its latest revoked one.
  const shown = nominations.map((n) => {
    const own = certificates.filter((c) => c.nomination_id === n.id);
    return own.find((c) => c.revoked_at === null) ?? own[own.length - 1] ?? null;
  });
  const briefs = await presentCertificates(
    ctx,
    ctx.db,
    shown.filter((c) => c !== null),
  );
  return {
    nominations: nominations.map((n, i) => ({
      id: n.id,
      workshop: { id: n.workshop_id, title: n.title, startsOn: n.starts_on, endsOn: n.ends_on, hostCountry: n.host_country, mode: n.mode },
      status: n.status as TNominationStatus,
      waitlistPosition: n.waitlist_position,
      certificate: shown[i] ? (briefs.get(shown[i].id) ?? null) : null,
    })),
    notices: notices.map((t) => ({ id: t.id, kind: t.kind as TTrainingNoticeKind, workshopId: t.workshop_id, workshopTitle: t.title, at: t.created_at.toISOString(), read: t.read_at !== null })),
  };
}

export async function unreadNotices(ctx: AppContext, actor: Actor): Promise<number> {
  const row = await ctx.db.selectFrom('training_notices').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markNoticesRead(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.db.updateTable('training_notices').set({ read_at: new Date() }).where('user_id', '=', actor.id).where('read_at', 'is', null).execute();
}
