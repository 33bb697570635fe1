import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TRole } from '@focal/shared';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Actor } from '../policies/index.js';
import { timingSafeEqualStrings } from '../crypto/primitives.js';
import { findUserById, type SessionRow, type UserRow } from '../modules/identity/repository.js';
import { resolveApiToken, resolveSession, type RequestInfo } from '../modules/identity/service.js';
import type { AuditContext } from '../audit/events.js';

export const SESSION_COOKIE = 'focal_session';
export const CSRF_COOKIE = 'focal_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session. Keep this list small: the route test prints it. */
    public?: boolean;
    /** Reachable with a session that has passed the password but not yet the second factor. */
    mfaStep?: boolean;
    /** API tokens with this scope may call the route; without it, tokens are refused. */
    tokenScope?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    user: UserRow | null;
    session: SessionRow | null;
    info: RequestInfo;
    auditContext: () => AuditContext;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const unauthenticated = () => new AppError(401, 'unauthenticated', 'Sign in to continue.');

/**
 * The gate in front of every route: deny by default. A route is reachable without a session
 * only when it says `config: { public: true }`; every unsafe request must carry the CSRF
 * token (double submit: header equal to the SameSite=Strict cookie) unless it comes with an
 * API token, which browsers never attach on their own.
 */
export function registerAuthGate(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('info', null as unknown as RequestInfo);
  app.decorateRequest('auditContext', function (this: FastifyRequest): AuditContext {
    return { actorId: this.actor?.id ?? null, actorCountry: this.actor?.country ?? null, ...this.info };
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.info = { ip: request.ip ?? null, userAgent: (request.headers['user-agent'] as string | undefined) ?? null };
    const config = request.routeOptions.config ?? {};
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

    if (bearer) {
      const token = await resolveApiToken(ctx, bearer);
      if (!token) throw unauthenticated();
      if (!config.tokenScope) throw new AppError(401, 'unauthenticated', 'API tokens cannot use this route.');
      if (!token.scopes.includes(config.tokenScope)) throw new AppError(403, 'token_scope_denied', `This token lacks the scope ${config.tokenScope}.`);
      const user = await findUserById(ctx.db, token.user_id);
      if (!user || user.status !== 'active') throw unauthenticated();
      request.user = user;
      request.actor = { id: user.id, country: user.country, roles: user.roles as TRole[], tokenScopes: token.scopes };
      return;
    }

    if (UNSAFE.has(request.method)) {
      const cookie = request.cookies[CSRF_COOKIE];
      const header = request.headers[CSRF_HEADER];
      if (!cookie || typeof header !== 'string' || !timingSafeEqualStrings(cookie, header)) {
        throw new AppError(403, 'csrf_failed', 'The page is out of date: reload it and try again.');
      }
    }

    const sessionToken = request.cookies[SESSION_COOKIE];
    const found = sessionToken ? await resolveSession(ctx, sessionToken) : null;
    if (found) {
      const { session, user } = found;
      if (user.status === 'active') {
        request.session = session;
        if (session.stage === 'full') {
          request.user = user;
          request.actor = { id: user.id, country: user.country, roles: user.roles as TRole[] };
        }
      }
    }
    if (config.public) return;
    if (config.mfaStep && request.session?.stage === 'mfa') return;
    if (!request.actor) {
      if (sessionToken && !found) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw unauthenticated();
    }
  });
}

/** The signed-in actor of a non-public route (the gate guarantees it). */
export function actorOf(request: FastifyRequest): Actor & { user: UserRow } {
  if (!request.actor || !request.user) throw unauthenticated();
  return { ...request.actor, user: request.user };
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.config.secureCookies });
}
