#!/usr/bin/env node
// Cases (issue 4), against the built server:
//  1. reading cases over HTTP (the built server in a child process, one signed-in user, one
//     request at a time): the case list, case pages and a case's entities, in a deployment of
//     10,000 cases and 1,000,000 entities, with the authenticated no-op /api/ping in the same
//     rounds as the reference;
//  2. importing a 1,000,000-line FtM JSON lines file into an empty case of that deployment
//     with the built importFtm (in process), entities/s and peak memory, against reading and
//     parsing the same file alone (readline + parseFtmLine).
// The deployment is filled in process through the built insertEntities and reindexEntities
// (the rows an import writes), case by case.
//
//   node bench/cases.mjs [--cases 10000] [--entities 1000000] [--import-lines 1000000]
//     [--pglite-cases 1000] [--pglite-entities 50000] [--pglite-import-lines 50000]
//     [--samples 200] [--db pg,pglite] [--seed 42] [--pg postgres://postgres@127.0.0.1:5432/postgres]
import crypto from 'node:crypto';
import http from 'node:http';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { createGenerator, createRandom, writeFtmFile } from './ftm-gen.mjs';
import { fmt, loadDemo, percentile, request, signIn, startServer, table } from './lib.mjs';

const { loadConfig } = await import('../packages/server/dist/config.js');
const { bootstrap } = await import('../packages/server/dist/bootstrap.js');
const { insertEntities } = await import('../packages/server/dist/modules/cases/entities.js');
const { importFtm } = await import('../packages/server/dist/modules/cases/ftm-io.js');
const { reindexEntities } = await import('../packages/server/dist/modules/matching/index-keys.js');
const { validateEntity, parseFtmLine } = await import('../packages/shared/dist/index.js');

const load = () => loadavg()[0].toFixed(1);
const MEASURED = 'fr-fp@'; // Amélie Durand, focal point of France in the demo world
const ROLES = ['requesting', 'requested', 'victim', 'asset_location', 'observer'];
const STATUSES = [['open', 30], ['active', 45], ['suspended', 5], ['closed', 20]];
const { OFFENCES } = await import('../packages/shared/dist/index.js');
const TITLE_WORDS = 'Operation Falcon Harbour Cedar Meridian Atlas Copper Delta Orchid Granite Lantern Mistral Sahel Baltic Andes Pearl Phoenix Quarry Summit Tundra Zephyr Nile Volga Mekong'.split(' ');

const weighted = (random, list) => {
  let x = random() * list.reduce((n, [, w]) => n + w, 0);
  for (const item of list) if ((x -= item[1]) < 0) return item[0];
  return list[list.length - 1][0];
};
const normal = (random) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/**
 * Case sizes: log-normal (many small cases, a few large ones: median about half the mean),
 * scaled to add up to `total`, at least one entity each.
 */
function caseSizes(random, cases, total) {
  const raw = Array.from({ length: cases }, () => Math.exp(1.2 * normal(random)));
  const sum = raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((x) => Math.max(1, Math.round((x / sum) * total)));
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % cases) {
    if (diff > 0) {
      sizes[i]++;
      diff--;
    } else if (sizes[i] > 1) {
      sizes[i]--;
      diff++;
    }
  }
  return sizes;
}

/**
 * Fills the deployment: 20 more officers in each demo country; `cases` cases led by those
 * countries (France leads about 5%), each with 1–3 other participating countries and 2–6
 * members; the measured user (France's focal point) is a member of about 200 cases and France
 * takes part in about 1,000 more; `entities` entities spread over the cases.
 */
