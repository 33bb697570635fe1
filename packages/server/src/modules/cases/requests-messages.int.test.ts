import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';

let ctx: TestContext;
let app: App;
let france: BuiltUser;
let franceOutsider: BuiltUser;
let swiss: BuiltUser;
let swissOutsider: BuiltUser;
let nigeria: BuiltUser;
let secretariat: BuiltUser;
let caseId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  france = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand' });
  franceOutsider = await buildUser(ctx, { country: 'FR', name: 'Paul Martin' });
  swiss = await buildUser(ctx, { country: 'CH', name: 'Lukas Meier' });
  swissOutsider = await buildUser(ctx, { country: 'CH', name: 'Anna Keller' });
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Babatunde Adeyemi' });
  secretariat = await buildUser(ctx, { country: 'FR', name: 'Claire Moreau', roles: ['secretariat'] });
  const fr = await as(france);
  const opened = await fr.post('/api/cases', { title: 'Embezzlement at the port authority', offences: ['embezzlement'], countries: [{ country: 'CH', role: 'asset_location' }] });
  expect(opened.status, opened.text).toBe(200);
  caseId = opened.body.case.id;
  expect((await fr.post(`/api/cases/${caseId}/members`, { userId: swiss.id })).status).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);
const user = (u: BuiltUser) => ({ kind: 'user' as const, id: u.id });

async function newRequest(options: { inCase?: boolean; send?: boolean } = {}) {
  const fr = await as(france);
  const created = await fr.post('/api/requests', {
    ...(options.inCase === false ? {} : { caseId }),
    type: 'identify_trace_freeze',
    urgency: 'urgent_indirect',
    toCountry: 'CH',
    title: 'Freeze the account at Banque Léman',
    content: { objectAndReason: 'Proceeds of embezzlement', natureOfProceedings: 'Criminal investigation', propertySought: 'Account CH93…', personsInvolved: 'Ivan Petrov' },
  });
  expect(created.status, created.text).toBe(200);
  if (options.send !== false) expect((await fr.post(`/api/requests/${created.body.id}/actions`, { action: 'send' })).status).toBe(200);
  return created.body as { id: string; reference: string; title: string };
}

async function send(client: TestClient, body: Record<string, unknown>) {
  const response = await client.post('/api/mail/send', body);
  expect(response.status, response.text).toBe(200);
  return response.body as { id: string; threadId: string };
}

const listed = async (client: TestClient, requestId: string) => {
  const response = await client.get(`/api/requests/${requestId}/messages`);
  expect(response.status, response.text).toBe(200);
  return response.body as { items: { id: string; subject: string; role: string; unread: boolean; sender: { id: string }; inReplyTo: string | null }[]; recipients: unknown[] };
};

