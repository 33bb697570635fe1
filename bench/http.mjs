#!/usr/bin/env node
// What authentication costs: an authenticated no-op route (/api/ping: session lookup, user
// load, CSRF-free GET) against the unauthenticated /healthz, in the same run, on the
// embedded database and on PostgreSQL.
//
//   node bench/http.mjs [--seconds 5] [--concurrency 16] [--pg postgres://postgres@127.0.0.1:5432/postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fmt, loadDemo, loadGet, signIn, startServer, table } from './lib.mjs';

async function measure(label, env, { seconds, concurrency }) {
  const world = loadDemo(env);
  const server = await startServer(env);
  try {
    const user = world.logins[0];
    const { cookie } = await signIn(server.base, user.email, world.password, user.totpSecret);
    await loadGet({ port: server.port, path: '/healthz', seconds: 1, concurrency }); // warm-up
    await loadGet({ port: server.port, path: '/api/ping', headers: { cookie }, seconds: 1, concurrency });
    const health = await loadGet({ port: server.port, path: '/healthz', seconds, concurrency });
    const ping = await loadGet({ port: server.port, path: '/api/ping', headers: { cookie }, seconds, concurrency });
    return { label, health, ping };
  } finally {
    await server.stop();
  }
}

export async function run({ seconds = 5, concurrency = 16, pgUrl = 'postgres://postgres@127.0.0.1:5432/postgres' } = {}) {
  const results = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-http-'));
  try {
    results.push(await measure('PGlite (embedded)', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: '' }, { seconds, concurrency }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const admin = new pg.Client({ connectionString: pgUrl });
  let pgAvailable = true;
  try {
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS focal_bench_http');
    await admin.query('CREATE DATABASE focal_bench_http');
  } catch (error) {
    pgAvailable = false;
    console.log(`PostgreSQL not reachable at ${pgUrl} (${error.message}); PGlite only.`);
  }
  if (pgAvailable) {
    const url = new URL(pgUrl);
    url.pathname = '/focal_bench_http';
    const pgDir = mkdtempSync(join(tmpdir(), 'focal-bench-http-pg-'));
    try {
      results.push(await measure('PostgreSQL', { FOCAL_DATA_DIR: pgDir, DATABASE_URL: url.toString() }, { seconds, concurrency }));
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
      await admin.query('DROP DATABASE IF EXISTS focal_bench_http WITH (FORCE)');
    }
  }
  await admin.end().catch(() => {});

  console.log(`\nHTTP: authenticated no-op vs /healthz (${seconds} s each, ${concurrency} connections, keep-alive)\n`);
  table([
    ['database', '/healthz req/s', '/api/ping req/s', 'ratio', 'ping p50 ms', 'ping p95 ms', 'errors'],
    ...results.map((r) => [r.label, fmt(r.health.rps), fmt(r.ping.rps), fmt(r.ping.rps / r.health.rps, 2), fmt(r.ping.p50, 2), fmt(r.ping.p95, 2), r.health.errors + r.ping.errors]),
  ]);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, concurrency: { type: 'string' }, pg: { type: 'string' } } });
  await run({ seconds: Number(values.seconds ?? 5), concurrency: Number(values.concurrency ?? 16), ...(values.pg ? { pgUrl: values.pg } : {}) });
}
