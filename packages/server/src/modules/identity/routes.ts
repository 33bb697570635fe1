import { z } from 'zod';
import {
  ZActivationComplete,
  ZActivationStart,
  ZApiToken,
  ZApiTokenCreate,
  ZApiTokenCreated,
  ZLogin,
  ZLoginMfa,
  ZLoginResult,
  ZMe,
  ZMfaDevice,
  ZMfaOverview,
  ZPasswordChange,
  ZProfileUpdate,
  ZRecoveryCodes,
  ZSession,
  ZSessionInfo,
  ZTokenCheck,
  ZTotpAddConfirm,
  ZTotpEnrolment,
  ZPasskeyAdd,
  ZWebAuthnJson,
  listOf,
} from '@focal/shared';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import * as passkeys from './passkeys.js';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { CSRF_COOKIE, SESSION_COOKIE, actorOf, setSessionCookie } from '../../plugins/auth.js';
import { findAgency, findUserById } from './repository.js';
import { presentMe } from './presenter.js';
import * as identity from './service.js';
import { randomToken } from '../../crypto/primitives.js';

const authLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const tags = ['identity'];

export function registerIdentityRoutes(app: App, ctx: AppContext): void {
  app.get('/api/auth/session', { config: { public: true }, schema: { tags, response: { 200: ZSessionInfo } } }, async (request, reply) => {
    let csrfToken = request.cookies[CSRF_COOKIE];
    if (!csrfToken) {
      csrfToken = randomToken();
      reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure: ctx.config.secureCookies });
    }
    const demo = await ctx.db.selectFrom('instance_settings').select('value').where('key', '=', 'demo').executeTakeFirst();
    return {
      user: request.user ? presentMe(request.user, await findAgency(ctx.db, request.user.agency_id)) : null,
      csrfToken,
      setupRequired: await identity.isSetupRequired(ctx.db),
      demo: demo?.value === true,
      mfaPending: request.session?.stage === 'mfa',
      mfaMethods: request.session?.stage === 'mfa' ? await identity.secondFactors(ctx, request.session.user_id) : [],
    };
  });

  app.get(
    '/api/activation/:token',
    { config: { public: true, ...authLimit }, schema: { tags, params: z.object({ token: z.string().max(200) }), response: { 200: ZTokenCheck } } },
    async (request) => identity.checkActivationToken(ctx, request.params.token),
  );

  app.post(
    '/api/activation/start',
    { config: { public: true, ...authLimit }, schema: { tags, body: ZActivationStart, response: { 200: ZTotpEnrolment } } },
    async (request) => identity.startActivation(ctx, request.body),
  );

  app.post(
    '/api/activation/complete',
    { config: { public: true, ...authLimit }, schema: { tags, body: ZActivationComplete, response: { 200: ZRecoveryCodes } } },
    async (request, reply) => {
      const { recoveryCodes, sessionToken } = await identity.completeActivation(ctx, request.body, request.info);
      setSessionCookie(reply, ctx, sessionToken);
      return { recoveryCodes };
    },
  );

  app.post('/api/auth/login', { config: { public: true, ...authLimit }, schema: { tags, body: ZLogin, response: { 200: ZLoginResult } } }, async (request, reply) => {
    const { sessionToken, methods } = await identity.login(ctx, request.body.email, request.body.password, request.info);
    setSessionCookie(reply, ctx, sessionToken);
    return { mfaRequired: true as const, methods };
  });

  app.post('/api/auth/login/mfa', { config: { mfaStep: true, ...authLimit }, schema: { tags, body: ZLoginMfa, response: { 200: ZMe } } }, async (request, reply) => {
    const { sessionToken } = await identity.completeLoginMfa(ctx, request.session!, request.body, request.info);
    setSessionCookie(reply, ctx, sessionToken);
    const row = (await findUserById(ctx.db, request.session!.user_id))!;
    return presentMe(row, await findAgency(ctx.db, row.agency_id));
  });

  app.post('/api/auth/logout', { schema: { tags } }, async (request, reply) => {
    const actor = actorOf(request);
    await identity.logout(ctx, request.session!, actor, request.info);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/me', { config: { tokenScope: 'profile:read' }, schema: { tags, response: { 200: ZMe } } }, async (request) => {
    const { user } = actorOf(request);
    return presentMe(user, await findAgency(ctx.db, user.agency_id));
  });

  app.patch('/api/me', { schema: { tags, body: ZProfileUpdate, response: { 200: ZMe } } }, async (request) => {
    const actor = actorOf(request);
    const user = await identity.updateProfile(ctx, actor, request.body, request.info);
    return presentMe(user, await findAgency(ctx.db, user.agency_id));
  });

  app.post('/api/me/password', { config: authLimit, schema: { tags, body: ZPasswordChange } }, async (request, reply) => {
    await identity.changePassword(ctx, actorOf(request), request.session, request.body.currentPassword, request.body.newPassword, request.info);
    return reply.status(204).send();
  });

  app.get('/api/me/sessions', { schema: { tags, response: { 200: listOf(ZSession) } } }, async (request) => {
    const actor = actorOf(request);
    const rows = await identity.listSessions(ctx, actor.id);
    return {
      items: rows.map((s) => ({
        id: identity.publicSessionId(s.id),
        createdAt: s.created_at.toISOString(),
        lastSeenAt: s.last_seen_at.toISOString(),
        ip: s.ip,
        userAgent: s.user_agent,
        current: s.id === request.session?.id,
      })),
    };
  });

  app.delete('/api/me/sessions/:id', { schema: { tags, params: z.object({ id: z.string().max(64) }) } }, async (request, reply) => {
    await identity.revokeSession(ctx, actorOf(request), request.params.id, request.info);
    return reply.status(204).send();
  });

  app.get('/api/me/mfa', { schema: { tags, response: { 200: ZMfaOverview } } }, async (request) => identity.mfaOverview(ctx, actorOf(request).id));

  app.post('/api/me/mfa/totp', { schema: { tags, response: { 200: ZTotpEnrolment } } }, async (request) => identity.beginTotpDevice(ctx, actorOf(request)));

  app.post('/api/me/mfa/totp/confirm', { config: authLimit, schema: { tags, body: ZTotpAddConfirm, response: { 200: ZMfaDevice } } }, async (request) =>
    identity.confirmTotpDevice(ctx, actorOf(request), request.body.label, request.body.code, request.info),
  );

  app.delete('/api/me/mfa/:id', { schema: { tags, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    await identity.removeMfaDevice(ctx, actorOf(request), request.params.id, request.info);
    return reply.status(204).send();
  });

  app.post('/api/me/mfa/passkey/options', { schema: { tags, response: { 200: ZWebAuthnJson } } }, async (request) => {
    actorOf(request);
    return (await passkeys.beginPasskeyRegistration(ctx, request.session!)) as unknown as Record<string, unknown>;
  });

  app.post('/api/me/mfa/passkey', { config: authLimit, schema: { tags, body: ZPasskeyAdd, response: { 200: ZMfaDevice } } }, async (request) => {
    actorOf(request);
    return passkeys.finishPasskeyRegistration(ctx, request.session!, request.body.label, request.body.response as unknown as RegistrationResponseJSON, request.info);
  });

  app.post('/api/auth/login/passkey/options', { config: { mfaStep: true, ...authLimit }, schema: { tags, response: { 200: ZWebAuthnJson } } }, async (request) =>
    (await passkeys.beginPasskeyLogin(ctx, request.session!)) as unknown as Record<string, unknown>,
  );

  app.post('/api/me/recovery-codes', { schema: { tags, response: { 200: ZRecoveryCodes } } }, async (request) => ({
    recoveryCodes: await identity.regenerateRecoveryCodes(ctx, actorOf(request), request.info),
  }));

  const presentToken = (row: Awaited<ReturnType<typeof identity.listApiTokens>>[number]) => ({
    id: row.id,
    name: row.name,
    scopes: row.scopes as z.infer<typeof ZApiToken>['scopes'],
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
  });

  app.get('/api/me/tokens', { schema: { tags, response: { 200: listOf(ZApiToken) } } }, async (request) => ({
    items: (await identity.listApiTokens(ctx, actorOf(request).id)).map(presentToken),
  }));

  app.post('/api/me/tokens', { schema: { tags, body: ZApiTokenCreate, response: { 200: ZApiTokenCreated } } }, async (request) => {
    const { row, secret } = await identity.createApiToken(ctx, actorOf(request), request.body, request.info);
    return { ...presentToken(row), secret };
  });

  app.delete('/api/me/tokens/:id', { schema: { tags, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    await identity.revokeApiToken(ctx, actorOf(request), request.params.id, request.info);
    return reply.status(204).send();
  });

  // A no-op behind the full gate: the benchmark's measure of what authentication costs.
  app.get('/api/ping', { schema: { tags, response: { 200: z.object({ ok: z.literal(true) }) } } }, async () => ({ ok: true as const }));
}
