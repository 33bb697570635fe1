#!/usr/bin/env node
// Matching at scale (issue 5), in process against the built server modules:
//  1. fills a deployment with 1,000,000 synthetic entities (people, companies, bank accounts;
//     multi-script names with variants, legal forms, IBANs, registration numbers; seed 42),
//     written by the built insertEntities and indexed by the built reindexEntities, 500 a case;
//  2. single queries: the search box (`searchEntities`: key lookup + scoring, as a member of
//     every case) for 500 names drawn from the generated parties, each written another way
//     (other script or transliteration, initials, typo, word order); p50/p95, and whether the
//     entity it was drawn from comes back;
//  3. the baseline, in the same run on the same queries: a plain pg_trgm similarity query over
//     the entities' names with a GIN trigram index this benchmark builds (its build time too);
//  4. batch cross-referencing: `processMatchJobs` draining 20,000 queued entities, entities/s;
//  5. blocking recall: `focal eval-matching --json` on the development set (pairs that share a
//     blocking key), and at scale: the development set's pairs inserted among the million
//     entities, the share of true pairs whose other side is among the candidates that reach
//     scoring (`findCandidates`, with the candidate limit and any key-frequency cut-off).
//
//   node bench/matching.mjs [--entities 1000000] [--pglite-entities 50000] [--queries 500]
//     [--batch 20000] [--batch-seconds 600] [--workers 1] [--db pg,pglite] [--seed 42]
//     [--pg postgres://postgres@127.0.0.1:5432/postgres]
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { createRandom, ftmId, generateEntities, renderCompany, renderPerson } from './ftm-gen.mjs';
import { fmt, percentile, repoRoot, table } from './lib.mjs';

const { loadConfig } = await import('../packages/server/dist/config.js');
const { bootstrap } = await import('../packages/server/dist/bootstrap.js');
const { insertEntities } = await import('../packages/server/dist/modules/cases/entities.js');
const { reindexEntities, hmacKeyOf } = await import('../packages/server/dist/modules/matching/index-keys.js');
const crossref = await import('../packages/server/dist/modules/matching/crossref.js');
const { searchEntities } = await import('../packages/server/dist/modules/matching/service.js');
const { validateEntity } = await import('../packages/shared/dist/index.js');
const { parsePairsTsv } = await import('../packages/core/dist/index.js');
const { DEFAULT_DEV_SET } = await import('../packages/server/dist/cli/eval-matching.js');
const { readFile } = await import('node:fs/promises');

const load = () => loadavg()[0].toFixed(1);
const INFO = { ip: '203.0.113.5', userAgent: 'bench' };
const COUNTRIES = ['FR', 'NG', 'BR', 'KE', 'CH', 'UA', 'EG', 'JO', 'CN', 'GR', 'PE', 'AT'];
const CASE_SIZE = 500;
const timed = async (fn) => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};
const stats = (sorted) => ({ p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] });

async function newCase(trx, owner, lead, reference, title) {
  const id = crypto.randomUUID();
  await trx
    .insertInto('cases')
    .values({ id, reference, title, lead_country: lead, status: 'active', handling_code: 'H2', conditions: '', evaluation_source: 'B', evaluation_info: 2, review_date: '2031-01-01', owner_id: owner.id })
    .execute();
  await trx.insertInto('case_countries').values({ case_id: id, country: lead, role: 'lead' }).execute();
  await trx.insertInto('case_members').values({ case_id: id, user_id: owner.id, country: owner.country, is_lead: lead === owner.country, added_by: owner.id }).execute();
  return id;
}

/**
 * Fills the deployment with `entities` generated parties and accounts, CASE_SIZE to a case,
 * through insertEntities + reindexEntities (values normalised by validateEntity, as on
 * import), a transaction per 2,000 entities. The searcher is a member of every case. Returns
 * the parties the queries are drawn from.
 */
