import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import ICAL from 'ical.js';
import { localReading } from '@focal/shared';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import type { App } from '../../http.js';
import { createMailer, deliverPendingNotices, type Mailer } from '../../notify/outbox.js';
import { sendActionReminders } from './jobs.js';
import { deliverMeetingInvitations } from './mail.js';

// ---------------------------------------------------------------- a real SMTP relay
interface Received {
  to: string[];
  raw: string;
}

async function startRelay() {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    to: (email: string) => received.filter((mail) => mail.to.includes(email)).map((mail) => parseMail(mail.raw)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Just enough MIME to read what nodemailer writes: nested multiparts, base64, quoted-printable.
interface Part {
  headers: Map<string, string>;
  body: string;
}
function splitHead(raw: string): Part {
  const at = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}
function leaves(part: Part): Part[] {
  const boundary = /boundary="?([^";]+)"?/.exec(part.headers.get('content-type') ?? '')?.[1];
  if (!boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .flatMap((chunk) => leaves(splitHead(chunk.replace(/^\r\n/, ''))));
}
function decode(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body = part.body.replace(/\r\n$/, '');
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const joined = body.replace(/=\r?\n/g, '');
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  }
  return Buffer.from(body, 'latin1').toString('utf8');
}
function parseMail(raw: string) {
  const top = splitHead(raw);
  const parts = leaves(top);
  const find = (type: string) => parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith(type));
  const subjectRaw = top.headers.get('subject') ?? '';
  const subject = subjectRaw.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decode({ headers: new Map([['content-transfer-encoding', 'quoted-printable']]), body: data.replace(/_/g, ' ') }),
  );
  const calendar = find('text/calendar');
  return { raw, subject, text: find('text/plain') ? decode(find('text/plain')!).replace(/\r\n/g, '\n') : '', ics: calendar ? decode(calendar) : '', calendarType: calendar?.headers.get('content-type') ?? '' };
}

// ---------------------------------------------------------------- iCalendar, read back with ical.js
function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: String(vevent.getFirstPropertyValue('status') ?? ''),
      location: event.location,
      url: String(vevent.getFirstPropertyValue('url') ?? ''),
      attendees: vevent.getAllProperties('attendee').map((p) => ({ email: String(p.getFirstValue()).replace(/^mailto:/i, ''), partstat: String(p.getParameter('partstat')) })),
      organizer: String(vevent.getFirstPropertyValue('organizer') ?? '').replace(/^mailto:/i, ''),
    };
  });
  return { method: String(calendar.getFirstPropertyValue('method') ?? ''), prodId: String(calendar.getFirstPropertyValue('prodid') ?? ''), version: String(calendar.getFirstPropertyValue('version') ?? ''), events };
}

// ---------------------------------------------------------------- the world
let ctx: TestContext;
let app: App;
let relay: Awaited<ReturnType<typeof startRelay>>;
let mailer: Mailer;
let paris: BuiltUser;
let lima: BuiltUser;
let nairobi: BuiltUser;
let nairobi2: BuiltUser;
let kualaLumpur: BuiltUser;
let nigeria: BuiltUser;
let secretariat: BuiltUser;
let swiss: BuiltUser;
let swiss2: BuiltUser;
let egyptAdmin: BuiltUser;
let franceAdmin: BuiltUser;

const zone = (user: BuiltUser, timeZone: string) => ctx.db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', user.id).execute();

beforeAll(async () => {
  relay = await startRelay();
  ctx = await createTestContext({ FOCAL_SMTP_URL: `smtp://127.0.0.1:${relay.port}`, FOCAL_SMTP_FROM: 'Focal <no-reply@focal.test>', FOCAL_ACTION_REMINDER_DAYS: '2' });
  app = await createTestApp(ctx);
  mailer = createMailer(ctx.config)!;
  paris = await buildUser(ctx, { country: 'FR', name: 'Amélie Durand' });
  lima = await buildUser(ctx, { country: 'PE', name: 'Diego Ramírez', nameLatin: 'Diego Ramirez' });
  nairobi = await buildUser(ctx, { country: 'KE', name: 'Otieno Ochieng' });
  nairobi2 = await buildUser(ctx, { country: 'KE', name: 'Achieng Wanjiku' });
  kualaLumpur = await buildUser(ctx, { country: 'MY', name: 'Nurul Aisyah binti Ahmad' });
  nigeria = await buildUser(ctx, { country: 'NG', name: 'Babatunde Adeyemi' });
  secretariat = await buildUser(ctx, { country: 'FR', name: 'Claire Moreau', roles: ['secretariat'] });
  swiss = await buildUser(ctx, { country: 'CH', name: 'Sophie Rochat' });
  swiss2 = await buildUser(ctx, { country: 'CH', name: 'Lukas Meier' });
  egyptAdmin = await buildUser(ctx, { country: 'EG', name: 'منى عبد الرحمن', nameLatin: 'Mona Abdelrahman', roles: ['national_admin'] });
  franceAdmin = await buildUser(ctx, { country: 'FR', name: 'Julien Lefèvre', roles: ['national_admin'] });
  await zone(paris, 'Europe/Paris');
  await zone(lima, 'America/Lima');
  await zone(nairobi, 'Africa/Nairobi');
  await zone(nairobi2, 'Africa/Nairobi');
  await zone(kualaLumpur, 'Asia/Kuala_Lumpur');
  await zone(swiss, 'Europe/Zurich');
  await zone(swiss2, 'Europe/Zurich');
  await ctx.db.updateTable('users').set({ ui_language: 'fr' }).where('id', '=', paris.id).execute();
  await ctx.db.updateTable('users').set({ ui_language: 'es' }).where('id', '=', lima.id).execute();
});
afterAll(async () => {
  mailer?.close();
  await app?.close();
  await relay?.close();
  await ctx?.cleanup();
});

const as = (user: BuiltUser) => new TestClient(app).actAs(ctx, user);
const HOUR = 3600_000;

