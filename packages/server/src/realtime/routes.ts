import type { App } from '../http.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { resolveSessionById } from '../modules/identity/service.js';
import type { RealtimeBus, RealtimeEvent } from './bus.js';

const HEARTBEAT_MS = 25_000;
const RECHECK_MS = 60_000;

/**
 * `GET /api/events`: a Server-Sent Events stream of the caller's realtime events. The stream
 * ends when the session does (revoked, expired or idle), checked on every event and every minute.
 */
export function registerRealtimeRoutes(app: App, ctx: AppContext, bus: RealtimeBus): void {
  app.get('/api/events', { config: { rateLimit: false }, schema: { tags: ['realtime'], hide: true } }, (request, reply) => {
    const actor = actorOf(request);
    const sessionId = request.session!.id;
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    out.write(`retry: 3000\n\n`);

    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      clearInterval(recheck);
      out.end();
    };
    const stillValid = async () => {
      const live = await resolveSessionById(ctx, sessionId).catch(() => null);
      if (!live) close();
      return Boolean(live);
    };
    const send = (event: RealtimeEvent) => {
      if (closed) return;
      out.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      if (event.type === 'session_revoked' && event.sessionId === sessionId.slice(0, 16)) close();
    };
    const unsubscribe = bus.subscribe(actor.id, (event) => {
      send(event);
    });
    const heartbeat = setInterval(() => out.write(`: keep-alive\n\n`), HEARTBEAT_MS);
    const recheck = setInterval(() => void stillValid(), RECHECK_MS);
    heartbeat.unref();
    recheck.unref();
    request.raw.on('close', close);
  });
}
