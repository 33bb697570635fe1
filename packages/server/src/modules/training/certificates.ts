import crypto from 'node:crypto';
import type { z } from 'zod';
import {
  attendanceRequired,
  CERTIFICATE_CODE_ALPHABET,
  CERTIFICATE_CODE_LENGTH,
  dayBegunAt,
  normaliseCertificateCode,
  UI_LANGUAGES,
  type TCertificateBrief,
  type TCertificateIssueResult,
  type TCertificateVerification,
  type TUiLanguage,
  type ZCertificateIssue,
} from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { TSealed } from '../../db/schema.js';
import { conflict, notFound } from '../../errors.js';
import { authorize, type Actor } from '../../policies/index.js';
import { anonymous, asUser, type RequestInfo } from '../identity/service.js';
import { accessFor, addNotices, staffIds, tell, workshopAccess } from './access.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { workshopCancelled } from './seats.js';

/**
 * Certificates of completion. A confirmed participant earns one by attending at least 80 % of
 * the sessions (rounded up: 2 of 2, 3 of 3, 4 of 5), once the last session's day has begun. The
 * organiser (or the secretariat) issues them; each carries a verification code of 16 characters
 * of Crockford base 32 (80 random bits) and the address of the public page that checks it.
 * A certificate keeps the name, workshop and dates as issued; revoking it (with a reason) makes
 * the public page say so. The PDF is drawn again on each download, from what was issued.
 */

const codeAad = (certificateId: string) => `training_certificates:${certificateId}:code`;
export const hashCode = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

/** 80 random bits as 16 base-32 characters (32 divides 256, so taking 5 bits of a byte is unbiased). */
export function newCertificateCode(): string {
  const bytes = crypto.randomBytes(CERTIFICATE_CODE_LENGTH);
  return [...bytes].map((b) => CERTIFICATE_CODE_ALPHABET[b & 31]).join('');
}

export const verifyUrlOf = (ctx: AppContext, code: string) => `${ctx.config.publicUrl}/verify/${code}`;

type CertificateRow = Awaited<ReturnType<typeof findCertificate>> & object;
const findCertificate = (db: Db, id: string) => db.selectFrom('training_certificates').selectAll().where('id', '=', id).executeTakeFirst();

/** Certificates as their holder and organiser see them; their codes unsealed with one key lookup. */
export async function presentCertificates(ctx: AppContext, db: Db, rows: readonly CertificateRow[]): Promise<Map<string, TCertificateBrief>> {
  const sealed = rows.map((row) => row.code as unknown as TSealed);
  const keys = await ctx.envelope.dataKeys(
    db,
    sealed.map((s) => s.k),
  );
  const out = new Map<string, TCertificateBrief>();
  rows.forEach((row, i) => {
    const key = keys.get(sealed[i]!.k);
    if (!key) throw new Error(`missing data key for certificate ${row.id}`);
    const code = ctx.envelope.openWith(key, sealed[i]!, codeAad(row.id)).toString('utf8');
    out.set(row.id, {
      id: row.id,
      code,
      verifyUrl: verifyUrlOf(ctx, code),
      issuedAt: row.issued_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
      revokeReason: row.revoke_reason,
    });
  });
  return out;
}

/** Issues certificates to eligible participants (all still without one, or those named). */
export async function issueCertificates(ctx: AppContext, actor: Actor, workshopId: string, input: z.output<typeof ZCertificateIssue>, info: RequestInfo): Promise<TCertificateIssueResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessFor(trx, actor, workshopId, 'manage', { lock: true });
    const workshop = access.row;
    if (workshop.status === 'cancelled') throw workshopCancelled();
    const sessions = await trx.selectFrom('training_sessions').select(['id', 'held_on']).where('workshop_id', '=', workshopId).orderBy('held_on').execute();
    const required = attendanceRequired(sessions.length);
    const lastBegun = sessions.length > 0 && new Date() >= dayBegunAt(sessions[sessions.length - 1]!.held_on);
    let q = trx
      .selectFrom('training_nominations as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.user_id', 'n.status', 'u.name', 'u.name_latin', 'u.ui_language', 'u.country'])
      .where('n.workshop_id', '=', workshopId);
    q = input.nominationIds ? q.where('n.id', 'in', input.nominationIds.length ? input.nominationIds : ['00000000-0000-0000-0000-000000000000']) : q.where('n.status', '=', 'confirmed');
    const candidates = await q.execute();
    if (input.nominationIds && candidates.length !== new Set(input.nominationIds).size) throw notFound();
    const ids = candidates.map((c) => c.id);
    const [attendance, live] = await Promise.all([
      ids.length ? trx.selectFrom('training_attendance').select(['nomination_id']).where('nomination_id', 'in', ids).where('present', '=', true).execute() : Promise.resolve([]),
      ids.length ? trx.selectFrom('training_certificates').select('nomination_id').where('nomination_id', 'in', ids).where('revoked_at', 'is', null).execute() : Promise.resolve([]),
    ]);
    const attended = (id: string) => attendance.filter((a) => a.nomination_id === id).length;
    const holding = new Set(live.map((l) => l.nomination_id));
    const skipped: TCertificateIssueResult['skipped'] = [];
    const issuedIds: string[] = [];
    const now = new Date();
    for (const c of candidates) {
      if (holding.has(c.id)) {
        skipped.push({ nominationId: c.id, reason: 'already_issued' });
        continue;
      }
      if (c.status !== 'confirmed' || !lastBegun || attended(c.id) < required) {
        skipped.push({ nominationId: c.id, reason: 'not_eligible' });
        continue;
      }
      const id = crypto.randomUUID();
      const code = newCertificateCode();
      await trx
        .insertInto('training_certificates')
        .values({
          id,
          workshop_id: workshopId,
          nomination_id: c.id,
          user_id: c.user_id,
          holder_name: c.name,
          holder_name_latin: c.name_latin,
          holder_language: (UI_LANGUAGES as readonly string[]).includes(c.ui_language) ? c.ui_language : 'en',
          workshop_title: workshop.title,
          starts_on: workshop.starts_on,
          ends_on: workshop.ends_on,
          sessions_attended: attended(c.id),
          sessions_total: sessions.length,
          code_hash: hashCode(code),
          code: JSON.stringify(await ctx.envelope.seal(trx, code, codeAad(id))),
          issued_by: actor.id,
          issued_at: now,
        })
        .execute();
      issuedIds.push(id);
      await addNotices(ctx, trx, [c.user_id], workshopId, 'certificate_issued');
    }
    if (issuedIds.length) {
      await ctx.audit.append(trx, asUser(actor, info), { action: 'training.certificates_issued', targetType: 'training_workshop', targetId: workshopId, country: workshop.host_country, details: { certificateIds: issuedIds } });
      await tell(ctx, trx, await staffIds(trx, workshop), workshopId);
    }
    return { issued: issuedIds.length, skipped };
  });
}

