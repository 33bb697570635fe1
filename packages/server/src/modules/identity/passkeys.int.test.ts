import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import { SoftwareAuthenticator } from '../../test/software-authenticator.js';
import type { App } from '../../http.js';

let ctx: TestContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

describe('passkeys', () => {
  it('registers a passkey and signs in with it as the second factor', async () => {
    const user = await buildUser(ctx, { country: 'KE' });
    const authenticator = new SoftwareAuthenticator('focal.test', 'http://focal.test');
    const client = await new TestClient(app).actAs(ctx, user);
    const options = await client.post('/api/me/mfa/passkey/options');
    expect(options.status).toBe(200);
    expect(options.body.rp).toEqual({ name: 'Focal', id: 'focal.test' });
    const added = await client.post('/api/me/mfa/passkey', { label: 'Laptop', response: authenticator.register(options.body) });
    expect(added.status, added.text).toBe(200);
    expect(added.body).toMatchObject({ kind: 'passkey', label: 'Laptop' });
    expect((await client.get('/api/me/mfa')).body.devices.map((d: { kind: string }) => d.kind).sort()).toEqual(['passkey', 'totp']);

    const login = new TestClient(app);
    const first = await login.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(first.body.methods).toContain('passkey');
    // A reload at the second step still knows the methods.
    expect((await login.get('/api/auth/session')).body).toMatchObject({ mfaPending: true, mfaMethods: ['totp', 'recovery', 'passkey'] });
    const request = await login.post('/api/auth/login/passkey/options');
    expect(request.body.allowCredentials).toHaveLength(1);
    const done = await login.post('/api/auth/login/mfa', { passkey: authenticator.assert(request.body) });
    expect(done.status, done.text).toBe(200);
    expect(done.body.id).toBe(user.id);
    const events = await ctx.db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', user.id).execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['mfa.passkey_added', 'auth.login_succeeded']));
    expect(events.find((e) => e.action === 'auth.login_succeeded')?.details).toEqual({ method: 'passkey' });
  });

  it('refuses an assertion for another challenge, from another key, or replayed', async () => {
    const user = await buildUser(ctx, { country: 'KE' });
    const authenticator = new SoftwareAuthenticator('focal.test', 'http://focal.test');
    const client = await new TestClient(app).actAs(ctx, user);
    await client.post('/api/me/mfa/passkey', { label: 'Key', response: authenticator.register((await client.post('/api/me/mfa/passkey/options')).body) });

    const login = new TestClient(app);
    await login.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    const request = await login.post('/api/auth/login/passkey/options');
    const stale = authenticator.assert({ challenge: 'c3RhbGUtY2hhbGxlbmdl' });
    expect((await login.post('/api/auth/login/mfa', { passkey: stale })).body.error.code).toBe('mfa_code_invalid');
    // The challenge was consumed by the failed attempt: a fresh one is needed.
    const again = await login.post('/api/auth/login/passkey/options');
    const impostor = new SoftwareAuthenticator('focal.test', 'http://focal.test');
    expect((await login.post('/api/auth/login/mfa', { passkey: impostor.assert(again.body) })).status).toBe(400);
    expect(request.body.challenge).not.toBe(again.body.challenge);

    const phishing = new SoftwareAuthenticator('focal.test', 'http://evil.example');
    const third = await login.post('/api/auth/login/passkey/options');
    expect((await login.post('/api/auth/login/mfa', { passkey: phishing.assert(third.body) })).status).toBe(400);
  });
});
