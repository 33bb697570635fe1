import crypto from 'node:crypto';
import { sql } from 'kysely';
import { RECOVERY_CODE_COUNT, type TActivationStart, type TLoginMfa, type TProfileUpdate, type TRole, type TUiLanguage } from '@focal/shared';
import type { AppContext, Db } from '../../context.js';
import type { AuditContext } from '../../audit/events.js';
import { AppError, badRequest, conflict, notFound } from '../../errors.js';
import { actorUserId } from '../../policies/index.js';
import { hashToken, randomToken } from '../../crypto/primitives.js';
import { assertStrongPassword, decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { createTotpEnrolment, matchTotpStep } from './totp.js';
import { verifyPasskeyLogin } from './passkeys.js';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import {
  confirmedTotpDevices,
  countUsers,
  findInvitationByTokenHash,
  findSessionWithUser,
  findUserById,
  findUserForLogin,
  searchTextFor,
  type InvitationRow,
  type SessionRow,
  type UserRow,
} from './repository.js';

export const SETUP_TOKEN_TTL_MS = 24 * 3600_000;
const MFA_STEP_TTL_MS = 5 * 60_000;
const ENROLMENT_TTL_MS = 30 * 60_000;
const IP_FAILURE_WINDOW_MS = 15 * 60_000;
const IP_MAX_FAILURES = 50;

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

const anonymous = (info: RequestInfo): AuditContext => ({ actorId: null, actorCountry: null, ...info });
const asUser = (user: { id: string; country: string }, info: RequestInfo): AuditContext => {
  const actorId = actorUserId(user);
  return { actorId, actorCountry: actorId ? user.country : null, ...info };
};

// ---------------------------------------------------------------- setup token

/** Creates the one-time link for the first administrator. Refused once anyone exists. */
export async function createSetupToken(ctx: AppContext, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    // Serialise with a concurrent setup: the audit head lock doubles as a global mutex here.
    await trx.selectFrom('audit_head').select('id').forUpdate().execute();
    if ((await countUsers(trx)) > 0) throw conflict('setup_already_done', 'Focal is already set up: ask an administrator for an invitation.');
    const token = randomToken();
    const expiresAt = new Date(Date.now() + SETUP_TOKEN_TTL_MS);
    // A new setup link replaces any earlier unused one.
    await trx.updateTable('invitations').set({ expires_at: new Date() }).where('kind', '=', 'setup').where('used_at', 'is', null).execute();
    await trx.insertInto('invitations').values({ id: crypto.randomUUID(), kind: 'setup', token_hash: hashToken(token), roles: ['secretariat'], expires_at: expiresAt }).execute();
    await ctx.audit.append(trx, anonymous(info), {
      action: 'setup.token_created',
      targetType: null,
      targetId: null,
      country: null,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { token, url: `${ctx.config.publicUrl}/activate/${token}`, expiresAt };
  });
}

export async function isSetupRequired(db: Db): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

// ---------------------------------------------------------------- activation

function invalidToken(kind: 'setup' | 'invitation' | undefined): AppError {
  return kind === 'setup'
    ? new AppError(404, 'setup_token_invalid', 'This setup link is not valid: it may have expired or been used. Run `focal setup-token` for a new one.')
    : new AppError(404, 'invitation_invalid', 'This invitation is not valid: it may have expired or been used. Ask your administrator for a new one.');
}

async function usableInvitation(db: Db, token: string, forUpdate = false): Promise<InvitationRow> {
  const row = await findInvitationByTokenHash(db, hashToken(token), forUpdate);
  if (!row || row.used_at || row.expires_at.getTime() <= Date.now()) throw invalidToken(row?.kind);
  if (row.kind === 'setup' && (await countUsers(db)) > 0) throw invalidToken('setup');
  return row;
}

export async function checkActivationToken(ctx: AppContext, token: string) {
  const row = await usableInvitation(ctx.db, token);
  return {
    kind: row.kind,
    email: row.kind === 'invitation' ? (row.email ?? '') : '',
    name: row.kind === 'invitation' ? (row.name ?? '') : '',
    nameLatin: row.kind === 'invitation' ? (row.name_latin ?? '') : '',
    country: row.kind === 'invitation' ? row.country : null,
    roles: row.roles as TRole[],
    expiresAt: row.expires_at.toISOString(),
  };
}

/** Step 1: checks identity and password, and hands out a TOTP secret to enrol. Nothing is activated yet. */
export async function startActivation(ctx: AppContext, input: TActivationStart & { uiLanguage: string; timeZone: string }) {
  const check = await usableInvitation(ctx.db, input.token);
  let email = check.email ?? '';
  if (check.kind === 'setup') {
    if (!input.email) throw badRequest('validation_failed', 'Enter your email address.', { email: 'required' });
    if (!input.country) throw badRequest('validation_failed', 'Choose your country.', { country: 'required' });
    email = input.email;
    const taken = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw conflict('email_taken', 'An account with this email already exists.');
  }
  assertStrongPassword(input.password, [input.name, input.nameLatin, email], input.uiLanguage as TUiLanguage);
  const passwordHash = await hashPassword(input.password);
  const enrolment = await createTotpEnrolment(email);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await usableInvitation(trx, input.token, true);
    const sealed = await ctx.envelope.seal(trx, enrolment.secret, `invitations:${row.id}:totp`);
    await trx
      .updateTable('invitations')
      .set({
        pending_totp_secret: JSON.stringify(sealed),
        pending_password_hash: passwordHash,
        pending_started_at: new Date(),
        name: input.name,
        name_latin: input.nameLatin,
        ...(row.kind === 'setup' ? { email, country: input.country ?? null } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    if (row.user_id) {
      await trx.updateTable('users').set({ ui_language: input.uiLanguage, time_zone: input.timeZone }).where('id', '=', row.user_id).execute();
    }
  });
  return enrolment;
}

/** Step 2: the first TOTP code proves the authenticator; the account becomes active and signed in. */
export async function completeActivation(ctx: AppContext, input: { token: string; code: string; uiLanguage?: string; timeZone?: string }, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    if ((await findInvitationByTokenHash(trx, hashToken(input.token)))?.kind === 'setup') {
      await trx.selectFrom('audit_head').select('id').forUpdate().execute();
    }
    const row = await usableInvitation(trx, input.token, true);
    if (!row.pending_totp_secret || !row.pending_password_hash || !row.pending_started_at || row.pending_started_at.getTime() + ENROLMENT_TTL_MS < Date.now()) {
      throw badRequest('mfa_enrolment_expired', 'The enrolment has expired: start again from your link.');
    }
    const secret = await ctx.envelope.openText(trx, row.pending_totp_secret, `invitations:${row.id}:totp`);
    const step = matchTotpStep(secret, input.code, 0);
    if (step === null) throw badRequest('mfa_code_invalid', 'That code is not right. Check the time on your phone and try the current code.');

    let userId = row.user_id;
    const now = new Date();
    if (row.kind === 'setup') {
      userId = crypto.randomUUID();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          email: row.email!,
          name: row.name!,
          name_latin: row.name_latin!,
          search_text: searchTextFor(row.name!, row.name_latin!, row.email!),
          country: row.country!,
          agency_id: null,
          roles: ['secretariat'],
          status: 'active',
          password_hash: row.pending_password_hash,
          invited_by: null,
          created_at: now,
          updated_at: now,
          ...(input.uiLanguage ? { ui_language: input.uiLanguage } : {}),
          ...(input.timeZone ? { time_zone: input.timeZone } : {}),
        })
        .execute();
    } else {
      await trx
        .updateTable('users')
        .set({
          status: 'active',
          password_hash: row.pending_password_hash,
          name: row.name!,
          name_latin: row.name_latin!,
          search_text: searchTextFor(row.name!, row.name_latin!, row.email!),
          updated_at: now,
        })
        .where('id', '=', userId!)
        .where('status', '=', 'invited')
        .execute();
    }
    const user = (await findUserById(trx, userId!))!;
    const deviceId = crypto.randomUUID();
    const sealed = await ctx.envelope.seal(trx, secret, `mfa_totp:${deviceId}:secret`);
    await trx
      .insertInto('mfa_totp')
      .values({ id: deviceId, user_id: user.id, label: 'Authenticator app', secret: JSON.stringify(sealed), confirmed: true, last_used_step: step, created_at: now })
      .execute();
    const recoveryCodes = await replaceRecoveryCodes(trx, user.id);
    await trx.updateTable('invitations').set({ used_at: now, user_id: user.id, pending_totp_secret: null, pending_password_hash: null }).where('id', '=', row.id).execute();
    const session = await createSession(ctx, trx, user.id, 'full', info);
    await trx.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
    const ctxAudit = asUser(user, info);
    if (row.kind === 'setup') {
      await ctx.audit.append(trx, ctxAudit, { action: 'setup.completed', targetType: 'user', targetId: user.id, country: user.country, details: { email: user.email } });
    } else {
      await ctx.audit.append(trx, ctxAudit, { action: 'invitation.accepted', targetType: 'invitation', targetId: row.id, country: user.country, details: { userId: user.id } });
    }
    await ctx.audit.appendMany(trx, ctxAudit, [
      { action: 'user.activated', targetType: 'user', targetId: user.id, country: user.country, details: {} },
      { action: 'mfa.totp_added', targetType: 'user', targetId: user.id, country: user.country, details: { deviceId, label: 'Authenticator app' } },
      { action: 'mfa.recovery_codes_generated', targetType: 'user', targetId: user.id, country: user.country, details: {} },
    ]);
    return { recoveryCodes, sessionToken: session.token };
  });
}

