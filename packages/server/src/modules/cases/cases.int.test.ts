import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';
import { exportFtm, importFtm } from './ftm-io.js';
import { promptCaseReviews } from './jobs.js';
import { sendRequestReminders } from './requests.js';

let ctx: TestContext;
let app: App;
let france: BuiltUser;
let france2: BuiltUser;
let swiss: BuiltUser;
let swissAdmin: BuiltUser;
let swiss2: BuiltUser;
let nigeria: BuiltUser;
let secretariat: BuiltUser;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  france = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand' });
  france2 = await buildUser(ctx, { country: 'FR', name: 'Paul Martin' });
  swiss = await buildUser(ctx, { country: 'CH', name: 'Lukas Meier' });
  swiss2 = await buildUser(ctx, { country: 'CH', name: 'Anna Keller' });
  swissAdmin = await buildUser(ctx, { country: 'CH', name: 'Beat Admin', roles: ['national_admin'] });
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Babatunde Adeyemi' });
  secretariat = await buildUser(ctx, { country: 'FR', name: 'Claire Moreau', roles: ['secretariat'] });
  await ctx.db.updateTable('users').set({ time_zone: 'Europe/Zurich' }).where('country', '=', 'CH').execute();
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);

async function openCase(client: TestClient, body: Record<string, unknown> = {}) {
  const response = await client.post('/api/cases', { title: 'Embezzlement at the port authority', offences: ['embezzlement', 'laundering'], countries: [{ country: 'CH', role: 'asset_location' }], ...body });
  expect(response.status, response.text).toBe(200);
  return response.body.case as { id: string; reference: string };
}

