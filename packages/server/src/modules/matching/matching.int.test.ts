import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';
import { COMMON_KEY_POSTINGS, findCandidates, processMatchJobs } from './crossref.js';
import { hmacKeyOf, reindexEntities } from './index-keys.js';
import { insertEntities } from '../cases/entities.js';

let ctx: TestContext;
let app: App;
let nigeria: BuiltUser;
let france: BuiltUser;
let france2: BuiltUser;
let secretariat: BuiltUser;
let ngCase: string;
let frCase: string;
let ngEntity: { id: string };
let frEntity: { id: string };

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Babatunde Adeyemi' });
  france = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand' });
  france2 = await buildUser(ctx, { country: 'FR', name: 'Paul Martin' });
  secretariat = await buildUser(ctx, { country: 'FR', name: 'Claire Moreau', roles: ['secretariat'] });
  const ng = await as(nigeria);
  ngCase = (await ng.post('/api/cases', { title: 'Oil revenue embezzlement' })).body.case.id;
  ngEntity = (await ng.post(`/api/cases/${ngCase}/entities`, { schema: 'Person', properties: { name: ['Олександр Петренко'], birthDate: ['1961-04-02'] } })).body;
  const fr = await as(france);
  frCase = (await fr.post('/api/cases', { title: 'Villa purchase on the Riviera' })).body.case.id;
  frEntity = (await fr.post(`/api/cases/${frCase}/entities`, { schema: 'Person', properties: { name: ['Oleksandr PETRENKO'], birthDate: ['1961'] } })).body;
  await fr.post(`/api/cases/${frCase}/entities`, { schema: 'Person', properties: { name: ['Jean Dupont'] } });
  while ((await processMatchJobs(ctx)) > 0);
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

describe('cross-referencing', () => {
  it('indexes entities as they are written and matches them across cases in the background', async () => {
    const keys = await ctx.db.selectFrom('match_keys').select('key').where('entity_id', '=', ngEntity.id).execute();
    expect(keys.length).toBeGreaterThan(3);
    const candidates = await ctx.db.selectFrom('match_candidates').selectAll().execute();
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.is_match).toBe(true);
    expect(await ctx.db.selectFrom('match_jobs').select('entity_id').execute()).toHaveLength(0);
  });

  it('tells a non-member only that a possible match is held in a case led by another country', async () => {
    const seen = await (await as(france)).get(`/api/cases/${frCase}/entities/${frEntity.id}/matches`);
    expect(seen.status).toBe(200);
    expect(seen.body.items).toEqual([{ kind: 'hit', candidateId: expect.any(String), entity: expect.objectContaining({ id: frEntity.id }), leadCountry: 'NG', accessRequest: null }]);
    expect(seen.text).not.toContain(ngEntity.id);
    expect(seen.text).not.toContain(ngCase);
    expect(seen.text).not.toContain('Петренко');
    // The secretariat has no special sight.
    expect((await (await as(secretariat)).get(`/api/cases/${frCase}/entities/${frEntity.id}/matches`)).status).toBe(404);
    expect((await (await as(secretariat)).get('/api/matches')).body.items).toEqual([]);
    const search = (await (await as(france)).get(`/api/search/entities?q=${encodeURIComponent('Oleksandr Petrenko')}`)).body;
    expect(search.items.map((i: { entity: { id: string } }) => i.entity.id)).toEqual([frEntity.id]);
    expect(search.hits).toEqual([{ leadCountry: 'NG', count: 1 }]);
  });

  it('lets the searcher ask for access, the owning lead grant it, and then judge the pair', async () => {
    const fr = await as(france);
    const hit = (await fr.get(`/api/cases/${frCase}/entities/${frEntity.id}/matches`)).body.items[0];
    expect((await fr.post(`/api/matches/${hit.candidateId}/access-request`, { reason: 'Same man bought a villa in Nice.' })).status).toBe(204);
    const ng = await as(nigeria);
    const requests = (await ng.get('/api/match-access-requests')).body.items;
    expect(requests).toEqual([expect.objectContaining({ status: 'pending', canDecide: true, requester: expect.objectContaining({ id: france.id }), entity: expect.objectContaining({ id: ngEntity.id }) })]);
    // The requester's own view does not name the entity.
    expect((await fr.get('/api/match-access-requests')).body.items[0].entity).toBeNull();
    // Only the lead of the Nigerian case decides.
    expect((await fr.post(`/api/match-access-requests/${requests[0].id}`, { decision: 'grant' })).status).toBe(404);
    expect((await ng.post(`/api/match-access-requests/${requests[0].id}`, { decision: 'grant' })).status).toBe(204);
    const shared = await fr.get(`/api/shared-entities/${ngEntity.id}`);
    expect(shared.body).toMatchObject({ caption: 'Олександр Петренко', properties: { birthDate: ['1961-04-02'] } });
    expect((await (await as(france2)).get(`/api/shared-entities/${ngEntity.id}`)).status).toBe(404);

    const full = (await fr.get(`/api/cases/${frCase}/entities/${frEntity.id}/matches`)).body.items[0];
    expect(full).toMatchObject({ kind: 'match', isMatch: true, other: { id: ngEntity.id, leadCountry: 'NG' }, verdict: null });
    expect(full.explanation.some((e: { kind: string; effect: string }) => e.kind === 'name' && e.effect === 'for')).toBe(true);
    expect((await fr.get('/api/matches')).body.items.map((i: { candidateId: string }) => i.candidateId)).toContain(full.candidateId);
    expect((await fr.post(`/api/matches/${full.candidateId}/judgement`, { verdict: 'same' })).status).toBe(204);
    expect((await fr.post(`/api/matches/${full.candidateId}/judgement`, { verdict: 'not_same' })).status).toBe(409);
    expect((await fr.get('/api/matches')).body.items.map((i: { candidateId: string }) => i.candidateId)).not.toContain(full.candidateId);
    expect(await ctx.db.selectFrom('entity_links').selectAll().execute()).toHaveLength(1);
    const actions = (await ctx.db.selectFrom('audit_events').select('action').where('action', 'like', 'match.%').execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['match.access_requested', 'match.access_decided', 'match.judged', 'match.viewed', 'match.searched']));
  });

  it('matches "hit/no-hit only" subjects on keyed hashes alone', async () => {
    const ng = await as(nigeria);
    expect((await (await as(france)).post(`/api/cases/${ngCase}/entities/${ngEntity.id}/blind`, { blind: true })).status).toBe(404);
    expect((await ng.post(`/api/cases/${ngCase}/entities/${ngEntity.id}/blind`, { blind: true })).status).toBe(204);
    const keys = await ctx.db.selectFrom('match_keys').select('key').where('entity_id', '=', ngEntity.id).execute();
    expect(keys.every((k) => k.key.startsWith('h:'))).toBe(true);
    expect(keys.some((k) => k.key.includes('oleksandr') || k.key.includes('petrenko'))).toBe(false);
    while ((await processMatchJobs(ctx)) > 0);
    const candidate = await ctx.db.selectFrom('match_candidates').selectAll().executeTakeFirstOrThrow();
    expect(candidate).toMatchObject({ blind: true, is_match: true });
    expect(JSON.stringify(candidate.explanation)).toContain('keyed hashes');
  });

  it('takes up again a job whose worker died', async () => {
    const fr = await as(france);
    const created = (await fr.post(`/api/cases/${frCase}/entities`, { schema: 'Company', properties: { name: ['Petrenko Holdings Ltd'] } })).body;
    // A worker claimed it and died (its claim is ten minutes old, the job still there).
    await ctx.db.updateTable('match_jobs').set({ claimed_at: new Date(Date.now() - 10 * 60_000), attempts: 1 }).where('entity_id', '=', created.id).execute();
    expect((await fr.get(`/api/cases/${frCase}/matching`)).body.pending).toBe(1);
    expect(await processMatchJobs(ctx)).toBe(1);
    expect((await fr.get(`/api/cases/${frCase}/matching`)).body.pending).toBe(0);
  });
});