export async function fill(ctx, searcher, { entities, queries, seed }) {
  const random = createRandom(seed + 7);
  const positions = new Set();
  while (positions.size < Math.min(queries, entities)) positions.add(Math.floor(random() * entities));
  const sources = [];
  let wantParty = 0;
  let index = 0;
  let caseNumber = 0;
  let caseId = null;
  let lead = 'FR';
  let inCase = CASE_SIZE;
  let batch = [];
  const flush = async () => {
    const work = batch;
    batch = [];
    await ctx.db.transaction().execute(async (trx) => {
      const ids = [];
      for (const { caseId: id, country, list } of work) ids.push(...(await insertEntities(trx, id, { country, userId: searcher.id }, list, { handlingCode: 'H2', conditions: '', evaluationSource: 'B', evaluationInfo: 2, reach: null })));
      await reindexEntities(ctx, trx, ids);
    });
  };
  const started = performance.now();
  let current = null;
  // Which party or account each entity records: entities with the same number are true matches.
  const uids = new Int32Array(entities).fill(-1);
  for (const { entity, identity } of generateEntities({ count: entities, seed, relations: false })) {
    if (identity) uids[index] = identity.uid;
    if (inCase === CASE_SIZE) {
      lead = COUNTRIES[caseNumber % COUNTRIES.length];
      caseNumber++;
      caseId = await newCase(ctx.db, searcher, lead, `AR-2026-${lead}-M${String(caseNumber).padStart(5, '0')}`, `Matching benchmark ${caseNumber}`);
      current = { caseId, country: lead, list: [] };
      batch.push(current);
      inCase = 0;
    }
    const checked = validateEntity(entity);
    if (!checked.ok) throw new Error(`generated entity invalid: ${JSON.stringify(checked.errors)}`);
    current.list.push(checked.entity);
    inCase++;
    if (positions.has(index)) wantParty++;
    if (wantParty > 0 && identity && identity.kind !== 'account') {
      sources.push({ ftmId: entity.id, identity, name: entity.properties.name[0] });
      wantParty--;
    }
    index++;
    if (batch.reduce((n, b) => n + b.list.length, 0) >= 2000) {
      await flush();
      current = { caseId, country: lead, list: [] };
      batch.push(current);
    }
    if (process.stdout.isTTY && index % 50_000 === 0) process.stdout.write(`  ${fmt(index)} entities written\r`);
  }
  if (batch.some((b) => b.list.length)) await flush();
  const fillSeconds = (performance.now() - started) / 1000;
  await ctx.db.deleteFrom('match_jobs').execute();
  const vacuumStarted = performance.now();
  for (const t of ['cases', 'case_members', 'entities', 'entity_values', 'entity_changes', 'match_keys', 'match_jobs']) await sql`VACUUM ANALYZE ${sql.table(t)}`.execute(ctx.db);
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  return { sources, fillSeconds, vacuumSeconds, cases: caseNumber, uids };
}

/** The index's shape: keys, rows, and how long the longest posting lists are. */
export async function indexShape(ctx) {
  const { rows } = await sql`
    SELECT count(*)::int AS keys, sum(n)::bigint AS rows, max(n)::int AS longest,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY n) AS median,
      (count(*) FILTER (WHERE n > 1000))::int AS over1000, (count(*) FILTER (WHERE n > 10000))::int AS over10000
    FROM (SELECT key, count(*) AS n FROM match_keys GROUP BY key) k`.execute(ctx.db);
  return rows[0];
}