describe('cases', () => {
  it('numbers cases per lead country and year', async () => {
    const client = await as(france);
    const first = await openCase(client);
    const second = await openCase(client);
    const year = new Date().getUTCFullYear();
    expect(first.reference).toMatch(new RegExp(`^AR-${year}-FR-\\d{4}$`));
    expect(Number(second.reference.slice(-4))).toBe(Number(first.reference.slice(-4)) + 1);
    const swissCase = await openCase(await as(swiss), { countries: [] });
    expect(swissCase.reference).toBe(`AR-${year}-CH-0001`);
  });

  it('shows a case to members, its existence to participants, and nothing to anyone else', async () => {
    const created = await openCase(await as(france));
    const view = (await (await as(france)).get(`/api/cases/${created.id}`)).body;
    expect(view).toMatchObject({ access: 'member', case: { reference: created.reference, leadCountry: 'FR', status: 'open', can: { edit: true, addCountry: true } } });
    expect(view.case.reviewDate).toBe(`${new Date().getUTCFullYear() + 5}${new Date().toISOString().slice(4, 10)}`);
    // A Swiss officer (participating country, not a member) knows it exists.
    const stub = (await (await as(swiss)).get(`/api/cases/${created.id}`)).body;
    expect(stub).toEqual({ access: 'participant', case: expect.objectContaining({ reference: created.reference, joinRequested: false }) });
    expect(stub.case.summary).toBeUndefined();
    expect((await (await as(swiss)).get(`/api/cases/${created.id}/entities`)).status).toBe(404);
    const missing = await (await as(nigeria)).get(`/api/cases/${crypto.randomUUID()}`);
    for (const outsider of [nigeria, secretariat]) {
      const response = await (await as(outsider)).get(`/api/cases/${created.id}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(missing.body);
    }
    const list = (await (await as(swiss)).get('/api/cases')).body;
    expect(list.known.map((c: { id: string }) => c.id)).toContain(created.id);
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(created.id);
    expect((await (await as(nigeria)).get('/api/cases')).body.known.map((c: { id: string }) => c.id)).not.toContain(created.id);
  });

  it('lets participants ask to join, and the lead or their national admin decide', async () => {
    const created = await openCase(await as(france));
    const asker = await as(swiss);
    expect((await asker.post(`/api/cases/${created.id}/join`, { reason: 'We hold the accounts.' })).body.case.joinRequested).toBe(true);
    expect((await (await as(nigeria)).post(`/api/cases/${created.id}/join`, { reason: 'x' })).status).toBe(404);
    const lead = await as(france);
    const request = (await lead.get(`/api/cases/${created.id}`)).body.case.joinRequests[0];
    expect(request).toMatchObject({ person: { id: swiss.id }, reason: 'We hold the accounts.' });
    // Another Swiss officer cannot decide; the Swiss national admin can.
    expect((await (await as(swiss2)).post(`/api/cases/${created.id}/join/${request.id}`, { decision: 'accept' })).status).toBe(404);
    const decided = await (await as(swissAdmin)).post(`/api/cases/${created.id}/join/${request.id}`, { decision: 'accept' });
    expect(decided.status, decided.text).toBe(200);
    expect((await asker.get(`/api/cases/${created.id}`)).body.access).toBe('member');
    // The Swiss admin adds a colleague of their own country, but not a French one.
    expect((await (await as(swissAdmin)).post(`/api/cases/${created.id}/members`, { userId: swiss2.id })).status).toBe(200);
    expect((await (await as(swissAdmin)).post(`/api/cases/${created.id}/members`, { userId: france2.id })).status).toBe(404);
    // The lead adds anyone of a participating country, not of another.
    expect((await lead.post(`/api/cases/${created.id}/members`, { userId: france2.id })).status).toBe(200);
    expect((await lead.post(`/api/cases/${created.id}/members`, { userId: nigeria.id })).status).toBe(404);
    const timeline = (await lead.get(`/api/cases/${created.id}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['created', 'join_requested', 'member_added']));
  });

  it('refuses bad input clearly and saves nothing half-way', async () => {
    const client = await as(france);
    expect((await client.post('/api/cases', { title: 'x' })).body.error.code).toBe('validation_failed');
    expect((await client.post('/api/cases', { title: 'Valid title', offences: ['jaywalking'] })).body.error.code).toBe('validation_failed');
    expect((await client.post('/api/cases', { title: 'Valid title', handlingCode: 'H3' })).body.error.code).toBe('conditions_required');
    expect((await (await as(secretariat)).post('/api/cases', { title: 'Not a country officer' })).status).toBe(404);
  });

  it('asks the owner to review a case six months before its review date, and renews it', async () => {
    const created = await openCase(await as(france));
    expect(await promptCaseReviews(ctx)).toBe(0);
    await ctx.db.updateTable('cases').set({ review_date: new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10) }).where('id', '=', created.id).execute();
    expect(await promptCaseReviews(ctx)).toBe(1);
    const client = await as(france);
    expect((await client.get(`/api/cases/${created.id}`)).body.case.reviewDue).toBe(true);
    expect((await client.post(`/api/cases/${created.id}/review`, { action: 'renew', reason: 'short' })).status).toBe(400);
    const renewed = await client.post(`/api/cases/${created.id}/review`, { action: 'renew', reason: 'Confiscation proceedings still pending in Geneva.' });
    expect(renewed.body.case).toMatchObject({ reviewDue: false });
    expect((await (await as(swiss)).post(`/api/cases/${created.id}/review`, { action: 'close', reason: 'Not ours to close.' })).status).toBe(404);
  });
});