/** Friday 25 to Monday 28 October 2030: Paris leaves summer time on Sunday 27. */
const ACROSS_DST = { fromDate: '2030-10-25', days: 4 };

async function organise(client: TestClient, body: Record<string, unknown>) {
  const response = await client.post('/api/meetings', {
    title: 'Meridian Holdings: coordinating the freeze',
    mode: 'video',
    videoUrl: 'https://video.example.org/meridian',
    ...body,
  });
  expect(response.status, response.text).toBe(200);
  return response.body as { id: string; sequence: number; participants: { person: { id: string }; rsvp: string; role: string; timeZone: string }[] };
}

describe('the slot finder across Lima, Paris, Nairobi and Kuala Lumpur', () => {
  it('finds no hour inside everyone’s working hours, proposes the ones that leave out only Lima, and moves them across the end of summer time in Paris', async () => {
    const client = await as(paris);
    const response = await client.post('/api/meetings/slots', { invitees: { users: [lima.id, nairobi.id, kualaLumpur.id] }, durationMinutes: 60, ...ACROSS_DST, timeZone: 'Europe/Paris', limit: 200 });
    expect(response.status, response.text).toBe(200);
    const result = response.body as { participants: { person: { id: string }; timeZone: string; workStart: string; workEnd: string; weekend: number[] }[]; slots: { start: string; outside: { userId: string; reason: string }[] }[]; from: string; to: string };
    // The organiser first, each with their own clock.
    expect(result.participants.map((p) => [p.person.id, p.timeZone, p.workStart, p.workEnd, p.weekend])).toEqual([
      [paris.id, 'Europe/Paris', '09:00', '17:00', [6, 7]],
      [nairobi.id, 'Africa/Nairobi', '09:00', '17:00', [6, 7]],
      [kualaLumpur.id, 'Asia/Kuala_Lumpur', '09:00', '17:00', [6, 7]],
      [lima.id, 'America/Lima', '09:00', '17:00', [6, 7]],
    ]);
    // The window is four days from midnight in Paris (summer time on the 25th, winter time on the 29th).
    expect(result.from).toBe('2030-10-24T22:00:00.000Z');
    expect(result.to).toBe('2030-10-28T23:00:00.000Z');
    expect(result.slots.every((slot) => slot.outside.length >= 1)).toBe(true);
    const onlyLimaOut = result.slots.filter((slot) => slot.outside.length === 1);
    // Friday, summer time: Paris 07–15 UTC, Nairobi 06–14, Kuala Lumpur 01–09 → 07:00, 07:30, 08:00.
    // Monday, winter time: Paris 08–16 UTC → only 08:00. Nothing at the weekend.
    expect(onlyLimaOut.map((slot) => slot.start)).toEqual(['2030-10-25T07:00:00.000Z', '2030-10-25T07:30:00.000Z', '2030-10-25T08:00:00.000Z', '2030-10-28T08:00:00.000Z']);
    for (const slot of onlyLimaOut) expect(slot.outside).toEqual([{ userId: lima.id, reason: 'before_hours' }]);
    // The same 08:00 UTC reads 10:00 in Paris on Friday and 09:00 on Monday.
    expect(localReading('2030-10-25T08:00:00Z', 'Europe/Paris').time).toBe('10:00');
    expect(localReading('2030-10-28T08:00:00Z', 'Europe/Paris').time).toBe('09:00');
    expect(localReading('2030-10-28T08:00:00Z', 'America/Lima').time).toBe('03:00');
    expect(localReading('2030-10-28T08:00:00Z', 'Africa/Nairobi').time).toBe('11:00');
    expect(localReading('2030-10-28T08:00:00Z', 'Asia/Kuala_Lumpur').time).toBe('16:00');
    expect((await ctx.db.selectFrom('audit_events').select('action').where('actor_id', '=', paris.id).where('action', '=', 'meeting.slots_searched').execute()).length).toBeGreaterThan(0);
  });

  it('follows each person’s working hours and each country’s weekend, as set by them and by the operator', async () => {
    // Lima starts at 07:00 and Kuala Lumpur works until 19:00: now 12:00–13:00 UTC on a weekday fits
    // Lima (07:00), Paris (13:00 in winter) and Kuala Lumpur (20:00? no: outside).
    const limaClient = await as(lima);
    expect((await limaClient.put('/api/meetings/settings/working-hours', { start: '07:00', end: '15:00' })).body.workingHours).toEqual({ start: '07:00', end: '15:00' });
    expect((await limaClient.put('/api/meetings/settings/working-hours', { start: '15:00', end: '07:00' })).body.error).toMatchObject({ code: 'validation_failed', fields: { end: 'before_start' } });
    const client = await as(paris);
    const search = (days = 1) => client.post('/api/meetings/slots', { invitees: { users: [lima.id, nairobi.id] }, durationMinutes: 60, fromDate: '2030-10-28', days, timeZone: 'Europe/Paris', limit: 200 });
    const free = (slots: { start: string; outside: unknown[] }[]) => slots.filter((s) => s.outside.length === 0).map((s) => s.start.slice(11, 16));
    // Winter time in Paris (08–16 UTC), Nairobi 06–14 UTC, Lima now 12–20 UTC → 12:00–14:00 UTC.
    expect(free((await search()).body.slots)).toEqual(['12:00', '12:30', '13:00']);
    await limaClient.put('/api/meetings/settings/working-hours', { start: '09:00', end: '17:00' });

    // Egypt rests on Friday and Saturday by default; its admin may say otherwise for Egypt only.
    const egypt = await as(egyptAdmin);
    const settings = (await egypt.get('/api/meetings/settings')).body;
    expect(settings).toMatchObject({ weekend: [5, 6], weekendEditable: ['EG'], emailAvailable: true, actionReminderDays: 2 });
    expect(settings.weekends).toContainEqual({ country: 'EG', days: [5, 6], configured: false });
    expect((await egypt.put('/api/meetings/weekends/FR', { days: [5, 6] })).status).toBe(404);
    expect((await (await as(franceAdmin)).put('/api/meetings/weekends/MY', { days: [5, 6] })).status).toBe(404);
    expect((await (await as(paris)).put('/api/meetings/weekends/FR', { days: [5] })).status).toBe(404);
    // The operator sets Malaysia to a Friday–Saturday weekend: Friday stops being a working day there.
    const operator = await as(secretariat);
    expect((await operator.get('/api/meetings/settings')).body.weekendEditable).toBe('all');
    const set = await operator.put('/api/meetings/weekends/MY', { days: [6, 5] });
    expect(set.status, set.text).toBe(200);
    expect(set.body.weekends).toContainEqual({ country: 'MY', days: [5, 6], configured: true });
    const friday = await client.post('/api/meetings/slots', { invitees: { users: [kualaLumpur.id] }, durationMinutes: 60, fromDate: '2030-10-25', days: 1, timeZone: 'Europe/Paris', limit: 200 });
    expect(friday.body.participants.find((p: { person: { id: string } }) => p.person.id === kualaLumpur.id).weekend).toEqual([5, 6]);
    expect(friday.body.slots.every((slot: { outside: { userId: string; reason: string }[] }) => slot.outside.some((o) => o.userId === kualaLumpur.id && o.reason === 'weekend'))).toBe(true);
    // Back to the default: the row goes, the answer is Saturday–Sunday again.
    const back = await operator.put('/api/meetings/weekends/MY', { days: [6, 7] });
    expect(back.body.weekends.find((w: { country: string }) => w.country === 'MY')).toBeUndefined();
    expect(await ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'meeting.weekend_set').execute()).toHaveLength(2);
  });

  it('reaches a whole country’s focal points, and refuses inactive people and countries without one', async () => {
    const client = await as(paris);
    const byCountry = await client.post('/api/meetings/slots', { invitees: { countries: ['KE'] }, durationMinutes: 30, fromDate: '2030-10-28', days: 1 });
    expect(byCountry.body.participants.map((p: { person: { id: string } }) => p.person.id).sort()).toEqual([paris.id, nairobi.id, nairobi2.id].sort());
    const inactive = await buildUser(ctx, { country: 'KE', status: 'suspended' });
    const refused = await client.post('/api/meetings/slots', { invitees: { users: [inactive.id] }, durationMinutes: 30, fromDate: '2030-10-28', days: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'recipient_invalid', fields: { users: inactive.id } });
    const nobody = await client.post('/api/meetings/slots', { invitees: { countries: ['IS'] }, durationMinutes: 30, fromDate: '2030-10-28', days: 1 });
    expect(nobody.body.error).toMatchObject({ code: 'invitee_not_allowed', fields: { countries: 'IS' } });
    expect((await client.post('/api/meetings/slots', { invitees: {}, durationMinutes: 900, fromDate: '2030-10-28', days: 1 })).body.error.code).toBe('validation_failed');
  });
});

