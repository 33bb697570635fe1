import crypto from 'node:crypto';
import { blockingKeys, scoreEntities, type Evidence } from '@focal/core';
import type { AppContext, Db } from '../../context.js';
import { blindKey, hmacKeyOf, isMatchable, keyKind, toMatchEntity } from './index-keys.js';
import { runPeriodically } from '../../periodic.js';

/** At most this many candidates per entity reach the (costly) scorer, most shared keys first. */
const MAX_CANDIDATES = 300;
/** Pairs scoring below this are not kept at all. */
const KEEP_FLOOR = 0.3;
/** A job claimed longer ago than this belonged to a worker that died: it is taken again. */
const STALE_CLAIM_MS = 5 * 60_000;

type Loaded = { id: string; case_id: string; schema: string; blind: boolean; properties: Record<string, string[]> };

async function loadEntities(db: Db, ids: string[]): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  if (ids.length === 0) return out;
  const [entities, values] = await Promise.all([
    db.selectFrom('entities').select(['id', 'case_id', 'schema', 'blind']).where('id', 'in', ids).execute(),
    db.selectFrom('entity_values').select(['entity_id', 'prop', 'value']).where('entity_id', 'in', ids).execute(),
  ]);
  for (const e of entities) out.set(e.id, { ...e, properties: {} });
  for (const v of values) {
    const entity = out.get(v.entity_id);
    if (entity) (entity.properties[v.prop] ??= []).push(v.value);
  }
  return out;
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

/** Matches one entity against the deployment: candidates from the index, scored, stored. */
async function crossReference(ctx: AppContext, trx: Db, hmacKey: Buffer, entityId: string): Promise<number> {
  const self = (await loadEntities(trx, [entityId])).get(entityId);
  if (!self || !isMatchable(self.schema)) return 0;
  const plainKeys = blockingKeys(toMatchEntity(self.schema, self.properties));
  if (plainKeys.length === 0) return 0;
  const blindKeys = plainKeys.map((key) => blindKey(hmacKey, key));
  // Plain entities are found through plain keys, blind ones through the hashes of ours. (A blind
  // entity's own matching may read others' plain keys: blindness protects its keys from others.)
  const lookup = [...plainKeys, ...blindKeys];
  const shared = await trx
    .selectFrom('match_keys as k')
    .innerJoin('entities as e', 'e.id', 'k.entity_id')
    .select(['k.entity_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.agg<string[]>('array_agg', ['k.key']).as('keys')])
    .where('k.key', 'in', lookup)
    .where('k.entity_id', '!=', entityId)
    .where('e.case_id', '!=', self.case_id)
    .groupBy('k.entity_id')
    .orderBy('n', 'desc')
    .limit(MAX_CANDIDATES)
    .execute();
  const others = await loadEntities(
    trx,
    shared.map((s) => s.entity_id),
  );
  const kindsOf = await keyKindsOf(
    trx,
    shared.map((s) => s.entity_id),
  );
  const myKinds = plainKeys.map(keyKind);
  const mine = toMatchEntity(self.schema, self.properties);
  let kept = 0;
  const found: string[] = [];
  const newMatches: string[] = [];
  for (const candidate of shared) {
    const other = others.get(candidate.entity_id);
    if (!other) continue;
    const result =
      self.blind || other.blind
        ? blindScore(candidate.keys.map(keyKind), myKinds, kindsOf.get(other.id) ?? [])
        : scoreEntities(mine, toMatchEntity(other.schema, other.properties));
    if (result.score < KEEP_FLOOR) continue;
    const [a, b] = entityId < other.id ? [entityId, other.id] : [other.id, entityId];
    found.push(other.id);
    const before = await trx.selectFrom('match_candidates').select('is_match').where('entity_a', '=', a).where('entity_b', '=', b).executeTakeFirst();
    // A pair that newly becomes a match is announced to both cases' members (ids only).
    if (result.match && !before?.is_match) newMatches.push(self.case_id, other.case_id);
    await trx
      .insertInto('match_candidates')
      .values({ id: crypto.randomUUID(), entity_a: a, entity_b: b, score: result.score, is_match: result.match, blind: self.blind || other.blind, explanation: JSON.stringify(result.explanation), updated_at: new Date() })
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
    kept++;
  }
  // Pairs that no longer hold after an edit go, unless someone has judged them.
  await trx
    .deleteFrom('match_candidates')
    .where((eb) => eb.or([eb('entity_a', '=', entityId), eb('entity_b', '=', entityId)]))
    .where((eb) => eb.and([eb('entity_a', 'not in', found.length ? found : [entityId]), eb('entity_b', 'not in', found.length ? found : [entityId])]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('match_judgements as j').select('j.candidate_id').whereRef('j.candidate_id', '=', 'match_candidates.id'))))
    .execute();
  if (newMatches.length) {
    const members = await trx.selectFrom('case_members').select('user_id').distinct().where('case_id', 'in', [...new Set(newMatches)]).execute();
    await ctx.realtime.publish(
      trx,
      members.map((m) => m.user_id),
      { type: 'case', reason: 'changed' },
    );
  }
  return kept;
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
    for (const job of jobs) await crossReference(ctx, trx, hmacKey, job.entity_id);
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
  for (const row of await db.selectFrom('match_keys').select(['entity_id', 'key']).where('entity_id', 'in', ids).execute()) {
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
