import crypto from 'node:crypto';
import { sql } from 'kysely';
import { blockingKeys, scoreCeiling, scoreEntities, type Evidence, type MatchEntity } from '@focal/core';
import type { AppContext, Db } from '../../context.js';
import { blindKey, hmacKeyOf, isMatchable, keyKind, MATCH_COUNTRY_PROPS, MATCH_IDENTIFIER_PROPS, MATCH_NAME_PROPS, toMatchEntity } from './index-keys.js';
import { runPeriodically } from '../../periodic.js';

/**
 * Keys held by more entities than this are too common to find candidates by (a frequent first
 * name, its phonetic code): they are skipped, and the rarer keys of the same name (the surname,
 * the pair of name parts, a birth date, an identifier) find its true matches. Counting a key's
 * postings stops here, so a lookup reads at most this many index entries per key.
 */
export const COMMON_KEY_POSTINGS = 1000;
/** At most this many candidates per entity reach the (costly) scorer in cross-referencing, those sharing the rarest keys first. */
export const MAX_CANDIDATES = 50;
/** Pairs scoring below this are not kept at all. */
const KEEP_FLOOR = 0.3;
/** A job claimed longer ago than this belonged to a worker that died: it is taken again. */
const STALE_CLAIM_MS = 5 * 60_000;

type Loaded = { id: string; case_id: string; schema: string; blind: boolean; properties: Record<string, string[]> };

/** The properties toMatchEntity reads (names, identifiers, countries, birth date): the others are not loaded for matching. */
const MATCHED_PROPS = [...new Set([...MATCH_NAME_PROPS, ...Object.keys(MATCH_IDENTIFIER_PROPS), ...MATCH_COUNTRY_PROPS, 'firstName', 'middleName', 'lastName', 'birthDate'])];

async function loadEntities(db: Db, ids: string[]): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  if (ids.length === 0) return out;
  // One array parameter rather than an IN list of thousands: far cheaper to send and plan.
  const [entities, values] = await Promise.all([
    db.selectFrom('entities').select(['id', 'case_id', 'schema', 'blind']).where(sql<boolean>`id = ANY(${ids}::uuid[])`).execute(),
    db.selectFrom('entity_values').select(['entity_id', 'prop', 'value']).where(sql<boolean>`entity_id = ANY(${ids}::uuid[])`).where(sql<boolean>`prop = ANY(${MATCHED_PROPS}::text[])`).execute(),
  ]);
  for (const e of entities) out.set(e.id, { ...e, properties: {} });
  for (const v of values) {
    const entity = out.get(v.entity_id);
    if (entity) (entity.properties[v.prop] ??= []).push(v.value);
  }
  return out;
}

// Keys found common stay common (a first name does not become rare): remembered for a while,
// so that their postings are not counted again for every entity that has them.
const commonKeys = new Map<string, number>();
const COMMON_KEY_MEMORY_MS = 10 * 60_000;

/**
 * The weight of each key for ranking candidates: higher the fewer entities hold it
 * (1 + ln(COMMON_KEY_POSTINGS / postings)); null for a common key, and for a key nobody holds
 * (most keyed hashes): neither is looked up.
 */
async function keyWeights(db: Db, keys: string[]): Promise<Map<string, number | null>> {
  const now = Date.now();
  const out = new Map<string, number | null>();
  const unknown: string[] = [];
  for (const key of new Set(keys)) {
    const until = commonKeys.get(key);
    if (until !== undefined && until > now) out.set(key, null);
    else unknown.push(key);
  }
  if (unknown.length) {
    const { rows } = await sql<{ key: string; n: number }>`
      SELECT q.key, (SELECT count(*) FROM (SELECT 1 FROM match_keys m WHERE m.key = q.key LIMIT ${COMMON_KEY_POSTINGS + 1}) t)::int AS n
      FROM unnest(${unknown}::text[]) AS q(key)`.execute(db);
    for (const { key, n } of rows) {
      if (n > COMMON_KEY_POSTINGS) {
        out.set(key, null);
        if (commonKeys.size > 100_000) commonKeys.clear();
        commonKeys.set(key, now + COMMON_KEY_MEMORY_MS);
      } else out.set(key, n === 0 ? null : 1 + Math.log(COMMON_KEY_POSTINGS / n));
    }
  }
  return out;
}

/** What to find candidates for: an entity (or the search box's query, id NIL), its case (excluded), its lookup keys. */
export type Probe = { id: string; caseId: string | null; keys: string[] };
export type Candidate = { entity_id: string; n: number; keys: string[] };

/**
 * Candidates of several probes in one query: entities sharing at least one key that is not
 * common, ranked by the summed weights of the keys they share (rare keys first), at most
 * `limit` a probe, none from the probe's own case. (The own-case check is made on the best
 * 2 × limit + 20 only: a case whose own entities outrank every other case's gets fewer.)
 */
