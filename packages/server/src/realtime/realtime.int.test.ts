import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB_KIND, type TestContext } from '../test/context.js';
import { buildUser } from '../test/factories.js';
import { TestClient, createTestApp } from '../test/client.js';
import type { App } from '../http.js';

let ctx: TestContext;
let app: App;
let port: number;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

/** Opens the SSE stream like a browser tab and collects its events. */
function openStream(targetPort: number, cookie: string) {
  const events: { type: string; data: unknown }[] = [];
  let ended = false;
  let status = 0;
  const request = http.get({ host: '127.0.0.1', port: targetPort, path: '/api/events', headers: { cookie, accept: 'text/event-stream' } }, (response) => {
    status = response.statusCode ?? 0;
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data) });
      }
    });
    response.on('end', () => (ended = true));
  });
  request.on('error', () => (ended = true));
  return {
    events,
    status: () => status,
    ended: () => ended,
    close: () => request.destroy(),
  };
}

const until = async (condition: () => boolean, what: string, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const cookieOf = (client: TestClient) => [...(client as unknown as { cookies: Map<string, string> }).cookies].map(([k, v]) => `${k}=${v}`).join('; ');

describe('realtime events', () => {
  it('refuses the stream without a session', async () => {
    const stream = openStream(port, '');
    await until(() => stream.status() !== 0, 'a response');
    expect(stream.status()).toBe(401);
    stream.close();
  });

  it('tells a tab at once that its session was revoked elsewhere, and ends the stream', async () => {
    const user = await buildUser(ctx, { country: 'NG' });
    const laptop = await new TestClient(app).actAs(ctx, user);
    const phone = await new TestClient(app).actAs(ctx, user);
    const stream = openStream(port, cookieOf(phone));
    await until(() => stream.status() === 200 && ctx.realtime.connections > 0, 'the stream to open');

    const sessions = await laptop.get('/api/me/sessions');
    const phoneSession = sessions.body.items.find((s: { current: boolean }) => !s.current);
    expect((await laptop.delete(`/api/me/sessions/${phoneSession.id}`)).status).toBe(204);
    await until(() => stream.events.length > 0, 'the event');
    expect(stream.events[0]).toEqual({ type: 'session_revoked', data: { type: 'session_revoked', sessionId: phoneSession.id } });
    await until(() => stream.ended(), 'the stream to end');
  });

  it('sends nothing for a change that rolled back', async () => {
    const user = await buildUser(ctx, { country: 'NG' });
    const tab = await new TestClient(app).actAs(ctx, user);
    const stream = openStream(port, cookieOf(tab));
    await until(() => stream.status() === 200, 'the stream to open');
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await ctx.realtime.publish(trx, [user.id], { type: 'profile_changed' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await ctx.db.transaction().execute((trx) => ctx.realtime.publish(trx, [user.id], { type: 'profile_changed' }));
    await until(() => stream.events.length > 0, 'the committed event');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.events).toHaveLength(1);
    stream.close();
  });

  it.skipIf(TEST_DB_KIND !== 'postgres')('reaches a tab connected to another server process on the same PostgreSQL', async () => {
    const other = await createTestContext({}, ctx);
    const otherApp = await createTestApp(other);
    await otherApp.listen({ port: 0, host: '127.0.0.1' });
    const otherPort = (otherApp.server.address() as { port: number }).port;
    try {
      const user = await buildUser(ctx, { country: 'BR' });
      const here = await new TestClient(app).actAs(ctx, user);
      const there = await new TestClient(otherApp).actAs(other, user);
      const stream = openStream(otherPort, cookieOf(there));
      await until(() => stream.status() === 200 && other.realtime.connections > 0, 'the stream on the other process');
      // The change is made through the first process; the tab listens on the second.
      const sessions = await here.get('/api/me/sessions');
      const target = sessions.body.items.find((s: { current: boolean }) => !s.current);
      await here.delete(`/api/me/sessions/${target.id}`);
      await until(() => stream.events.length > 0, 'the event across processes');
      expect(stream.events[0]!.type).toBe('session_revoked');
      stream.close();
    } finally {
      await otherApp.close();
      await other.cleanup();
    }
  });
});
