import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, totpCode, type BuiltUser, TEST_PASSWORD } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';
import { createSetupToken } from './service.js';

let ctx: TestContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext({ FOCAL_LOGIN_MAX_FAILURES: '3' });
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const STRONG = 'Tangerine-Observatory-Quietly-81';
const tokenOf = (url: string) => url.split('/activate/')[1]!;
const auditActions = async () => (await ctx.db.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((r) => r.action);

async function activate(client: TestClient, token: string, extra: Record<string, unknown> = {}) {
  const start = await client.post('/api/activation/start', { token, name: 'Ада Лавлейс', nameLatin: 'Ada Lovelace', password: STRONG, ...extra });
  expect(start.status, start.text).toBe(200);
  const complete = await client.post('/api/activation/complete', { token, code: totpCode(start.body.secret) });
  expect(complete.status, complete.text).toBe(200);
  return { secret: start.body.secret as string, recoveryCodes: complete.body.recoveryCodes as string[] };
}

describe('first run and invitations', () => {
  let secretariatClient: TestClient;

  it('creates the secretariat administrator from the one-time setup link, with MFA', async () => {
    const { url, expiresAt } = await createSetupToken(ctx, { ip: null, userAgent: 'test' });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const token = tokenOf(url);
    secretariatClient = new TestClient(app);
    const check = await secretariatClient.get(`/api/activation/${token}`);
    expect(check.body.kind).toBe('setup');

    const noEmail = await secretariatClient.post('/api/activation/start', { token, name: 'A', nameLatin: 'A', password: STRONG });
    expect(noEmail.body.error.code).toBe('validation_failed');
    const weak = await secretariatClient.post('/api/activation/start', { token, name: 'A', nameLatin: 'A', email: 'sec@example.test', country: 'CH', password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('password_too_weak');
    expect(weak.body.error.hintLanguage).toBe('en');
    const weakFr = await secretariatClient.post('/api/activation/start', { token, name: 'A', nameLatin: 'A', email: 'sec@example.test', country: 'CH', password: 'password1234', uiLanguage: 'fr' });
    expect(weakFr.body.error).toMatchObject({ code: 'password_too_weak', hintLanguage: 'fr' });
    expect(weakFr.body.error.hint).toBeTruthy();
    expect(weakFr.body.error.hint).not.toBe(weak.body.error.hint);
    const short = await secretariatClient.post('/api/activation/start', { token, name: 'A', nameLatin: 'A', email: 'sec@example.test', country: 'CH', password: 'Xy7!' });
    expect(short.body.error.code).toBe('validation_failed');

    const start = await secretariatClient.post('/api/activation/start', { token, name: 'Secretariat Admin', nameLatin: 'Secretariat Admin', email: 'sec@example.test', country: 'CH', password: STRONG });
    expect(start.status).toBe(200);
    expect(start.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(start.body.qrSvg).toContain('<svg');
    const wrong = await secretariatClient.post('/api/activation/complete', { token, code: '000000' });
    expect(wrong.body.error.code).toBe('mfa_code_invalid');
    const complete = await secretariatClient.post('/api/activation/complete', { token, code: totpCode(start.body.secret) });
    expect(complete.status).toBe(200);
    expect(complete.body.recoveryCodes).toHaveLength(10);

    const me = await secretariatClient.get('/api/me');
    expect(me.body.roles).toEqual(['secretariat']);
    // Single use: the link is dead, and so is setup itself.
    expect((await new TestClient(app).get(`/api/activation/${token}`)).status).toBe(404);
    await expect(createSetupToken(ctx, { ip: null, userAgent: 'test' })).rejects.toMatchObject({ code: 'setup_already_done' });
    expect(await auditActions()).toEqual(expect.arrayContaining(['setup.token_created', 'setup.completed', 'user.activated', 'mfa.totp_added']));
  });

  it('runs the invitation chain: secretariat → national admin → focal point', async () => {
    const invite = await secretariatClient.post('/api/admin/invitations', { email: 'admin.fr@example.test', name: 'Jeanne Martin', nameLatin: 'Jeanne Martin', country: 'FR', roles: ['national_admin'] });
    expect(invite.status, invite.text).toBe(200);
    const adminClient = new TestClient(app);
    const check = await adminClient.get(`/api/activation/${tokenOf(invite.body.url)}`);
    expect(check.body).toMatchObject({ kind: 'invitation', email: 'admin.fr@example.test', country: 'FR', roles: ['national_admin'] });
    await activate(adminClient, tokenOf(invite.body.url), { name: 'Jeanne Martin', nameLatin: 'Jeanne Martin' });
    expect((await adminClient.get('/api/me')).body).toMatchObject({ country: 'FR', roles: ['national_admin'] });
    // Single use.
    expect((await new TestClient(app).post('/api/activation/start', { token: tokenOf(invite.body.url), name: 'x', nameLatin: 'x', password: STRONG })).body.error.code).toBe('invitation_invalid');

    const fp = await adminClient.post('/api/admin/invitations', { email: 'fp.fr@example.test', name: 'Luc Petit', nameLatin: 'Luc Petit', country: 'FR', roles: ['focal_point'] });
    expect(fp.status).toBe(200);
    const fpClient = new TestClient(app);
    const { secret } = await activate(fpClient, tokenOf(fp.body.url), { name: 'Luc Petit', nameLatin: 'Luc Petit' });
    await fpClient.post('/api/auth/logout');
    expect((await fpClient.get('/api/me')).status).toBe(401);

    const login = await fpClient.post('/api/auth/login', { email: 'fp.fr@example.test', password: STRONG });
    expect(login.body).toEqual({ mfaRequired: true, methods: ['totp', 'recovery'] });
    // Password alone opens nothing.
    expect((await fpClient.get('/api/me')).status).toBe(401);
    const mfa = await fpClient.post('/api/auth/login/mfa', { code: totpCode(secret, Date.now() + 30_000) });
    expect(mfa.status, mfa.text).toBe(200);
    expect(mfa.body.email).toBe('fp.fr@example.test');
  });

  it('refuses an expired invitation', async () => {
    const sec = await buildUser(ctx, { country: 'CH', roles: ['secretariat'] });
    const client = await new TestClient(app).actAs(ctx, sec);
    const invite = await client.post('/api/admin/invitations', { email: 'late@example.test', name: 'Late', nameLatin: 'Late', country: 'KE', roles: ['national_admin'] });
    await ctx.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', invite.body.id).execute();
    const check = await new TestClient(app).get(`/api/activation/${tokenOf(invite.body.url)}`);
    expect(check.status).toBe(404);
    expect(check.body.error.code).toBe('invitation_invalid');
    expect(invite.body.expiresAt).toBeDefined();
    expect(new Date(invite.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);
  });
});

describe('signing in', () => {
  let user: BuiltUser;
  beforeAll(async () => {
    user = await buildUser(ctx, { country: 'BR' });
  });

  it('refuses a wrong TOTP code and accepts a recovery code once', async () => {
    const client = new TestClient(app);
    await client.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    const wrong = await client.post('/api/auth/login/mfa', { code: '123456' === user.code() ? '654321' : '123456' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('mfa_code_invalid');
    const recovery = await client.post('/api/auth/login/mfa', { recoveryCode: user.recoveryCodes[0]!.toUpperCase() });
    expect(recovery.status).toBe(200);
    const again = new TestClient(app);
    await again.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await again.post('/api/auth/login/mfa', { recoveryCode: user.recoveryCodes[0] })).body.error.code).toBe('mfa_code_invalid');
    await ctx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  });

  it('refuses a replayed TOTP code', async () => {
    const code = user.nextCode();
    const a = new TestClient(app);
    await a.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await a.post('/api/auth/login/mfa', { code })).status).toBe(200);
    const b = new TestClient(app);
    await b.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await b.post('/api/auth/login/mfa', { code })).body.error.code).toBe('mfa_code_invalid');
    await ctx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  });

  it('answers the same for an unknown account and a wrong password', async () => {
    const client = new TestClient(app);
    client.ip = '198.51.100.7';
    const unknown = await client.post('/api/auth/login', { email: 'nobody@example.test', password: 'whatever it is' });
    const wrong = await client.post('/api/auth/login', { email: user.email, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    await ctx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  });

  it('locks the account after repeated failures, and a national admin unlocks it', async () => {
    const victim = await buildUser(ctx, { country: 'KE' });
    const admin = await buildUser(ctx, { country: 'KE', roles: ['national_admin'] });
    const attacker = new TestClient(app);
    attacker.ip = '192.0.2.66';
    const started = Date.now();
    for (let i = 0; i < 3; i++) expect((await attacker.post('/api/auth/login', { email: victim.email, password: `guess number ${i}` })).status).toBe(401);
    // Progressive delay: 250 ms + 500 ms + 1000 ms at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1700);
    // Still guessing: the lock is not revealed to someone without the password.
    expect((await attacker.post('/api/auth/login', { email: victim.email, password: 'guess number 4' })).body.error.code).toBe('invalid_credentials');
    const locked = await attacker.post('/api/auth/login', { email: victim.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account_locked');
    expect(locked.body.error.retryAfterSeconds).toBeGreaterThan(0);

    const adminClient = await new TestClient(app).actAs(ctx, admin);
    const listed = await adminClient.get('/api/admin/users');
    expect(listed.body.items.find((u: { id: string }) => u.id === victim.id).locked).toBe(true);
    expect((await adminClient.post(`/api/admin/users/${victim.id}/unlock`)).status).toBe(200);
    const client = new TestClient(app);
    await client.signIn(victim);
    expect((await client.get('/api/me')).body.id).toBe(victim.id);
    expect(await auditActions()).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.locked', 'user.unlocked']));
  });

  it('refuses a suspended user, and suspension ends their sessions', async () => {
    const member = await buildUser(ctx, { country: 'PE' });
    const admin = await buildUser(ctx, { country: 'PE', roles: ['national_admin'] });
    const memberClient = await new TestClient(app).actAs(ctx, member);
    const adminClient = await new TestClient(app).actAs(ctx, admin);
    expect((await adminClient.post(`/api/admin/users/${member.id}/suspend`)).body.status).toBe('suspended');
    expect((await memberClient.get('/api/me')).status).toBe(401);
    expect((await new TestClient(app).post('/api/auth/login', { email: member.email, password: TEST_PASSWORD })).body.error.code).toBe('invalid_credentials');
  });
});

describe('deactivation', () => {
  it('ends a user for good: sessions, tokens and pending links die, and it cannot be undone', async () => {
    const member = await buildUser(ctx, { country: 'PE' });
    const admin = await buildUser(ctx, { country: 'PE', roles: ['national_admin'] });
    const memberClient = await new TestClient(app).actAs(ctx, member);
    const token = await memberClient.post('/api/me/tokens', { name: 'sync', scopes: ['directory:read'], expiresInDays: 5 });
    const adminClient = await new TestClient(app).actAs(ctx, admin);
    const done = await adminClient.post(`/api/admin/users/${member.id}/deactivate`);
    expect(done.body.status).toBe('deactivated');
    expect((await memberClient.get('/api/me')).status).toBe(401);
    expect((await new TestClient(app).get('/api/directory', { authorization: `Bearer ${token.body.secret}` })).status).toBe(401);
    expect((await adminClient.post(`/api/admin/users/${member.id}/reactivate`)).status).toBe(409);
    expect((await adminClient.post(`/api/admin/users/${member.id}/deactivate`)).status).toBe(409);
    expect(await auditActions()).toContain('user.deactivated');
  });
});

describe('sessions, password, MFA devices and tokens', () => {
  it('expires an idle session', async () => {
    const user = await buildUser(ctx, { country: 'JP' });
    const client = await new TestClient(app).actAs(ctx, user);
    expect((await client.get('/api/me')).status).toBe(200);
    await ctx.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('user_id', '=', user.id).execute();
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('ends a session at its absolute lifetime even when active', async () => {
    const user = await buildUser(ctx, { country: 'JP' });
    const client = await new TestClient(app).actAs(ctx, user);
    await ctx.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('lists and revokes the user’s own sessions', async () => {
    const user = await buildUser(ctx, { country: 'GR' });
    const laptop = await new TestClient(app).actAs(ctx, user);
    const phone = await new TestClient(app).actAs(ctx, user);
    const list = await laptop.get('/api/me/sessions');
    expect(list.body.items).toHaveLength(2);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect((await laptop.delete(`/api/me/sessions/${other.id}`)).status).toBe(204);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(200);
    const stranger = await new TestClient(app).actAs(ctx, await buildUser(ctx, { country: 'GR' }));
    const mine = (await laptop.get('/api/me/sessions')).body.items[0].id;
    expect((await stranger.delete(`/api/me/sessions/${mine}`)).status).toBe(404);
  });

  it('changes the password, checking the current one and the new one’s strength', async () => {
    const user = await buildUser(ctx, { country: 'MY' });
    const client = await new TestClient(app).actAs(ctx, user);
    const other = await new TestClient(app).actAs(ctx, user);
    expect((await client.post('/api/me/password', { currentPassword: 'wrong', newPassword: STRONG })).body.error.code).toBe('password_incorrect');
    expect((await client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaaaaaa' })).body.error.code).toBe('password_too_weak');
    expect((await client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: STRONG })).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    const login = await new TestClient(app).post('/api/auth/login', { email: user.email, password: STRONG });
    expect(login.status).toBe(200);
  });

  it('adds a second authenticator, refuses to remove the last one, regenerates recovery codes', async () => {
    const user = await buildUser(ctx, { country: 'AU' });
    const client = await new TestClient(app).actAs(ctx, user);
    const overview = await client.get('/api/me/mfa');
    expect(overview.body.devices).toHaveLength(1);
    expect(overview.body.recoveryCodesLeft).toBe(10);
    expect((await client.delete(`/api/me/mfa/${overview.body.devices[0].id}`)).body.error.code).toBe('last_mfa_method');
    const begin = await client.post('/api/me/mfa/totp');
    const confirm = await client.post('/api/me/mfa/totp/confirm', { label: 'Spare phone', code: totpCode(begin.body.secret) });
    expect(confirm.status).toBe(200);
    expect((await client.delete(`/api/me/mfa/${overview.body.devices[0].id}`)).status).toBe(204);
    const codes = await client.post('/api/me/recovery-codes');
    expect(codes.body.recoveryCodes).toHaveLength(10);
    expect(new Set(codes.body.recoveryCodes).size).toBe(10);
  });

  it('resets a user’s MFA by an admin: the user must enrol again from a new link', async () => {
    const user = await buildUser(ctx, { country: 'CA' });
    const admin = await buildUser(ctx, { country: 'CA', roles: ['national_admin'] });
    const adminClient = await new TestClient(app).actAs(ctx, admin);
    const reset = await adminClient.post(`/api/admin/users/${user.id}/reset-mfa`);
    expect(reset.status).toBe(200);
    expect(reset.body.status).toBe('invited');
    expect(reset.body.invitationUrl).toContain('/activate/');
    expect((await new TestClient(app).post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    const client = new TestClient(app);
    await activate(client, tokenOf(reset.body.invitationUrl));
    expect((await client.get('/api/me')).body.id).toBe(user.id);
    expect(await auditActions()).toContain('mfa.reset_by_admin');
  });

  it('issues scoped API tokens shown once, stored hashed, expiring and revocable', async () => {
    const user = await buildUser(ctx, { country: 'IN' });
    const client = await new TestClient(app).actAs(ctx, user);
    const created = await client.post('/api/me/tokens', { name: 'Case system', scopes: ['directory:read'], expiresInDays: 30 });
    expect(created.status).toBe(200);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^focal_/);
    const stored = await ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret.slice(6));
    expect((await client.get('/api/me/tokens')).body.items[0]).not.toHaveProperty('secret');

    const machine = new TestClient(app);
    const auth = { authorization: `Bearer ${secret}` };
    expect((await machine.get('/api/directory', auth)).status).toBe(200);
    expect((await machine.get('/api/me', auth)).body.error.code).toBe('token_scope_denied');
    expect((await machine.get('/api/me/sessions', auth)).status).toBe(401);
    expect((await machine.request('PATCH', '/api/me', { available247: true }, auth)).status).toBe(401);

    await ctx.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', created.body.id).execute();
    expect((await machine.get('/api/directory', auth)).status).toBe(401);
    await ctx.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() + 86_400_000) }).where('id', '=', created.body.id).execute();
    expect((await client.delete(`/api/me/tokens/${created.body.id}`)).status).toBe(204);
    expect((await machine.get('/api/directory', auth)).status).toBe(401);
  });

  it('updates the profile and rejects bad values with a clear code', async () => {
    const user = await buildUser(ctx, { country: 'EG' });
    const client = await new TestClient(app).actAs(ctx, user);
    const ok = await client.patch('/api/me', { uiLanguage: 'ar', timeZone: 'Africa/Cairo', languages: ['ar', 'en'], phones: [{ label: 'Mobile', number: '+20 100 000 0000' }], available247: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ uiLanguage: 'ar', timeZone: 'Africa/Cairo', available247: true });
    const badZone = await client.patch('/api/me', { timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.code).toBe('validation_failed');
    const badLang = await client.patch('/api/me', { uiLanguage: 'xx' });
    expect(badLang.status).toBe(400);
    expect(badLang.body.error.fields).toBeDefined();
  });
});