/** Ten fresh one-time codes, stored as SHA-256 (they are random, so a fast hash is enough). */
export async function replaceRecoveryCodes(trx: Db, userId: string): Promise<string[]> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = crypto.randomBytes(8).toString('hex');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
  });
  await trx
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ id: crypto.randomUUID(), user_id: userId, code_hash: hashToken(normaliseRecoveryCode(code)) })))
    .execute();
  return codes;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^0-9a-f]/g, '');

// ---------------------------------------------------------------- sessions

export async function createSession(ctx: AppContext, trx: Db, userId: string, stage: 'mfa' | 'full', info: RequestInfo) {
  const token = randomToken();
  const ttl = stage === 'mfa' ? MFA_STEP_TTL_MS : ctx.config.sessionAbsoluteMs;
  await trx
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      stage,
      pending_challenge: null,
      expires_at: new Date(Date.now() + ttl),
      ip: info.ip,
      user_agent: info.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token };
}

/**
 * The session behind a cookie, if it is live: not revoked, within its absolute lifetime, and
 * used within the idle timeout. Refreshes `last_seen_at` at most once a minute.
 */
export async function resolveSession(ctx: AppContext, token: string): Promise<{ session: SessionRow; user: UserRow } | null> {
  const found = await findSessionWithUser(ctx.db, hashToken(token));
  if (!found || found.session.revoked_at) return null;
  const { session } = found;
  const now = Date.now();
  if (session.expires_at.getTime() <= now) return null;
  if (session.stage === 'full' && session.last_seen_at.getTime() + ctx.config.sessionIdleMs <= now) return null;
  if (session.stage === 'full' && now - session.last_seen_at.getTime() > 60_000) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id', '=', session.id).execute();
  }
  return found;
}