export async function measureQueries(ctx, searcher, sources, { seed }) {
  const random = createRandom(seed + 11);
  const queries = sources.map((s) => ({ ...s, text: s.identity.kind === 'person' ? renderPerson(s.identity, random, 0.6) : renderCompany(s.identity, random, 0.6) }));
  const idRows = await ctx.db.selectFrom('entities').select(['id', 'ftm_id']).where('ftm_id', 'in', queries.map((q) => q.ftmId)).execute();
  const idOf = new Map(idRows.map((r) => [r.ftm_id, r.id]));

  // The baseline's index, built the way an operator would add it.
  const [, indexMs] = await timed(() => sql`CREATE INDEX IF NOT EXISTS bench_entity_values_trgm_idx ON entity_values USING gin (value gin_trgm_ops)`.execute(ctx.db));
  await sql`ANALYZE entity_values`.execute(ctx.db);
  const trgm = (text) =>
    sql`SELECT entity_id, value, similarity(value, ${text}) AS sim FROM entity_values WHERE prop = 'name' AND value % ${text} ORDER BY similarity(value, ${text}) DESC LIMIT 50`.execute(ctx.db);
  const search = (text) => searchEntities(ctx, searcher, text, INFO);

  // Warm-up on other queries, then each query once through each, alternating.
  for (const q of queries.slice(0, Math.min(50, queries.length))) {
    await search(q.name);
    await trgm(q.name);
  }
  const matcher = [];
  const baseline = [];
  let found = 0;
  let foundTrgm = 0;
  let results = 0;
  for (const q of queries) {
    const [result, ms] = await timed(() => search(q.text));
    matcher.push(ms);
    results += result.items.length;
    if (result.items.some((item) => item.entity.id === idOf.get(q.ftmId))) found++;
    const [rows, trgmMs] = await timed(() => trgm(q.text));
    baseline.push(trgmMs);
    if (rows.rows.some((r) => r.entity_id === idOf.get(q.ftmId))) foundTrgm++;
  }
  matcher.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  return {
    count: queries.length,
    examples: queries.slice(0, 6).map((q) => `${q.name} → ${q.text}`),
    matcher: { ...stats(matcher), found: found / queries.length, results: results / queries.length },
    trgm: { ...stats(baseline), found: foundTrgm / queries.length, indexSeconds: indexMs / 1000 },
  };
}

/**
 * The true matches in the generated data: for each entity recording a party or account that
 * was recorded more than once, the other records of it in other cases (entity i is in case
 * floor(i / CASE_SIZE)). Returns a function from an FtM id to those FtM ids.
 */
export function trueMatches(uids, seed) {
  // (uid, index) packed in one float and sorted: the records of one party are then adjacent.
  const packed = new Float64Array(uids.length);
  let n = 0;
  for (let i = 0; i < uids.length; i++) if (uids[i] >= 0) packed[n++] = uids[i] * 2 ** 21 + i;
  const sorted = packed.subarray(0, n).sort();
  const partners = new Map();
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && Math.floor(sorted[end] / 2 ** 21) === Math.floor(sorted[start] / 2 ** 21)) end++;
    if (end - start > 1) {
      const members = Array.from(sorted.subarray(start, end), (x) => x % 2 ** 21);
      for (const i of members) {
        const others = members.filter((j) => Math.floor(j / CASE_SIZE) !== Math.floor(i / CASE_SIZE)).map((j) => ftmId(seed, j));
        if (others.length) partners.set(ftmId(seed, i), others);
      }
    }
    start = end;
  }
  return (id) => partners.get(id) ?? [];
}

/**
 * Queues `count` entities (a fixed sample) and drains the queue with `workers` matchers. With
 * `partnersOf` (trueMatches), also counts how many of the sample's true matches in other cases
 * were stored as matches.
 */
