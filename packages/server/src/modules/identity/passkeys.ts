import crypto from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { asUser, type RequestInfo } from './service.js';
import { findUserById, type SessionRow } from './repository.js';

const CHALLENGE_TTL_MS = 5 * 60_000;

/** The challenge lives on the session that asked for it, with its time, and is used once. */
const packChallenge = (challenge: string) => `${Date.now()}:${challenge}`;
function takeChallenge(session: SessionRow): string {
  const [at, challenge] = (session.pending_challenge ?? '').split(':');
  if (!challenge || Number(at) + CHALLENGE_TTL_MS < Date.now()) throw badRequest('mfa_code_invalid', 'The passkey request expired: try again.');
  return challenge;
}

const rp = (ctx: AppContext) => ({ rpID: ctx.config.webauthnRpId, origin: ctx.config.publicUrl });

/** Options for navigator.credentials.create(), for a signed-in user adding a passkey. */
export async function beginPasskeyRegistration(ctx: AppContext, session: SessionRow) {
  const user = (await findUserById(ctx.db, session.user_id))!;
  const existing = await ctx.db.selectFrom('mfa_passkeys').select(['credential_id', 'transports']).where('user_id', '=', user.id).execute();
  const options = await generateRegistrationOptions({
    rpName: 'Focal',
    rpID: rp(ctx).rpID,
    userName: user.email,
    userDisplayName: user.name_latin,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports as never })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await ctx.db.updateTable('sessions').set({ pending_challenge: packChallenge(options.challenge) }).where('id', '=', session.id).execute();
  return options;
}

export async function finishPasskeyRegistration(ctx: AppContext, session: SessionRow, label: string, response: RegistrationResponseJSON, info: RequestInfo) {
  const expectedChallenge = takeChallenge(session);
  const verification = await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin: rp(ctx).origin, expectedRPID: rp(ctx).rpID }).catch(() => null);
  if (!verification?.verified) throw badRequest('mfa_code_invalid', 'The passkey could not be verified.');
  const { credential } = verification.registrationInfo;
  const user = (await findUserById(ctx.db, session.user_id))!;
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ pending_challenge: null }).where('id', '=', session.id).execute();
    const id = crypto.randomUUID();
    const row = await trx
      .insertInto('mfa_passkeys')
      .values({ id, user_id: user.id, label, credential_id: credential.id, public_key: Buffer.from(credential.publicKey), counter: credential.counter, transports: credential.transports ?? [] })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.audit.append(trx, asUser(user, info), { action: 'mfa.passkey_added', targetType: 'user', targetId: user.id, country: user.country, details: { deviceId: id, label } });
    return { id: row.id, kind: 'passkey' as const, label: row.label, createdAt: row.created_at.toISOString() };
  });
}

/** Options for navigator.credentials.get(), for a login that has passed the password step. */
export async function beginPasskeyLogin(ctx: AppContext, pending: SessionRow) {
  const credentials = await ctx.db.selectFrom('mfa_passkeys').select(['credential_id', 'transports']).where('user_id', '=', pending.user_id).execute();
  if (credentials.length === 0) throw badRequest('mfa_code_invalid', 'This account has no passkey.');
  const options = await generateAuthenticationOptions({
    rpID: rp(ctx).rpID,
    allowCredentials: credentials.map((c) => ({ id: c.credential_id, transports: c.transports as never })),
    userVerification: 'preferred',
  });
  await ctx.db.updateTable('sessions').set({ pending_challenge: packChallenge(options.challenge) }).where('id', '=', pending.id).execute();
  return options;
}

/** Checks the assertion; on success the caller completes the login like a TOTP code would. */
export async function verifyPasskeyLogin(ctx: AppContext, pending: SessionRow, response: AuthenticationResponseJSON): Promise<boolean> {
  const expectedChallenge = takeChallenge(pending);
  await ctx.db.updateTable('sessions').set({ pending_challenge: null }).where('id', '=', pending.id).execute();
  const stored = await ctx.db.selectFrom('mfa_passkeys').selectAll().where('user_id', '=', pending.user_id).where('credential_id', '=', response.id).executeTakeFirst();
  if (!stored) return false;
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp(ctx).origin,
    expectedRPID: rp(ctx).rpID,
    credential: { id: stored.credential_id, publicKey: new Uint8Array(stored.public_key), counter: stored.counter, transports: stored.transports },
  }).catch(() => null);
  if (!verification?.verified) return false;
  await ctx.db.updateTable('mfa_passkeys').set({ counter: verification.authenticationInfo.newCounter }).where('id', '=', stored.id).execute();
  return true;
}
