import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test/context.js';
import { buildUser } from './test/factories.js';
import { TestClient, createTestApp } from './test/client.js';
import type { App } from './http.js';

let ctx: TestContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext({ FOCAL_RATE_LIMIT_PER_MINUTE: '30' });
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

describe('the API rate limit', () => {
  it('counts signed-in browsers by session, so colleagues behind one address do not share a budget', async () => {
    const a = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'FR' }));
    const b = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'FR' }));
    a.ip = b.ip = '192.0.2.201';
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await a.get('/api/ping')).status, (await b.get('/api/ping')).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    // One session alone past the limit is slowed down.
    for (let i = 0; i < 15; i++) statuses.push((await a.get('/api/ping')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it('never counts the web app’s own files', async () => {
    for (let i = 0; i < 40; i++) expect((await app.inject({ method: 'GET', url: '/assets/app.js', remoteAddress: '192.0.2.202' })).statusCode).not.toBe(429);
  });
});
