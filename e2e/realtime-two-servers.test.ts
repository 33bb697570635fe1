import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromPage, freshTotp, launchBrowser, newUser, pageProblems, screenshot } from './harness.js';
import { runFocal, spawnServer, type ServerProcess } from './server-process.js';

/**
 * Two server processes share one PostgreSQL database, as in a deployment behind a load
 * balancer: a message sent through one must reach a browser connected to the other at once
 * (the send's NOTIFY crosses processes through PostgreSQL's LISTEN).
 */
const baseUrl = process.env.TEST_DATABASE_URL;
const database = `focal_e2e_${crypto.randomBytes(4).toString('hex')}`;
let databaseUrl = '';
let dataDir = '';
let servers: ServerProcess[] = [];
let browser: Browser;
let logins: { email: string; country: string; roles: string[]; totpSecret: string }[] = [];
let password = '';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!baseUrl)('realtime across two server processes on one PostgreSQL', () => {
  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE ${database}`));
    const url = new URL(baseUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-pg-'));
    const env = { DATABASE_URL: databaseUrl, FOCAL_MASTER_KEY: crypto.randomBytes(32).toString('base64') };
    const demo = runFocal(dataDir, ['demo', '--json'], env);
    expect(demo.status, demo.stderr).toBe(0);
    ({ password, logins } = JSON.parse(demo.stdout) as { password: string; logins: typeof logins });
    servers = [await spawnServer(dataDir, env), await spawnServer(dataDir, env)];
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (baseUrl) await admin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  async function signedIn(serverUrl: string, key: string) {
    const login = logins.find((l) => l.email.startsWith(`${key}@`))!;
    const { page } = await newUser(browser);
    await page.goto(`${serverUrl}/login`);
    expect((await apiFromPage(page, 'POST', '/api/auth/login', { email: login.email, password })).status).toBe(200);
    expect((await apiFromPage(page, 'POST', '/api/auth/login/mfa', { code: await freshTotp(login.totpSecret) })).status).toBe(200);
    const me = (await apiFromPage(page, 'GET', '/api/auth/session')).json as { user: { id: string } };
    return { page, userId: me.user.id };
  }

  it('shows a message sent through one process in a browser connected to the other, without reload', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const reader = await signedIn(first.url, 'ng-fp');
    await reader.page.goto(`${first.url}/mail`);
    await reader.page.waitForLoadState('networkidle');
    const subject = `Across processes ${crypto.randomBytes(3).toString('hex')}`;
    expect(await reader.page.getByText(subject).count()).toBe(0);

    const sender = await signedIn(second.url, 'fr-fp');
    const sent = await apiFromPage(sender.page, 'POST', '/api/mail/send', { to: [{ kind: 'user', id: reader.userId }], subject, body: 'Sent through the second process.' });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);

    await reader.page.getByText(subject).first().waitFor({ timeout: 15_000 });
    await screenshot(reader.page, 'mail-two-processes');
    expect(pageProblems).toEqual([]);
  });
});