describe('messages about a request for assistance', () => {
  it('go from one side to the other, are listed with the request for those who hold them, and replies stay linked', async () => {
    const request = await newRequest();
    const fr = await as(france);
    const ch = await as(swiss);
    // Each side is offered the other side's members of the case.
    expect((await listed(fr, request.id)).recipients).toEqual([user(swiss)]);
    expect((await listed(ch, request.id)).recipients).toEqual([user(france)]);
    expect((await listed(fr, request.id)).items).toEqual([]);

    const question = await send(fr, { to: [user(swiss)], subject: 'Signatories of the Léman account', body: 'Who may sign on the account?', requestId: request.id });
    const audit = await ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'message.sent').where('target_id', '=', question.id).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ requestId: request.id });

    expect((await listed(fr, request.id)).items).toMatchObject([{ id: question.id, subject: 'Signatories of the Léman account', role: 'sender', unread: false, sender: { id: france.id } }]);
    expect((await listed(ch, request.id)).items).toMatchObject([{ id: question.id, role: 'to', unread: true }]);
    // The message says what it is about, to a reader on either side.
    const opened = await ch.get(`/api/mail/messages/${question.id}`);
    expect(opened.body.request).toEqual({ id: request.id, reference: request.reference, title: request.title });

    // A reply joins the request without naming it.
    const answer = await send(ch, { to: [user(france)], subject: 'Re: Signatories', body: 'Two signatories, both in Geneva.', inReplyTo: question.id });
    for (const client of [fr, ch]) {
      const items = (await listed(client, request.id)).items;
      expect(items.map((m) => m.id)).toEqual([question.id, answer.id]);
      expect(items[1]).toMatchObject({ inReplyTo: question.id, sender: { id: swiss.id } });
    }
    expect((await listed(ch, request.id)).items.map((m) => m.unread)).toEqual([false, false]);

    // Ordinary mail between the same people is not about the request.
    await send(fr, { to: [user(swiss)], subject: 'Lunch in Bern', body: 'Next week?' });
    expect((await listed(ch, request.id)).items).toHaveLength(2);
  });

  it('show each person only the copies they hold: someone copied in sees no request, and their reply is not linked', async () => {
    const request = await newRequest();
    const fr = await as(france);
    const ng = await as(nigeria);
    const copied = await send(fr, { to: [user(swiss)], cc: [user(nigeria)], subject: 'Transfers to Lagos', body: 'For information.', requestId: request.id });
    // Nigeria holds the message, but the request does not exist for it.
    expect((await ng.get(`/api/mail/messages/${copied.id}`)).body.request).toBeNull();
    const missing = await ng.get(`/api/requests/${crypto.randomUUID()}/messages`);
    const hidden = await ng.get(`/api/requests/${request.id}/messages`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    const reply = await send(ng, { to: [user(france)], subject: 'Re: Transfers', body: 'We will look.', inReplyTo: copied.id });
    expect(await ctx.db.selectFrom('request_messages').select('request_id').where('message_id', '=', reply.id).executeTakeFirst()).toBeUndefined();
    expect((await listed(fr, request.id)).items.map((m) => m.id)).toEqual([copied.id]);
    // Nor do officers of either country outside the case, or the secretariat.
    for (const outsider of [franceOutsider, swissOutsider, secretariat]) expect((await (await as(outsider)).get(`/api/requests/${request.id}/messages`)).status).toBe(404);
  });

  it('lose a withdrawn message for everyone and a purged copy for the one who purged it', async () => {
    const request = await newRequest();
    const fr = await as(france);
    const ch = await as(swiss);
    const withdrawn = await send(fr, { to: [user(swiss)], subject: 'Sent too soon', body: 'Draft figures.', requestId: request.id });
    expect((await fr.post(`/api/mail/messages/${withdrawn.id}/withdraw`)).status).toBe(200);
    expect((await listed(fr, request.id)).items).toEqual([]);
    expect((await listed(ch, request.id)).items).toEqual([]);

    const kept = await send(fr, { to: [user(swiss)], subject: 'Final figures', body: '1,800,000 CHF.', requestId: request.id });
    expect((await ch.post('/api/mail/bulk', { ids: [kept.id], action: 'trash' })).status).toBe(200);
    // In the trash it can still be read, so it is still listed.
    expect((await listed(ch, request.id)).items.map((m) => m.id)).toEqual([kept.id]);
    expect((await ch.post('/api/mail/bulk', { ids: [kept.id], action: 'delete_forever' })).status).toBe(200);
    expect((await listed(ch, request.id)).items).toEqual([]);
    expect((await listed(fr, request.id)).items.map((m) => m.id)).toEqual([kept.id]);
  });

  it('can be linked only by a side of the request, to a request that was sent', async () => {
    const request = await newRequest();
    const draftRequest = await newRequest({ send: false });
    const body = (requestId: string) => ({ to: [user(france)], subject: 'About your request', body: 'Text.', requestId });
    const unknown = await (await as(nigeria)).post('/api/mail/send', body(crypto.randomUUID()));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'validation_failed', fields: { requestId: 'unknown' } });
    for (const [outsider, requestId] of [
      [nigeria, request.id],
      [swissOutsider, request.id],
      [franceOutsider, request.id],
      [secretariat, request.id],
      [france, draftRequest.id],
    ] as const) {
      const refused = await (await as(outsider)).post('/api/mail/send', { ...body(requestId), to: [user(swiss)] });
      expect(refused.status, `${outsider.country} ${requestId}`).toBe(400);
      expect(refused.body.error.fields).toEqual(unknown.body.error.fields);
    }
    expect((await (await as(swissOutsider)).post('/api/mail/drafts', body(request.id))).status).toBe(400);
    expect(await ctx.db.selectFrom('request_messages').select('message_id').where('request_id', 'in', [request.id, draftRequest.id]).execute()).toEqual([]);
  });

  it('keep a draft’s request, and refuse to send it once the writer has left the case', async () => {
    const request = await newRequest();
    const fr = await as(france);
    const ch = await as(swiss);
    const draft = await ch.post('/api/mail/drafts', { to: [user(france)], subject: 'Freezing order', body: 'Attached tomorrow.', requestId: request.id });
    expect(draft.status, draft.text).toBe(200);
    expect(draft.body.values.requestId).toBe(request.id);
    // Saving again does not change what it is about.
    const saved = await ch.put(`/api/mail/drafts/${draft.body.id}`, { ...draft.body.values, requestId: null, body: 'Attached today.' });
    expect(saved.body.values.requestId).toBe(request.id);
    // Unsent, it is nobody's message about the request yet.
    expect((await listed(ch, request.id)).items).toEqual([]);

    expect((await fr.delete(`/api/cases/${caseId}/members/${swiss.id}`)).status).toBe(204);
    const refused = await ch.post(`/api/mail/drafts/${draft.body.id}/send`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ requestId: 'unknown' });
    expect((await ch.get(`/api/mail/drafts/${draft.body.id}`)).status).toBe(200);
    expect((await listed(fr, request.id)).items).toEqual([]);

    expect((await fr.post(`/api/cases/${caseId}/members`, { userId: swiss.id })).status).toBe(200);
    const sent = await ch.post(`/api/mail/drafts/${draft.body.id}/send`);
    expect(sent.status, sent.text).toBe(200);
    expect((await listed(fr, request.id)).items).toMatchObject([{ id: draft.body.id, subject: 'Freezing order', sender: { id: swiss.id } }]);
  });

  it('outside a case, go to the other country’s focal points', async () => {
    const request = await newRequest({ inCase: false });
    expect((await listed(await as(france), request.id)).recipients).toEqual([{ kind: 'country', code: 'CH' }]);
    // Outside a case every officer of the two countries is a side.
    expect((await listed(await as(swissOutsider), request.id)).recipients).toEqual([{ kind: 'country', code: 'FR' }]);
    const sent = await send(await as(swissOutsider), { to: [{ kind: 'country', code: 'FR' }], subject: 'Question', body: 'Which bank?', requestId: request.id });
    expect((await listed(await as(franceOutsider), request.id)).items.map((m) => m.id)).toEqual([sent.id]);
  });
});