export async function measureBatch(ctx, { count, seconds, workers, partnersOf }) {
  await sql`INSERT INTO match_jobs (entity_id, case_id, queued_at) SELECT id, case_id, now() FROM entities ORDER BY md5(ftm_id) LIMIT ${count}`.execute(ctx.db);
  const queued = (await sql`SELECT e.ftm_id FROM match_jobs j JOIN entities e ON e.id = j.entity_id`.execute(ctx.db)).rows.map((r) => r.ftm_id);
  const before = await sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE is_match))::int AS m FROM match_candidates`.execute(ctx.db);
  let processed = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const n = await crossref.processMatchJobs(ctx);
        if (n === 0) break;
        processed += n;
        if (process.stdout.isTTY) process.stdout.write(`  ${fmt(processed)} cross-referenced\r`);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const after = await sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE is_match))::int AS m FROM match_candidates`.execute(ctx.db);
  await ctx.db.deleteFrom('match_jobs').execute();
  let truth = null;
  if (partnersOf && processed >= count) {
    const pairs = queued.flatMap((a) => partnersOf(a).map((b) => (a < b ? `${a}|${b}` : `${b}|${a}`)));
    const truePairs = new Set(pairs);
    const involved = [...new Set([...truePairs].flatMap((p) => p.split('|')))];
    const stored = involved.length
      ? (
          await sql`SELECT ea.ftm_id AS a, eb.ftm_id AS b, c.is_match FROM match_candidates c JOIN entities ea ON ea.id = c.entity_a JOIN entities eb ON eb.id = c.entity_b
            WHERE ea.ftm_id = ANY(${involved}::text[]) AND eb.ftm_id = ANY(${involved}::text[])`.execute(ctx.db)
        ).rows
      : [];
    let asMatch = 0;
    let asPair = 0;
    for (const row of stored) {
      const key = row.a < row.b ? `${row.a}|${row.b}` : `${row.b}|${row.a}`;
      if (!truePairs.has(key)) continue;
      asPair++;
      if (row.is_match) asMatch++;
    }
    truth = { pairs: truePairs.size, asPair, asMatch };
  }
  return { queued: count, processed, seconds: elapsed, rate: processed / elapsed, pairs: after.rows[0].n - before.rows[0].n, matches: after.rows[0].m - before.rows[0].m, timedOut: processed < count, truth };
}

/**
 * The development set among the million: each pair's two sides as entities of two cases, and
 * for each true pair whether either side is among the other's candidates for scoring.
 */
export async function blockingAtScale(ctx, searcher) {
  if (typeof crossref.findCandidates !== 'function') return null;
  const pairs = parsePairsTsv(await readFile(DEFAULT_DEV_SET, 'utf8')).filter((p) => p.label === 1);
  const toFtm = (side, key) => {
    const properties = { name: side.names };
    if (side.birthDate && side.schema === 'Person') properties.birthDate = [side.birthDate];
    if (side.countries?.length) properties.country = side.countries.map((c) => c.toLowerCase());
    return { id: `dev-${key}`, schema: side.schema === 'Company' ? 'Company' : 'Person', properties };
  };
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const caseA = await newCase(trx, searcher, 'FR', 'AR-2026-FR-DEVA', 'Development set, side a');
    const caseB = await newCase(trx, searcher, 'NG', 'AR-2026-NG-DEVB', 'Development set, side b');
    const provenance = { handlingCode: 'H2', conditions: '', evaluationSource: 'B', evaluationInfo: 2, reach: null };
    const a = await insertEntities(trx, caseA, { country: 'FR', userId: searcher.id }, pairs.map((p) => validateEntity(toFtm(p.a, `${p.id}-a`)).entity), provenance);
    const b = await insertEntities(trx, caseB, { country: 'NG', userId: searcher.id }, pairs.map((p) => validateEntity(toFtm(p.b, `${p.id}-b`)).entity), provenance);
    await reindexEntities(ctx, trx, [...a, ...b]);
    return { a, b };
  });
  await ctx.db.deleteFrom('match_jobs').execute();
  const hmacKey = await hmacKeyOf(ctx, ctx.db);
  let reached = 0;
  let reachedA = 0;
  let candidates = 0;
  const missed = [];
  for (const [i, pair] of pairs.entries()) {
    const fromA = await crossref.findCandidates(ctx.db, hmacKey, ids.a[i]);
    const fromB = await crossref.findCandidates(ctx.db, hmacKey, ids.b[i]);
    candidates += fromA.length + fromB.length;
    const aFindsB = fromA.some((c) => c.entity_id === ids.b[i]);
    const bFindsA = fromB.some((c) => c.entity_id === ids.a[i]);
    if (aFindsB) reachedA++;
    if (aFindsB || bFindsA) reached++;
    else missed.push(`${pair.a.names[0]} | ${pair.b.names[0]}`);
  }
  return { pairs: pairs.length, recall: reached / pairs.length, oneWay: reachedA / pairs.length, meanCandidates: candidates / (2 * pairs.length), missed };
}