/** Whether a session (by its key) is still live: the realtime stream re-checks it. */
export async function resolveSessionById(ctx: AppContext, sessionId: string) {
  const found = await findSessionWithUser(ctx.db, sessionId);
  if (!found || found.session.revoked_at || found.user.status !== 'active') return null;
  const now = Date.now();
  if (found.session.expires_at.getTime() <= now) return null;
  if (found.session.stage === 'full' && found.session.last_seen_at.getTime() + ctx.config.sessionIdleMs <= now) return null;
  return found;
}

export async function logout(ctx: AppContext, session: SessionRow, user: { id: string; country: string }, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', session.id).execute();
    await ctx.realtime.publish(trx, [user.id], { type: 'session_revoked', sessionId: publicSessionId(session.id) });
    await ctx.audit.append(trx, asUser(user, info), { action: 'auth.logout', targetType: 'user', targetId: user.id, country: user.country, details: {} });
  });
}

export async function listSessions(ctx: AppContext, userId: string) {
  return ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('stage', '=', 'full')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .where('last_seen_at', '>', new Date(Date.now() - ctx.config.sessionIdleMs))
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Sessions are addressed by a short public id derived from their key, never by the key. */
export const publicSessionId = (sessionId: string) => sessionId.slice(0, 16);

export async function revokeSession(ctx: AppContext, actor: { id: string; country: string }, publicId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const sessions = await trx.selectFrom('sessions').select(['id']).where('user_id', '=', actor.id).where('revoked_at', 'is', null).execute();
    const target = sessions.find((s) => publicSessionId(s.id) === publicId);
    if (!target) throw notFound();
    await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', target.id).execute();
    await ctx.realtime.publish(trx, [actor.id], { type: 'session_revoked', sessionId: publicId });
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'session.revoked',
      targetType: 'session',
      targetId: publicId,
      country: actor.country,
      details: { userId: actor.id, reason: 'user' },
    });
  });
}