describe('entities', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await openCase(await as(france), { countries: [{ country: 'CH', role: 'asset_location' }, { country: 'NG', role: 'victim' }] })).id;
    await (await as(france)).post(`/api/cases/${caseId}/members`, { userId: swiss.id });
    await (await as(france)).post(`/api/cases/${caseId}/members`, { userId: nigeria.id });
  });

  it('validates entities by their FtM schema and property types', async () => {
    const client = await as(france);
    const person = await client.post(`/api/cases/${caseId}/entities`, { schema: 'Person', properties: { name: ['Иван Петров', 'Ivan Petrov'], birthDate: ['1970-02-03'], nationality: ['ru'] } });
    expect(person.status, person.text).toBe(200);
    expect(person.body).toMatchObject({ schema: 'Person', ownerCountry: 'FR', caption: 'Иван Петров' });
    const bad = async (body: Record<string, unknown>) => (await client.post(`/api/cases/${caseId}/entities`, body)).body.error;
    expect(await bad({ schema: 'Person', properties: { name: ['X'], birthDate: ['1970-02-31'] } })).toMatchObject({ code: 'validation_failed', fields: { birthDate: 'invalid_date' } });
    expect(await bad({ schema: 'BankAccount', properties: { iban: ['CH93 0076 2011 6238 5295 8'] } })).toMatchObject({ fields: { iban: 'invalid_iban' } });
    expect(await bad({ schema: 'Person', properties: { name: ['X'], email: ['not-an-email'] } })).toMatchObject({ fields: { email: 'invalid_email' } });
    expect(await bad({ schema: 'Company', properties: { name: ['X'], website: ['javascript:alert(1)'] } })).toMatchObject({ fields: { website: 'invalid_url' } });
    expect(await bad({ schema: 'Person', properties: { birthDate: ['1970'] } })).toMatchObject({ fields: { name: 'required' } });
    expect(await bad({ schema: 'Spaceship', properties: {} })).toMatchObject({ code: 'validation_failed' });
    expect(await bad({ schema: 'Person', properties: { name: ['X'], wingspan: ['2'] } })).toMatchObject({ fields: { wingspan: 'unknown_property' } });
    const account = await client.post(`/api/cases/${caseId}/entities`, { schema: 'BankAccount', properties: { iban: ['CH93 0076 2011 6238 5295 7'], country: ['ch'] } });
    expect(account.body.properties.iban[0].value).toBe('CH9300762011623852957');
    // A relation must point at entities of the right kind.
    const wrong = await bad({ schema: 'Ownership', properties: { owner: [account.body.ftmId], asset: [account.body.ftmId] } });
    expect(wrong.fields.owner).toBe('wrong_range');
    const ownership = await client.post(`/api/cases/${caseId}/entities`, { schema: 'Ownership', properties: { owner: [person.body.ftmId], asset: [account.body.ftmId], percentage: ['100'] } });
    expect(ownership.status, ownership.text).toBe(200);
    // Deleting an entity that a relation points at is refused.
    expect((await client.delete(`/api/cases/${caseId}/entities/${account.body.id}`)).status).toBe(409);
  });

  it('keeps each country’s values and conditions: a participant sees only what reaches it', async () => {
    const fr = await as(france);
    const company = await fr.post(`/api/cases/${caseId}/entities`, { schema: 'Company', properties: { name: ['Port Logistics SA'], jurisdiction: ['ch'] }, handlingCode: 'H2', reach: ['CH'] });
    expect(company.status, company.text).toBe(200);
    // Nigeria is not in the reach: the company does not exist for it.
    const ng = await as(nigeria);
    expect((await ng.get(`/api/cases/${caseId}/entities`)).body.items.map((e: { id: string }) => e.id)).not.toContain(company.body.id);
    expect((await ng.get(`/api/cases/${caseId}/entities/${company.body.id}/history`)).status).toBe(404);
    // Switzerland sees it, and adds a value of its own, reaching France only.
    const ch = await as(swiss);
    expect((await ch.get(`/api/cases/${caseId}/entities`)).body.items.map((e: { id: string }) => e.id)).toContain(company.body.id);
    const added = await ch.patch(`/api/cases/${caseId}/entities/${company.body.id}`, { add: { registrationNumber: ['CHE-123.456.789'] }, reach: ['FR'], evaluationSource: 'A', evaluationInfo: 1 });
    expect(added.status, added.text).toBe(200);
    expect(added.body.properties.registrationNumber[0]).toMatchObject({ ownerCountry: 'CH', evaluation: { source: 'A', info: 1 } });
    // France cannot remove Switzerland's value; Switzerland can.
    expect((await fr.patch(`/api/cases/${caseId}/entities/${company.body.id}`, { remove: { registrationNumber: ['CHE-123.456.789'] } })).status).toBe(400);
    const history = (await fr.get(`/api/cases/${caseId}/entities/${company.body.id}/history`)).body.items;
    expect(history.map((h: { change: string; prop: string | null }) => `${h.change}:${h.prop ?? ''}`)).toEqual(['created:', 'added:name', 'added:jurisdiction', 'added:registrationNumber']);
    expect(history[3]).toMatchObject({ ownerCountry: 'CH', actor: { id: swiss.id }, value: 'CHE-123.456.789' });
    // The reach names only countries of the case.
    expect((await fr.post(`/api/cases/${caseId}/entities`, { schema: 'Company', properties: { name: ['X'] }, reach: ['BR'] })).body.error.fields).toEqual({ reach: 'not_participant' });
    // Only the provider deletes its entity.
    expect((await ch.delete(`/api/cases/${caseId}/entities/${company.body.id}`)).status).toBe(403);
    const entityAudit = await ctx.db.selectFrom('audit_events').select('action').where('target_id', '=', company.body.id).execute();
    expect(entityAudit.map((e) => e.action)).toEqual(expect.arrayContaining(['entity.created', 'entity.updated', 'entity.history_viewed']));
  });

  it('round-trips FtM JSON lines: export then import gives the same entities', async () => {
    const source = (await openCase(await as(france), { countries: [] })).id;
    const fr = await as(france);
    const p = (await fr.post(`/api/cases/${source}/entities`, { schema: 'Person', properties: { name: ['Ana Lima'], birthDate: ['1981'] } })).body;
    const c = (await fr.post(`/api/cases/${source}/entities`, { schema: 'Company', properties: { name: ['Lima Holdings'], jurisdiction: ['vg'] } })).body;
    await fr.post(`/api/cases/${source}/entities`, { schema: 'Directorship', properties: { director: [p.ftmId], organization: [c.ftmId], role: ['Director'] } });
    const exported = await fr.get(`/api/cases/${source}/export/ftm`);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const lines = exported.text.trim().split('\n').sort();
    expect(lines).toHaveLength(3);

    const target = (await openCase(await as(france), { countries: [] })).id;
    // Relations first: references pointing ahead in the file are resolved at the end.
    const reordered = [...lines].sort((a, b) => Number(b.includes('Directorship')) - Number(a.includes('Directorship'))).join('\n');
    const result = await importFtm(ctx, target, Readable.from([reordered]), { mode: 'all_or_nothing', provider: { country: 'FR', userId: france.id }, provenance: { handlingCode: 'H0', conditions: '', evaluationSource: 'B', evaluationInfo: 2, reach: null }, actor: null });
    expect(result).toMatchObject({ imported: 3, errors: [], rolledBack: false });
    const again: string[] = [];
    for await (const line of exportFtm(ctx.db, target, null)) again.push(line.trim());
    expect(again.sort()).toEqual(lines);
  });

  it('reports bad lines by number and imports nothing unless asked to skip them', async () => {
    const target = (await openCase(await as(france), { countries: [] })).id;
    const file = [
      JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Good One'] } }),
      '{not json',
      JSON.stringify({ id: 'p2', schema: 'Person', properties: { name: ['Bad Date'], birthDate: ['1999-13-01'] } }),
      JSON.stringify({ id: 'o1', schema: 'Ownership', properties: { owner: ['p1'], asset: ['missing'] } }),
      JSON.stringify({ id: 'p3', schema: 'Person', properties: { name: ['Good Two'] } }),
    ].join('\n');
    const fr = await as(france);
    const strict = await fr.upload(`/api/cases/${target}/import/ftm`, Buffer.from(file), { 'content-type': 'application/x-ndjson' });
    expect(strict.status, strict.text).toBe(200);
    expect(strict.body.rolledBack).toBe(true);
    expect(strict.body.imported).toBe(0);
    expect(strict.body.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4]);
    expect(strict.body.errors[1].reason).toContain('line 3');
    expect((await fr.get(`/api/cases/${target}/entities`)).body.items).toHaveLength(0);
    const lenient = await fr.upload(`/api/cases/${target}/import/ftm?mode=skip_bad`, Buffer.from(file), { 'content-type': 'application/x-ndjson' });
    expect(lenient.body).toMatchObject({ imported: 2, rolledBack: false });
    expect((await fr.get(`/api/cases/${target}/entities`)).body.items.map((e: { caption: string }) => e.caption).sort()).toEqual(['Good One', 'Good Two']);
    expect((await (await as(nigeria)).upload(`/api/cases/${target}/import/ftm`, Buffer.from(file), { 'content-type': 'application/x-ndjson' })).status).toBe(404);
  });
});

