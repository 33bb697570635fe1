#!/usr/bin/env node
// Tracing in a case (issue 6, part 3), in process against the built server modules: a case whose
// statements hold `transactions` rows over `accounts` accounts (the rows an import writes:
// statement_imports, BankAccount and Payment entities, statement_transactions), then
//  - the baseline: reading those rows alone (the ledger's own query, with the visibility join);
//  - building the case's ledger (buildCaseLedger: rows, pairs, openings, version hash);
//  - a whole run as the API answers it (runTracing, the four rules: ledger, engine, shaping,
//    holders and jurisdictions, audit), and the size of its JSON answer.
//
//   node bench/tracing-case.mjs [--transactions 200000] [--accounts 2000] [--pglite-transactions 50000]
//     [--seed 42] [--repeat 3] [--db pg,pglite] [--pg postgres://postgres@127.0.0.1:5432/postgres]
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fmt, table } from './lib.mjs';

const { loadConfig } = await import('../packages/server/dist/config.js');
const { bootstrap } = await import('../packages/server/dist/bootstrap.js');
const { createCase } = await import('../packages/server/dist/modules/cases/service.js');
const { buildCaseLedger } = await import('../packages/server/dist/modules/tracing/ledger.js');
const { runTracing } = await import('../packages/server/dist/modules/tracing/service.js');

const INFO = { ip: null, userAgent: 'bench' };

/** Mulberry32, as bench/tracing.mjs: the same rows on every machine for a seed. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One case, `accounts` imported statements, `transactions` rows: the first is the embezzled
 * transfer into account 0; then each row moves 1.00–10,000.00 out of or into a random account,
 * to another account of the case (two thirds) or to one of 1,000 outside parties, over a year.
 */
async function fill(ctx, { transactions, accounts, seed }) {
  const random = createRandom(seed);
  const userId = crypto.randomUUID();
  const now = new Date();
  await ctx.db
    .insertInto('users')
    .values({ id: userId, email: `bench-${userId.slice(0, 8)}@bench.test`, name: 'Bench', name_latin: 'Bench', search_text: 'bench', country: 'FR', roles: ['focal_point'], status: 'active', password_hash: null, phones: '[]', created_at: now, updated_at: now })
    .execute();
  const actor = { id: userId, country: 'FR', roles: ['focal_point'] };
  const caseId = await createCase(ctx, actor, { title: 'Tracing benchmark', summary: '', offences: [], handlingCode: 'H0', conditions: '', evaluationSource: 'X', evaluationInfo: 4, countries: [{ country: 'CH', role: 'asset_location' }] }, INFO);
  const label = (i) => `ACC${String(i).padStart(8, '0')}`;
  const entity = (schema, caption) => ({ id: crypto.randomUUID(), case_id: caseId, ftm_id: crypto.randomBytes(20).toString('hex'), schema, caption, owner_country: 'FR', handling_code: 'H0', conditions: '', evaluation_source: 'A', evaluation_info: 1, reach: null, created_by: userId, created_at: now, updated_at: now });
  const accountEntities = Array.from({ length: accounts }, (_, i) => entity('BankAccount', label(i)));
  const imports = accountEntities.map((e, i) => ({
    id: crypto.randomUUID(),
    case_id: caseId,
    document_id: null,
    format: 'csv',
    account_entity: e.id,
    account_label: label(i),
    currency: 'EUR',
    opening_minor: Math.floor(random() * 1_000_000),
    closing_minor: null,
    sum_minor: 0,
    balance_status: 'unchecked',
    difference_minor: null,
    transactions: 0,
    owner_country: 'FR',
    created_by: userId,
  }));
  for (let i = 0; i < accounts; i += 2000) {
    await ctx.db.insertInto('entities').values(accountEntities.slice(i, i + 2000)).execute();
    await ctx.db
      .insertInto('entity_values')
      .values(accountEntities.slice(i, i + 2000).map((e) => ({ entity_id: e.id, prop: 'accountNumber', value: e.caption, owner_country: 'FR', handling_code: 'H0', conditions: '', evaluation_source: 'A', evaluation_info: 1, reach: null, added_by: userId })))
      .execute();
    await ctx.db.insertInto('statement_imports').values(imports.slice(i, i + 2000)).execute();
  }
  const day = (i) => new Date(Date.UTC(2024, 0, 1) + Math.floor((i / transactions) * 365) * 86_400_000).toISOString().slice(0, 10);
  let seedRow;
  for (let start = 0; start < transactions; start += 2000) {
    const count = Math.min(2000, transactions - start);
    const payments = Array.from({ length: count }, (_, k) => entity('Payment', `payment ${start + k}`));
    await ctx.db.insertInto('entities').values(payments).execute();
    const rows = payments.map((p, k) => {
      const i = start + k;
      if (i === 0) return { import_id: imports[0].id, case_id: caseId, payment_entity: p.id, line: 1, booking_date: day(0), amount_minor: 100_000_000, currency: 'EUR', counterparty_name: 'Treasury', counterparty_account: 'TREASURY0001', reference: 'SEED' };
      const own = Math.floor(random() * accounts);
      const internal = random() < 2 / 3;
      let other = Math.floor(random() * accounts);
      if (other === own) other = (other + 1) % accounts;
      const counterparty = internal ? label(other) : `EXT${String(Math.floor(random() * 1000)).padStart(6, '0')}`;
      const amount = 100 + Math.floor(random() * 999_900);
      return { import_id: imports[own].id, case_id: caseId, payment_entity: p.id, line: i + 1, booking_date: day(i), amount_minor: random() < 0.5 ? -amount : amount, currency: 'EUR', counterparty_name: null, counterparty_account: counterparty, reference: null };
    });
    const inserted = await ctx.db.insertInto('statement_transactions').values(rows).returning('id').execute();
    if (start === 0) seedRow = inserted[0].id;
  }
  return { actor, caseId, seedRow };
}

