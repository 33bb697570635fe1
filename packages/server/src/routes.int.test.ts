import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { buildApp } from './app.js';
import { createTestContext, type TestContext } from './test/context.js';
import { buildUser, type BuiltUser } from './test/factories.js';
import { TestClient } from './test/client.js';
import type { App } from './http.js';

/**
 * Deny by default, proven from Fastify's own route table: every route registered now or
 * later is covered without anyone adding it here.
 */

// The only routes reachable without a session. Adding to this list is a security decision.
const PUBLIC_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  'GET /api/docs',
  'GET /api/auth/session',
  'GET /api/public/certificates/:code',
  'GET /api/reference/countries',
  'GET /api/activation/:token',
  'POST /api/activation/start',
  'POST /api/activation/complete',
  'POST /api/auth/login',
  'GET /api/meetings/feed/:token/calendar.ics',
  'GET /*',
].sort();

let ctx: TestContext;
let app: App;
const routes: RouteOptions[] = [];
let secretariat: BuiltUser;
let adminFR: BuiltUser;
let focalFR: BuiltUser;
let focalNG: BuiltUser;
let adminNG: BuiltUser;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx, { logger: false, webDist: '/nonexistent', onRoute: (route) => routes.push(route) });
  await app.ready();
  secretariat = await buildUser(ctx, { country: 'CH', roles: ['secretariat'] });
  adminFR = await buildUser(ctx, { country: 'FR', roles: ['national_admin'] });
  focalFR = await buildUser(ctx, { country: 'FR', roles: ['focal_point'] });
  adminNG = await buildUser(ctx, { country: 'NG', roles: ['national_admin'] });
  focalNG = await buildUser(ctx, { country: 'NG', roles: ['focal_point'] });
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const methodsOf = (route: RouteOptions) => (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
const concrete = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'action' ? 'suspend' : '00000000-0000-4000-8000-000000000000')).replace('/*', '/some/page');

describe('route table', () => {
  it('has exactly the explicit public routes', () => {
    const publicRoutes = routes.filter((r) => r.config && (r.config as { public?: boolean }).public).flatMap((r) => methodsOf(r).map((m) => `${m} ${r.url}`));
    expect([...new Set(publicRoutes)].sort()).toEqual(PUBLIC_ROUTES);
  });

  it('answers 401 on every non-public route without a session', async () => {
    const client = new TestClient(app);
    await client.refreshCsrf();
    const checked: string[] = [];
    for (const route of routes) {
      if ((route.config as { public?: boolean } | undefined)?.public) continue;
      for (const method of methodsOf(route)) {
        const response = await client.request(method as 'GET', concrete(route.url), method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(response.status, `${method} ${route.url}`).toBe(401);
        expect(response.body?.error?.code, `${method} ${route.url}`).toBe('unauthenticated');
        checked.push(`${method} ${route.url}`);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it('refuses an unsafe request without the CSRF token, even when signed in', async () => {
    const client = new TestClient(app);
    await client.actAs(ctx, focalFR);
    const forged = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: (await sessionCookie(client)) ?? '' } });
    expect(forged.statusCode).toBe(403);
    expect(JSON.parse(forged.body).error.code).toBe('csrf_failed');
  });

  it('answers 404 on every admin and audit route to users who are not admins', async () => {
    const client = new TestClient(app);
    await client.actAs(ctx, focalFR);
    const adminRoutes = routes.filter((r) => r.url.startsWith('/api/admin') || r.url.startsWith('/api/audit'));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(5);
    for (const route of adminRoutes) {
      for (const method of methodsOf(route)) {
        const body =
          route.url === '/api/admin/invitations'
            ? { email: 'x@example.test', name: 'X', nameLatin: 'X', country: 'FR', roles: ['focal_point'] }
            : route.url === '/api/admin/agencies'
              ? { country: 'FR', name: 'Some agency', type: 'police' }
              : method === 'GET'
                ? undefined
                : {};
        const url = route.url.includes(':id') ? concrete(route.url).replace('00000000-0000-4000-8000-000000000000', focalNG.id) : route.url;
        const response = await client.request(method as 'GET', url, body);
        expect(response.status, `${method} ${route.url}`).toBe(404);
      }
    }
  });
});

describe('national admins stay within their country', () => {
  it('lists only their own country', async () => {
    const client = new TestClient(app);
    await client.actAs(ctx, adminFR);
    const list = await client.get('/api/admin/users');
    expect(list.status).toBe(200);
    const countries = new Set(list.body.items.map((u: { country: string }) => u.country));
    expect([...countries]).toEqual(['FR']);
    const asked = await client.get('/api/admin/users?country=NG');
    expect(asked.body.items).toEqual([]);
    const audited = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'admin.users_listed').where('actor_id', '=', adminFR.id).execute();
    expect(audited).toHaveLength(2);
  });

  it('cannot change a user of another country: 404 as if missing', async () => {
    const client = new TestClient(app);
    await client.actAs(ctx, adminFR);
    for (const action of ['suspend', 'unlock', 'reset-mfa', 'reactivate', 'deactivate']) {
      const response = await client.post(`/api/admin/users/${focalNG.id}/${action}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    }
    const missing = await client.post(`/api/admin/users/00000000-0000-4000-8000-000000000000/suspend`);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    const row = await ctx.db.selectFrom('users').select('status').where('id', '=', focalNG.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('cannot invite into another country, nor hand out admin roles', async () => {
    const client = new TestClient(app);
    await client.actAs(ctx, adminFR);
    const other = await client.post('/api/admin/invitations', { email: 'ng@example.test', name: 'N', nameLatin: 'N', country: 'NG', roles: ['focal_point'] });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('country_not_allowed');
    const role = await client.post('/api/admin/invitations', { email: 'fr@example.test', name: 'F', nameLatin: 'F', country: 'FR', roles: ['secretariat'] });
    expect(role.body.error.code).toBe('role_not_allowed');
  });

  it('can manage their own focal points, and the secretariat can manage anyone', async () => {
    const client = new TestClient(app);
    await client.actAs(ctx, adminFR);
    expect((await client.post(`/api/admin/users/${focalFR.id}/unlock`)).status).toBe(200);
    const sec = new TestClient(app);
    await sec.actAs(ctx, secretariat);
    expect((await sec.post(`/api/admin/users/${adminNG.id}/unlock`)).status).toBe(200);
    const all = await sec.get('/api/admin/users');
    expect(new Set(all.body.items.map((u: { country: string }) => u.country))).toEqual(new Set(['CH', 'FR', 'NG']));
  });
});

async function sessionCookie(client: TestClient) {
  // Reach into the jar the way a cross-site form post would carry the cookie without the header.
  const jar = (client as unknown as { cookies: Map<string, string> }).cookies;
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