async function measure(label, env, { entities, queries, batch, batchSeconds, workers, seed }) {
  const loads = [load()];
  const ctx = await bootstrap(loadConfig({ ...env, FOCAL_MASTER_KEY: crypto.randomBytes(32).toString('base64'), FOCAL_LOG_LEVEL: 'warn' }));
  try {
    const searcher = { id: crypto.randomUUID(), country: 'FR', roles: ['focal_point'] };
    await ctx.db
      .insertInto('users')
      .values({ id: searcher.id, email: 'searcher@bench.focal.example', name: 'Searcher', name_latin: 'Searcher', country: 'FR', roles: ['focal_point'], status: 'active' })
      .execute();
    console.log(`${label}: filling ${fmt(entities)} entities, load average ${loads[0]}…`);
    const filled = await fill(ctx, searcher, { entities, queries, seed });
    const shape = await indexShape(ctx);
    loads.push(load());
    console.log(
      `${label}: filled in ${fmt(filled.fillSeconds, 1)} s (${fmt(entities / filled.fillSeconds)} entities/s with their match keys), VACUUM ANALYZE ${fmt(filled.vacuumSeconds, 1)} s; ` +
        `${fmt(shape.rows)} match keys, ${fmt(shape.keys)} distinct, longest posting list ${fmt(shape.longest)}, ${fmt(shape.over1000)} keys over 1,000 entities; load average ${loads[1]}`,
    );
    const atScale = await blockingAtScale(ctx, searcher);
    console.log(`${label}: single queries (${fmt(filled.sources.length)}), matcher and trigram baseline alternating…`);
    const single = await measureQueries(ctx, searcher, filled.sources, { seed });
    loads.push(load());
    console.log(`${label}: batch cross-referencing of ${fmt(batch)} queued entities (${workers} worker${workers > 1 ? 's' : ''}, at most ${batchSeconds} s), load average ${loads[2]}…`);
    const batchResult = await measureBatch(ctx, { count: Math.min(batch, entities), seconds: batchSeconds, workers, partnersOf: trueMatches(filled.uids, seed) });
    loads.push(load());
    return { label, entities, filled, shape, single, batch: batchResult, atScale, loads };
  } finally {
    await ctx.database.close();
  }
}

function evalMatching() {
  const out = spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/focal.mjs'), 'eval-matching', '--json'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout);
}

