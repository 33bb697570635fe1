#!/usr/bin/env node
// Audit log: append throughput (one event per transaction, as requests do, from concurrent
// writers, with the sealer running as a server runs it), the sealer's own rate when it has a
// backlog, and `audit verify` over the whole chain.
//
//   node bench/audit.mjs [--events 1000000] [--appends 5000] [--concurrency 8] [--pg URL] [--pglite-events 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fmt, table } from './lib.mjs';

const { loadConfig } = await import('../packages/server/dist/config.js');
const { bootstrap } = await import('../packages/server/dist/bootstrap.js');
const { verifyAuditChain } = await import('../packages/server/dist/audit/verify.js');
const { startSealer } = await import('../packages/server/dist/audit/log.js');

const CONTEXT = { actorId: null, actorCountry: null, ip: '203.0.113.5', userAgent: 'bench' };
const event = (i) => ({
  action: 'directory.profile_viewed',
  targetType: 'user',
  targetId: crypto.randomUUID(),
  country: ['FR', 'NG', 'BR', 'KE'][i % 4],
  details: {},
});

async function measure(label, env, { events, appends, concurrency }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-audit-'));
  const ctx = await bootstrap(loadConfig({ FOCAL_DATA_DIR: dataDir, FOCAL_MASTER_KEY: crypto.randomBytes(32).toString('base64'), ...env }));
  try {
    // Single-event transactions from concurrent writers, the shape of real traffic, with the
    // sealer ticking as in a server; the time includes sealing the last of them.
    let next = 0;
    const sealer = startSealer(ctx.audit, ctx.db, (error) => console.error(error));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < appends) {
          const i = next++;
          await ctx.db.transaction().execute((trx) => ctx.audit.append(trx, CONTEXT, event(i)));
        }
      }),
    );
    await sealer.stop();
    const singleRate = appends / ((performance.now() - started) / 1000);

    // Fill to the target size in batches of 1,000, then seal the backlog: two rates.
    const batchStarted = performance.now();
    let written = appends;
    while (written < events) {
      const size = Math.min(1000, events - written);
      const batch = Array.from({ length: size }, (_, j) => event(written + j));
      await ctx.db.transaction().execute((trx) => ctx.audit.appendMany(trx, CONTEXT, batch));
      written += size;
    }
    const batchRate = (events - appends) / ((performance.now() - batchStarted) / 1000);
    const sealStarted = performance.now();
    const sealed = await ctx.audit.seal(ctx.db);
    const sealRate = sealed / ((performance.now() - sealStarted) / 1000);

    const verifyStarted = performance.now();
    const report = await verifyAuditChain(ctx.db);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!report.ok) throw new Error(`chain not intact: ${JSON.stringify(report.problem)}`);
    return { label, events: report.events, checkpoints: report.checkpoints, singleRate, batchRate, sealRate, verifySeconds };
  } finally {
    await ctx.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run({ events = 1_000_000, pgliteEvents = 100_000, appends = 5000, concurrency = 8, pgUrl = 'postgres://postgres@127.0.0.1:5432/postgres' } = {}) {
  const results = [];
  const admin = new pg.Client({ connectionString: pgUrl });
  try {
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS focal_bench_audit');
    await admin.query('CREATE DATABASE focal_bench_audit');
    const url = new URL(pgUrl);
    url.pathname = '/focal_bench_audit';
    results.push(await measure('PostgreSQL', { DATABASE_URL: url.toString() }, { events, appends, concurrency }));
    await admin.query('DROP DATABASE IF EXISTS focal_bench_audit WITH (FORCE)');
  } catch (error) {
    console.log(`PostgreSQL part skipped: ${error.message}`);
  } finally {
    await admin.end().catch(() => {});
  }
  results.push(await measure('PGlite (embedded)', {}, { events: pgliteEvents, appends: Math.min(appends, pgliteEvents), concurrency }));

  console.log(`\nAudit log: appends (${concurrency} concurrent writers, one event per transaction, sealer running), batch inserts, sealing a backlog, full verification\n`);
  table([
    ['database', 'events', 'checkpoints', 'single appends/s', 'batched inserts/s', 'sealed/s', 'verify s', 'verify events/s'],
    ...results.map((r) => [r.label, fmt(r.events), fmt(r.checkpoints), fmt(r.singleRate), fmt(r.batchRate), fmt(r.sealRate), fmt(r.verifySeconds, 1), fmt(r.events / r.verifySeconds)]),
  ]);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { events: { type: 'string' }, 'pglite-events': { type: 'string' }, appends: { type: 'string' }, concurrency: { type: 'string' }, pg: { type: 'string' } } });
  await run({
    ...(values.events ? { events: Number(values.events) } : {}),
    ...(values['pglite-events'] ? { pgliteEvents: Number(values['pglite-events']) } : {}),
    ...(values.appends ? { appends: Number(values.appends) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    ...(values.pg ? { pgUrl: values.pg } : {}),
  });
}