export async function fillCases(env, { cases, entities, seed }) {
  const ctx = await bootstrap(loadConfig({ ...env, FOCAL_LOG_LEVEL: 'warn' }));
  try {
    const random = createRandom(seed);
    const existing = await ctx.db.selectFrom('users').select(['id', 'email', 'country', 'roles']).execute();
    const measured = existing.find((u) => u.email.startsWith(MEASURED));
    const countries = [...new Set(existing.map((u) => u.country))].sort();
    const now = Date.now();
    const newUsers = countries.flatMap((country) =>
      Array.from({ length: 20 }, (_, i) => ({
        id: crypto.randomUUID(),
        email: `bench-${country.toLowerCase()}-${i}@bench.focal.example`,
        name: `Officer ${i} ${country}`,
        name_latin: `Officer ${i} ${country}`,
        search_text: `officer ${i} ${country.toLowerCase()}`,
        country,
        roles: i % 4 === 0 ? ['national_admin'] : ['focal_point'],
        status: 'active',
        created_at: new Date(now),
        updated_at: new Date(now),
      })),
    );
    await ctx.db.insertInto('users').values(newUsers).execute();
    const officers = new Map(countries.map((c) => [c, [...existing, ...newUsers].filter((u) => u.country === c && !u.roles.includes('secretariat') && !u.roles.includes('observer'))]));

    // Which cases France takes part in, and which of those the measured user belongs to.
    // France takes part in 12% of cases; the measured user belongs to one in six of those
    // (with 10,000 cases: about 1,200 and 200).
    const frShare = 0.12;
    const memberShare = 1 / 6;
    const leadWeights = countries.map((c) => [c, c === 'FR' ? 0 : 1]);
    const sizes = caseSizes(random, cases, entities);
    const rows = [];
    const counters = new Map();
    for (let i = 0; i < cases; i++) {
      const france = random() < frShare;
      const lead = france && random() < 0.4 ? 'FR' : weighted(random, leadWeights);
      const others = new Set();
      const count = 1 + Math.floor(random() * 3);
      while (others.size < count) {
        const c = countries[Math.floor(random() * countries.length)];
        if (c !== lead && c !== 'FR') others.add(c);
      }
      if (france && lead !== 'FR') others.add('FR');
      const year = new Date(now).getUTCFullYear() - Math.floor(random() * 3);
      const number = (counters.get(`${lead}:${year}`) ?? 0) + 1;
      counters.set(`${lead}:${year}`, number);
      const created = new Date(now - Math.floor(random() * 3 * 365 * 86_400_000));
      const updated = new Date(Math.min(now, created.getTime() + Math.floor(random() * 400 * 86_400_000)));
      const review = new Date(created);
      review.setUTCFullYear(review.getUTCFullYear() + 5);
      const handling = weighted(random, [['H1', 50], ['H2', 40], ['H3', 10]]);
      const ownerPool = officers.get(lead);
      const member = france && random() < memberShare;
      const owner = member && lead === 'FR' && random() < 0.5 ? measured : ownerPool[Math.floor(random() * ownerPool.length)];
      const members = new Map([[owner.id, { user: owner, lead: true }]]);
      const extra = 1 + Math.floor(random() * 5);
      const participants = [lead, ...others];
      for (let k = 0; k < extra; k++) {
        const country = participants[Math.floor(random() * participants.length)];
        const pool = officers.get(country);
        const user = pool[Math.floor(random() * pool.length)];
        if (user.id !== measured.id && !members.has(user.id)) members.set(user.id, { user, lead: country === lead && random() < 0.3 });
      }
      if (member && owner.id !== measured.id) members.set(measured.id, { user: measured, lead: lead === 'FR' });
      rows.push({
        caseRow: {
          id: crypto.randomUUID(),
          reference: `AR-${year}-${lead}-${String(number).padStart(5, '0')}`,
          title: `${TITLE_WORDS[Math.floor(random() * TITLE_WORDS.length)]} ${TITLE_WORDS[Math.floor(random() * TITLE_WORDS.length)]} ${i}`,
          summary: 'Proceeds of corruption moved through front companies and bank accounts in several jurisdictions.',
          offences: [OFFENCES[Math.floor(random() * OFFENCES.length)]],
          lead_country: lead,
          status: weighted(random, STATUSES),
          handling_code: handling,
          conditions: handling === 'H3' ? 'Not to be used in court without the prior written consent of the provider.' : '',
          evaluation_source: weighted(random, [['A', 20], ['B', 50], ['C', 20], ['X', 10]]),
          evaluation_info: 1 + Math.floor(random() * 4),
          review_date: review.toISOString().slice(0, 10),
          owner_id: owner.id,
          created_at: created,
          updated_at: updated,
          closed_at: null,
        },
        countries: [{ country: lead, role: 'lead' }, ...[...others].map((country) => ({ country, role: ROLES[Math.floor(random() * ROLES.length)] }))],
        members: [...members.values()],
        size: sizes[i],
      });
    }
    // One of the measured user's cases holds exactly 100 entities (the entities list measured).
    const mine = rows.filter((r) => r.members.some((m) => m.user.id === measured.id));
    const hundred = mine.reduce((best, r) => (Math.abs(r.size - 100) < Math.abs(best.size - 100) ? r : best));
    const donor = rows.reduce((big, r) => (r.size > big.size && r !== hundred ? r : big));
    donor.size += hundred.size - 100;
    hundred.size = 100;

    const started = performance.now();
    for (let i = 0; i < rows.length; i += 1000) {
      const slice = rows.slice(i, i + 1000);
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('cases').values(slice.map((r) => ({ ...r.caseRow, closed_at: r.caseRow.status === 'closed' ? r.caseRow.updated_at : null }))).execute();
        await trx.insertInto('case_countries').values(slice.flatMap((r) => r.countries.map((c) => ({ case_id: r.caseRow.id, ...c, added_at: r.caseRow.created_at })))).execute();
        await trx
          .insertInto('case_members')
          .values(slice.flatMap((r) => r.members.map((m) => ({ case_id: r.caseRow.id, user_id: m.user.id, country: m.user.country, is_lead: m.lead, added_by: r.caseRow.owner_id, added_at: r.caseRow.created_at }))))
          .execute();
        await trx
          .insertInto('case_events')
          .values(slice.map((r) => ({ case_id: r.caseRow.id, at: r.caseRow.created_at, actor_id: r.caseRow.owner_id, country: r.caseRow.lead_country, kind: 'created', details: JSON.stringify({ reference: r.caseRow.reference, countries: r.countries.slice(1).map((c) => c.country) }), reach: null })))
          .execute();
      });
    }
    await ctx.db
      .insertInto('case_counters')
      .values([...counters].map(([key, last]) => ({ lead_country: key.slice(0, 2), year: Number(key.slice(3)), last_number: last })))
      .execute();

    // Entities: each case's in one go through insertEntities (entities, values, history), and
    // their match keys through reindexEntities, a transaction per ~2,000 entities, as an
    // import writes them. The values are normalised by validateEntity first, as on import.
    const generator = createGenerator({ seed: seed + 1 });
    let written = 0;
    let pendingCases = [];
    let pendingCount = 0;
    const flush = async () => {
      const batch = pendingCases;
      pendingCases = [];
      pendingCount = 0;
      await ctx.db.transaction().execute(async (trx) => {
        const ids = [];
        for (const { row, list } of batch) {
          const provider = { country: row.caseRow.lead_country, userId: row.caseRow.owner_id };
          const provenance = { handlingCode: row.caseRow.handling_code === 'H3' ? 'H3' : 'H2', conditions: row.caseRow.conditions, evaluationSource: 'B', evaluationInfo: 2, reach: null };
          ids.push(...(await insertEntities(trx, row.caseRow.id, provider, list, provenance)));
        }
        await reindexEntities(ctx, trx, ids);
      });
    };
    for (const row of rows) {
      const list = generator.take(row.size).map((entity) => {
        const checked = validateEntity(entity);
        if (!checked.ok) throw new Error(`generated entity invalid: ${JSON.stringify(checked.errors)}`);
        return checked.entity;
      });
      pendingCases.push({ row, list });
      pendingCount += list.length;
      written += list.length;
      if (pendingCount >= 2000) await flush();
      if (process.stdout.isTTY && written % 50_000 < row.size) process.stdout.write(`  ${fmt(written)} entities written\r`);
    }
    if (pendingCount) await flush();
    const fillSeconds = (performance.now() - started) / 1000;
    // The server's cross-referencing worker would take up the million queued jobs during the
    // measurements: in a deployment this size they were done long ago.
    await ctx.db.deleteFrom('match_jobs').execute();
    const vacuumStarted = performance.now();
    for (const t of ['users', 'cases', 'case_countries', 'case_members', 'case_events', 'entities', 'entity_values', 'entity_changes', 'match_keys', 'match_jobs']) await sql`VACUUM ANALYZE ${sql.table(t)}`.execute(ctx.db);
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    const largest = mine.filter((r) => r !== hundred).reduce((big, r) => (r.size > big.size ? r : big), hundred);
    const known = rows.find((r) => r.countries.some((c) => c.country === 'FR') && !r.members.some((m) => m.user.id === measured.id));
    return {
      fillSeconds,
      vacuumSeconds,
      memberCases: mine.length,
      frenchCases: rows.filter((r) => r.countries.some((c) => c.country === 'FR')).length,
      memberEntities: mine.reduce((n, r) => n + r.size, 0),
      hundredCase: hundred.caseRow.id,
      largestCase: { id: largest.caseRow.id, size: largest.size },
      knownCase: known.caseRow.id,
      maxSize: Math.max(...rows.map((r) => r.size)),
      medianSize: [...rows.map((r) => r.size)].sort((a, b) => a - b)[Math.floor(rows.length / 2)],
    };
  } finally {
    await ctx.database.close();
  }
}