export async function candidatesFor(db: Db, probes: Probe[], limit: number): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  const weights = await keyWeights(
    db,
    probes.flatMap((p) => p.keys),
  );
  const probeIds: string[] = [];
  const caseIds: (string | null)[] = [];
  const keys: string[] = [];
  const keyWeight: number[] = [];
  for (const probe of probes) {
    for (const key of new Set(probe.keys)) {
      const weight = weights.get(key);
      if (weight == null) continue;
      probeIds.push(probe.id);
      caseIds.push(probe.caseId);
      keys.push(key);
      keyWeight.push(weight);
    }
  }
  if (keys.length === 0) return out;
  // Written so that the plan cannot change with the estimates: each key's postings by an index
  // range scan (LATERAL … LIMIT), the case of each of the best candidates by its primary key (a
  // subquery in the select list), never a scan of the whole index or table.
  const { rows } = await sql<{ probe: string; case_id: string | null; entity_id: string; n: number; keys: string[]; other_case: string | null }>`
    WITH q AS (SELECT * FROM unnest(${probeIds}::uuid[], ${caseIds}::uuid[], ${keys}::text[], ${keyWeight}::float8[]) AS q(probe, case_id, key, weight)),
    g AS (
      SELECT q.probe, q.case_id, m.entity_id, count(*)::int AS n, sum(q.weight) AS weight, array_agg(q.key) AS keys
      FROM q CROSS JOIN LATERAL (SELECT k.entity_id FROM match_keys k WHERE k.key = q.key LIMIT ${COMMON_KEY_POSTINGS + 1}) m
      WHERE m.entity_id <> q.probe
      GROUP BY q.probe, q.case_id, m.entity_id
    ),
    ranked AS (SELECT g.*, row_number() OVER (PARTITION BY g.probe ORDER BY g.weight DESC, g.entity_id) AS rank FROM g)
    SELECT r.probe, r.case_id, r.entity_id, r.n, r.keys,
      CASE WHEN r.case_id IS NULL THEN NULL ELSE (SELECT e.case_id FROM entities e WHERE e.id = r.entity_id) END AS other_case
    FROM ranked r
    WHERE r.rank <= ${2 * limit + 20}
    ORDER BY r.probe, r.rank`.execute(db);
  for (const row of rows) {
    if (row.case_id !== null && row.other_case === row.case_id) continue;
    const list = out.get(row.probe) ?? out.set(row.probe, []).get(row.probe)!;
    if (list.length < limit) list.push({ entity_id: row.entity_id, n: row.n, keys: row.keys });
  }
  return out;
}

/** The lookup keys of an entity: its plain keys and their keyed hashes (blind entities are found through the hashes). */
const lookupKeys = (hmacKey: Buffer, plain: string[]) => [...plain, ...plain.map((key) => blindKey(hmacKey, key))];

/** The candidates of one indexed entity that reach scoring, as cross-referencing finds them. */
export async function findCandidates(db: Db, hmacKey: Buffer, entityId: string): Promise<Candidate[]> {
  const self = (await loadEntities(db, [entityId])).get(entityId);
  if (!self || !isMatchable(self.schema)) return [];
  const plain = blockingKeys(toMatchEntity(self.schema, self.properties));
  if (plain.length === 0) return [];
  return (await candidatesFor(db, [{ id: entityId, caseId: self.case_id, keys: lookupKeys(hmacKey, plain) }], MAX_CANDIDATES)).get(entityId) ?? [];
}

const NAME_KINDS = new Set(['n', 'p', 's', 's2', 'c', 'a']);

/**
 * What can be said of a pair when one side is "hit/no-hit only": only which kinds of blocking
 * key each has and which they share, never the names. An equal identifier is near-certain;
 * identifiers of one kind that differ, or full birth dates that differ, rule the pair out; a
 * shared birth date with two name keys is strong; otherwise the share of name keys in common
 * decides. Measured on the development set by `focal eval-matching` (see bench/README.md).
 */
