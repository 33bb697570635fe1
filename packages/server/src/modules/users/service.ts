import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { TInvitationCreate, TUserStatus } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import { AppError, badRequest, conflict } from '../../errors.js';
import { actorUserId, authorize, authorizeAction, can, type Actor } from '../../policies/index.js';
import { hashToken, randomToken } from '../../crypto/primitives.js';
import { findUserById, fold, searchTextFor, userColumns } from '../identity/repository.js';
import { asUser, endSessions, type RequestInfo } from '../identity/service.js';
import { grantableRoles } from './policy.js';

/** The users an admin manages, with their contact details: the read is audited with its filters. */
export async function listUsersForAdmin(
  ctx: AppContext,
  actor: Actor,
  filters: { country?: string | undefined; status?: TUserStatus | undefined; q?: string | undefined },
  info: RequestInfo,
) {
  authorizeAction(actor, 'use', 'user_admin');
  return ctx.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('users').select(userColumns).orderBy('users.country').orderBy('users.name_latin').limit(1000);
    // Scoped in SQL: a national admin's query never reaches another country's rows.
    if (!actor.roles.includes('secretariat')) query = query.where('users.country', '=', actor.country);
    if (filters.country) query = query.where('users.country', '=', filters.country);
    if (filters.status) query = query.where('users.status', '=', filters.status);
    if (filters.q) query = query.where('users.search_text', 'like', `%${escapeLike(fold(filters.q))}%`);
    const rows = (await query.execute()).filter((row) => can(actor, 'view_admin', 'user', row));
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'admin.users_listed',
      targetType: null,
      targetId: null,
      country: filters.country ?? (actor.roles.includes('secretariat') ? null : actor.country),
      details: { filters: JSON.stringify(filters), rows: rows.length },
    });
    return rows;
  });
}

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function inviteUser(ctx: AppContext, actor: Actor, input: TInvitationCreate, info: RequestInfo) {
  authorizeAction(actor, 'use', 'user_admin');
  if (!can(actor, 'create', 'invitation', input)) throw badRequest('country_not_allowed', 'You can only invite users of your own country.', { country: 'not_allowed' });
  const allowed = grantableRoles(actor);
  const refused = input.roles.filter((role) => !allowed.includes(role));
  if (refused.length > 0) throw badRequest('role_not_allowed', `You cannot give the role ${refused.join(', ')}.`, { roles: 'not_allowed' });
  if (input.agencyId) {
    const agency = await ctx.db.selectFrom('agencies').select('country').where('id', '=', input.agencyId).executeTakeFirst();
    if (!agency || agency.country !== input.country) throw badRequest('validation_failed', 'The agency does not belong to that country.', { agencyId: 'wrong_country' });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select(['id', 'status', 'country']).where('email', '=', input.email).executeTakeFirst();
    if (existing && existing.status !== 'invited') throw conflict('email_taken', 'A user with this email already exists.');
    if (existing && !can(actor, 'manage', 'user', { country: existing.country, roles: [] })) throw conflict('email_taken', 'A user with this email already exists.');
    const userId = existing?.id ?? crypto.randomUUID();
    const now = new Date();
    const values = {
      name: input.name,
      name_latin: input.nameLatin,
      search_text: searchTextFor(input.name, input.nameLatin, input.email),
      country: input.country,
      agency_id: input.agencyId ?? null,
      roles: input.roles,
      updated_at: now,
    };
    if (existing) {
      // Re-inviting someone who never activated replaces the earlier link.
      await trx.updateTable('users').set(values).where('id', '=', userId).execute();
    } else {
      await trx.insertInto('users').values({ id: userId, email: input.email, status: 'invited', password_hash: null, invited_by: actorUserId(actor), created_at: now, ...values }).execute();
    }
    const link = await issueInvitationLink(ctx, trx, actor, { userId, email: input.email, name: input.name, nameLatin: input.nameLatin, country: input.country, agencyId: input.agencyId ?? null, roles: input.roles }, info);
    return { ...link, userId };
  });
}

interface InvitationFor {
  userId: string;
  email: string;
  name: string;
  nameLatin: string;
  country: string;
  agencyId: string | null;
  roles: string[];
}

/** A single-use activation link for an invited (or MFA-reset) user, valid 72 hours. */
async function issueInvitationLink(ctx: AppContext, trx: Db, actor: Actor, user: InvitationFor, info: RequestInfo) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + ctx.config.invitationTtlMs);
  const id = crypto.randomUUID();
  await trx.updateTable('invitations').set({ expires_at: new Date() }).where('user_id', '=', user.userId).where('used_at', 'is', null).execute();
  await trx
    .insertInto('invitations')
    .values({
      id,
      kind: 'invitation',
      token_hash: hashToken(token),
      email: user.email,
      name: user.name,
      name_latin: user.nameLatin,
      country: user.country,
      agency_id: user.agencyId,
      roles: user.roles,
      invited_by: actorUserId(actor),
      user_id: user.userId,
      expires_at: expiresAt,
    })
    .execute();
  await ctx.audit.append(trx, asUser(actor, info), {
    action: 'invitation.created',
    targetType: 'invitation',
    targetId: id,
    country: user.country,
    details: { email: user.email, roles: user.roles },
  });
  return { id, url: `${ctx.config.publicUrl}/activate/${token}`, expiresAt: expiresAt.toISOString() };
}