async function measureReads(server, session, fill, { samples }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = async (path) => {
    const res = await request(agent, server.port, { path, headers: { cookie: session.cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.text;
  };
  const queries = [
    { name: 'GET /api/ping (reference)', path: '/api/ping' },
    { name: 'GET /api/cases (the list)', path: '/api/cases' },
    { name: 'GET /api/cases/:id, member, 100 entities', path: `/api/cases/${fill.hundredCase}` },
    { name: `GET /api/cases/:id, member, ${fmt(fill.largestCase.size)} entities`, path: `/api/cases/${fill.largestCase.id}` },
    { name: 'GET /api/cases/:id, participant (stub)', path: `/api/cases/${fill.knownCase}` },
    { name: 'GET /api/cases/:id/entities, 100 entities', path: `/api/cases/${fill.hundredCase}/entities` },
  ];
  const first = [];
  for (const q of queries) first.push(await get(q.path));
  const list = JSON.parse(first[1]);
  const latencies = queries.map(() => []);
  // Round robin, one request of each kind per round, so that a burst of load on this shared
  // machine falls on every kind alike.
  for (let round = -20; round < samples; round++) {
    for (const [i, q] of queries.entries()) {
      const started = performance.now();
      await get(q.path);
      if (round >= 0) latencies[i].push(performance.now() - started);
    }
  }
  agent.destroy();
  return {
    listed: { items: list.items.length, known: list.known.length },
    rows: queries.map((q, i) => {
      const sorted = latencies[i].sort((a, b) => a - b);
      return { name: q.name, bytes: Buffer.byteLength(first[i]), p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
    }),
  };
}

/** Samples this process's memory every 500 ms until stopped; returns the peaks. */
function sampleMemory() {
  const peak = { rss: 0, heapUsed: 0 };
  const take = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  take();
  const timer = setInterval(take, 500);
  return () => {
    clearInterval(timer);
    take();
    return peak;
  };
}

async function measureImport(env, { lines, seed }) {
  const dir = mkdtempSync(join(tmpdir(), 'focal-bench-cases-ftm-'));
  const file = join(dir, 'import.ftm.json');
  try {
    const generated = performance.now();
    const { bytes, counts } = await writeFtmFile(file, { lines, seed: seed + 2 });
    const generateSeconds = (performance.now() - generated) / 1000;
    globalThis.gc?.();

    // Baseline: read and parse the same file, nothing written.
    const parseStarted = performance.now();
    let parsed = 0;
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      if (parseFtmLine(line, ++parsed).ok !== true) throw new Error(`line ${parsed} does not parse`);
    }
    const parseSeconds = (performance.now() - parseStarted) / 1000;
    globalThis.gc?.();

    const ctx = await bootstrap(loadConfig({ ...env, FOCAL_LOG_LEVEL: 'warn' }));
    try {
      const owner = await ctx.db.selectFrom('users').select(['id', 'country']).where('email', 'like', `${MEASURED}%`).executeTakeFirstOrThrow();
      const caseId = crypto.randomUUID();
      const now = new Date();
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('cases')
          .values({ id: caseId, reference: `AR-${now.getUTCFullYear()}-FR-IMPORT`, title: 'Import benchmark', lead_country: 'FR', status: 'open', handling_code: 'H2', conditions: '', evaluation_source: 'B', evaluation_info: 2, review_date: '2031-01-01', owner_id: owner.id })
          .execute();
        await trx.insertInto('case_countries').values({ case_id: caseId, country: 'FR', role: 'lead' }).execute();
        await trx.insertInto('case_members').values({ case_id: caseId, user_id: owner.id, country: 'FR', is_lead: true, added_by: owner.id }).execute();
      });
      globalThis.gc?.();
      const before = process.memoryUsage();
      const stop = sampleMemory();
      const started = performance.now();
      const result = await importFtm(ctx, caseId, createReadStream(file), {
        mode: 'all_or_nothing',
        provider: { country: 'FR', userId: owner.id },
        provenance: { handlingCode: 'H2', conditions: '', evaluationSource: 'B', evaluationInfo: 2, reach: null },
        actor: { id: owner.id, country: 'FR', roles: ['focal_point'] },
        onProgress: (n) => {
          if (process.stdout.isTTY && n % 50_000 === 0) process.stdout.write(`  ${fmt(n)} lines imported\r`);
        },
      });
      const importSeconds = (performance.now() - started) / 1000;
      const peak = stop();
      if (result.rolledBack || result.imported !== lines) throw new Error(`import: ${JSON.stringify({ ...result, errors: result.errors.slice(0, 5) })}`);
      await ctx.db.deleteFrom('match_jobs').execute();
      return { lines, bytes, counts, generateSeconds, parseSeconds, importSeconds, imported: result.imported, before, peak };
    } finally {
      await ctx.database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(label, env, { cases, entities, importLines, samples, seed }) {
  const loads = [load()];
  const world = loadDemo(env);
  const login = world.logins.find((l) => l.email.startsWith(MEASURED));
  console.log(`${label}: filling ${fmt(cases)} cases and ${fmt(entities)} entities, load average ${loads[0]}…`);
  const fill = await fillCases(env, { cases, entities, seed });
  loads.push(load());
  console.log(
    `${label}: filled in ${fmt(fill.fillSeconds, 1)} s (${fmt(entities / fill.fillSeconds)} entities/s), VACUUM ANALYZE ${fmt(fill.vacuumSeconds, 1)} s; ` +
      `the measured user is a member of ${fmt(fill.memberCases)} cases (${fmt(fill.memberEntities)} entities), France takes part in ${fmt(fill.frenchCases)}; case sizes: median ${fmt(fill.medianSize)}, largest ${fmt(fill.maxSize)}`,
  );
  const server = await startServer(env);
  let reads;
  try {
    const session = await signIn(server.base, login.email, world.password, login.totpSecret);
    reads = await measureReads(server, session, fill, { samples });
  } finally {
    await server.stop();
  }
  loads.push(load());
  console.log(`${label}: importing ${fmt(importLines)} FtM lines into an empty case, load average ${loads[2]}…`);
  const imported = await measureImport(env, { lines: importLines, seed });
  loads.push(load());
  return { label, cases, entities, fill, reads, imported, loads };
}

export async function run({
  cases = 10_000,
  entities = 1_000_000,
  importLines = 1_000_000,
  pgliteCases = 1000,
  pgliteEntities = 50_000,
  pgliteImportLines = 50_000,
  samples = 200,
  seed = 42,
  databases = ['pg', 'pglite'],
  pgUrl = 'postgres://postgres@127.0.0.1:5432/postgres',
} = {}) {
  const results = [];
  if (databases.includes('pg')) {
    const admin = new pg.Client({ connectionString: pgUrl });
    let available = true;
    try {
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS focal_bench_cases WITH (FORCE)');
      await admin.query('CREATE DATABASE focal_bench_cases');
    } catch (error) {
      available = false;
      console.log(`PostgreSQL not reachable at ${pgUrl} (${error.message}); skipped.`);
    }
    if (available) {
      const url = new URL(pgUrl);
      url.pathname = '/focal_bench_cases';
      const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-cases-pg-'));
      try {
        results.push(await measure('PostgreSQL', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: url.toString() }, { cases, entities, importLines, samples, seed }));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await admin.query('DROP DATABASE IF EXISTS focal_bench_cases WITH (FORCE)');
      }
    }
    await admin.end().catch(() => {});
  }
  if (databases.includes('pglite')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-cases-'));
    try {
      results.push(await measure('PGlite (embedded)', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: '' }, { cases: pgliteCases, entities: pgliteEntities, importLines: pgliteImportLines, samples, seed }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const mb = (bytes) => fmt(bytes / 1024 / 1024);
  console.log(`\nCases: reads over HTTP, one signed-in user (France's focal point), one request at a time; ${samples} rounds of one request of each kind after 20 rounds of warm-up`);
  for (const r of results) {
    console.log(
      `${r.label}: ${fmt(r.cases)} cases, ${fmt(r.entities)} entities; the user is a member of ${fmt(r.fill.memberCases)} cases (${fmt(r.reads.listed.items)} listed) and France takes part in ${fmt(r.fill.frenchCases - r.fill.memberCases)} more (${fmt(r.reads.listed.known)} listed); load average ${r.loads.join(' → ')}`,
    );
  }
  console.log('');
  table([
    ['database', 'request', 'bytes', 'p50 ms', 'p95 ms', 'max ms', 'p95 × ping'],
    ...results.flatMap((r) => r.reads.rows.map((q) => [r.label, q.name, fmt(q.bytes), fmt(q.p50, 1), fmt(q.p95, 1), fmt(q.max, 1), fmt(q.p95 / r.reads.rows[0].p95, 1)])),
  ]);
  console.log('\nCases: FtM JSON lines import into an empty case (built importFtm, in process, one transaction), against reading + parseFtmLine alone');
  for (const r of results) console.log(`${r.label}: ${fmt(r.imported.lines)} lines, ${mb(r.imported.bytes)} MB (${Object.entries(r.imported.counts).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}); generated in ${fmt(r.imported.generateSeconds, 1)} s`);
  console.log('');
  table([
    ['database', 'lines', 'parse s', 'parse lines/s', 'import s', 'entities/s', '× parse rate', 'RSS before MB', 'peak RSS MB', 'peak heap MB'],
    ...results.map((r) => {
      const i = r.imported;
      return [r.label, fmt(i.lines), fmt(i.parseSeconds, 1), fmt(i.lines / i.parseSeconds), fmt(i.importSeconds, 1), fmt(i.imported / i.importSeconds), fmt(i.parseSeconds / i.importSeconds, 2), mb(i.before.rss), mb(i.peak.rss), mb(i.peak.heapUsed)];
    }),
  ]);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      entities: { type: 'string' },
      'import-lines': { type: 'string' },
      'pglite-cases': { type: 'string' },
      'pglite-entities': { type: 'string' },
      'pglite-import-lines': { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string' },
      db: { type: 'string' },
      pg: { type: 'string' },
    },
  });
  const number = (name, key = name) => (values[name] ? { [key]: Number(values[name]) } : {});
  await run({
    ...number('cases'),
    ...number('entities'),
    ...number('import-lines', 'importLines'),
    ...number('pglite-cases', 'pgliteCases'),
    ...number('pglite-entities', 'pgliteEntities'),
    ...number('pglite-import-lines', 'pgliteImportLines'),
    ...number('samples'),
    ...number('seed'),
    ...(values.db ? { databases: values.db.split(',') } : {}),
    ...(values.pg ? { pgUrl: values.pg } : {}),
  });
}