/** Ends every live session of a user (but `exceptId`), and tells their open tabs at commit. */
export async function endSessions(ctx: AppContext, trx: Db, userId: string, exceptId?: string) {
  let query = trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const ended = await query.returning('id').execute();
  for (const session of ended) await ctx.realtime.publish(trx, [userId], { type: 'session_revoked', sessionId: publicSessionId(session.id) });
}

// ---------------------------------------------------------------- login

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Each further failure doubles the wait before the answer, up to 4 s. */
const failureDelayMs = (failures: number) => Math.min(250 * 2 ** Math.max(0, failures - 1), 4000);

async function throttleIp(trx: Db, ip: string | null, failed: boolean): Promise<number> {
  if (!ip) return 0;
  const row = await trx.selectFrom('login_throttle').selectAll().where('ip', '=', ip).forUpdate().executeTakeFirst();
  const fresh = !row || row.window_started_at.getTime() + IP_FAILURE_WINDOW_MS < Date.now();
  if (!failed) return fresh ? 0 : row!.failures;
  const failures = fresh ? 1 : row!.failures + 1;
  await trx
    .insertInto('login_throttle')
    .values({ ip, failures, window_started_at: fresh ? new Date() : row!.window_started_at })
    .onConflict((oc) => oc.column('ip').doUpdateSet({ failures, window_started_at: fresh ? new Date() : row!.window_started_at }))
    .execute();
  return failures;
}

async function assertIpNotThrottled(ctx: AppContext, ip: string | null) {
  if (!ip) return;
  const row = await ctx.db.selectFrom('login_throttle').selectAll().where('ip', '=', ip).executeTakeFirst();
  if (row && row.failures >= IP_MAX_FAILURES && row.window_started_at.getTime() + IP_FAILURE_WINDOW_MS > Date.now()) {
    const retryAfterSeconds = Math.ceil((row.window_started_at.getTime() + IP_FAILURE_WINDOW_MS - Date.now()) / 1000);
    throw new AppError(429, 'rate_limited', 'Too many failed sign-ins from this address. Try again later.', { retryAfterSeconds });
  }
}

function lockedError(lockedUntil: Date) {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
  return new AppError(423, 'account_locked', 'This account is locked after too many failed attempts. Wait, or ask your national administrator to unlock it.', {
    retryAfterSeconds,
  });
}

/** Records a failed password or code: progressive delay, then a lock after the configured count. */
async function recordFailure(ctx: AppContext, user: { id: string; country: string; email: string } | undefined, email: string, reason: string, info: RequestInfo) {
  const failures = await ctx.db.transaction().execute(async (trx) => {
    const ipFailures = await throttleIp(trx, info.ip, true);
    let count = ipFailures;
    if (user) {
      const updated = await trx
        .updateTable('users')
        .set({ failed_logins: sql`failed_logins + 1` })
        .where('id', '=', user.id)
        .returning(['failed_logins'])
        .executeTakeFirstOrThrow();
      count = updated.failed_logins;
      if (count >= ctx.config.loginMaxFailures) {
        await trx.updateTable('users').set({ locked_until: new Date(Date.now() + ctx.config.loginLockMs) }).where('id', '=', user.id).execute();
        if (count === ctx.config.loginMaxFailures) {
          await ctx.audit.append(trx, anonymous(info), { action: 'auth.locked', targetType: 'user', targetId: user.id, country: user.country, details: { failures: count } });
        }
      }
    }
    await ctx.audit.append(trx, anonymous(info), {
      action: 'auth.login_failed',
      targetType: user ? 'user' : null,
      targetId: user ? user.id : null,
      country: user?.country ?? null,
      details: { reason, email },
    } as never);
    return count;
  });
  await sleep(failureDelayMs(failures));
}