async function measure(name, env, { transactions, accounts, seed, repeat }) {
  const ctx = await bootstrap(loadConfig({ ...env, FOCAL_LOG_LEVEL: 'warn' }));
  try {
    const filling = performance.now();
    const { actor, caseId, seedRow } = await fill(ctx, { transactions, accounts, seed });
    console.log(`${name}: ${fmt(transactions)} rows over ${fmt(accounts)} accounts written in ${fmt((performance.now() - filling) / 1000, 1)} s (load ${loadavg()[0].toFixed(1)})`);
    const times = { read: [], ledger: [], run: [] };
    let size = 0;
    let run;
    for (let r = 0; r < repeat; r++) {
      let t = performance.now();
      await ctx.db
        .selectFrom('statement_transactions as t')
        .innerJoin('entities as e', 'e.id', 't.payment_entity')
        .select(['t.id', 't.import_id', 't.booking_date', 't.amount_minor', 't.counterparty_name', 't.counterparty_account', 'e.owner_country', 'e.reach'])
        .where('t.case_id', '=', caseId)
        .where('t.currency', '=', 'EUR')
        .orderBy('t.booking_date')
        .orderBy('t.id')
        .execute();
      times.read.push(performance.now() - t);
      t = performance.now();
      await ctx.db.transaction().execute((trx) => buildCaseLedger(trx, actor, caseId, 'EUR'));
      times.ledger.push(performance.now() - t);
      t = performance.now();
      run = await runTracing(ctx, actor, caseId, { seeds: [seedRow], rules: ['fifo', 'lifo', 'pro-rata', 'clean-first'] }, INFO);
      size = JSON.stringify(run).length;
      times.run.push(performance.now() - t);
    }
    const flows = run.results.reduce((n, r) => n + r.edges.length + r.edgesOmitted.count, 0);
    return { name, transactions, read: median(times.read), ledger: median(times.ledger), run: median(times.run), size, flows, holdings: run.results.map((r) => r.holdings.length + r.holdingsOmitted) };
  } finally {
    await ctx.database.close();
  }
}

export async function run({ transactions = 200_000, accounts = 2000, pgliteTransactions = 50_000, seed = 42, repeat = 3, databases = ['pg', 'pglite'], pgUrl = 'postgres://postgres@127.0.0.1:5432/postgres' } = {}) {
  const results = [];
  if (databases.includes('pg')) {
    const admin = new pg.Client({ connectionString: pgUrl });
    let available = true;
    try {
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS focal_bench_tracing_case WITH (FORCE)');
      await admin.query('CREATE DATABASE focal_bench_tracing_case');
    } catch (error) {
      available = false;
      console.log(`PostgreSQL not reachable at ${pgUrl} (${error.message}); skipped.`);
    }
    if (available) {
      const url = new URL(pgUrl);
      url.pathname = '/focal_bench_tracing_case';
      const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-tracing-pg-'));
      try {
        results.push(await measure('PostgreSQL', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: url.toString() }, { transactions, accounts, seed, repeat }));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await admin.query('DROP DATABASE IF EXISTS focal_bench_tracing_case WITH (FORCE)');
      }
    }
    await admin.end().catch(() => {});
  }
  if (databases.includes('pglite')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-tracing-'));
    try {
      results.push(await measure('PGlite (embedded)', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: '' }, { transactions: pgliteTransactions, accounts, seed, repeat }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`\nTracing in a case: one seed, the four rules, medians of ${repeat} runs`);
  table([
    ['database', 'rows', 'read rows', 'build ledger', 'ratio', 'run (4 rules)', 'ratio', 'answer', 'flows (4 rules)', 'holdings per rule'],
    ...results.map((r) => [
      r.name,
      fmt(r.transactions),
      `${fmt(r.read)} ms`,
      `${fmt(r.ledger)} ms`,
      (r.ledger / r.read).toFixed(1),
      `${fmt(r.run)} ms`,
      (r.run / r.read).toFixed(1),
      `${fmt(r.size / 1024)} KiB`,
      fmt(r.flows),
      r.holdings.map((h) => fmt(h)).join(' / '),
    ]),
  ]);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      transactions: { type: 'string' },
      accounts: { type: 'string' },
      'pglite-transactions': { type: 'string' },
      seed: { type: 'string' },
      repeat: { type: 'string' },
      db: { type: 'string' },
      pg: { type: 'string' },
    },
  });
  const number = (v) => (v === undefined ? undefined : Number(v));
  await run({
    transactions: number(values.transactions),
    accounts: number(values.accounts),
    pgliteTransactions: number(values['pglite-transactions']),
    seed: number(values.seed),
    repeat: number(values.repeat),
    databases: values.db ? values.db.split(',') : undefined,
    pgUrl: values.pg,
  });
}
