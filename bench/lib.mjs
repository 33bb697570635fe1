// Shared helpers for the benchmarks: a keep-alive HTTP load loop, percentiles, and the built
// server started as a child process (so client and server do not share one event loop).
import http from 'node:http';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node packages/server/dist/main.js` with the given environment; resolves when it listens. */
export async function startServer(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'packages/server/dist/main.js')], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), FOCAL_LOG_LEVEL: 'warn', FOCAL_RATE_LIMIT_PER_MINUTE: '100000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (out += c));
  await new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (out.includes('Focal is running at')) {
        clearInterval(poll);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Sends GET requests over keep-alive connections for `seconds`, `concurrency` at a time, and
 * returns requests per second and latency percentiles. Every response must have `expectStatus`.
 */
export async function loadGet({ port, path, headers = {}, seconds = 5, concurrency = 16, expectStatus = 200 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== expectStatus) errors++;
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const lane = async () => {
    while (performance.now() < deadline) await one();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), requests: latencies.length, errors };
}

/**
 * Sends one request over `agent` and resolves with its status and body text (never rejects:
 * a network error is status 0).
 */
export function request(agent, port, { method = 'GET', path, headers = {}, body }) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: body ? { ...headers, 'content-length': body.length } : headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (error) => resolve({ status: 0, text: error.message }));
    req.end(body);
  });
}

/**
 * Runs `task(lane)` in a loop on `concurrency` lanes for `seconds` and returns completed tasks
 * per second and latency percentiles. A task resolves true on success, false on failure; one
 * task may be several requests (its latency is the whole sequence).
 */
export async function loadTasks({ seconds, concurrency, task }) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const lane = async (index) => {
    while (performance.now() < deadline) {
      const started = performance.now();
      if (await task(index)) latencies.push(performance.now() - started);
      else errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), requests: latencies.length, errors };
}

/** Loads the demo network (`focal demo --json`) into the deployment `env` points at: its logins and shared password. */
export function loadDemo(env) {
  const demo = spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/focal.mjs'), 'demo', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(demo.stderr);
  return JSON.parse(demo.stdout);
}

/**
 * Signs in through the API as a browser does (session, password, TOTP) and returns the
 * cookie header and the CSRF token that unsafe requests must echo in `x-csrf-token`.
 */
export async function signIn(base, email, password, secret) {
  const cookies = new Map();
  const call = async (method, path, body, csrf) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0].split('=');
      cookies.set(name, value);
    }
    return res.json().catch(() => ({}));
  };
  const { csrfToken } = await call('GET', '/api/auth/session');
  await call('POST', '/api/auth/login', { email, password }, csrfToken);
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
  const me = await call('POST', '/api/auth/login/mfa', { code }, csrfToken);
  if (!me?.id) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(me)}`);
  return { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), csrf: cookies.get('focal_csrf') ?? csrfToken, userId: me.id };
}

export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Prints an aligned table. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
