import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createTestContext, type TestContext } from './test/context.js';
import { buildUser, TEST_PASSWORD, type BuiltUser } from './test/factories.js';
import { TestClient } from './test/client.js';
import { REDACT_PATHS, requestSerializer } from './logging.js';
import type { App } from './http.js';

let ctx: TestContext;
let app: App;
let logs = '';
let user: BuiltUser;

beforeAll(async () => {
  ctx = await createTestContext();
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logs += chunk.toString();
      callback();
    },
  });
  app = await buildApp(ctx, {
    logger: { level: 'trace', stream: sink, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { req: requestSerializer } },
    webDist: '/nonexistent',
  });
  // A route that fails the way a bug would, to see what the client is told.
  app.get('/api/test-failure', { config: { public: true } }, async () => {
    throw new Error('connection to 10.0.0.5 refused: password=hunter2');
  });
  await app.ready();
  user = await buildUser(ctx, { country: 'FR' });
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

describe('server hygiene', () => {
  it('hides internals of unexpected errors behind a stable code', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test-failure' });
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side. The error was logged.' } });
    expect(response.body).not.toContain('10.0.0.5');
    expect(response.body).not.toContain('at ');
  });

  it('answers malformed JSON and unknown API paths with clear 4xx codes', async () => {
    const client = new TestClient(app);
    await client.refreshCsrf();
    const session = await app.inject({ method: 'GET', url: '/api/auth/session' });
    const csrf = JSON.parse(session.body).csrfToken as string;
    const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const malformed = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie }, payload: '{"email": ' });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe('bad_request');
    const huge = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie }, payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2_000_000) }) });
    expect(huge.statusCode).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('payload_too_large');
    const missing = await client.get('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('rate-limits sign-in attempts per address', async () => {
    const client = new TestClient(app);
    client.ip = '192.0.2.200';
    await client.refreshCsrf();
    let limited = 0;
    for (let i = 0; i < 35; i++) {
      const response = await client.request('GET', '/api/activation/not-a-real-token-but-long-enough');
      if (response.status === 429) {
        limited++;
        expect(response.body.error.code).toBe('rate_limited');
      }
    }
    expect(limited).toBeGreaterThan(0);
  });

  it('serves liveness, readiness and the OpenAPI document', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const docs = (await app.inject({ method: 'GET', url: '/api/docs' })).json();
    expect(docs.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/directory', '/api/admin/invitations', '/api/audit']));
  });

  it('never writes passwords, codes, cookies, tokens or activation links to the log', async () => {
    const admin = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'FR', roles: ['national_admin'] }));
    const invitation = await admin.post('/api/admin/invitations', { email: 'logcheck@example.test', name: 'Log Check', nameLatin: 'Log Check', country: 'FR', roles: ['focal_point'] });
    const setupToken = String(invitation.body.url).split('/activate/')[1]!;
    expect(setupToken.length).toBeGreaterThan(30);
    const client = new TestClient(app);
    await client.get(`/api/activation/${setupToken}`);
    await client.signIn(user);
    const created = await client.post('/api/me/tokens', { name: 'log check', scopes: ['directory:read'], expiresInDays: 1 });
    await client.get('/api/directory', { authorization: `Bearer ${created.body.secret}` });
    await client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another-Long-Passphrase-2026' });
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [TEST_PASSWORD, 'Another-Long-Passphrase-2026', created.body.secret, setupToken, user.totpSecret]) {
      expect(logs).not.toContain(secret);
    }
    const jar = (client as unknown as { cookies: Map<string, string> }).cookies;
    for (const value of jar.values()) expect(logs).not.toContain(value);
  });
});
