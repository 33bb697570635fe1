import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_COUNT_CAP, ZDraftInput } from '@focal/shared';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';
import type { RealtimeEvent } from '../../realtime/bus.js';
import { purgeTrash, sendAckReminders } from './jobs.js';
import { sendNew } from './service.js';

let ctx: TestContext;
let app: App;
let france: BuiltUser;
let nigeria: BuiltUser;
let brazil: BuiltUser;
let kenya: BuiltUser;
let kenyaAdmin: BuiltUser;
let secretariat: BuiltUser;
let observer: BuiltUser;

beforeAll(async () => {
  ctx = await createTestContext({ FOCAL_ATTACHMENT_MAX_MB: '1', FOCAL_MESSAGE_MAX_MB: '1.5' });
  app = await createTestApp(ctx);
  france = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand', nameLatin: 'Amelie Durand' });
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Babatunde Adeyemi' });
  brazil = await buildUser(ctx, { country: 'BR', name: 'Luísa Fernandes', nameLatin: 'Luisa Fernandes' });
  kenya = await buildUser(ctx, { country: 'KE', name: 'Otieno Ochieng' });
  kenyaAdmin = await buildUser(ctx, { country: 'KE', name: 'Wanjiru Kamau', roles: ['national_admin'] });
  await buildUser(ctx, { country: 'KE', name: 'Suspended Kenyan', status: 'suspended' });
  secretariat = await buildUser(ctx, { country: 'FR', name: 'Claire Moreau', roles: ['secretariat'] });
  observer = await buildUser(ctx, { country: 'CH', name: 'Observer Person', roles: ['observer'] });
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);
const to = (...users: BuiltUser[]) => users.map((u) => ({ kind: 'user' as const, id: u.id }));

async function send(client: TestClient, body: Record<string, unknown>) {
  const response = await client.post('/api/mail/send', body);
  expect(response.status, response.text).toBe(200);
  return response.body as { id: string; threadId: string; status: string; recipients: number };
}

async function auditOf(action: string, targetId?: string) {
  let q = ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (targetId) q = q.where('target_id', '=', targetId);
  return q.execute();
}

describe('sending', () => {
  it('delivers to people and to every active focal point of a country, once each', async () => {
    const sender = await as(france);
    const sent = await send(sender, { to: [...to(nigeria), { kind: 'country', code: 'KE' }], cc: to(nigeria, brazil), subject: 'Transfers to Lagos', body: 'Please check the accounts.' });
    // Kenya: the focal point only (the admin is not a focal point, the suspended one is out).
    expect(sent).toMatchObject({ status: 'sent', recipients: 3 });
    const copies = await ctx.db.selectFrom('mailbox_entries').select(['user_id', 'role', 'folder', 'unread']).where('message_id', '=', sent.id).execute();
    const byUser = Object.fromEntries(copies.map((c) => [c.user_id, c]));
    expect(byUser[nigeria.id]).toMatchObject({ role: 'to', folder: 'inbox', unread: true });
    expect(byUser[kenya.id]).toMatchObject({ role: 'to', folder: 'inbox' });
    expect(byUser[brazil.id]).toMatchObject({ role: 'cc' });
    expect(byUser[france.id]).toMatchObject({ role: 'sender', folder: 'sent', unread: false });
    expect(byUser[kenyaAdmin.id]).toBeUndefined();
    const events = await auditOf('message.sent', sent.id);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.details)).not.toContain('Lagos');

    const inbox = await (await as(nigeria)).get('/api/mail/messages?folder=inbox');
    expect(inbox.body.items.map((m: { id: string }) => m.id)).toContain(sent.id);
    expect(inbox.body.items.find((m: { id: string }) => m.id === sent.id)).toMatchObject({ subject: 'Transfers to Lagos', unread: true, sender: { id: france.id } });
  });

  it('refuses bad messages with a clear code, and stores nothing', async () => {
    const sender = await as(france);
    const before = Number((await ctx.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ to: [], subject: 'x', body: 'y' }, 400, 'no_recipients'],
      [{ to: to(france), subject: 'x', body: 'y' }, 400, 'no_recipients'],
      [{ to: to(nigeria), subject: ' ', body: '' }, 400, 'message_empty'],
      [{ to: to(nigeria), subject: 'x', body: 'y', handlingCode: 'H3' }, 400, 'conditions_required'],
      [{ to: [{ kind: 'user', id: crypto.randomUUID() }], subject: 'x', body: 'y' }, 400, 'recipient_invalid'],
      [{ to: [{ kind: 'country', code: 'ZZ' }], subject: 'x', body: 'y' }, 400, 'recipient_invalid'],
      [{ to: to(nigeria), subject: 'x', body: 'y', handlingCode: 'H9' }, 400, 'validation_failed'],
      [{ to: to(nigeria), subject: 'x', body: 'y', replyBy: '31/12/2026' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const response = await sender.post('/api/mail/send', body);
      expect([response.status, response.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const suspended = await ctx.db.selectFrom('users').select('id').where('name', '=', 'Suspended Kenyan').executeTakeFirstOrThrow();
    const refused = await sender.post('/api/mail/send', { to: [{ kind: 'user', id: suspended.id }], subject: 'x', body: 'y' });
    expect(refused.body.error).toMatchObject({ code: 'recipient_invalid', fields: { [`user:${suspended.id}`]: 'inactive' } });
    const after = Number((await ctx.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });

  it('writes a message whole or not at all: when its audit event cannot be written, nothing of it is stored or announced', async () => {
    const sender = await as(france);
    const counts = async () =>
      Promise.all(
        (['messages', 'data_keys', 'mailbox_entries', 'audit_events'] as const).map(async (table) =>
          Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
        ),
      );
    const seen: RealtimeEvent[] = [];
    const stop = ctx.realtime.subscribe(nigeria.id, (event) => seen.push(event));
    await sql`CREATE FUNCTION refuse_message_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(ctx.db);
    await sql`CREATE TRIGGER refuse_message_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.action = 'message.sent') EXECUTE FUNCTION refuse_message_audit()`.execute(ctx.db);
    try {
      const before = await counts();
      const response = await sender.post('/api/mail/send', { to: to(nigeria), subject: 'Half a message?', body: 'Never stored.' });
      expect(response.status).toBe(500);
      expect(await counts()).toEqual(before);
    } finally {
      await sql`DROP TRIGGER refuse_message_audit ON audit_events`.execute(ctx.db);
      await sql`DROP FUNCTION refuse_message_audit()`.execute(ctx.db);
    }
    // The next message goes through, and its announcement is the only one.
    const sent = await send(sender, { to: to(nigeria), subject: 'Whole', body: 'Stored.' });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen).toEqual([{ type: 'mail', reason: 'received', messageId: sent.id }]);
    stop();
  });

  it('lets observers answer within a thread but not start one', async () => {
    const client = await as(observer);
    expect((await client.post('/api/mail/send', { to: to(france), subject: 'Hello', body: 'x' })).status).toBe(404);
    const sent = await send(await as(france), { to: to(observer), subject: 'Workshop', body: 'Are you coming?' });
    const reply = await client.post('/api/mail/send', { to: to(france), subject: 'Re: Workshop', body: 'Yes', inReplyTo: sent.id });
    expect(reply.status).toBe(200);
    expect(reply.body.threadId).toBe(sent.threadId);
  });

  it('announces new mail in real time to the recipients only', async () => {
    const seen: { who: string; event: RealtimeEvent }[] = [];
    const stops = [nigeria, brazil, kenya].map((user) => ctx.realtime.subscribe(user.id, (event) => seen.push({ who: user.id, event })));
    const sent = await send(await as(france), { to: to(nigeria, brazil), subject: 'Live', body: 'x' });
    await expect.poll(() => seen.filter((s) => s.event.type === 'mail' && s.event.reason === 'received').length).toBe(2);
    expect(seen.filter((s) => s.who === kenya.id)).toHaveLength(0);
    expect(seen.find((s) => s.who === nigeria.id)!.event).toEqual({ type: 'mail', reason: 'received', messageId: sent.id });
    stops.forEach((stop) => stop());
  });
});

describe('reading', () => {
  it('shows a message only to its sender and recipients; others get the 404 of a missing one', async () => {
    const sent = await send(await as(france), { to: to(nigeria), subject: 'Only for Nigeria', body: 'secret', handlingCode: 'H1' });
    const missing = await (await as(brazil)).get(`/api/mail/messages/${crypto.randomUUID()}`);
    for (const user of [brazil, secretariat, kenyaAdmin]) {
      const response = await (await as(user)).get(`/api/mail/messages/${sent.id}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(missing.body);
    }
    expect((await (await as(nigeria)).get(`/api/mail/messages/${sent.id}`)).status).toBe(200);
    expect((await (await as(france)).get(`/api/mail/messages/${sent.id}`)).status).toBe(200);
    expect((await new TestClient(app).get(`/api/mail/messages/${sent.id}`)).status).toBe(401);
  });

  it('records read receipts and acknowledgements, shows them to the sender only, and audits each open', async () => {
    const sender = await as(france);
    const sent = await send(sender, { to: to(nigeria, brazil), subject: 'Urgent freeze', body: 'Freeze account 123', priority: 'urgent', replyBy: '2026-12-01', evaluationSource: 'B', evaluationInfo: 2 });
    const reader = await as(nigeria);
    expect((await reader.get('/api/mail/counts')).body.ackPending).toBeGreaterThanOrEqual(1);
    const opened = await reader.get(`/api/mail/messages/${sent.id}`);
    expect(opened.body).toMatchObject({ subject: 'Urgent freeze', body: 'Freeze account 123', ackRequired: true, acknowledgedAt: null, receipts: null, replyBy: '2026-12-01', evaluation: { source: 'B', info: 2 }, priority: 'urgent' });
    await reader.get(`/api/mail/messages/${sent.id}`);
    expect(await auditOf('message.opened', sent.id)).toHaveLength(2);

    let view = await sender.get(`/api/mail/messages/${sent.id}`);
    const receipt = (userId: string) => view.body.receipts.find((r: { person: { id: string } }) => r.person.id === userId);
    expect(receipt(nigeria.id)).toMatchObject({ ackRequired: true, acknowledgedAt: null });
    expect(receipt(nigeria.id).openedAt).not.toBeNull();
    expect(receipt(brazil.id).openedAt).toBeNull();
    expect(view.body.canWithdraw).toBe(false);

    const acked = await reader.post(`/api/mail/messages/${sent.id}/acknowledge`);
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledgedAt).not.toBeNull();
    view = await sender.get(`/api/mail/messages/${sent.id}`);
    expect(receipt(nigeria.id).acknowledgedAt).not.toBeNull();
    expect(await auditOf('message.acknowledged', sent.id)).toHaveLength(1);
    // Not a recipient: nothing to acknowledge.
    expect((await (await as(kenya)).post(`/api/mail/messages/${sent.id}/acknowledge`)).status).toBe(404);
  });

  it('reminds recipients who have not acknowledged an urgent message, until they do', async () => {
    const sent = await send(await as(france), { to: to(kenya), subject: 'Immediate', body: 'x', priority: 'immediate' });
    expect(await sendAckReminders(ctx, new Date())).toBe(0);
    const later = new Date(Date.now() + ctx.config.ackReminderMs);
    expect(await sendAckReminders(ctx, later)).toBeGreaterThanOrEqual(1);
    const entry = await ctx.db.selectFrom('mailbox_entries').selectAll().where('message_id', '=', sent.id).where('user_id', '=', kenya.id).executeTakeFirstOrThrow();
    expect(entry.reminders_sent).toBe(1);
    expect(await auditOf('message.reminded', sent.id)).toHaveLength(1);
    await (await as(kenya)).post(`/api/mail/messages/${sent.id}/acknowledge`);
    await sendAckReminders(ctx, new Date(later.getTime() + ctx.config.ackReminderMs));
    expect((await ctx.db.selectFrom('mailbox_entries').select('reminders_sent').where('message_id', '=', sent.id).where('user_id', '=', kenya.id).executeTakeFirstOrThrow()).reminders_sent).toBe(1);
  });
});

describe('withdrawing', () => {
  it('takes back a message nobody has opened, and refuses once someone has', async () => {
    const sender = await as(france);
    const first = await send(sender, { to: to(nigeria, brazil), subject: 'Oops', body: 'wrong recipients' });
    const withdrawn = await sender.post(`/api/mail/messages/${first.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await (await as(nigeria)).get(`/api/mail/messages/${first.id}`)).status).toBe(404);
    expect(await auditOf('message.withdrawn', first.id)).toHaveLength(1);

    const second = await send(sender, { to: to(nigeria, brazil), subject: 'Read already', body: 'x' });
    await (await as(brazil)).get(`/api/mail/messages/${second.id}`);
    const refused = await sender.post(`/api/mail/messages/${second.id}/withdraw`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'not_withdrawable']);
    expect((await (await as(nigeria)).post(`/api/mail/messages/${second.id}/withdraw`)).status).toBe(404);
  });
});

describe('forwarding', () => {
  it('holds an H2 forward to someone outside the thread until the provider agrees', async () => {
    const original = await send(await as(france), { to: to(nigeria, brazil), subject: 'H2 intelligence', body: 'Do not pass on', handlingCode: 'H2', priority: 'urgent' });
    const forwarder = await as(nigeria);
    // Inside the thread: no consent needed.
    const inside = await forwarder.post('/api/mail/send', { to: to(brazil), subject: 'Fwd: H2 intelligence', body: 'see below', forwardOf: original.id });
    expect(inside.body.status).toBe('sent');

    const outside = await forwarder.post('/api/mail/send', { to: to(kenya), subject: 'Fwd: H2 intelligence', body: 'see below', forwardOf: original.id, handlingCode: 'H0' });
    expect(outside.body.status).toBe('pending_consent');
    expect((await (await as(kenya)).get(`/api/mail/messages/${outside.body.id}`)).status).toBe(404);
    expect((await forwarder.get(`/api/mail/messages/${outside.body.id}`)).body).toMatchObject({ status: 'pending_consent', handlingCode: 'H2', consent: { status: 'pending', provider: { id: france.id } } });

    const provider = await as(france);
    expect((await provider.get('/api/mail/counts')).body.consentsPending).toBe(1);
    const consents = (await provider.get('/api/mail/consents')).body.items;
    const request = consents.find((c: { status: string }) => c.status === 'pending');
    expect(request).toMatchObject({ requester: { id: nigeria.id }, originalSubject: 'H2 intelligence', newRecipients: [{ id: kenya.id }] });
    // Only the provider decides.
    expect((await forwarder.post(`/api/mail/consents/${request.id}`, { decision: 'grant' })).status).toBe(404);
    const granted = await provider.post(`/api/mail/consents/${request.id}`, { decision: 'grant' });
    expect(granted.body.status).toBe('granted');
    expect((await provider.post(`/api/mail/consents/${request.id}`, { decision: 'refuse' })).body.error.code).toBe('consent_decided');

    const received = await (await as(kenya)).get(`/api/mail/messages/${outside.body.id}`);
    expect(received.status).toBe(200);
    // The provider's code travels, whatever the forwarder asked for.
    expect(received.body).toMatchObject({ handlingCode: 'H2', provider: { id: france.id }, forwardOf: original.id, ackRequired: false });
    expect(await auditOf('consent.requested')).toHaveLength(1);
    expect(await auditOf('consent.granted', request.id)).toHaveLength(1);
    expect(await auditOf('message.forwarded', outside.body.id)).toHaveLength(1);
  });

  it('delivers nothing when the provider refuses', async () => {
    const original = await send(await as(france), { to: to(brazil), subject: 'H2 again', body: 'x', handlingCode: 'H2' });
    const forward = await (await as(brazil)).post('/api/mail/send', { to: to(kenya), subject: 'Fwd', body: 'x', forwardOf: original.id });
    const provider = await as(france);
    const request = (await provider.get('/api/mail/consents')).body.items.find((c: { status: string; originalId: string }) => c.status === 'pending' && c.originalId === original.id);
    expect((await provider.post(`/api/mail/consents/${request.id}`, { decision: 'refuse' })).body.status).toBe('refused');
    expect((await (await as(kenya)).get(`/api/mail/messages/${forward.body.id}`)).status).toBe(404);
    expect((await (await as(brazil)).get(`/api/mail/messages/${forward.body.id}`)).body.status).toBe('refused');
    expect(await auditOf('consent.refused', request.id)).toHaveLength(1);
  });

  it('carries H1 and H3 conditions with every forward', async () => {
    const original = await send(await as(france), { to: to(nigeria), subject: 'H3', body: 'x', handlingCode: 'H3', conditions: 'Only for the asset tracing team' });
    const forward = await send(await as(nigeria), { to: to(kenya), subject: 'Fwd: H3', body: 'x', forwardOf: original.id, handlingCode: 'H0', conditions: '' });
    const received = await (await as(kenya)).get(`/api/mail/messages/${forward.id}`);
    expect(received.body).toMatchObject({ handlingCode: 'H3', conditions: 'Only for the asset tracing team', provider: { id: france.id } });
  });
});

describe('drafts and attachments', () => {
  it('saves drafts encrypted, replaces their key on each save, and sends them with their files', async () => {
    const author = await as(france);
    const created = await author.post('/api/mail/drafts', { subject: 'Draft subject', body: 'first words' });
    expect(created.status).toBe(200);
    const draftId = created.body.id;
    const firstKey = (await ctx.db.selectFrom('messages').select('content').where('id', '=', draftId).executeTakeFirstOrThrow()).content.k;
    const updated = await author.put(`/api/mail/drafts/${draftId}`, { to: to(nigeria), subject: 'Draft subject', body: 'second words', priority: 'urgent' });
    expect(updated.body.values).toMatchObject({ body: 'second words', priority: 'urgent', to: to(nigeria) });
    expect(await ctx.db.selectFrom('data_keys').select('id').where('id', '=', firstKey).executeTakeFirst()).toBeUndefined();
    expect((await author.get('/api/mail/counts')).body.drafts).toBeGreaterThanOrEqual(1);
    // Someone else's draft does not exist for them.
    expect((await (await as(nigeria)).get(`/api/mail/drafts/${draftId}`)).status).toBe(404);

    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(5000)]);
    const upload = await author.upload(`/api/mail/drafts/${draftId}/attachments?name=${encodeURIComponent('../Relevé bancaire "2026".pdf')}`, pdf, { 'content-type': 'application/octet-stream' });
    expect(upload.status, upload.text).toBe(200);
    expect(upload.body).toMatchObject({ name: 'Relevé bancaire 2026.pdf', contentType: 'application/pdf', size: pdf.length, sha256: crypto.createHash('sha256').update(pdf).digest('hex') });
    // Claimed to be a PDF, really a PNG: the bytes decide.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(100)]);
    expect((await author.upload(`/api/mail/drafts/${draftId}/attachments?name=photo.pdf`, png)).body.contentType).toBe('image/png');

    const sent = await author.post(`/api/mail/drafts/${draftId}/send`);
    expect(sent.body).toMatchObject({ status: 'sent', recipients: 1 });
    const reader = await as(nigeria);
    const message = (await reader.get(`/api/mail/messages/${draftId}`)).body;
    expect(message.attachmentList).toHaveLength(2);
    const file = message.attachmentList.find((a: { contentType: string }) => a.contentType === 'application/pdf');
    const download = await reader.get(`/api/mail/messages/${draftId}/attachments/${file.id}`);
    expect(download.status).toBe(200);
    expect(crypto.createHash('sha256').update(download.raw).digest('hex')).toBe(file.sha256);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Releve bancaire 2026.pdf"; filename*=UTF-8''Relev%C3%A9%20bancaire%202026.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const audit = await auditOf('attachment.downloaded', file.id);
    expect(audit[0]!.details).toMatchObject({ sha256: file.sha256, messageId: draftId });
    expect((await (await as(brazil)).get(`/api/mail/messages/${draftId}/attachments/${file.id}`)).status).toBe(404);
    // A sent message is no longer a draft.
    expect((await author.put(`/api/mail/drafts/${draftId}`, { subject: 'changed' })).status).toBe(404);
  });

  it('refuses a file over the limit with 413 before storing anything', async () => {
    const author = await as(france);
    const draftId = (await author.post('/api/mail/drafts', { subject: 'Big files' })).body.id;
    const blobsBefore = (await ctx.db.selectFrom('blobs').select('id').execute()).length;
    const big = await author.upload(`/api/mail/drafts/${draftId}/attachments?name=big.bin`, crypto.randomBytes(1024 * 1024 + 1));
    expect([big.status, big.body.error.code]).toEqual([413, 'attachment_too_large']);
    expect((await ctx.db.selectFrom('blobs').select('id').execute()).length).toBe(blobsBefore);
    // Two files that fit alone but not together (message limit 1.5 MB).
    expect((await author.upload(`/api/mail/drafts/${draftId}/attachments?name=a.bin`, crypto.randomBytes(900 * 1024))).status).toBe(200);
    const second = await author.upload(`/api/mail/drafts/${draftId}/attachments?name=b.bin`, crypto.randomBytes(900 * 1024));
    expect([second.status, second.body.error.code]).toEqual([413, 'message_too_large']);
    expect((await author.get(`/api/mail/drafts/${draftId}`)).body.attachments).toHaveLength(1);

    // Discarding the draft removes its files from the store.
    const blobIds = (await ctx.db.selectFrom('message_attachments').select('blob_id').where('message_id', '=', draftId).execute()).map((r) => r.blob_id);
    expect((await author.delete(`/api/mail/drafts/${draftId}`)).status).toBe(204);
    expect(await ctx.db.selectFrom('blobs').select('id').where('id', 'in', blobIds).execute()).toHaveLength(0);
  });

  it('keeps no plaintext of subjects, bodies, conditions or files in the database or the blob store', async () => {
    const marker = `Zanzibar${crypto.randomBytes(4).toString('hex')}`;
    const author = await as(france);
    const draftId = (await author.post('/api/mail/drafts', { to: to(nigeria), subject: `Subject ${marker}`, body: `Body ${marker} کلمه`, handlingCode: 'H3', conditions: `Conditions ${marker}` })).body.id;
    await author.upload(`/api/mail/drafts/${draftId}/attachments?name=${marker}.txt`, Buffer.from(`File contents ${marker}\n`));
    await author.post(`/api/mail/drafts/${draftId}/send`);
    await author.post('/api/mail/drafts', { subject: `Draft ${marker}`, body: marker });

    const tables = (await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(ctx.db)).rows;
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const dump = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(ctx.db);
      for (const { row } of dump.rows) expect(row.toLowerCase(), `table ${table_name}`).not.toContain(marker.toLowerCase());
    }
    const blobRoot = path.join(ctx.config.dataDir, 'blobs');
    for (const dir of fs.existsSync(blobRoot) ? fs.readdirSync(blobRoot) : []) {
      for (const file of fs.readdirSync(path.join(blobRoot, dir))) expect(fs.readFileSync(path.join(blobRoot, dir, file)).includes(marker)).toBe(false);
    }
  });
});

describe('mailbox', () => {
  it('searches words in subjects and bodies through the blind index, in any script, only in the caller’s mail', async () => {
    const sender = await as(brazil);
    const a = await send(sender, { to: to(kenya), subject: 'Société Générale transfer', body: 'Des fonds ont été transférés vers Genève.' });
    const b = await send(sender, { to: to(kenya), subject: 'تحويل أموال', body: 'الحساب المصرفي في دُبَيّ', handlingCode: 'H1' });
    const c = await send(sender, { to: to(kenya), subject: '资金 转移', body: '上海的银行账户' });
    const reader = await as(kenya);
    const ids = async (query: string) => (await reader.get(`/api/mail/messages?folder=inbox&${query}`)).body.items.map((m: { id: string }) => m.id);
    expect(await ids(`q=${encodeURIComponent('geneve')}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('SOCIETE generale')}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('دبي')}`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('上海')}`)).toEqual([c.id]);
    expect(await ids(`q=${encodeURIComponent('genève fonds')}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('genève absent')}`)).toEqual([]);
    expect(await ids('code=H1')).toEqual([b.id]);
    expect(await ids(`from=${encodeURIComponent('luísa')}&q=transfer`)).toEqual([a.id]);
    expect(await ids(`to=otieno&q=transfer`)).toEqual([a.id]);
    expect(await ids('after=2000-01-01&before=2000-01-02')).toEqual([]);
    // The same words in someone else's index hash differently: the sender's search finds their own copy only.
    expect((await sender.get(`/api/mail/messages?folder=sent&q=geneve`)).body.items.map((m: { id: string }) => m.id)).toEqual([a.id]);
    expect((await (await as(nigeria)).get(`/api/mail/messages?all=true&q=geneve`)).body.items).toEqual([]);
  });

  it('counts a word search up to 1,000 matches and then says "more"; every match is still reached page by page', async () => {
    const reader = await buildUser(ctx, { country: 'GH', name: 'Ama Owusu' });
    const sender = { id: france.id, country: france.country, roles: france.roles };
    const sent: string[] = [];
    // Sent through the service (1,030 HTTP round trips would only slow the test down).
    for (let i = 0; i < SEARCH_COUNT_CAP + 30; i++) {
      const words = ['ledger', ...(i < 40 ? ['vessel'] : []), ...(i >= 30 ? ['audited'] : [])];
      const values = ZDraftInput.parse({ to: to(reader), subject: `Entry ${i}`, body: `${words.join(' ')} ${i}` });
      sent.push((await sendNew(ctx, sender, values, { ip: null, userAgent: 'test' })).id);
    }
    const client = await as(reader);
    const search = async (query: string) => (await client.get(`/api/mail/messages?folder=inbox&${query}`)).body;
    const newestFirst = [...sent].reverse();

    const many = await search('q=ledger');
    expect([many.total, many.totalAtLeast]).toEqual([SEARCH_COUNT_CAP, true]);
    expect(many.items.map((m: { id: string }) => m.id)).toEqual(newestFirst.slice(0, 50));
    // Exactly at the cap the count is exact.
    expect(await search('q=audited')).toMatchObject({ total: SEARCH_COUNT_CAP, totalAtLeast: false });
    const few = await search('q=vessel');
    expect([few.total, few.totalAtLeast]).toEqual([40, false]);
    expect(few.items.map((m: { id: string }) => m.id)).toEqual(newestFirst.slice(-40).slice(0, 50));
    expect(await search('q=vessel+audited')).toMatchObject({ total: 10, totalAtLeast: false });
    expect((await search('q=ledger&sort=date_asc')).items.map((m: { id: string }) => m.id)).toEqual(sent.slice(0, 50));

    // Paging reaches every match once, in order, past the cap; the last page is short.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null; total: number } = await search(`q=ledger&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(newestFirst);
    // A folder list (no words) still counts exactly.
    expect(await search('limit=1')).toMatchObject({ total: SEARCH_COUNT_CAP + 30, totalAtLeast: false });
  }, 180_000);

  it('pages with a stable cursor in every sort order', async () => {
    const reader = await buildUser(ctx, { country: 'GH', name: 'Kwame Mensah' });
    const senders = [france, brazil, kenya];
    for (let i = 0; i < 7; i++) {
      await send(await as(senders[i % 3]!), { to: to(reader), subject: `Paging ${i}`, body: 'x', priority: (['routine', 'urgent', 'immediate'] as const)[i % 3] });
    }
    const client = await as(reader);
    for (const sort of ['date_desc', 'date_asc', 'sender_asc', 'sender_desc', 'priority']) {
      const all = (await client.get(`/api/mail/messages?folder=inbox&sort=${sort}&limit=50`)).body;
      expect(all.total).toBe(7);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await client.get(`/api/mail/messages?folder=inbox&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.body.items.map((m) => m.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual(all.items.map((m: { id: string }) => m.id));
    }
    const byPriority = (await client.get('/api/mail/messages?folder=inbox&sort=priority')).body.items.map((m: { priority: string }) => m.priority);
    expect(byPriority.slice(0, 2)).toEqual(['immediate', 'immediate']);
    expect((await client.get('/api/mail/messages?folder=inbox&cursor=garbage')).status).toBe(400);
  });

  it('archives, labels, trashes, restores and purges; the last copy purged destroys the message', async () => {
    const sender = await as(france);
    const sent = await send(sender, { to: to(brazil), subject: 'To be purged', body: 'x' });
    const reader = await as(brazil);
    const label = (await reader.post('/api/mail/labels', { name: 'Case Lagos', color: 'red' })).body;
    expect((await reader.post('/api/mail/labels', { name: 'Case Lagos' })).status).toBe(409);
    expect((await reader.post('/api/mail/bulk', { ids: [sent.id], action: 'label', labelId: label.id })).body.changed).toBe(1);
    expect((await reader.get(`/api/mail/messages?folder=inbox&label=${label.id}`)).body.items.map((m: { id: string }) => m.id)).toEqual([sent.id]);
    // Someone else's label cannot be used.
    expect((await sender.post('/api/mail/bulk', { ids: [sent.id], action: 'label', labelId: label.id })).status).toBe(404);

    await reader.post('/api/mail/bulk', { ids: [sent.id], action: 'archive' });
    expect((await reader.get('/api/mail/messages?folder=archive')).body.items.map((m: { id: string }) => m.id)).toContain(sent.id);
    await reader.post('/api/mail/bulk', { ids: [sent.id], action: 'trash' });
    expect(await auditOf('message.deleted', sent.id)).toHaveLength(1);
    await reader.post('/api/mail/bulk', { ids: [sent.id], action: 'restore' });
    expect((await reader.get('/api/mail/messages?folder=archive')).body.items.map((m: { id: string }) => m.id)).toContain(sent.id);
    await reader.post('/api/mail/bulk', { ids: [sent.id], action: 'trash' });
    expect((await reader.post('/api/mail/bulk', { ids: [sent.id], action: 'delete_forever' })).body.changed).toBe(1);
    expect((await reader.get(`/api/mail/messages/${sent.id}`)).status).toBe(404);
    // The sender still has a copy, so the message stays.
    expect((await sender.get(`/api/mail/messages/${sent.id}`)).status).toBe(200);
    const contentKey = (await ctx.db.selectFrom('messages').select('content').where('id', '=', sent.id).executeTakeFirstOrThrow()).content.k;
    await sender.post('/api/mail/bulk', { ids: [sent.id], action: 'trash' });
    await sender.post('/api/mail/bulk', { ids: [sent.id], action: 'delete_forever' });
    expect(await ctx.db.selectFrom('messages').select('id').where('id', '=', sent.id).executeTakeFirst()).toBeUndefined();
    expect(await ctx.db.selectFrom('data_keys').select('id').where('id', '=', contentKey).executeTakeFirst()).toBeUndefined();
    expect((await auditOf('message.purged', sent.id)).map((e) => (e.details as { reason: string }).reason)).toEqual(['user', 'user']);
  });

  it('purges what has been in the trash for 30 days', async () => {
    const sent = await send(await as(france), { to: to(kenya), subject: 'Old', body: 'x' });
    const reader = await as(kenya);
    await reader.post('/api/mail/bulk', { ids: [sent.id], action: 'trash' });
    expect(await purgeTrash(ctx)).toBe(0);
    await ctx.db.updateTable('mailbox_entries').set({ trashed_at: new Date(Date.now() - 31 * 86_400_000) }).where('message_id', '=', sent.id).where('user_id', '=', kenya.id).execute();
    expect(await purgeTrash(ctx)).toBe(1);
    expect((await reader.get(`/api/mail/messages/${sent.id}`)).status).toBe(404);
    expect((await auditOf('message.purged', sent.id))[0]!.details).toEqual({ reason: 'retention' });
  });

  it('counts unread mail and marks read and unread', async () => {
    const reader = await buildUser(ctx, { country: 'SN', name: 'Aminata Diallo' });
    const client = await as(reader);
    const sent = await send(await as(france), { to: to(reader), subject: 'Count me', body: 'x' });
    expect((await client.get('/api/mail/counts')).body.inboxUnread).toBe(1);
    await client.get(`/api/mail/messages/${sent.id}`);
    expect((await client.get('/api/mail/counts')).body.inboxUnread).toBe(0);
    await client.post('/api/mail/bulk', { ids: [sent.id], action: 'unread' });
    expect((await client.get('/api/mail/counts')).body.inboxUnread).toBe(1);
    // Marking unread keeps the receipt: the sender still sees it opened.
    const receipts = (await (await as(france)).get(`/api/mail/messages/${sent.id}`)).body.receipts;
    expect(receipts[0].openedAt).not.toBeNull();
  });

  it('suggests people in any script and countries by name in any language', async () => {
    const client = await as(france);
    const people = (await client.get(`/api/mail/recipients?q=${encodeURIComponent('luisa')}`)).body.items;
    expect(people).toEqual([expect.objectContaining({ kind: 'user', id: brazil.id })]);
    const countries = (await client.get(`/api/mail/recipients?q=${encodeURIComponent('Kenia')}`)).body.items;
    expect(countries).toEqual([{ kind: 'country', code: 'KE', focalPoints: 1 }]);
  });
});