describe('counts', () => {
  it('counts what waits for me without reading any entity', async () => {
    const before = await ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const counts = (await (await as(nigeria)).get('/api/matches/counts')).body;
    expect(counts).toEqual({ review: expect.any(Number), hits: expect.any(Number), decisions: 0 });
    const after = await ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('candidates in a large index', () => {
  it('skips keys too common to find candidates by, and finds the match through the rarer keys', async () => {
    const fr = await as(france);
    const crowd = (await fr.post('/api/cases', { title: 'A crowd of namesakes' })).body.case.id;
    const provenance = { handlingCode: 'H1', conditions: '', evaluationSource: 'B', evaluationInfo: 2, reach: null };
    // More people called Zebulon than a key may hold: "Zebulon" no longer finds anyone by itself.
    const surname = (i: number) => `Q${[...i.toString(26).padStart(3, '0')].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('')}ovski`;
    await ctx.db.transaction().execute(async (trx) => {
      const people = Array.from({ length: COMMON_KEY_POSTINGS + 1 }, (_, i) => ({ id: `crowd-${i}`, schema: 'Person', properties: { name: [`Zebulon ${surname(i)}`] } }));
      await reindexEntities(ctx, trx, await insertEntities(trx, crowd, { country: 'FR', userId: france.id }, people, provenance));
    });
    const ng = await as(nigeria);
    const subject = (await ng.post(`/api/cases/${ngCase}/entities`, { schema: 'Person', properties: { name: ['Zebulon Vortigern'] } })).body;
    const same = (await fr.post(`/api/cases/${frCase}/entities`, { schema: 'Person', properties: { name: ['VORTIGERN, Zebulon'] } })).body;
    const found = await findCandidates(ctx.db, await hmacKeyOf(ctx, ctx.db), subject.id);
    expect(found.map((c) => c.entity_id)).toEqual([same.id]);
    await ctx.db.deleteFrom('match_jobs').execute();
  });
});