export type AdminAction = 'suspend' | 'reactivate' | 'unlock' | 'reset-mfa' | 'deactivate';

/** Suspend, reactivate, unlock or reset the MFA of a user the admin manages (else 404). */
export async function administerUser(ctx: AppContext, actor: Actor, userId: string, action: AdminAction, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('users').select(userColumns).where('id', '=', userId).forUpdate().executeTakeFirst();
    authorize(actor, 'manage', 'user', target);
    if (target.id === actor.id) throw new AppError(409, 'conflict', 'You cannot do this to your own account.');
    const auditCtx = asUser(actor, info);
    let invitationUrl: string | undefined;
    const base = { targetType: 'user' as const, targetId: target.id, country: target.country, details: {} };
    switch (action) {
      case 'suspend':
        if (target.status !== 'active') throw conflict('conflict', 'Only an active user can be suspended.');
        await trx.updateTable('users').set({ status: 'suspended', updated_at: new Date() }).where('id', '=', target.id).execute();
        await endSessions(ctx, trx, target.id);
        await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', target.id).where('revoked_at', 'is', null).execute();
        await ctx.audit.append(trx, auditCtx, { action: 'user.suspended', ...base });
        break;
      case 'deactivate':
        // For someone who has left the service: final, unlike a suspension. The row stays so
        // the audit and what they provided keep their author.
        if (target.status === 'deactivated') throw conflict('conflict', 'This user is already deactivated.');
        await trx.updateTable('users').set({ status: 'deactivated', updated_at: new Date() }).where('id', '=', target.id).execute();
        await endSessions(ctx, trx, target.id);
        await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', target.id).where('revoked_at', 'is', null).execute();
        await trx.updateTable('invitations').set({ expires_at: new Date() }).where('user_id', '=', target.id).where('used_at', 'is', null).execute();
        await ctx.audit.append(trx, auditCtx, { action: 'user.deactivated', ...base });
        break;
      case 'reactivate':
        if (target.status !== 'suspended') throw conflict('conflict', 'Only a suspended user can be reactivated.');
        await trx.updateTable('users').set({ status: 'active', updated_at: new Date() }).where('id', '=', target.id).execute();
        await ctx.audit.append(trx, auditCtx, { action: 'user.reactivated', ...base });
        break;
      case 'unlock':
        await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', target.id).execute();
        await ctx.audit.append(trx, auditCtx, { action: 'user.unlocked', ...base });
        break;
      case 'reset-mfa': {
        // The user enrols again from a fresh link, as a new invitee: every factor, recovery
        // code and session goes, and so does the password, which may have leaked with them.
        await trx.deleteFrom('mfa_totp').where('user_id', '=', target.id).execute();
        await trx.deleteFrom('mfa_passkeys').where('user_id', '=', target.id).execute();
        await trx.deleteFrom('recovery_codes').where('user_id', '=', target.id).execute();
        await endSessions(ctx, trx, target.id);
        await trx.updateTable('users').set({ status: 'invited', password_hash: null, failed_logins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', target.id).execute();
        await ctx.audit.append(trx, auditCtx, { action: 'mfa.reset_by_admin', ...base });
        invitationUrl = (
          await issueInvitationLink(
            ctx,
            trx,
            actor,
            { userId: target.id, email: target.email, name: target.name, nameLatin: target.name_latin, country: target.country, agencyId: target.agency_id, roles: target.roles },
            info,
          )
        ).url;
        break;
      }
    }
    return { user: (await findUserById(trx, target.id))!, invitationUrl };
  });
}

export async function createAgency(ctx: AppContext, actor: Actor, input: { country: string; name: string; type: string }, info: RequestInfo) {
  authorizeAction(actor, 'use', 'user_admin');
  if (!can(actor, 'create', 'agency', input)) throw badRequest('country_not_allowed', 'You can only add agencies of your own country.');
  return ctx.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('agencies').select('id').where('country', '=', input.country).where(sql`lower(name)`, '=', input.name.toLowerCase()).executeTakeFirst();
    if (exists) throw conflict('conflict', 'This agency already exists.');
    const row = await trx.insertInto('agencies').values({ id: crypto.randomUUID(), ...input }).returningAll().executeTakeFirstOrThrow();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'agency.created', targetType: 'agency', targetId: row.id, country: row.country, details: { name: row.name, type: row.type } });
    return row;
  });
}