describe('a meeting across four countries', () => {
  let meetingId = '';
  let uid = '';

  it('is organised for a slot the finder proposed; each participant sees it, nobody else', async () => {
    const client = await as(paris);
    const meeting = await organise(client, {
      startsAt: '2030-10-28T08:00:00.000Z',
      endsAt: '2030-10-28T09:00:00.000Z',
      timeZone: 'Europe/Paris',
      description: 'Freeze of the Meridian accounts in three jurisdictions.',
      interpretation: ['es', 'fr', 'es'],
      invitees: { users: [lima.id, kualaLumpur.id], countries: ['KE'] },
    });
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ status: 'scheduled', sequence: 0, mode: 'video', videoUrl: 'https://video.example.org/meridian', interpretation: ['es', 'fr'], countries: ['FR', 'KE', 'MY', 'PE'], myRsvp: 'accepted' });
    // The organiser first, then by country and name: Kenya's two focal points came with their country.
    expect(meeting.participants.map((p) => [p.person.id, p.role, p.rsvp])).toEqual([
      [paris.id, 'organiser', 'accepted'],
      [nairobi2.id, 'participant', 'pending'],
      [nairobi.id, 'participant', 'pending'],
      [kualaLumpur.id, 'participant', 'pending'],
      [lima.id, 'participant', 'pending'],
    ]);
    uid = (await ctx.db.selectFrom('meetings').select('ical_uid').where('id', '=', meetingId).executeTakeFirstOrThrow()).ical_uid;
    expect(uid).toBe(`${meetingId}@focal.test`);

    const seen = await (await as(lima)).get(`/api/meetings/${meetingId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ title: 'Meridian Holdings: coordinating the freeze', description: 'Freeze of the Meridian accounts in three jurisdictions.', myRsvp: 'pending', can: { edit: false, respond: true, upload: true, writeMinutes: false } });
    const list = await (await as(kualaLumpur)).get('/api/meetings?when=upcoming');
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(meetingId);
    expect(list.body.items.find((m: { id: string }) => m.id === meetingId)).toMatchObject({ participants: 5, accepted: 1, myRsvp: 'pending', countries: ['FR', 'KE', 'MY', 'PE'] });
    expect((await (await as(kualaLumpur)).get('/api/meetings?when=past')).body.items.map((m: { id: string }) => m.id)).not.toContain(meetingId);

    // Not invited: answered exactly as a meeting that does not exist.
    const missing = await (await as(nigeria)).get(`/api/meetings/${crypto.randomUUID()}`);
    for (const outsider of [nigeria, secretariat]) {
      const response = await (await as(outsider)).get(`/api/meetings/${meetingId}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(missing.body);
      expect((await (await as(outsider)).get(`/api/meetings/${meetingId}/calendar.ics`)).status).toBe(404);
      expect((await (await as(outsider)).get('/api/meetings')).body.items.map((m: { id: string }) => m.id)).not.toContain(meetingId);
    }
    // Invitations wait in each invitee's notices and counts.
    expect((await (await as(lima)).get('/api/meetings/counts')).body).toMatchObject({ pendingInvitations: 1, unreadNotices: 1 });
    const notices = (await (await as(lima)).get('/api/meetings/notices')).body.items;
    expect(notices).toEqual([expect.objectContaining({ kind: 'invited', meetingId, meetingTitle: 'Meridian Holdings: coordinating the freeze' })]);
    const audited = await ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).where('target_id', '=', meetingId).execute();
    expect(audited).toContainEqual({ action: 'meeting.created', actor_id: paris.id });
    expect(audited).toContainEqual({ action: 'meeting.viewed', actor_id: lima.id });
  });

  it('keeps its description, address and link sealed in the database', async () => {
    const row = await ctx.db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.content)).not.toContain('Meridian accounts');
    expect(JSON.stringify(row.content)).not.toContain('video.example.org');
  });

  it('takes answers from invitees only', async () => {
    const limaClient = await as(lima);
    const accepted = await limaClient.post(`/api/meetings/${meetingId}/rsvp`, { response: 'accepted' });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.myRsvp).toBe('accepted');
    expect(accepted.body.participants.find((p: { person: { id: string } }) => p.person.id === lima.id)).toMatchObject({ rsvp: 'accepted', respondedAt: expect.any(String) });
    expect((await (await as(nairobi2)).post(`/api/meetings/${meetingId}/rsvp`, { response: 'declined' })).body.myRsvp).toBe('declined');
    expect((await (await as(nairobi)).post(`/api/meetings/${meetingId}/rsvp`, { response: 'tentative' })).body.myRsvp).toBe('tentative');
    expect((await limaClient.post(`/api/meetings/${meetingId}/rsvp`, { response: 'maybe' })).status).toBe(400);
    // The organiser does not answer their own meeting; outsiders cannot.
    expect((await (await as(paris)).post(`/api/meetings/${meetingId}/rsvp`, { response: 'declined' })).status).toBe(404);
    expect((await (await as(nigeria)).post(`/api/meetings/${meetingId}/rsvp`, { response: 'accepted' })).status).toBe(404);
    // Only the organiser changes the meeting.
    expect((await limaClient.patch(`/api/meetings/${meetingId}`, { title: 'Hijacked' })).status).toBe(404);
    expect((await (await as(paris)).get(`/api/meetings/${meetingId}`)).body.accepted).toBe(2);
  });

  it('emails each participant an invitation with a calendar file that reveals nothing of the meeting', async () => {
    expect(await deliverMeetingInvitations(ctx, mailer)).toEqual({ sent: 5, failed: 0 });
    const [mail] = relay.to(lima.email);
    expect(relay.to(lima.email)).toHaveLength(1);
    expect(mail!.subject).toBe('Focal: invitación a una reunión');
    expect(mail!.calendarType).toContain('method=REQUEST');
    // In Lima's language and on Lima's clock: 03:00 on Monday 28 October.
    expect(mail!.text).toContain('lunes, 28 de octubre de 2030');
    expect(mail!.text).toContain('(America/Lima)');
    expect(mail!.text).toContain(`http://focal.test/meetings/${meetingId}`);
    const ics = readCalendar(mail!.ics);
    expect(ics).toMatchObject({ method: 'REQUEST', version: '2.0' });
    expect(ics.events).toEqual([
      expect.objectContaining({ uid, sequence: 0, summary: 'Reunión de Focal', start: '2030-10-28T08:00:00.000Z', end: '2030-10-28T09:00:00.000Z', status: 'CONFIRMED', organizer: 'no-reply@focal.test' }),
    ]);
    expect(ics.events[0]!.attendees).toEqual([{ email: lima.email, partstat: 'ACCEPTED' }]);
    for (const secret of ['Meridian', 'video.example.org', 'Durand', nairobi.email, 'Freeze']) expect(mail!.raw).not.toContain(secret);
    expect(relay.to(paris.email)[0]!.subject).toBe('Focal : invitation à une réunion');
    expect(await deliverMeetingInvitations(ctx, mailer)).toEqual({ sent: 0, failed: 0 });
  });

  it('serves a valid .ics with a stable UID, and raises SEQUENCE only for revisions calendars must apply', async () => {
    const client = await as(paris);
    const download = async (user: BuiltUser = paris) => {
      const response = await (await as(user)).get(`/api/meetings/${meetingId}/calendar.ics`);
      expect(response.status).toBe(200);
      expect(String(response.headers['content-type'])).toMatch(/^text\/calendar; charset=utf-8; method=(REQUEST|CANCEL)$/);
      expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="meeting-/);
      return readCalendar(response.text);
    };
    const first = await download(lima);
    expect(first.method).toBe('REQUEST');
    expect(first.prodId).toContain('Focal');
    expect(first.events[0]).toMatchObject({ uid, sequence: 0, summary: 'Meridian Holdings: coordinating the freeze', location: 'https://video.example.org/meridian', url: `http://focal.test/meetings/${meetingId}`, organizer: paris.email });
    expect(Object.fromEntries(first.events[0]!.attendees.map((a) => [a.email, a.partstat]))).toEqual({
      [paris.email]: 'ACCEPTED',
      [lima.email]: 'ACCEPTED',
      [nairobi.email]: 'TENTATIVE',
      [nairobi2.email]: 'DECLINED',
      [kualaLumpur.email]: 'NEEDS-ACTION',
    });

    // A new description is not a revision calendars need: same SEQUENCE, no email.
    let changed = await client.patch(`/api/meetings/${meetingId}`, { description: 'Agenda attached.' });
    expect(changed.body.sequence).toBe(0);
    expect((await download()).events[0]!.sequence).toBe(0);
    // A new title is.
    changed = await client.patch(`/api/meetings/${meetingId}`, { title: 'Meridian: freeze and repatriation' });
    expect(changed.body.sequence).toBe(1);
    expect(changed.body.participants.find((p: { person: { id: string } }) => p.person.id === lima.id).rsvp).toBe('accepted');
    // A new time too, and it asks everyone again.
    changed = await client.patch(`/api/meetings/${meetingId}`, { startsAt: '2030-10-29T08:00:00.000Z', endsAt: '2030-10-29T09:30:00.000Z' });
    expect(changed.body.sequence).toBe(2);
    expect(changed.body.participants.filter((p: { role: string }) => p.role === 'participant').map((p: { rsvp: string }) => p.rsvp)).toEqual(['pending', 'pending', 'pending', 'pending']);
    const second = await download();
    expect(second.events[0]).toMatchObject({ uid, sequence: 2, start: '2030-10-29T08:00:00.000Z', end: '2030-10-29T09:30:00.000Z', summary: 'Meridian: freeze and repatriation' });
    // Nothing changed: nothing recorded.
    expect((await client.patch(`/api/meetings/${meetingId}`, { title: 'Meridian: freeze and repatriation' })).body.sequence).toBe(2);
    expect((await client.patch(`/api/meetings/${meetingId}`, { endsAt: '2030-10-29T07:00:00.000Z' })).body.error).toMatchObject({ code: 'validation_failed', fields: { endsAt: 'before_start' } });
    expect((await client.patch(`/api/meetings/${meetingId}`, { mode: 'in_person' })).body.error).toMatchObject({ code: 'validation_failed', fields: { address: 'required' } });
    expect((await client.patch(`/api/meetings/${meetingId}`, { videoUrl: 'javascript:alert(1)' })).body.error).toMatchObject({ code: 'validation_failed', fields: { videoUrl: 'invalid' } });

    // Each participant had one email per revision; older queued ones were superseded by the latest.
    expect(await deliverMeetingInvitations(ctx, mailer)).toEqual({ sent: 5, failed: 0 });
    const update = relay.to(lima.email).at(-1)!;
    expect(update.subject).toBe('Focal: se modificó una reunión');
    expect(readCalendar(update.ics).events[0]).toMatchObject({ uid, sequence: 2, start: '2030-10-29T08:00:00.000Z' });
    const superseded = await ctx.db.selectFrom('meeting_mail_outbox').select('last_error').where('meeting_id', '=', meetingId).where('last_error', '=', 'superseded').execute();
    expect(superseded).toHaveLength(5);
  });

  it('files agenda items with owners and papers, keeps minutes and action items, and reminds before the due date', async () => {
    const organiser = await as(paris);
    const limaClient = await as(lima);
    let detail = (await organiser.post(`/api/meetings/${meetingId}/agenda`, { title: 'Status of the Lima freezing order', notes: 'Ten minutes', ownerId: lima.id, durationMinutes: 10 })).body;
    detail = (await organiser.post(`/api/meetings/${meetingId}/agenda`, { title: 'Next steps', ownerId: null })).body;
    expect(detail.agenda.map((a: { title: string; position: number; owner: { id: string } | null }) => [a.position, a.title, a.owner?.id ?? null])).toEqual([
      [0, 'Status of the Lima freezing order', lima.id],
      [1, 'Next steps', null],
    ]);
    expect((await organiser.post(`/api/meetings/${meetingId}/agenda`, { title: 'By an outsider', ownerId: nigeria.id })).body.error).toMatchObject({ code: 'validation_failed', fields: { ownerId: 'not_participant' } });
    expect((await limaClient.post(`/api/meetings/${meetingId}/agenda`, { title: 'Not mine to add' })).status).toBe(404);
    const moved = await organiser.patch(`/api/meetings/${meetingId}/agenda/${detail.agenda[1].id}`, { position: 0 });
    expect(moved.body.agenda.map((a: { title: string }) => a.title)).toEqual(['Next steps', 'Status of the Lima freezing order']);
    const limaItem = moved.body.agenda[1].id as string;

    // Lima, owner of the item, files the order; Kuala Lumpur downloads it; the file is sealed on disk.
    const paper = Buffer.from('%PDF-1.4\nOrden de congelamiento 2030/117 — Meridian\n%%EOF\n');
    const uploaded = await limaClient.upload(`/api/meetings/${meetingId}/documents?name=${encodeURIComponent('orden de congelamiento.pdf')}&agendaItemId=${limaItem}`, paper);
    expect(uploaded.status, uploaded.text).toBe(200);
    const document = uploaded.body.documents[0];
    expect(document).toMatchObject({ agendaItemId: limaItem, name: 'orden de congelamiento.pdf', contentType: 'application/pdf', size: paper.length, sha256: crypto.createHash('sha256').update(paper).digest('hex'), uploadedBy: { id: lima.id } });
    const downloaded = await (await as(kualaLumpur)).get(`/api/meetings/${meetingId}/documents/${document.id}`);
    expect(downloaded.raw.equals(paper)).toBe(true);
    expect(String(downloaded.headers['content-disposition'])).toContain('orden');
    expect((await (await as(nigeria)).get(`/api/meetings/${meetingId}/documents/${document.id}`)).status).toBe(404);
    const blobs = fs.readdirSync(path.join(ctx.config.dataDir, 'blobs'), { recursive: true }) as string[];
    for (const file of blobs) {
      const full = path.join(ctx.config.dataDir, 'blobs', file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(Buffer.from('Meridian'))).toBe(false);
    }
    const custody = await ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).where('target_id', '=', meetingId).where('action', 'in', ['meeting.document_uploaded', 'meeting.document_downloaded']).orderBy('id').execute();
    expect(custody).toEqual([
      { action: 'meeting.document_uploaded', actor_id: lima.id },
      { action: 'meeting.document_downloaded', actor_id: kualaLumpur.id },
    ]);

    // Only the uploader or the organiser removes a paper; its file and key go with it.
    expect((await (await as(kualaLumpur)).delete(`/api/meetings/${meetingId}/documents/${document.id}`)).status).toBe(404);
    const blobId = (await ctx.db.selectFrom('meeting_documents').select('blob_id').where('id', '=', document.id).executeTakeFirstOrThrow()).blob_id;
    const removedPaper = await limaClient.delete(`/api/meetings/${meetingId}/documents/${document.id}`);
    expect(removedPaper.status, removedPaper.text).toBe(200);
    expect(removedPaper.body.documents).toEqual([]);
    expect((await (await as(kualaLumpur)).get(`/api/meetings/${meetingId}/documents/${document.id}`)).status).toBe(404);
    expect(await ctx.db.selectFrom('blobs').select('id').where('id', '=', blobId).execute()).toEqual([]);
    // The organiser takes an item off the agenda.
    const shorter = await organiser.delete(`/api/meetings/${meetingId}/agenda/${moved.body.agenda[0].id}`);
    expect(shorter.body.agenda.map((a: { title: string }) => a.title)).toEqual(['Status of the Lima freezing order']);

    // Minutes: the organiser writes them; no one else.
    expect((await limaClient.put(`/api/meetings/${meetingId}/minutes`, { text: 'Not mine' })).status).toBe(404);
    const minutes = await organiser.put(`/api/meetings/${meetingId}/minutes`, { text: 'Peru confirmed the freeze of USD 2.4 million. Kenya will trace the onward transfers.' });
    expect(minutes.body.minutes).toMatchObject({ text: expect.stringContaining('USD 2.4 million'), updatedBy: { id: paris.id } });
    const stored = await ctx.db.selectFrom('meetings').select('minutes').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.minutes)).not.toContain('2.4 million');
    expect((await (await as(nairobi)).get(`/api/meetings/${meetingId}`)).body.minutes.text).toContain('Kenya will trace');

    // An action item for Nairobi, due on 5 November 2030.
    const created = await organiser.post(`/api/meetings/${meetingId}/actions`, { title: 'Trace the onward transfers from the Nairobi account', ownerId: nairobi.id, dueOn: '2030-11-05' });
    expect(created.status, created.text).toBe(200);
    const action = created.body.actions[0];
    expect(action).toMatchObject({ title: 'Trace the onward transfers from the Nairobi account', owner: { id: nairobi.id }, dueOn: '2030-11-05', status: 'open', overdue: false, remindedAt: null, canUpdate: true });
    expect((await organiser.post(`/api/meetings/${meetingId}/actions`, { title: 'x', ownerId: nigeria.id, dueOn: '2030-11-05' })).body.error.fields).toEqual({ ownerId: 'not_participant' });
    const nairobiClient = await as(nairobi);
    expect((await nairobiClient.get(`/api/meetings/${meetingId}`)).body.actions[0].canUpdate).toBe(true);
    expect((await limaClient.get(`/api/meetings/${meetingId}`)).body.actions[0].canUpdate).toBe(false);
    // The owner reports progress but does not rewrite the item; others do neither.
    expect((await nairobiClient.patch(`/api/meetings/${meetingId}/actions/${action.id}`, { status: 'in_progress' })).body.actions[0].status).toBe('in_progress');
    expect((await nairobiClient.patch(`/api/meetings/${meetingId}/actions/${action.id}`, { title: 'Something else' })).status).toBe(404);
    expect((await limaClient.patch(`/api/meetings/${meetingId}/actions/${action.id}`, { status: 'done' })).status).toBe(404);
    const mine = (await nairobiClient.get('/api/meetings/actions')).body.items;
    expect(mine).toEqual([expect.objectContaining({ id: action.id, meetingId, meetingTitle: 'Meridian: freeze and repatriation', status: 'in_progress' })]);
    const notice = (await nairobiClient.get('/api/meetings/notices')).body.items.find((n: { kind: string }) => n.kind === 'action_assigned');
    expect(notice).toMatchObject({ meetingId, actionId: action.id });

    // The reminder: two days before 5 November begins in Nairobi (UTC+3) — 3 November 00:00 EAT.
    const before = new Date('2030-11-02T20:59:00Z');
    const at = new Date('2030-11-02T21:00:00Z');
    expect(await sendActionReminders(ctx, before)).toBe(0);
    expect(await sendActionReminders(ctx, at)).toBe(1);
    expect(await sendActionReminders(ctx, new Date(at.getTime() + HOUR))).toBe(0);
    const reminded = (await nairobiClient.get(`/api/meetings/${meetingId}`)).body.actions[0];
    expect(reminded.remindedAt).toBe(at.toISOString());
    expect((await nairobiClient.get('/api/meetings/notices')).body.items[0]).toMatchObject({ kind: 'action_due', actionId: action.id });
    // The email notice says an action item is due, and nothing of which.
    await deliverPendingNotices(ctx, mailer);
    const email = relay.to(nairobi.email).find((mail) => mail.subject === 'Focal: an action item is due soon');
    expect(email?.text).toBe(
      'An action item from a meeting in Focal is due soon.\n\nSign in to read it:\nhttp://focal.test/meetings\n\nThis notice is sent automatically. For security, it never says what the action item is.\n',
    );
    for (const secret of ['Trace', 'Nairobi account', 'Meridian', '2030-11-05']) expect(email!.raw).not.toContain(secret);
    // A new due date earns a new reminder; a finished item none.
    await organiser.patch(`/api/meetings/${meetingId}/actions/${action.id}`, { dueOn: '2030-11-20' });
    expect(await sendActionReminders(ctx, at)).toBe(0);
    await nairobiClient.patch(`/api/meetings/${meetingId}/actions/${action.id}`, { status: 'done' });
    expect(await sendActionReminders(ctx, new Date('2030-11-19T00:00:00Z'))).toBe(0);
    expect((await nairobiClient.get('/api/meetings/actions')).body.items).toEqual([]);
  });

  it('reminds across a change of clocks on the owner’s own wall clock', async () => {
    const organiser = await as(paris);
    // Due Monday 30 March 2026 in Paris; two days before begins Saturday 28 March 00:00 CET = 27 March 23:00 UTC.
    const created = await organiser.post(`/api/meetings/${meetingId}/actions`, { title: 'Send the bank records', ownerId: paris.id, dueOn: '2026-03-30' });
    expect(created.status).toBe(200);
    expect(await sendActionReminders(ctx, new Date('2026-03-27T22:59:00Z'))).toBe(0);
    expect(await sendActionReminders(ctx, new Date('2026-03-27T23:00:00Z'))).toBe(1);
    const item = (await organiser.get(`/api/meetings/${meetingId}`)).body.actions.find((a: { title: string }) => a.title === 'Send the bank records');
    expect(item).toMatchObject({ remindedAt: '2026-03-27T23:00:00.000Z', overdue: true });
    await organiser.patch(`/api/meetings/${meetingId}/actions/${item.id}`, { status: 'cancelled' });
  });

  it('gives each person their whole calendar, by session or through a personal feed they can revoke', async () => {
    const calendar = await (await as(lima)).get('/api/meetings/calendar.ics');
    expect(calendar.status).toBe(200);
    const parsed = readCalendar(calendar.text);
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.events.map((e) => e.uid)).toContain(uid);
    // The feed holds no roster.
    expect(parsed.events.find((e) => e.uid === uid)!.attendees).toEqual([]);
    // Someone who declined does not get it in their calendar.
    await (await as(nairobi2)).post(`/api/meetings/${meetingId}/rsvp`, { response: 'declined' });
    expect(readCalendar((await (await as(nairobi2)).get('/api/meetings/calendar.ics')).text).events.map((e) => e.uid)).not.toContain(uid);

    const client = await as(lima);
    expect((await client.get('/api/meetings/feed')).body).toEqual({ active: false, createdAt: null, lastUsedAt: null });
    const created = await client.post('/api/meetings/feed');
    const feedUrl = new URL(created.body.url as string);
    expect(feedUrl.pathname).toMatch(/^\/api\/meetings\/feed\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
    const anonymous = new TestClient(app);
    const feed = await anonymous.get(feedUrl.pathname);
    expect(feed.status).toBe(200);
    expect(readCalendar(feed.text).events.map((e) => e.uid)).toContain(uid);
    expect((await client.get('/api/meetings/feed')).body).toMatchObject({ active: true, lastUsedAt: expect.any(String) });
    expect(await ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'meeting.calendar_read').where('actor_id', '=', lima.id).execute()).toContainEqual({ details: { meetings: 1, via: 'feed' } });
    // Only its hash is stored.
    const stored = await ctx.db.selectFrom('calendar_feeds').select('token_hash').where('user_id', '=', lima.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(feedUrl.pathname.split('/')[4]!);
    // A new address replaces the old; revoking ends it; a guessed one is unknown.
    const rotated = new URL((await client.post('/api/meetings/feed')).body.url as string);
    expect((await anonymous.get(feedUrl.pathname)).status).toBe(404);
    expect((await anonymous.get(rotated.pathname)).status).toBe(200);
    await client.delete('/api/meetings/feed');
    expect((await anonymous.get(rotated.pathname)).status).toBe(404);
    expect((await anonymous.get(`/api/meetings/feed/${'A'.repeat(43)}/calendar.ics`)).status).toBe(404);
  });

  it('takes someone off the meeting with a CANCEL to them, then cancels it for everyone with a higher SEQUENCE', async () => {
    const client = await as(paris);
    await deliverMeetingInvitations(ctx, mailer);
    const removed = await client.delete(`/api/meetings/${meetingId}/invitees/${nairobi2.id}`);
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.sequence).toBe(3);
    expect((await (await as(nairobi2)).get(`/api/meetings/${meetingId}`)).status).toBe(404);
    expect(await deliverMeetingInvitations(ctx, mailer)).toEqual({ sent: 1, failed: 0 });
    const cancelMail = relay.to(nairobi2.email).at(-1)!;
    expect(cancelMail.subject).toBe('Focal: a meeting was cancelled');
    expect(cancelMail.calendarType).toContain('method=CANCEL');
    expect(readCalendar(cancelMail.ics)).toMatchObject({ method: 'CANCEL', events: [expect.objectContaining({ uid, sequence: 3, status: 'CANCELLED' })] });
    expect((await client.delete(`/api/meetings/${meetingId}/invitees/${paris.id}`)).status).toBe(409);

    // Adding someone later sends them the meeting as it stands.
    const added = await client.post(`/api/meetings/${meetingId}/invitees`, { users: [nairobi2.id] });
    expect(added.body.participants.find((p: { person: { id: string } }) => p.person.id === nairobi2.id)).toMatchObject({ rsvp: 'pending', invitedVia: null });
    expect(await deliverMeetingInvitations(ctx, mailer)).toEqual({ sent: 1, failed: 0 });
    expect(readCalendar(relay.to(nairobi2.email).at(-1)!.ics).events[0]).toMatchObject({ uid, sequence: 3, status: 'CONFIRMED' });

    const cancelled = await client.post(`/api/meetings/${meetingId}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 4, can: { edit: false, writeMinutes: false } });
    const ics = readCalendar((await (await as(lima)).get(`/api/meetings/${meetingId}/calendar.ics`)).text);
    expect(ics).toMatchObject({ method: 'CANCEL', events: [expect.objectContaining({ uid, sequence: 4, status: 'CANCELLED' })] });
    expect(await deliverMeetingInvitations(ctx, mailer)).toEqual({ sent: 5, failed: 0 });
    for (const user of [paris, lima, nairobi, nairobi2, kualaLumpur]) {
      expect(readCalendar(relay.to(user.email).at(-1)!.ics)).toMatchObject({ method: 'CANCEL', events: [expect.objectContaining({ uid, sequence: 4 })] });
    }
    // A cancelled meeting no longer changes, and no longer takes answers.
    expect((await client.patch(`/api/meetings/${meetingId}`, { title: 'Again' })).body.error.code).toBe('meeting_cancelled');
    expect((await (await as(lima)).post(`/api/meetings/${meetingId}/rsvp`, { response: 'accepted' })).body.error.code).toBe('meeting_cancelled');
    expect((await (await as(lima)).get('/api/meetings/counts')).body.pendingInvitations).toBe(0);
  });
});

describe('a meeting about a case', () => {
  it('invites only members of the case, and follows the case’s access rules', async () => {
    const lead = await as(paris);
    const opened = await lead.post('/api/cases', { title: 'Embezzlement at the port authority', countries: [{ country: 'CH', role: 'asset_location' }] });
    expect(opened.status, opened.text).toBe(200);
    const caseId = opened.body.case.id as string;
    expect((await lead.post(`/api/cases/${caseId}/members`, { userId: swiss.id })).status).toBe(200);

    // Someone outside the case cannot be invited, by name or through their country.
    const refused = await lead.post('/api/meetings', { title: 'Port authority: next steps', mode: 'in_person', address: 'Place Vendôme 13, Paris', startsAt: '2030-11-04T09:00:00Z', endsAt: '2030-11-04T10:00:00Z', caseId, invitees: { users: [swiss.id, lima.id] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invitee_not_allowed', fields: { users: lima.id } });
    expect((await lead.post('/api/meetings', { title: 'Port authority', mode: 'in_person', address: 'Paris', startsAt: '2030-11-04T09:00:00Z', endsAt: '2030-11-04T10:00:00Z', caseId, invitees: { countries: ['KE'] } })).body.error).toMatchObject({
      code: 'invitee_not_allowed',
      fields: { countries: 'KE' },
    });
    // Switzerland's focal points who are members: Sophie, not Lukas.
    const meeting = await organise(lead, { mode: 'in_person', address: 'Place Vendôme 13, Paris', videoUrl: '', startsAt: '2030-11-04T09:00:00Z', endsAt: '2030-11-04T10:00:00Z', caseId, invitees: { countries: ['CH'] } });
    expect(meeting.participants.map((p) => p.person.id)).toEqual([paris.id, swiss.id]);
    expect((meeting as unknown as { caseReference: string }).caseReference).toBe(opened.body.case.reference);
    const invitable = (await lead.get(`/api/meetings/invitable?caseId=${caseId}`)).body.items.map((p: { id: string }) => p.id);
    expect(invitable).toEqual([swiss.id]);
    expect((await lead.get(`/api/meetings/invitable?q=rochat`)).body.items.map((p: { id: string }) => p.id)).toEqual([swiss.id]);

    // Only members organise for the case; the secretariat never reads it.
    expect((await (await as(lima)).post('/api/meetings', { title: 'Not my case', mode: 'video', videoUrl: 'https://v.example.org', startsAt: '2030-11-04T09:00:00Z', endsAt: '2030-11-04T10:00:00Z', caseId })).status).toBe(404);
    expect((await (await as(swiss2)).post('/api/meetings/slots', { caseId, invitees: {}, durationMinutes: 30, fromDate: '2030-11-04', days: 1 })).status).toBe(404);
    expect((await (await as(secretariat)).get(`/api/meetings/invitable?caseId=${caseId}`)).status).toBe(404);
    await ctx.db.insertInto('meeting_participants').values({ meeting_id: meeting.id, user_id: secretariat.id, country: 'FR', role: 'participant', invited_via: null, added_at: new Date() }).execute();
    expect((await (await as(secretariat)).get(`/api/meetings/${meeting.id}`)).status).toBe(404);
    expect((await (await as(secretariat)).get('/api/meetings')).body.items.map((m: { id: string }) => m.id)).not.toContain(meeting.id);

    const swissClient = await as(swiss);
    expect((await swissClient.get(`/api/meetings/${meeting.id}`)).status).toBe(200);
    expect((await swissClient.get(`/api/meetings?caseId=${caseId}`)).body.items.map((m: { id: string }) => m.id)).toEqual([meeting.id]);
    // Leaving the case ends access to its meetings, its calendar entry and its notices.
    expect((await lead.delete(`/api/cases/${caseId}/members/${swiss.id}`)).status).toBe(204);
    expect((await swissClient.get(`/api/meetings/${meeting.id}`)).status).toBe(404);
    expect((await swissClient.get('/api/meetings')).body.items.map((m: { id: string }) => m.id)).not.toContain(meeting.id);
    expect((await swissClient.get('/api/meetings/counts')).body).toMatchObject({ pendingInvitations: 0, unreadNotices: 0 });
    expect(readCalendar((await swissClient.get('/api/meetings/calendar.ics')).text).events).toEqual([]);
    expect((await swissClient.post(`/api/meetings/${meeting.id}/rsvp`, { response: 'accepted' })).status).toBe(404);
  });
});

describe('checks on what is organised', () => {
  it('needs an address in person, a web link for video, a time that ends after it starts and a known zone', async () => {
    const client = await as(paris);
    const base = { title: 'Check', startsAt: '2030-11-04T09:00:00Z', endsAt: '2030-11-04T10:00:00Z' };
    expect((await client.post('/api/meetings', { ...base, mode: 'in_person' })).body.error).toMatchObject({ code: 'validation_failed', fields: { address: 'required' } });
    expect((await client.post('/api/meetings', { ...base, mode: 'video' })).body.error).toMatchObject({ code: 'validation_failed', fields: { videoUrl: 'required' } });
    expect((await client.post('/api/meetings', { ...base, mode: 'video', videoUrl: 'ftp://x.example.org' })).body.error.fields).toEqual({ videoUrl: 'invalid' });
    expect((await client.post('/api/meetings', { ...base, mode: 'video', videoUrl: 'https://v.example.org', endsAt: '2030-11-20T10:00:00Z' })).body.error.fields).toEqual({ endsAt: 'too_long' });
    expect((await client.post('/api/meetings', { ...base, mode: 'video', videoUrl: 'https://v.example.org', timeZone: 'Mars/Olympus' })).body.error.fields).toEqual({ timeZone: 'unknown' });
    expect((await client.post('/api/meetings', { ...base, mode: 'hybrid' })).status).toBe(400);
    // Observers and trainers do not organise.
    const observer = await buildUser(ctx, { country: 'CH', roles: ['observer'] });
    expect((await (await as(observer)).post('/api/meetings', { ...base, mode: 'video', videoUrl: 'https://v.example.org' })).status).toBe(404);
    // The secretariat convenes meetings about no case.
    const network = await organise(await as(secretariat), { ...base, invitees: { users: [paris.id] } });
    expect(network.participants).toHaveLength(2);
  });
});
