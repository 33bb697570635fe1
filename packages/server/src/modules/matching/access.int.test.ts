import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, TEST_DB_KIND, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';
import type { RealtimeEvent } from '../../realtime/bus.js';
import { processMatchJobs } from './crossref.js';
import { reindexEntities } from './index-keys.js';
import { insertEntities } from '../cases/entities.js';

// Who may know what about a match across cases (issue 5, part 4): a member of both cases sees
// the pair, a member of one only that a case led by another country holds a possible match,
// the secretariat nothing; access requests, judgements, the job queue across a crash, and the
// search box over everything the caller may see. matching.int.test.ts covers the first grant,
// a first judgement, blind subjects and a stale claim; this file covers the rest.

let ctx: TestContext;
let app: App;
let nigeria: BuiltUser;
let nigeriaMember: BuiltUser;
let france: BuiltUser;
let franceColleague: BuiltUser;
let brazil: BuiltUser;
let secretariat: BuiltUser;
let ngCase: string;
let frCase: string;
let ngSubject: string;
let frSubject: string;
let restrictedSubject: string;
let frNamesake: string;

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);
const drain = async () => {
  while ((await processMatchJobs(ctx)) > 0);
};
const ids = (items: { entity: { id: string } }[]) => items.map((item) => item.entity.id);
const auditOf = async (action: string) =>
  ctx.db.selectFrom('audit_events').select(['actor_id', 'target_id', 'details']).where('action', '=', action).orderBy('id').execute();

/** Events the user's open pages would be told. */
function listenAs(user: BuiltUser) {
  const events: RealtimeEvent[] = [];
  const stop = ctx.realtime.subscribe(user.id, (event) => events.push(event));
  return { events, stop };
}

