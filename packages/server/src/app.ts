import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import type { App } from './http.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerAuthGate, SESSION_COOKIE } from './plugins/auth.js';
import { REDACT_PATHS, requestSerializer } from './logging.js';
import { registerSystemRoutes } from './modules/system/routes.js';
import { registerIdentityRoutes } from './modules/identity/routes.js';
import { registerReferenceRoutes } from './modules/reference/routes.js';
import { registerDirectoryRoutes } from './modules/directory/routes.js';
import { registerUserAdminRoutes } from './modules/users/routes.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import { registerRealtimeRoutes } from './realtime/routes.js';
import { registerMessagingRoutes } from './modules/messaging/routes.js';
import { registerCaseRoutes } from './modules/cases/routes.js';
import { registerMatchingRoutes } from './modules/matching/routes.js';
import { registerStatementRoutes } from './modules/statements/routes.js';
import { registerTrainingRoutes } from './modules/training/routes.js';
import { registerMeetingRoutes } from './modules/meetings/routes.js';
import { registerTracingRoutes } from './modules/tracing/routes.js';

export interface BuildAppOptions {
  /** Pino options or false; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** Directory of the built web UI; defaults to packages/web/dist. */
  webDist?: string;
  /** Called for every route as it is registered (the route-table security test uses it). */
  onRoute?: (route: RouteOptions) => void;
}

const defaultWebDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Builds the Fastify app with every plugin and module. Never listens: tests inject. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { req: requestSerializer } },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Component libraries set inline style attributes; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        ...(ctx.config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: ctx.config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(rateLimit, {
    max: ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // The web app's own files are not counted: only the API is.
    allowList: (request) => !request.url.startsWith('/api/'),
    // A signed-in browser is counted by its session, so officers of one agency behind one
    // address do not share a budget; anonymous requests are counted by address.
    keyGenerator: (request) => {
      const session = request.cookies?.[SESSION_COOKIE];
      return session ? `s:${crypto.createHash('sha256').update(session).digest('base64url').slice(0, 22)}` : `ip:${request.ip}`;
    },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Focal API', version: '0.1.0', description: 'The HTTP API of Focal. Unsafe requests need the x-csrf-token header, or a bearer API token where a route accepts one.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'focal_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  registerAuthGate(app, ctx);

  registerSystemRoutes(app, ctx);
  registerIdentityRoutes(app, ctx);
  registerReferenceRoutes(app, ctx);
  registerDirectoryRoutes(app, ctx);
  registerUserAdminRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerMessagingRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerMatchingRoutes(app, ctx);
  registerStatementRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
  registerMeetingRoutes(app, ctx);
  registerTracingRoutes(app, ctx);
  registerRealtimeRoutes(app, ctx, ctx.realtime);

  await ctx.realtime.start(ctx.database);
  app.addHook('onClose', async () => ctx.realtime.stop());

  app.get('/api/docs', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerWebUi(app, options.webDist ?? defaultWebDist);
  return app;
}

/**
 * Serves the built single-page app. Files are public (they hold no data); any other GET
 * outside /api answers the app's index.html so client-side routes load.
 */
function registerWebUi(app: App, webDist: string) {
  const index = path.join(webDist, 'index.html');
  const available = fs.existsSync(index);
  if (available) void app.register(fastifyStatic, { root: webDist, serve: false });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/')) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
    if (!available) return reply.type('text/plain').send('The web UI is not built: run `npm run build`.');
    const relative = path.normalize(urlPath).replace(/^(\.\.[/\\])+/, '').replace(/^[/\\]+/, '');
    const file = path.join(webDist, relative);
    if (relative && file.startsWith(webDist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const immutable = relative.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(relative);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