export async function login(ctx: AppContext, email: string, password: string, info: RequestInfo) {
  await assertIpNotThrottled(ctx, info.ip);
  const user = await findUserForLogin(ctx.db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  // A lock is revealed only to someone who knows the password: to anyone else a locked account
  // answers like a wrong password, so locking cannot be used to learn which emails exist.
  if (ok && user?.locked_until && user.locked_until.getTime() > Date.now()) throw lockedError(user.locked_until);
  if (!user || !ok || user.status !== 'active') {
    await recordFailure(ctx, user, email, !user ? 'unknown_account' : !ok ? 'wrong_password' : `status_${user.status}`, info);
    throw new AppError(401, 'invalid_credentials', 'The email or password is not right.');
  }
  const session = await ctx.db.transaction().execute((trx) => createSession(ctx, trx, user.id, 'mfa', info));
  return { sessionToken: session.token, methods: await secondFactors(ctx, user.id) };
}

/** The second factors a user can sign in with. */
export async function secondFactors(ctx: AppContext, userId: string): Promise<('totp' | 'recovery' | 'passkey')[]> {
  const passkeys = await ctx.db.selectFrom('mfa_passkeys').select('id').where('user_id', '=', userId).limit(1).execute();
  return passkeys.length > 0 ? ['totp', 'recovery', 'passkey'] : ['totp', 'recovery'];
}

/** The second factor. On success the half-open session is replaced by a full one (new key). */
export async function completeLoginMfa(ctx: AppContext, pending: SessionRow, input: TLoginMfa, info: RequestInfo) {
  const user = await findUserForLogin(ctx.db, (await findUserById(ctx.db, pending.user_id))!.email);
  if (!user || user.status !== 'active') throw new AppError(401, 'unauthenticated', 'Sign in again.');
  if (user.locked_until && user.locked_until.getTime() > Date.now()) throw lockedError(user.locked_until);

  // Checked before the transaction: it reads and writes on its own (one connection on PGlite).
  const passkeyOk = 'passkey' in input ? await verifyPasskeyLogin(ctx, pending, input.passkey as unknown as AuthenticationResponseJSON) : false;
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    let method: string | null = passkeyOk ? 'passkey' : null;
    let recoveryLeft = -1;
    if ('passkey' in input) {
      // decided above
    } else if ('code' in input) {
      for (const device of await confirmedTotpDevices(trx, user.id)) {
        const secret = await ctx.envelope.openText(trx, device.secret, `mfa_totp:${device.id}:secret`);
        const step = matchTotpStep(secret, input.code, device.last_used_step);
        if (step !== null) {
          await trx.updateTable('mfa_totp').set({ last_used_step: step }).where('id', '=', device.id).execute();
          method = 'totp';
          break;
        }
      }
    } else {
      const used = await trx
        .updateTable('recovery_codes')
        .set({ used_at: new Date() })
        .where('user_id', '=', user.id)
        .where('code_hash', '=', hashToken(normaliseRecoveryCode(input.recoveryCode)))
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (used) {
        method = 'recovery_code';
        const left = await trx.selectFrom('recovery_codes').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', user.id).where('used_at', 'is', null).executeTakeFirstOrThrow();
        recoveryLeft = left.n;
      }
    }
    if (!method) return null;
    await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', pending.id).execute();
    const session = await createSession(ctx, trx, user.id, 'full', info);
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', user.id).execute();
    await throttleIp(trx, info.ip, false);
    const auditCtx = asUser(user, info);
    if (recoveryLeft >= 0) {
      await ctx.audit.append(trx, auditCtx, { action: 'mfa.recovery_code_used', targetType: 'user', targetId: user.id, country: user.country, details: { left: recoveryLeft } });
    }
    await ctx.audit.append(trx, auditCtx, { action: 'auth.login_succeeded', targetType: 'user', targetId: user.id, country: user.country, details: { method } });
    return { sessionToken: session.token };
  });
  if (!outcome) {
    await recordFailure(ctx, user, user.email, 'code' in input ? 'wrong_totp' : 'passkey' in input ? 'passkey_refused' : 'wrong_recovery_code', info);
    throw badRequest('mfa_code_invalid', 'That code is not right.');
  }
  return outcome;
}

