import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { runFocal, spawnServer } from './server-process.js';

/**
 * The embedded database survives a crashed process: kill -9 the server in the middle of a
 * burst of writes; every write it acknowledged is there after a restart.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'focal-durability-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

class Session {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}
  async call(method: string, path: string, body?: unknown) {
    const response = await fetch(this.base + path, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      this.cookies.set(name!, value ?? '');
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  async signIn(email: string, password: string, secret: string, at: number) {
    this.csrf = (await this.call('GET', '/api/auth/session')).body.csrfToken;
    expect((await this.call('POST', '/api/auth/login', { email, password })).status).toBe(200);
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });
    const mfa = await this.call('POST', '/api/auth/login/mfa', { code });
    expect(mfa.status, JSON.stringify(mfa.body)).toBe(200);
  }
}

describe('crash safety of the embedded database', () => {
  it('keeps every acknowledged write after kill -9 during a burst', async () => {
    const demo = runFocal(dataDir, ['demo', '--json']);
    expect(demo.status, demo.stderr).toBe(0);
    const world = JSON.parse(demo.stdout) as { password: string; logins: { email: string; totpSecret: string }[] };
    const user = world.logins[1]!;

    const first = await spawnServer(dataDir);
    const session = new Session(first.url);
    await session.signIn(user.email, world.password, user.totpSecret, Date.now());

    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (lane: number) => {
      for (let i = 0; !stop; i++) {
        const name = `burst-${lane}-${i}`;
        try {
          const response = await session.call('POST', '/api/me/tokens', { name, scopes: ['directory:read'], expiresInDays: 1 });
          if (response.status === 200) acknowledged.push(name);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(lanes);
    if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, 'exit');
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await spawnServer(dataDir);
    try {
      const again = new Session(second.url);
      await again.signIn(user.email, world.password, user.totpSecret, Date.now() + 30_000);
      const tokens = await again.call('GET', '/api/me/tokens');
      const stored = new Set((tokens.body.items as { name: string }[]).map((t) => t.name));
      const lost = acknowledged.filter((name) => !stored.has(name));
      expect(lost).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      if (second.child.exitCode === null && second.child.signalCode === null) await once(second.child, 'exit');
    }
    // Graceful shutdown: SIGTERM ends the process cleanly, having sealed its audit events.
    expect(second.child.exitCode).toBe(0);
    expect(second.output()).toContain('SIGTERM received');
    const verify = runFocal(dataDir, ['audit', 'verify']);
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
  });
});
