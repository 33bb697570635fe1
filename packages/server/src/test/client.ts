import type { App } from '../http.js';
import type { AppContext } from '../context.js';
import { buildApp } from '../app.js';
import type { BuiltUser } from './factories.js';
import { TEST_PASSWORD } from './factories.js';
import { createSession } from '../modules/identity/service.js';
import { SESSION_COOKIE } from '../plugins/auth.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  raw: Buffer;
}

/**
 * A browser-like client over `app.inject`: keeps cookies, fetches the CSRF token first and
 * sends it on unsafe requests, as the web UI does.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;
  ip = '203.0.113.10';

  constructor(readonly app: App) {}

  async request<T = any>(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse<T>> {
    if (method !== 'GET' && !this.csrf && !headers.authorization) await this.refreshCsrf();
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(method !== 'GET' && this.csrf && !headers.authorization ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    let parsed: unknown = undefined;
    try {
      parsed = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.statusCode, body: parsed as T, headers: response.headers, text: response.body, raw: response.rawPayload };
  }

  async refreshCsrf() {
    const session = await this.request('GET', '/api/auth/session');
    this.csrf = session.body.csrfToken;
  }

  get = <T = any>(url: string, headers?: Record<string, string>) => this.request<T>('GET', url, undefined, headers);
  post = <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', url, body ?? {}, headers);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body ?? {});
  put = <T = any>(url: string, body?: unknown) => this.request<T>('PUT', url, body ?? {});
  delete = <T = any>(url: string) => this.request<T>('DELETE', url);
  /** Sends a file as the raw request body, as the web UI's uploads do. */
  upload = <T = any>(url: string, data: Buffer, headers?: Record<string, string>) => this.request<T>('POST', url, data, headers);

  /**
   * Starts a full session for the user directly (no password or TOTP round trip), for tests
   * about what a signed-in user may do. Tests of signing in itself use `signIn`.
   */
  async actAs(ctx: AppContext, user: BuiltUser) {
    const { token } = await createSession(ctx, ctx.db, user.id, 'full', { ip: this.ip, userAgent: 'test' });
    this.cookies.set(SESSION_COOKIE, token);
    await this.refreshCsrf();
    return this;
  }

  /** Signs in through the real endpoints: password, then the current TOTP code. */
  async signIn(user: BuiltUser, password = TEST_PASSWORD) {
    const first = await this.post('/api/auth/login', { email: user.email, password });
    if (first.status !== 200) throw new Error(`login failed: ${first.status} ${first.text}`);
    const second = await this.post('/api/auth/login/mfa', { code: user.nextCode() });
    if (second.status !== 200) throw new Error(`mfa failed: ${second.status} ${second.text}`);
    return second.body;
  }
}

export async function createTestApp(ctx: AppContext) {
  const app = await buildApp(ctx, { logger: false, webDist: '/nonexistent' });
  await app.ready();
  return app;
}