// ---------------------------------------------------------------- profile, password, MFA devices

export async function updateProfile(ctx: AppContext, actor: { id: string; country: string }, patch: TProfileUpdate, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = (await findUserById(trx, actor.id))!;
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.nameLatin !== undefined) set.name_latin = patch.nameLatin;
    if (patch.uiLanguage !== undefined) set.ui_language = patch.uiLanguage;
    if (patch.timeZone !== undefined) {
      if (!isValidTimeZone(patch.timeZone)) throw badRequest('validation_failed', 'Unknown time zone.', { timeZone: 'unknown' });
      set.time_zone = patch.timeZone;
    }
    if (patch.languages !== undefined) set.languages = patch.languages;
    if (patch.phones !== undefined) set.phones = JSON.stringify(patch.phones);
    if (patch.available247 !== undefined) set.available_247 = patch.available247;
    if (patch.name !== undefined || patch.nameLatin !== undefined) {
      set.search_text = searchTextFor(patch.name ?? before.name, patch.nameLatin ?? before.name_latin, before.email);
    }
    await trx.updateTable('users').set(set).where('id', '=', actor.id).execute();
    const fields = Object.keys(patch).filter((k) => patch[k as keyof TProfileUpdate] !== undefined);
    if (fields.length > 0) {
      await ctx.audit.append(trx, asUser(actor, info), { action: 'user.updated', targetType: 'user', targetId: actor.id, country: actor.country, details: { fields } });
    }
    return (await findUserById(trx, actor.id))!;
  });
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function changePassword(ctx: AppContext, actor: { id: string; country: string }, session: SessionRow | null, current: string, next: string, info: RequestInfo) {
  const user = await ctx.db.selectFrom('users').select(['email', 'name', 'name_latin', 'password_hash', 'ui_language']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash ?? (await decoyPasswordHash()), current))) {
    throw badRequest('password_incorrect', 'Your current password is not right.', { currentPassword: 'incorrect' });
  }
  assertStrongPassword(next, [user.name, user.name_latin, user.email], user.ui_language as TUiLanguage);
  const passwordHash = await hashPassword(next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', actor.id).execute();
    // Other sessions end: whoever knew the old password is signed out everywhere else.
    await endSessions(ctx, trx, actor.id, session?.id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'user.password_changed', targetType: 'user', targetId: actor.id, country: actor.country, details: {} });
  });
}

export async function mfaOverview(ctx: AppContext, userId: string) {
  const devices = await confirmedTotpDevices(ctx.db, userId);
  const passkeys = await ctx.db.selectFrom('mfa_passkeys').selectAll().where('user_id', '=', userId).execute();
  const left = await ctx.db.selectFrom('recovery_codes').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return {
    devices: [
      ...devices.map((d) => ({ id: d.id, kind: 'totp' as const, label: d.label, createdAt: d.created_at.toISOString() })),
      ...passkeys.map((p) => ({ id: p.id, kind: 'passkey' as const, label: p.label, createdAt: p.created_at.toISOString() })),
    ],
    recoveryCodesLeft: left.n,
  };
}

/** Starts adding another authenticator: an unconfirmed device until a code proves it. */
export async function beginTotpDevice(ctx: AppContext, actor: { id: string }) {
  const user = (await findUserById(ctx.db, actor.id))!;
  const enrolment = await createTotpEnrolment(user.email);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('mfa_totp').where('user_id', '=', actor.id).where('confirmed', '=', false).execute();
    const id = crypto.randomUUID();
    const sealed = await ctx.envelope.seal(trx, enrolment.secret, `mfa_totp:${id}:secret`);
    await trx.insertInto('mfa_totp').values({ id, user_id: actor.id, label: 'pending', secret: JSON.stringify(sealed), confirmed: false, created_at: new Date() }).execute();
  });
  return enrolment;
}