async function until(condition: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Ngozi Eze' });
  nigeriaMember = await buildUser(ctx, { country: 'NG', name: 'Tunde Bakare' });
  france = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand' });
  franceColleague = await buildUser(ctx, { country: 'FR', name: 'Paul Martin' });
  brazil = await buildUser(ctx, { country: 'BR', name: 'Lucas Pereira' });
  secretariat = await buildUser(ctx, { country: 'FR', name: 'Claire Moreau', roles: ['secretariat'] });

  const ng = await as(nigeria);
  ngCase = (await ng.post('/api/cases', { title: 'Pipeline contract kickbacks' })).body.case.id;
  ngSubject = (await ng.post(`/api/cases/${ngCase}/entities`, { schema: 'Person', properties: { name: ['Олександр Петренко'], birthDate: ['1961-04-02'], nationality: ['ua'] } })).body.id;
  // Shown to Nigeria only: members from other countries do not see it.
  restrictedSubject = (await ng.post(`/api/cases/${ngCase}/entities`, { schema: 'Person', properties: { name: ['Adaeze Nwosu'], birthDate: ['1974-09-30'] }, reach: ['NG'] })).body.id;
  expect((await ng.post(`/api/cases/${ngCase}/countries`, { country: 'BR', role: 'asset_location' })).status).toBe(200);
  expect((await ng.post(`/api/cases/${ngCase}/members`, { userId: brazil.id })).status).toBe(200);
  expect((await ng.post(`/api/cases/${ngCase}/members`, { userId: nigeriaMember.id })).status).toBe(200);

  const fr = await as(france);
  frCase = (await fr.post('/api/cases', { title: 'Apartment in Lyon bought through a shell' })).body.case.id;
  frSubject = (await fr.post(`/api/cases/${frCase}/entities`, { schema: 'Person', properties: { name: ['PETRENKO, Oleksandr'], birthDate: ['1961'] } })).body.id;
  frNamesake = (await fr.post(`/api/cases/${frCase}/entities`, { schema: 'Person', properties: { name: ['Adaeze NWOSU'], birthDate: ['1974-09-30'] } })).body.id;
  expect((await fr.post(`/api/cases/${frCase}/countries`, { country: 'BR', role: 'asset_location' })).status).toBe(200);
  expect((await fr.post(`/api/cases/${frCase}/members`, { userId: brazil.id })).status).toBe(200);
  expect((await fr.post(`/api/cases/${frCase}/members`, { userId: franceColleague.id })).status).toBe(200);
  await drain();
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

describe('visibility of matches', () => {
  it('shows a member of both cases the pair in full, with its explanation', async () => {
    const br = await as(brazil);
    const items = (await br.get(`/api/cases/${frCase}/entities/${frSubject}/matches`)).body.items;
    expect(items).toEqual([
      expect.objectContaining({ kind: 'match', isMatch: true, entity: expect.objectContaining({ id: frSubject }), other: expect.objectContaining({ id: ngSubject, caseId: ngCase, leadCountry: 'NG' }) }),
    ]);
    expect(items[0].explanation.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['name', 'birthDate']));
    // Seen from the other side, the same pair.
    const fromNigeria = (await br.get(`/api/cases/${ngCase}/entities/${ngSubject}/matches`)).body.items;
    expect(fromNigeria).toEqual([expect.objectContaining({ kind: 'match', candidateId: items[0].candidateId, other: expect.objectContaining({ id: frSubject }) })]);
  });

  it('tells a member of one case only that a case led by the other country holds a possible match', async () => {
    // From the Nigerian side, a plain member (not the lead) of the Nigerian case.
    const seen = await (await as(nigeriaMember)).get(`/api/cases/${ngCase}/entities/${ngSubject}/matches`);
    expect(seen.body.items).toEqual([{ kind: 'hit', candidateId: expect.any(String), entity: expect.objectContaining({ id: ngSubject }), leadCountry: 'FR', accessRequest: null }]);
    for (const secret of [frSubject, frCase, 'PETRENKO', 'Lyon']) expect(seen.text).not.toContain(secret);
    // An entity of a case I belong to that my country is not shown is not mine to see either.
    const restricted = await (await as(brazil)).get(`/api/cases/${frCase}/entities/${frNamesake}/matches`);
    expect(restricted.body.items).toEqual([expect.objectContaining({ kind: 'hit', leadCountry: 'NG' })]);
    expect(restricted.text).not.toContain(restrictedSubject);
  });

  it('gives the secretariat no special sight', async () => {
    const sec = await as(secretariat);
    const candidate = await ctx.db.selectFrom('match_candidates').select('id').where('entity_a', 'in', [ngSubject, frSubject]).where('entity_b', 'in', [ngSubject, frSubject]).executeTakeFirstOrThrow();
    expect((await sec.get(`/api/cases/${ngCase}/entities/${ngSubject}/matches`)).status).toBe(404);
    expect((await sec.get('/api/matches')).body.items).toEqual([]);
    expect((await sec.get(`/api/shared-entities/${ngSubject}`)).status).toBe(404);
    expect((await sec.post(`/api/matches/${candidate.id}/judgement`, { verdict: 'same' })).status).toBe(404);
    expect((await sec.post(`/api/matches/${candidate.id}/access-request`, { reason: 'Oversight' })).status).toBe(404);
    const search = (await sec.get(`/api/search/entities?q=${encodeURIComponent('Oleksandr Petrenko')}`)).body;
    expect(search.items).toEqual([]);
    expect(await ctx.db.selectFrom('match_access_requests').selectAll().execute()).toEqual([]);
  });
});