describe('requests for assistance', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await openCase(await as(france))).id;
    await (await as(france)).post(`/api/cases/${caseId}/members`, { userId: swiss.id });
  });

  const create = async (client: TestClient, body: Record<string, unknown> = {}) =>
    client.post('/api/requests', {
      caseId,
      type: 'identify_trace_freeze',
      urgency: 'urgent_indirect',
      toCountry: 'CH',
      title: 'Freeze the account at Banque Léman',
      content: { objectAndReason: 'Proceeds of embezzlement', natureOfProceedings: 'Criminal investigation', propertySought: 'Account CH93…', personsInvolved: 'Ivan Petrov' },
      ...body,
    });

  it('runs the clock from receipt and lets each side do only its part', async () => {
    const fr = await as(france);
    const ch = await as(swiss);
    const draft = await create(fr);
    expect(draft.status, draft.text).toBe(200);
    expect(draft.body).toMatchObject({ state: 'draft', reference: expect.stringMatching(/^RA-\d{4}-FR-\d{4}$/), legalBasis: 'UNCAC art. 55(2)', actions: ['send'] });
    // A draft does not exist for the other side.
    expect((await ch.get(`/api/requests/${draft.body.id}`)).status).toBe(404);
    const act = (client: TestClient, action: string, extra: Record<string, unknown> = {}) => client.post(`/api/requests/${draft.body.id}/actions`, { action, ...extra });
    expect((await act(ch, 'send')).status).toBe(404);
    const sent = await act(fr, 'send');
    expect(sent.body).toMatchObject({ state: 'sent', side: 'requesting', waiting: 'them', overdue: false });
    // Three calendar days after the day of receipt, ending at midnight in Zurich.
    const deadline = new Date(sent.body.deadline);
    const zurichDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    const received = new Date(sent.body.receivedAt);
    expect(zurichDay(deadline)).toBe(zurichDay(new Date(received.getTime() + 3 * 86_400_000)));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit', hour12: false }).format(deadline)).toBe('23:59');

    expect((await act(fr, 'acknowledge')).status).toBe(409);
    expect((await ch.get('/api/requests?box=waiting_on_me')).body.items.map((r: { id: string }) => r.id)).toContain(draft.body.id);
    expect((await fr.get('/api/requests?box=waiting_on_them')).body.items.map((r: { id: string }) => r.id)).toContain(draft.body.id);
    expect((await act(ch, 'acknowledge')).body).toMatchObject({ state: 'acknowledged', side: 'requested', waiting: 'me' });
    expect((await act(ch, 'refuse')).body.error.code).toBe('validation_failed');
    const answered = await act(ch, 'answer', { note: 'Freezing order 2026/114 issued by the Geneva prosecutor.' });
    expect(answered.body).toMatchObject({ state: 'answered', waiting: 'them' });
    expect(answered.body.clockStoppedAt).not.toBeNull();
    expect(answered.body.events.map((e: { action: string }) => e.action)).toEqual(['create', 'send', 'acknowledge', 'answer']);
    expect(answered.body.events[3].note).toContain('Geneva prosecutor');
    expect((await act(fr, 'close')).body.state).toBe('closed');
    expect((await (await as(nigeria)).get(`/api/requests/${draft.body.id}`)).status).toBe(404);
    const timeline = (await fr.get(`/api/cases/${caseId}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['request_send', 'request_acknowledge', 'request_answer', 'request_close']));
    const audit = await ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'request.transition').where('target_id', '=', draft.body.id).execute();
    expect(audit).toHaveLength(4);
  });

  it('refuses with a ground, flags overdue requests and reminds the requested side', async () => {
    const fr = await as(france);
    const ch = await as(swiss);
    const request = (await create(fr, { urgency: 'urgent_direct' })).body;
    await fr.post(`/api/requests/${request.id}/actions`, { action: 'send' });
    const received = await ctx.db.selectFrom('assistance_requests').select(['received_at', 'deadline']).where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(received.deadline!.getTime() - received.received_at!.getTime()).toBe(8 * 3600_000);
    expect(await sendRequestReminders(ctx, new Date(received.received_at!.getTime() + 5 * 3600_000))).toBeGreaterThanOrEqual(1);
    await ctx.db.updateTable('assistance_requests').set({ deadline: new Date(Date.now() - 1000) }).where('id', '=', request.id).execute();
    expect((await ch.get(`/api/requests/${request.id}`)).body.overdue).toBe(true);
    const refused = await ch.post(`/api/requests/${request.id}/actions`, { action: 'refuse', ground: 'de_minimis', note: 'Balance below the threshold.' });
    expect(refused.body).toMatchObject({ state: 'refused', refusalGround: 'de_minimis', overdue: false });
  });

  it('refuses a request to a country outside the case, or entities from elsewhere', async () => {
    const fr = await as(france);
    expect((await create(fr, { toCountry: 'BR' })).body.error.fields).toEqual({ toCountry: 'not_participant' });
    expect((await create(fr, { toCountry: 'FR' })).body.error.fields).toEqual({ toCountry: 'same_country' });
    expect((await create(fr, { entityIds: [crypto.randomUUID()] })).body.error.fields).toEqual({ entityIds: 'unknown' });
    expect((await create(fr, { content: { objectAndReason: '' } })).body.error.code).toBe('validation_failed');
    const standalone = await create(fr, { caseId: null, toCountry: 'NG', type: 'police_inquiry', urgency: 'standard' });
    expect(standalone.status).toBe(200);
    await fr.post(`/api/requests/${standalone.body.id}/actions`, { action: 'send' });
    expect((await (await as(nigeria)).get(`/api/requests/${standalone.body.id}`)).body).toMatchObject({ side: 'requested', state: 'sent' });
  });
});

describe('assets and evidence', () => {
  let caseId: string;
  let accountId: string;
  beforeAll(async () => {
    caseId = (await openCase(await as(france), { countries: [{ country: 'CH', role: 'asset_location' }, { country: 'NG', role: 'victim' }] })).id;
    const fr = await as(france);
    await fr.post(`/api/cases/${caseId}/members`, { userId: swiss.id });
    accountId = (await fr.post(`/api/cases/${caseId}/entities`, { schema: 'BankAccount', properties: { iban: ['CH9300762011623852957'] } })).body.id;
  });

  it('follows an asset from identified to returned, with partial amounts and the legal measure at each step', async () => {
    const fr = await as(france);
    const ch = await as(swiss);
    const measure = (client: TestClient, body: Record<string, unknown>) => client.post(`/api/cases/${caseId}/assets/${accountId}/measures`, { currency: 'CHF', jurisdiction: 'CH', date: '2026-11-20', ...body });
    expect((await measure(ch, { stage: 'frozen', amount: '100' })).body.error.fields).toEqual({ stage: 'out_of_order' });
    expect((await measure(fr, { stage: 'identified', amount: '2500000.00' })).status).toBe(200);
    expect((await measure(fr, { stage: 'identified', amount: '1.234' })).body.error.fields).toEqual({ amount: 'too_many_decimals' });
    expect((await measure(ch, { stage: 'frozen', amount: '3000000', measureType: 'freezing_order' })).body.error.fields).toEqual({ amount: 'exceeds_previous_stage' });
    const frozen = await measure(ch, { stage: 'frozen', amount: '1800000', measureType: 'freezing_order', authority: 'Ministère public de Genève', reference: 'CP/114/2026' });
    expect(frozen.status, frozen.text).toBe(200);
    const asset = frozen.body.items.find((a: { entityId: string }) => a.entityId === accountId);
    expect(asset).toMatchObject({ stage: 'frozen', jurisdiction: 'CH' });
    expect(asset.measures[1]).toMatchObject({ stage: 'frozen', amount: '1800000.00', amountMinor: 180000000, measureType: 'freezing_order', ownerCountry: 'CH' });
    await measure(ch, { stage: 'confiscated', amount: '1500000', measureType: 'non_conviction_based_confiscation' });
    expect((await measure(ch, { stage: 'returned', amount: '1000000' })).body.error.fields).toEqual({ receivingCountry: 'required', art57Branch: 'required' });
    const returned = await measure(ch, { stage: 'returned', amount: '1400000', measureType: 'return_agreement', receivingCountry: 'NG', art57Branch: 'a', expenses: '25000' });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.body.items[0].measures[3]).toMatchObject({ stage: 'returned', receivingCountry: 'NG', art57Branch: 'a', expenses: { amount: '25000.00', currency: 'CHF' } });
    await fr.post(`/api/cases/${caseId}/assets/${accountId}/valuations`, { amount: '2600000', currency: 'CHF', valuedOn: '2026-11-01', source: 'Bank statement' });

    await ctx.db.insertInto('exchange_rates').values({ currency: 'CHF', rate: '1.13', updated_at: new Date() }).execute();
    const totals = (await fr.get(`/api/cases/${caseId}/totals`)).body;
    expect(totals.baseCurrency).toBe('USD');
    const stage = (name: string) => totals.stages.find((s: { stage: string }) => s.stage === name);
    expect(stage('frozen').byCurrency).toEqual([{ amount: '1800000.00', amountMinor: 180000000, currency: 'CHF' }]);
    expect(stage('returned').converted).toEqual({ amount: '1582000.00', amountMinor: 158200000, currency: 'USD' });
    expect(stage('confiscated').missingRates).toEqual([]);
    const portfolio = (await fr.get('/api/portfolio/totals')).body;
    expect(portfolio.stages.find((s: { stage: string }) => s.stage === 'identified').byCurrency[0].amountMinor).toBeGreaterThanOrEqual(250000000);
    // A Person is not an asset.
    const person = (await fr.post(`/api/cases/${caseId}/entities`, { schema: 'Person', properties: { name: ['Someone'] } })).body.id;
    expect((await fr.post(`/api/cases/${caseId}/assets/${person}/measures`, { stage: 'identified', amount: '1', currency: 'EUR', jurisdiction: 'FR', date: '2026-01-01' })).body.error.fields).toEqual({ entityId: 'not_an_asset' });
    expect((await (await as(nigeria)).get(`/api/cases/${caseId}/assets`)).status).toBe(404);
  });

  it('keeps evidence encrypted with its SHA-256, every version, and a chain of custody', async () => {
    const ch = await as(swiss);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(3000)]);
    const first = await ch.upload(`/api/cases/${caseId}/documents?name=${encodeURIComponent('Freezing order.pdf')}&title=${encodeURIComponent('Freezing order CP/114/2026')}`, pdf);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ title: 'Freezing order CP/114/2026', ownerCountry: 'CH', versions: [{ version: 1, name: 'Freezing order.pdf', contentType: 'application/pdf', previewable: true, sha256: crypto.createHash('sha256').update(pdf).digest('hex') }] });
    const second = await ch.upload(`/api/cases/${caseId}/documents/${first.body.id}/versions?name=order-v2.pdf`, Buffer.concat([pdf, Buffer.from('v2')]));
    expect(second.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // Only the provider adds versions.
    expect((await (await as(france)).upload(`/api/cases/${caseId}/documents/${first.body.id}/versions?name=x.pdf`, pdf)).status).toBe(403);
    const fr = await as(france);
    const v1 = first.body.versions[0];
    const preview = await fr.get(`/api/cases/${caseId}/documents/${first.body.id}/versions/${v1.id}?preview=true`);
    expect(preview.headers['content-disposition']).toMatch(/^inline; filename="Freezing order.pdf"/);
    expect(crypto.createHash('sha256').update(preview.raw).digest('hex')).toBe(v1.sha256);
    const custody = (await fr.get(`/api/cases/${caseId}/documents/${first.body.id}/custody`)).body.items;
    expect(custody.map((e: { action: string; version: number; country: string }) => `${e.action}:${e.version}:${e.country}`)).toEqual([
      'document.uploaded:1:CH',
      'document.uploaded:2:CH',
      'document.downloaded:1:FR',
    ]);
    expect((await (await as(nigeria)).get(`/api/cases/${caseId}/documents/${first.body.id}/versions/${v1.id}`)).status).toBe(404);
    // A document reaching France only is invisible to other participants.
    const secret = await fr.upload(`/api/cases/${caseId}/documents?name=note.txt&title=Internal&reach=FR`, Buffer.from('internal note'));
    expect(secret.status, secret.text).toBe(200);
    const swissList = (await ch.get(`/api/cases/${caseId}/documents`)).body.items.map((d: { id: string }) => d.id);
    expect(swissList).not.toContain(secret.body.id);
    expect(swissList).toContain(first.body.id);
    expect((await fr.upload(`/api/cases/${caseId}/documents?name=x.bin`, Buffer.from('x'))).body.error.fields).toEqual({ title: 'required' });
  });
});

describe('messages to a case', () => {
  it('reaches every member of the case, and only a member may address it', async () => {
    const created = await openCase(await as(france));
    await (await as(france)).post(`/api/cases/${created.id}/members`, { userId: swiss.id });
    await (await as(france)).post(`/api/cases/${created.id}/members`, { userId: france2.id });
    const sent = await (await as(swiss)).post('/api/mail/send', { to: [{ kind: 'case', id: created.id }], subject: 'To the whole case team', body: 'Account frozen.' });
    expect(sent.body).toMatchObject({ status: 'sent', recipients: 2 });
    for (const member of [france, france2]) expect((await (await as(member)).get(`/api/mail/messages/${sent.body.id}`)).status).toBe(200);
    const outsider = await (await as(nigeria)).post('/api/mail/send', { to: [{ kind: 'case', id: created.id }], subject: 'x', body: 'y' });
    expect(outsider.body.error).toMatchObject({ code: 'recipient_invalid', fields: { [`case:${created.id}`]: 'not_a_member' } });
    const options = (await (await as(france)).get(`/api/mail/recipients?q=${encodeURIComponent(created.reference)}`)).body.items;
    expect(options).toEqual([expect.objectContaining({ kind: 'case', id: created.id, members: 3 })]);
  });
});

describe('request drafts and deadline policy', () => {
  it('lets the requesting side edit or discard a draft, not a sent request, and tells the deadline rules', async () => {
    const caseId = (await openCase(await as(france))).id;
    const fr = await as(france);
    const body = { caseId, type: 'police_inquiry', toCountry: 'CH', title: 'First title', content: { objectAndReason: 'a', natureOfProceedings: 'b', propertySought: 'c', personsInvolved: 'd' } };
    const draft = (await fr.post('/api/requests', body)).body;
    const edited = await fr.put(`/api/requests/${draft.id}`, { ...body, title: 'Better title', urgency: 'urgent_direct' });
    expect(edited.body).toMatchObject({ title: 'Better title', urgency: 'urgent_direct', state: 'draft' });
    expect((await (await as(swiss)).put(`/api/requests/${draft.id}`, body)).status).toBe(404);
    await fr.post(`/api/requests/${draft.id}/actions`, { action: 'send' });
    expect((await fr.put(`/api/requests/${draft.id}`, body)).status).toBe(409);
    expect((await fr.delete(`/api/requests/${draft.id}`)).status).toBe(409);
    const other = (await fr.post('/api/requests', body)).body;
    expect((await fr.delete(`/api/requests/${other.id}`)).status).toBe(204);
    expect((await fr.get(`/api/requests/${other.id}`)).status).toBe(404);
    expect((await fr.get('/api/requests/policy')).body).toEqual({ urgentDirectHours: 8, urgentIndirectDays: 3, standardDays: 7 });
  });
});

describe('H3 conditions', () => {
  it('requires the conditions of an H3 entity, value or request, and carries them with the item', async () => {
    const caseId = (await openCase(await as(france))).id;
    const fr = await as(france);
    const refused = await fr.post(`/api/cases/${caseId}/entities`, { schema: 'Person', properties: { name: ['Hidden Person'] }, handlingCode: 'H3' });
    expect(refused.body.error).toMatchObject({ code: 'conditions_required', fields: { conditions: 'required' } });
    const created = await fr.post(`/api/cases/${caseId}/entities`, { schema: 'Person', properties: { name: ['Hidden Person'] }, handlingCode: 'H3', conditions: 'Not to be shared with tax authorities' });
    expect(created.body).toMatchObject({ handlingCode: 'H3', conditions: 'Not to be shared with tax authorities' });
    expect(created.body.properties.name[0].conditions).toBe('Not to be shared with tax authorities');
    const body = { caseId, type: 'police_inquiry', toCountry: 'CH', title: 'H3 request', handlingCode: 'H3', content: { objectAndReason: 'a', natureOfProceedings: 'b', propertySought: 'c', personsInvolved: 'd' } };
    expect((await fr.post('/api/requests', body)).body.error.code).toBe('conditions_required');
    expect((await fr.post('/api/requests', { ...body, conditions: 'Prosecutor only' })).body.conditions).toBe('Prosecutor only');
  });
});