export async function confirmTotpDevice(ctx: AppContext, actor: { id: string; country: string }, label: string, code: string, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const pending = await trx.selectFrom('mfa_totp').selectAll().where('user_id', '=', actor.id).where('confirmed', '=', false).forUpdate().executeTakeFirst();
    if (!pending || pending.created_at.getTime() + ENROLMENT_TTL_MS < Date.now()) throw badRequest('mfa_enrolment_expired', 'Start adding the authenticator again.');
    const secret = await ctx.envelope.openText(trx, pending.secret, `mfa_totp:${pending.id}:secret`);
    const step = matchTotpStep(secret, code, 0);
    if (step === null) throw badRequest('mfa_code_invalid', 'That code is not right.');
    await trx.updateTable('mfa_totp').set({ confirmed: true, label, last_used_step: step }).where('id', '=', pending.id).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'mfa.totp_added', targetType: 'user', targetId: actor.id, country: actor.country, details: { deviceId: pending.id, label } });
    return { id: pending.id, kind: 'totp' as const, label, createdAt: pending.created_at.toISOString() };
  });
}

export async function removeMfaDevice(ctx: AppContext, actor: { id: string; country: string }, deviceId: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const totp = await trx.selectFrom('mfa_totp').select('id').where('user_id', '=', actor.id).where('confirmed', '=', true).forUpdate().execute();
    const passkeys = await trx.selectFrom('mfa_passkeys').select('id').where('user_id', '=', actor.id).forUpdate().execute();
    const all = [...totp, ...passkeys].map((d) => d.id);
    if (!all.includes(deviceId)) throw notFound();
    if (all.length === 1) throw conflict('last_mfa_method', 'This is your only second factor: add another before removing it.');
    await trx.deleteFrom('mfa_totp').where('id', '=', deviceId).execute();
    await trx.deleteFrom('mfa_passkeys').where('id', '=', deviceId).execute();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'mfa.removed', targetType: 'user', targetId: actor.id, country: actor.country, details: { deviceId } });
  });
}

export async function regenerateRecoveryCodes(ctx: AppContext, actor: { id: string; country: string }, info: RequestInfo) {
  return ctx.db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, actor.id);
    await ctx.audit.append(trx, asUser(actor, info), { action: 'mfa.recovery_codes_generated', targetType: 'user', targetId: actor.id, country: actor.country, details: {} });
    return codes;
  });
}

// ---------------------------------------------------------------- API tokens

export const API_TOKEN_PREFIX = 'focal_';

export async function createApiToken(ctx: AppContext, actor: { id: string; country: string }, input: { name: string; scopes: string[]; expiresInDays: number }, info: RequestInfo) {
  const secret = `${API_TOKEN_PREFIX}${randomToken()}`;
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('api_tokens')
      .values({ id, user_id: actor.id, name: input.name, token_hash: hashToken(secret), scopes: input.scopes, expires_at: expiresAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.audit.append(trx, asUser(actor, info), {
      action: 'token.created',
      targetType: 'api_token',
      targetId: id,
      country: actor.country,
      details: { name: input.name, scopes: input.scopes, expiresAt: expiresAt.toISOString() },
    });
    return inserted;
  });
  return { row, secret };
}

export async function listApiTokens(ctx: AppContext, userId: string) {
  return ctx.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function revokeApiToken(ctx: AppContext, actor: { id: string; country: string }, id: string, info: RequestInfo) {
  await ctx.db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('user_id', '=', actor.id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!revoked) throw notFound();
    await ctx.audit.append(trx, asUser(actor, info), { action: 'token.revoked', targetType: 'api_token', targetId: id, country: actor.country, details: {} });
  });
}

/** The user behind a bearer token, if the token is live; records its use (at most once a minute). */
export async function resolveApiToken(ctx: AppContext, secret: string) {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await ctx.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashToken(secret)).executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await ctx.db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return row;
}

export { asUser, anonymous };