describe('access requests', () => {
  it('refused: audited, the searcher told, nothing shown, and not decided twice', async () => {
    const fr = await as(france);
    const hit = (await fr.get(`/api/cases/${frCase}/entities/${frSubject}/matches`)).body.items[0];
    expect(hit).toMatchObject({ kind: 'hit', leadCountry: 'NG' });
    expect((await fr.post(`/api/matches/${hit.candidateId}/access-request`, { reason: 'He bought the Lyon apartment.' })).status).toBe(204);
    // Asking again while the request is pending adds nothing.
    expect((await fr.post(`/api/matches/${hit.candidateId}/access-request`, { reason: 'Again' })).status).toBe(204);
    expect(await ctx.db.selectFrom('match_access_requests').selectAll().execute()).toHaveLength(1);

    // A member of the Nigerian case who does not lead it neither sees it to decide nor decides.
    const member = await as(nigeriaMember);
    const request = (await (await as(nigeria)).get('/api/match-access-requests')).body.items[0];
    expect(request).toMatchObject({ status: 'pending', canDecide: true, reason: 'He bought the Lyon apartment.', requester: expect.objectContaining({ id: france.id, country: 'FR' }) });
    expect((await member.get('/api/match-access-requests')).body.items).toEqual([]);
    expect((await member.post(`/api/match-access-requests/${request.id}`, { decision: 'grant' })).status).toBe(404);

    const told = listenAs(france);
    try {
      expect((await (await as(nigeria)).post(`/api/match-access-requests/${request.id}`, { decision: 'refuse' })).status).toBe(204);
      await until(() => told.events.length > 0, 'the requester to be told');
      expect(told.events).toContainEqual({ type: 'case', reason: 'changed' });
    } finally {
      told.stop();
    }
    expect((await fr.get('/api/match-access-requests')).body.items).toEqual([expect.objectContaining({ id: request.id, status: 'refused', decidedAt: expect.any(String), entity: null, leadCountry: 'NG' })]);
    expect((await fr.get(`/api/cases/${frCase}/entities/${frSubject}/matches`)).body.items[0]).toMatchObject({ kind: 'hit', accessRequest: 'refused' });
    expect((await fr.get(`/api/shared-entities/${ngSubject}`)).status).toBe(404);
    expect(await ctx.db.selectFrom('entity_grants').selectAll().execute()).toEqual([]);
    const again = await (await as(nigeria)).post(`/api/match-access-requests/${request.id}`, { decision: 'grant' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');

    expect(await auditOf('match.access_requested')).toEqual([expect.objectContaining({ actor_id: france.id, target_id: hit.candidateId, details: { requestId: request.id } })]);
    expect(await auditOf('match.access_decided')).toEqual([expect.objectContaining({ actor_id: nigeria.id, target_id: hit.candidateId, details: { requestId: request.id, decision: 'refuse' } })]);
  });

  it('granted: the requester alone sees the entity, told and audited', async () => {
    const colleague = await as(franceColleague);
    const hit = (await colleague.get(`/api/cases/${frCase}/entities/${frSubject}/matches`)).body.items[0];
    expect(hit).toMatchObject({ kind: 'hit', accessRequest: null });
    expect((await colleague.post(`/api/matches/${hit.candidateId}/access-request`, { reason: 'Same birth year, same name.' })).status).toBe(204);
    const pending = (await (await as(nigeria)).get('/api/match-access-requests')).body.items.find((r: { status: string }) => r.status === 'pending');
    const told = listenAs(franceColleague);
    try {
      expect((await (await as(nigeria)).post(`/api/match-access-requests/${pending.id}`, { decision: 'grant' })).status).toBe(204);
      await until(() => told.events.length > 0, 'the requester to be told');
    } finally {
      told.stop();
    }
    expect((await colleague.get(`/api/shared-entities/${ngSubject}`)).body).toMatchObject({ id: ngSubject, caption: 'Олександр Петренко', leadCountry: 'NG' });
    expect((await colleague.get(`/api/cases/${frCase}/entities/${frSubject}/matches`)).body.items[0]).toMatchObject({ kind: 'match', other: { id: ngSubject } });
    // The grant is personal: the refused colleague still sees a bare hit.
    expect((await (await as(france)).get(`/api/shared-entities/${ngSubject}`)).status).toBe(404);
    expect((await auditOf('match.access_decided')).map((e) => (e.details as { decision: string }).decision)).toEqual(['refuse', 'grant']);
    expect(await auditOf('match.entity_viewed')).toEqual([expect.objectContaining({ actor_id: franceColleague.id, target_id: ngSubject })]);
  });
});

describe('judgements', () => {
  it('are stored and audited per person, asked of each person once, and only "same" links the entities', async () => {
    const br = await as(brazil);
    const queue = (await br.get('/api/matches')).body.items;
    const pair = queue.find((item: { kind: string; other?: { id: string }; entity: { id: string } }) => item.kind === 'match' && [item.entity.id, item.other?.id].includes(ngSubject));
    expect(pair).toBeDefined();
    const countsBefore = (await br.get('/api/matches/counts')).body.review;
    expect((await br.post(`/api/matches/${pair.candidateId}/judgement`, { verdict: 'not_same' })).status).toBe(204);
    expect((await br.get('/api/matches')).body.items.map((item: { candidateId: string }) => item.candidateId)).not.toContain(pair.candidateId);
    expect((await br.get('/api/matches/counts')).body.review).toBe(countsBefore - 1);
    const again = await br.post(`/api/matches/${pair.candidateId}/judgement`, { verdict: 'same' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');
    expect(await ctx.db.selectFrom('entity_links').selectAll().execute()).toEqual([]);
    // Another person who sees both (through the grant) is still asked.
    const colleague = await as(franceColleague);
    expect((await colleague.get('/api/matches')).body.items.map((item: { candidateId: string }) => item.candidateId)).toContain(pair.candidateId);
    expect((await colleague.post(`/api/matches/${pair.candidateId}/judgement`, { verdict: 'same' })).status).toBe(204);
    // The verdict is shown back to each judge as their own.
    expect((await br.get(`/api/cases/${frCase}/entities/${frSubject}/matches`)).body.items[0].verdict).toBe('not_same');
    expect((await colleague.get(`/api/cases/${frCase}/entities/${frSubject}/matches`)).body.items[0].verdict).toBe('same');

    const judgements = await ctx.db.selectFrom('match_judgements').select(['candidate_id', 'user_id', 'country', 'verdict']).orderBy('at').execute();
    expect(judgements).toEqual([
      { candidate_id: pair.candidateId, user_id: brazil.id, country: 'BR', verdict: 'not_same' },
      { candidate_id: pair.candidateId, user_id: franceColleague.id, country: 'FR', verdict: 'same' },
    ]);
    expect((await auditOf('match.judged')).map((e) => [e.actor_id, e.target_id, e.details])).toEqual([
      [brazil.id, pair.candidateId, { verdict: 'not_same' }],
      [franceColleague.id, pair.candidateId, { verdict: 'same' }],
    ]);
  });

  it('"same" links the two entities across cases, each still owned by its country and seen only by whom it was', async () => {
    const links = await ctx.db.selectFrom('entity_links').select(['entity_a', 'entity_b', 'linked_by']).execute();
    expect(links).toEqual([{ entity_a: [ngSubject, frSubject].sort()[0], entity_b: [ngSubject, frSubject].sort()[1], linked_by: franceColleague.id }]);
    const owners = await ctx.db.selectFrom('entities').select(['id', 'case_id', 'owner_country']).where('id', 'in', [ngSubject, frSubject]).execute();
    expect(new Map(owners.map((e) => [e.id, [e.case_id, e.owner_country]]))).toEqual(
      new Map([
        [ngSubject, [ngCase, 'NG']],
        [frSubject, [frCase, 'FR']],
      ]),
    );
    // The link shows nothing more to anyone: France still sees a hit, and its case lists only its own entities.
    const fr = await as(france);
    expect((await fr.get(`/api/shared-entities/${ngSubject}`)).status).toBe(404);
    expect((await fr.get(`/api/cases/${frCase}/entities`)).body.items.map((e: { id: string }) => e.id)).not.toContain(ngSubject);
    expect((await (await as(nigeriaMember)).get(`/api/cases/${ngCase}/entities/${ngSubject}/matches`)).body.items[0]).toMatchObject({ kind: 'hit', leadCountry: 'FR' });
  });
});

describe('the search box', () => {
  it('ranks matches in any script over every entity the caller may see, and tells only the lead country of the others', async () => {
    const search = async (user: BuiltUser, q: string) => (await (await as(user)).get(`/api/search/entities?q=${encodeURIComponent(q)}`)).body;
    // A member of both cases finds both records, whatever the script of the query.
    const both = await search(brazil, 'Петренко Олександр');
    expect(ids(both.items).slice(0, 2).sort()).toEqual([ngSubject, frSubject].sort());
    expect(both.items[0].score).toBeGreaterThanOrEqual(both.items[1].score);
    expect(both.hits).toEqual([]);
    // France sees its own; the Nigerian record is a hit told by its lead country only.
    const france1 = await search(france, 'Oleksandr Petrenko');
    expect(ids(france1.items)).toEqual([frSubject]);
    expect(france1.hits).toEqual([{ leadCountry: 'NG', count: 1 }]);
    // A granted entity is one the caller may see.
    const granted = await search(franceColleague, 'Oleksandr Petrenko');
    expect(ids(granted.items).sort()).toEqual([ngSubject, frSubject].sort());
    expect(granted.hits).toEqual([]);
    // Membership of a case is not enough for an entity its provider did not show the member's country.
    const restricted = await search(brazil, 'Adaeze Nwosu');
    expect(ids(restricted.items)).toEqual([frNamesake]);
    expect(restricted.hits).toEqual([{ leadCountry: 'NG', count: 1 }]);
    expect(JSON.stringify(restricted)).not.toContain(restrictedSubject);
    const searches = await auditOf('match.searched');
    expect(searches.at(-1)).toMatchObject({ actor_id: brazil.id, details: { results: 1, hits: 1 } });
  });
});

describe('the job queue', () => {
  it('survives a worker dying mid-way through a large import: progress is kept, nothing is lost or done twice', async () => {
    const ng = await as(nigeria);
    const importCase = (await ng.post('/api/cases', { title: 'Register of a shell company network' })).body.case.id;
    const provenance = { handlingCode: 'H1', conditions: '', evaluationSource: 'B', evaluationInfo: 2, reach: null };
    // 450 people, three of whom France also holds.
    const people = Array.from({ length: 450 }, (_, i) => ({ id: `register-${i}`, schema: 'Person', properties: { name: [`Registrant${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))} Holder`] } }));
    const planted = [
      { at: 17, name: 'Ikechukwu Adebayo-Okafor', birthDate: '1958-02-11' },
      { at: 233, name: 'Folasade Olumide Akintola', birthDate: '1969-12-01' },
      { at: 431, name: 'Chiamaka Uzoma Eze', birthDate: '1980-07-23' },
    ];
    for (const p of planted) people[p.at] = { id: `register-${p.at}`, schema: 'Person', properties: { name: [p.name], birthDate: [p.birthDate] } } as (typeof people)[number];
    const fr = await as(france);
    const held: string[] = [];
    for (const p of planted) held.push((await fr.post(`/api/cases/${frCase}/entities`, { schema: 'Person', properties: { name: [p.name.toUpperCase()], birthDate: [p.birthDate] } })).body.id as string);
    await drain();
    const imported = await ctx.db.transaction().execute(async (trx) => {
      const entityIds = await insertEntities(trx, importCase, { country: 'NG', userId: nigeria.id }, people, provenance);
      await reindexEntities(ctx, trx, entityIds);
      return entityIds;
    });
    const pending = async () => (await ng.get(`/api/cases/${importCase}/matching`)).body.pending as number;
    expect(await pending()).toBe(450);

    expect(await processMatchJobs(ctx)).toBe(200);
    expect(await pending()).toBe(250);

    // The next worker claims a batch and dies before finishing it.
    const hmac = vi.spyOn(ctx.keyRing, 'activeKeyId').mockRejectedValueOnce(new Error('worker killed'));
    await expect(processMatchJobs(ctx)).rejects.toThrow('worker killed');
    hmac.mockRestore();
    const claimed = await ctx.db.selectFrom('match_jobs').select(['entity_id', 'attempts']).where('claimed_at', 'is not', null).execute();
    expect(claimed).toHaveLength(200);
    expect(claimed.every((job) => job.attempts === 1)).toBe(true);
    expect(await pending()).toBe(250);

    // A process started after the crash (another one on PostgreSQL, the same database on PGlite)
    // takes the unclaimed jobs at once and leaves the dead worker's claims until they are stale.
    const restarted = TEST_DB_KIND === 'postgres' ? await createTestContext({}, ctx) : ctx;
    try {
      expect(await processMatchJobs(restarted)).toBe(50);
      expect(await processMatchJobs(restarted)).toBe(0);
      expect(await pending()).toBe(200);
      // Five minutes later (the claims made older rather than waiting).
      await ctx.db.updateTable('match_jobs').set({ claimed_at: sql<Date>`claimed_at - interval '6 minutes'` }).execute();
      expect(await processMatchJobs(restarted)).toBe(200);
      expect(await processMatchJobs(restarted)).toBe(0);
    } finally {
      if (restarted !== ctx) await restarted.cleanup();
    }
    expect(await pending()).toBe(0);
    expect(await ctx.db.selectFrom('match_jobs').selectAll().execute()).toEqual([]);
    // Every planted match found, once.
    const pairs = await ctx.db
      .selectFrom('match_candidates')
      .select(['entity_a', 'entity_b', 'is_match'])
      .where((eb) => eb.or([eb('entity_a', 'in', imported), eb('entity_b', 'in', imported)]))
      .execute();
    const found = pairs.filter((p) => p.is_match).map((p) => [p.entity_a, p.entity_b].sort().join('|'));
    const expected = planted.map((p, i) => [imported[p.at]!, held[i]!].sort().join('|'));
    expect(found.sort()).toEqual(expected.sort());
  });
});