export function blindScore(shared: string[], kindsA: string[], kindsB: string[]): { score: number; match: boolean; explanation: Evidence[] } {
  const suffix = ' (compared as keyed hashes: the subject is hit/no-hit only)';
  const result = (score: number, kind: Evidence['kind'], text: string) => ({
    score,
    match: score >= BLIND_THRESHOLD,
    explanation: [{ kind, effect: score >= BLIND_THRESHOLD ? ('for' as const) : ('against' as const), text: text + suffix }],
  });
  if (shared.some((k) => k.startsWith('id:'))) return result(0.95, 'identifier', 'An identifier is the same');
  const idsA = new Set(kindsA.filter((k) => k.startsWith('id:')));
  if (kindsB.some((k) => idsA.has(k))) return result(0.1, 'identifier', 'Identifiers of the same kind differ');
  if (kindsA.includes('d') && kindsB.includes('d') && !shared.includes('d')) return result(0.15, 'birthDate', 'The birth dates differ');
  const names = shared.filter((k) => NAME_KINDS.has(k)).length;
  const fewest = Math.max(1, Math.min(kindsA.filter((k) => NAME_KINDS.has(k)).length, kindsB.filter((k) => NAME_KINDS.has(k)).length));
  if (shared.includes('d') && names >= 2) return result(0.85, 'name', `The birth date and ${names} name keys are the same`);
  const share = names / fewest;
  return result(Math.round((0.3 + 0.5 * share) * 1000) / 1000, 'name', `${names} of ${fewest} name keys are the same`);
}
/** Half the name keys in common: measured on the development set, the best balance on blind keys. */
export const BLIND_THRESHOLD = 0.55;

type Pair = { a: string; b: string; score: number; match: boolean; blind: boolean; explanation: Evidence[]; cases: [string, string] };

/**
 * Matches a batch of entities against the deployment: candidates of all of them in one query,
 * scored here, the pairs written in a few statements. A pair holds when either side finds it;
 * pairs of these entities that no longer hold go, unless someone has judged them.
 */