/** Loads a certificate for someone allowed `action` on it; otherwise the 404 of a missing one. */
async function certificateFor(trx: Db, actor: Actor, certificateId: string, action: 'download' | 'revoke') {
  const row = await findCertificate(trx, certificateId);
  const access = row ? await workshopAccess(trx, actor, row.workshop_id) : null;
  authorize(actor, action, 'training_certificate', access && row ? { ...access, holderId: row.user_id } : null);
  return { row: row!, workshop: access!.row };
}

/** The certificate as a PDF, for its holder or whoever manages the workshop; every download audited. */
export async function certificatePdf(ctx: AppContext, actor: Actor, certificateId: string, info: RequestInfo): Promise<{ pdf: Buffer; fileName: string }> {
  const content = await ctx.db.transaction().execute(async (trx) => {
    const { row, workshop } = await certificateFor(trx, actor, certificateId, 'download');
    const [modules, code, holder] = await Promise.all([
      trx
        .selectFrom('training_workshop_modules as wm')
        .innerJoin('training_modules as m', 'm.id', 'wm.module_id')
        .select('m.title')
        .where('wm.workshop_id', '=', workshop.id)
        .orderBy('wm.position')
        .execute(),
      ctx.envelope.open(trx, row.code as unknown as TSealed, codeAad(row.id)),
      trx.selectFrom('users').select('country').where('id', '=', row.user_id).executeTakeFirstOrThrow(),
    ]);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.certificate_downloaded', targetType: 'training_certificate', targetId: row.id, country: holder.country, details: { workshopId: workshop.id } });
    const text = code.toString('utf8');
    return {
      language: row.holder_language as TUiLanguage,
      holderName: row.holder_name,
      holderNameLatin: row.holder_name_latin,
      workshopTitle: row.workshop_title,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      hostCountry: workshop.host_country,
      mode: workshop.mode,
      modules: modules.map((m) => m.title),
      sessionsAttended: row.sessions_attended,
      sessionsTotal: row.sessions_total,
      issuedAt: row.issued_at,
      code: text,
      verifyUrl: verifyUrlOf(ctx, text),
    };
  });
  // Drawn after the transaction: a second of layout must not hold the database.
  const pdf = await renderCertificatePdf(content);
  const safe = content.holderNameLatin.replace(/[^A-Za-z0-9 _-]/g, '').trim().replace(/\s+/g, '-') || 'participant';
  return { pdf, fileName: `certificate-${safe}-${content.startsOn}.pdf` };
}

export async function revokeCertificate(ctx: AppContext, actor: Actor, certificateId: string, reason: string, info: RequestInfo): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, workshop } = await certificateFor(trx, actor, certificateId, 'revoke');
    if (row.revoked_at) throw conflict('certificate_revoked', 'This certificate was already revoked.');
    await trx.updateTable('training_certificates').set({ revoked_at: new Date(), revoked_by: actor.id, revoke_reason: reason }).where('id', '=', certificateId).execute();
    const holder = await trx.selectFrom('users').select('country').where('id', '=', row.user_id).executeTakeFirstOrThrow();
    await addNotices(ctx, trx, [row.user_id], workshop.id, 'certificate_revoked');
    await ctx.audit.append(trx, asUser(actor, info), { action: 'training.certificate_revoked', targetType: 'training_certificate', targetId: certificateId, country: holder.country, details: { workshopId: workshop.id, reason } });
    await tell(ctx, trx, await staffIds(trx, workshop), workshop.id);
  });
}

/**
 * The public check of a code: name, workshop, dates and whether it was revoked — nothing more.
 * A code that is not one, or matches nothing, is unknown (404). Each answer about a real
 * certificate is audited with the asker's address.
 */
export async function verifyCertificate(ctx: AppContext, input: string, info: RequestInfo): Promise<TCertificateVerification> {
  const code = normaliseCertificateCode(input);
  if (!code) throw notFound();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('training_certificates').selectAll().where('code_hash', '=', hashCode(code)).executeTakeFirst();
    if (!row) throw notFound();
    const status = row.revoked_at ? 'revoked' : 'valid';
    await ctx.audit.append(trx, anonymous(info), { action: 'training.certificate_verified', targetType: 'training_certificate', targetId: row.id, country: null, details: { status } });
    return {
      status,
      holderName: row.holder_name,
      holderNameLatin: row.holder_name_latin,
      workshopTitle: row.workshop_title,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      issuedOn: row.issued_at.toISOString().slice(0, 10),
      revokedOn: row.revoked_at?.toISOString().slice(0, 10) ?? null,
    };
  });
}
