import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort, repoRoot } from './server-process.js';

export { repoRoot };
export const artifactsDir = join(repoRoot, 'e2e', 'artifacts');

export interface RunningFocal {
  /** Base URL printed by the server, e.g. http://localhost:43123 */
  url: string;
  /** First-run setup link printed on an empty database. */
  setupUrl: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}


/**
 * Starts the built server (`node packages/server/dist/main.js`) on a fresh data directory and a
 * free port, and waits for it to print its URL and the first-run setup link.
 */
export async function startFocal(): Promise<RunningFocal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'focal-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, FOCAL_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' };
  delete env.FOCAL_MASTER_KEY;
  delete env.FOCAL_PUBLIC_URL;
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'packages/server/dist/main.js')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');

  const ready = new Promise<{ url: string; setupUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Focal did not start within 90 s.\n${stdout}\n${stderr}`)), 90_000);
    const check = () => {
      const url = /Focal is running at (http:\/\/\S+)/.exec(stdout)?.[1];
      const setupUrl = /First-run setup: (http:\/\/\S+\/activate\/\S+)/.exec(stdout)?.[1];
      if (url && setupUrl) {
        clearTimeout(timer);
        resolve({ url, setupUrl });
      }
    };
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      check();
    });
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Focal exited early with code ${code}.\n${stdout}\n${stderr}`));
    });
  });

  const { url, setupUrl } = await ready;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timeout = new Promise<void>((resolve) =>
        setTimeout(() => {
          if (child.exitCode === null) child.kill('SIGKILL');
          resolve();
        }, 10_000),
      );
      await Promise.race([exited, timeout]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, setupUrl, dataDir, output: () => `${stdout}\n${stderr}`, stop };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Uncaught page errors and Content-Security-Policy violations seen in any page: there should be none. */
export const pageProblems: string[] = [];

/** A fresh browser profile (cookies, storage) in the given browser language. */
export async function newUser(browser: Browser, locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) pageProblems.push(`${page.url()}: ${message.text()}`);
  });
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

const totpFor = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '')), digits: 6, period: 30, algorithm: 'SHA1' });

/**
 * A current TOTP code that this test has not used yet for this secret: the server refuses a
 * replayed code, so when the current one was already used, wait for the next 30-second period.
 */
const usedCodes = new Map<string, Set<string>>();
export async function freshTotp(secret: string): Promise<string> {
  const used = usedCodes.get(secret) ?? new Set<string>();
  usedCodes.set(secret, used);
  const totp = totpFor(secret);
  for (;;) {
    // Avoid a code that is about to expire while it travels to the server.
    const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
    const code = totp.generate();
    if (!used.has(code) && remaining > 3) {
      used.add(code);
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, 5) * 1000 + 200));
  }
}

/** Calls the API from inside the page (same origin, its cookies and CSRF token). */
export async function apiFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/auth/session', { credentials: 'same-origin' })).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: res.status, json };
    },
    { method, path, body },
  );
}