async function crossReference(ctx: AppContext, trx: Db, hmacKey: Buffer, entityIds: string[]): Promise<number> {
  const selves = await loadEntities(trx, entityIds);
  const probes: Probe[] = [];
  const mine = new Map<string, { entity: MatchEntity; kinds: string[] }>();
  for (const id of entityIds) {
    const self = selves.get(id);
    if (!self || !isMatchable(self.schema)) continue;
    const entity = toMatchEntity(self.schema, self.properties);
    const plain = blockingKeys(entity);
    if (plain.length === 0) continue;
    // Plain entities are found through plain keys, blind ones through the hashes of ours. (A blind
    // entity's own matching may read others' plain keys: blindness protects its keys from others.)
    probes.push({ id, caseId: self.case_id, keys: lookupKeys(hmacKey, plain) });
    mine.set(id, { entity, kinds: plain.map(keyKind) });
  }
  if (probes.length === 0) return 0;
  const candidates = await candidatesFor(trx, probes, MAX_CANDIDATES);
  const otherIds = [...new Set([...candidates.values()].flat().map((c) => c.entity_id))];
  const others = await loadEntities(
    trx,
    otherIds.filter((id) => !selves.has(id)),
  );
  for (const [id, self] of selves) others.set(id, self);
  // Blind comparisons need the other side's kinds of key; nothing else does.
  const blindProbes = probes.filter((p) => selves.get(p.id)!.blind);
  const kindsNeeded = new Set([...otherIds.filter((id) => others.get(id)?.blind), ...blindProbes.flatMap((p) => (candidates.get(p.id) ?? []).map((c) => c.entity_id))]);
  const kindsOf = await keyKindsOf(trx, [...kindsNeeded]);
  // One MatchEntity per entity in the batch, so that each is parsed once (prepareEntity caches per object).
  const matchEntities = new Map<string, MatchEntity>();
  const asMatch = (e: Loaded) => matchEntities.get(e.id) ?? matchEntities.set(e.id, toMatchEntity(e.schema, e.properties)).get(e.id)!;
  for (const [id, m] of mine) matchEntities.set(id, m.entity);

  const pairs = new Map<string, Pair>();
  for (const probe of probes) {
    const self = selves.get(probe.id)!;
    const { entity, kinds } = mine.get(probe.id)!;
    for (const candidate of candidates.get(probe.id) ?? []) {
      const other = others.get(candidate.entity_id);
      if (!other) continue;
      const [a, b] = probe.id < other.id ? [probe.id, other.id] : [other.id, probe.id];
      if (pairs.has(`${a}|${b}`)) continue;
      const blind = self.blind || other.blind;
      // Most candidates are namesakes born in another year, or companies of another country:
      // their ceiling (names aside) is under the floor, so their names are not compared at all.
      if (!blind && scoreCeiling(entity, asMatch(other)) < KEEP_FLOOR) continue;
      const result = blind ? blindScore(candidate.keys.map(keyKind), kinds, kindsOf.get(other.id) ?? []) : scoreEntities(entity, asMatch(other));
      if (result.score < KEEP_FLOOR) continue;
      pairs.set(`${a}|${b}`, { a, b, score: result.score, match: result.match, blind, explanation: result.explanation, cases: [self.case_id, other.case_id] });
    }
  }
  // In one order (a, b), so that two workers writing overlapping pairs lock them in the same order.
  const kept = [...pairs.values()].sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
  const processed = probes.map((p) => p.id);
  await sql`
    DELETE FROM match_candidates c
    WHERE (c.entity_a = ANY(${processed}::uuid[]) OR c.entity_b = ANY(${processed}::uuid[]))
      AND NOT EXISTS (SELECT 1 FROM unnest(${kept.map((p) => p.a)}::uuid[], ${kept.map((p) => p.b)}::uuid[]) AS k(a, b) WHERE k.a = c.entity_a AND k.b = c.entity_b)
      AND NOT EXISTS (SELECT 1 FROM match_judgements j WHERE j.candidate_id = c.id)`.execute(trx);
  if (kept.length === 0) return 0;
  // A pair that newly becomes a match is announced to both cases' members (ids only).
  const matches = kept.filter((p) => p.match);
  const wereMatches = matches.length
    ? new Set(
        (
          await sql<{ a: string; b: string }>`
            SELECT c.entity_a AS a, c.entity_b AS b FROM match_candidates c
            JOIN unnest(${matches.map((p) => p.a)}::uuid[], ${matches.map((p) => p.b)}::uuid[]) AS k(a, b) ON k.a = c.entity_a AND k.b = c.entity_b
            WHERE c.is_match`.execute(trx)
        ).rows.map((r) => `${r.a}|${r.b}`),
      )
    : new Set<string>();
  const newMatches = matches.filter((p) => !wereMatches.has(`${p.a}|${p.b}`)).flatMap((p) => p.cases);
  const now = new Date();
  for (let i = 0; i < kept.length; i += 500) {
    await trx
      .insertInto('match_candidates')
      .values(
        kept.slice(i, i + 500).map((p) => ({ id: crypto.randomUUID(), entity_a: p.a, entity_b: p.b, score: p.score, is_match: p.match, blind: p.blind, explanation: JSON.stringify(p.explanation), updated_at: now })),
      )
      .onConflict((oc) =>
        oc.columns(['entity_a', 'entity_b']).doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          is_match: eb.ref('excluded.is_match'),
          blind: eb.ref('excluded.blind'),
          explanation: eb.ref('excluded.explanation'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  if (newMatches.length) {
    const members = await trx.selectFrom('case_members').select('user_id').distinct().where('case_id', 'in', [...new Set(newMatches)]).execute();
    await ctx.realtime.publish(
      trx,
      members.map((m) => m.user_id),
      { type: 'case', reason: 'changed' },
    );
  }
  return kept.length;
}

/**
 * Takes up to `limit` queued entities and cross-references them. Claiming and finishing are
 * separate short transactions, so a crash leaves the jobs claimed but unfinished: they are
 * taken again once the claim is stale. A job re-queued while it ran (the entity changed) stays.
 */
export async function processMatchJobs(ctx: AppContext, limit = 200): Promise<number> {
  const claimedAt = new Date();
  const jobs = await ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('match_jobs')
      .select(['entity_id'])
      .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', new Date(Date.now() - STALE_CLAIM_MS))]))
      .orderBy('queued_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length) {
      await trx
        .updateTable('match_jobs')
        .set((eb) => ({ claimed_at: claimedAt, attempts: eb('attempts', '+', 1) }))
        .where('entity_id', 'in', rows.map((r) => r.entity_id))
        .execute();
    }
    return rows;
  });
  if (jobs.length === 0) return 0;
  await ctx.db.transaction().execute(async (trx) => {
    const hmacKey = await hmacKeyOf(ctx, trx);
    await crossReference(
      ctx,
      trx,
      hmacKey,
      jobs.map((j) => j.entity_id),
    );
    await trx
      .deleteFrom('match_jobs')
      .where('entity_id', 'in', jobs.map((j) => j.entity_id))
      .where('claimed_at', '=', claimedAt)
      .execute();
  });
  return jobs.length;
}

/** The kinds of blocking key each entity has (readable even for blind keys). */
export async function keyKindsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  for (const row of await db.selectFrom('match_keys').select(['entity_id', 'key']).where(sql<boolean>`entity_id = ANY(${ids}::uuid[])`).execute()) {
    (out.get(row.entity_id) ?? out.set(row.entity_id, []).get(row.entity_id)!).push(keyKind(row.key));
  }
  return out;
}

/** Queued entities of a case, for a progress bar after a large import. */
export async function pendingMatchJobs(db: Db, caseId: string): Promise<number> {
  const row = await db.selectFrom('match_jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cross-referencing worker: every process runs one; row locks share the queue. */
export function startMatcher(ctx: AppContext, onError: (error: unknown) => void, everyMs = 1000) {
  // Drain the queue a batch per transaction; on shutdown, finish only the current batch.
  return runPeriodically(async (stopping) => {
    while (!stopping() && (await processMatchJobs(ctx)) > 0);
  }, onError, everyMs);
}