export async function run({
  entities = 1_000_000,
  pgliteEntities = 50_000,
  queries = 500,
  batch = 20_000,
  pgliteBatch = 2_000,
  batchSeconds = 600,
  workers = 1,
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
      await admin.query('DROP DATABASE IF EXISTS focal_bench_matching WITH (FORCE)');
      await admin.query('CREATE DATABASE focal_bench_matching');
    } catch (error) {
      available = false;
      console.log(`PostgreSQL not reachable at ${pgUrl} (${error.message}); skipped.`);
    }
    if (available) {
      const url = new URL(pgUrl);
      url.pathname = '/focal_bench_matching';
      const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-matching-pg-'));
      try {
        results.push(await measure('PostgreSQL', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: url.toString() }, { entities, queries, batch, batchSeconds, workers, seed }));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await admin.query('DROP DATABASE IF EXISTS focal_bench_matching WITH (FORCE)');
      }
    }
    await admin.end().catch(() => {});
  }
  if (databases.includes('pglite')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'focal-bench-matching-'));
    try {
      results.push(await measure('PGlite (embedded)', { FOCAL_DATA_DIR: dataDir, DATABASE_URL: '' }, { entities: pgliteEntities, queries, batch: pgliteBatch, batchSeconds, workers: 1, seed }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const evaluation = evalMatching();

  console.log('\nMatching: single queries (the search box, searchEntities in process: key lookup + scoring) against a plain pg_trgm similarity query on the same names, alternating');
  for (const r of results) {
    console.log(`${r.label}: ${fmt(r.entities)} entities in ${fmt(r.filled.cases)} cases; ${fmt(r.shape.rows)} match keys; trigram index built in ${fmt(r.single.trgm.indexSeconds, 1)} s; load average ${r.loads.join(' → ')}`);
    console.log(`  e.g. ${r.single.examples.join('; ')}`);
  }
  console.log('');
  table([
    ['database', 'query', 'queries', 'p50 ms', 'p95 ms', 'max ms', 'source found', 'p95 × trgm'],
    ...results.flatMap((r) => [
      [r.label, 'searchEntities', fmt(r.single.count), fmt(r.single.matcher.p50, 1), fmt(r.single.matcher.p95, 1), fmt(r.single.matcher.max, 1), `${fmt(r.single.matcher.found * 100, 1)}%`, fmt(r.single.matcher.p95 / r.single.trgm.p95, 2)],
      [r.label, 'pg_trgm % + similarity, LIMIT 50', fmt(r.single.count), fmt(r.single.trgm.p50, 1), fmt(r.single.trgm.p95, 1), fmt(r.single.trgm.max, 1), `${fmt(r.single.trgm.found * 100, 1)}%`, '1.00'],
    ]),
  ]);
  console.log('\nMatching: batch cross-referencing (processMatchJobs until the queue is empty)\n');
  table([
    ['database', 'entities', 'queued', 'processed', 'seconds', 'entities/s', 'pairs stored', 'of which matches', 'true pairs', 'stored', 'as matches'],
    ...results.map((r) => {
      const t = r.batch.truth;
      const share = (n) => (t && t.pairs ? `${fmt((n / t.pairs) * 100, 1)}%` : '');
      return [r.label, fmt(r.entities), fmt(r.batch.queued), fmt(r.batch.processed) + (r.batch.timedOut ? ' (time limit)' : ''), fmt(r.batch.seconds, 1), fmt(r.batch.rate), fmt(r.batch.pairs), fmt(r.batch.matches), t ? fmt(t.pairs) : '', share(t?.asPair), share(t?.asMatch)];
    }),
  ]);
  console.log('(true pairs: the queued entities and the other records, in other cases, of the same generated party or account; stored: kept as a candidate pair, score ≥ 0.3)');
  console.log('\nMatching: blocking recall\n');
  console.log(`development set (${evaluation.pairs} pairs, focal eval-matching): blocking recall ${fmt(evaluation.blockingRecall * 100, 1)}% of true matches share a blocking key; matcher precision ${fmt(evaluation.precision, 3)}, recall ${fmt(evaluation.recall, 3)}`);
  console.log(`hit/no-hit only (keyed hashes): precision ${fmt(evaluation.blind.precision, 3)}, recall ${fmt(evaluation.blind.recall, 3)}, F1 ${fmt(evaluation.blind.f1, 3)}`);
  for (const r of results) {
    if (!r.atScale) console.log(`${r.label}: (this build has no findCandidates: blocking recall at scale not measured)`);
    else
      console.log(
        `${r.label}: the ${r.atScale.pairs} true pairs among ${fmt(r.entities)} entities: ${fmt(r.atScale.recall * 100, 1)}% reach scoring (either side finds the other; ${fmt(r.atScale.oneWay * 100, 1)}% from side a alone), ${fmt(r.atScale.meanCandidates, 0)} candidates scored per entity on average` +
          (r.atScale.missed.length ? `; missed: ${r.atScale.missed.slice(0, 8).join('; ')}` : ''),
      );
  }
  return { results, evaluation };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string' },
      'pglite-entities': { type: 'string' },
      queries: { type: 'string' },
      batch: { type: 'string' },
      'pglite-batch': { type: 'string' },
      'batch-seconds': { type: 'string' },
      workers: { type: 'string' },
      seed: { type: 'string' },
      db: { type: 'string' },
      pg: { type: 'string' },
    },
  });
  const number = (name, key = name) => (values[name] ? { [key]: Number(values[name]) } : {});
  await run({
    ...number('entities'),
    ...number('pglite-entities', 'pgliteEntities'),
    ...number('queries'),
    ...number('batch'),
    ...number('pglite-batch', 'pgliteBatch'),
    ...number('batch-seconds', 'batchSeconds'),
    ...number('workers'),
    ...number('seed'),
    ...(values.db ? { databases: values.db.split(',') } : {}),
    ...(values.pg ? { pgUrl: values.pg } : {}),
  });
}
