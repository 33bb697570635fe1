import { sql } from 'kysely';
import { z } from 'zod';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';

export function registerSystemRoutes(app: App, ctx: AppContext): void {
  app.get('/healthz', { config: { public: true, rateLimit: false }, schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get('/readyz', { config: { public: true, rateLimit: false }, schema: { tags: ['system'] } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ error: { code: 'internal_error', message: 'The database is not reachable.' } });
    }
  });
}
