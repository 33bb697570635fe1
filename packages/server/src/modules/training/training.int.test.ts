import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCertificateCode, type TNomination, type TWorkshopDetail } from '@focal/shared';
import { createTestContext, type TestContext } from '../../test/context.js';
import { buildUser, type BuiltUser } from '../../test/factories.js';
import { TestClient, createTestApp } from '../../test/client.js';
import { pdfText } from '../../test/pdf.js';
import type { App } from '../../http.js';
import { redactUrl } from '../../logging.js';
import { composeNotice } from '../../notify/outbox.js';
import { VERIFY_PER_MINUTE } from './routes.js';

let ctx: TestContext;
let app: App;
const users: Record<string, BuiltUser> = {};
const clients: Record<string, TestClient> = {};

/** A calendar day relative to today (UTC). */
const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function as(key: string): Promise<TestClient> {
  clients[key] ??= await new TestClient(app).actAs(ctx, users[key]!);
  return clients[key]!;
}

beforeAll(async () => {
  // A relay is configured (never reached: nothing sends in these tests), so email notices are queued.
  ctx = await createTestContext({ FOCAL_SMTP_URL: 'smtp://relay.invalid:2525' });
  app = await createTestApp(ctx);
  const people: [string, Parameters<typeof buildUser>[1]][] = [
    ['secretariat', { country: 'CH', roles: ['secretariat'], name: 'Claire Moreau' }],
    ['trainer', { country: 'AT', roles: ['trainer'], name: 'Anna Berger' }],
    ['egAdmin', { country: 'EG', roles: ['national_admin'], name: 'منى عبد الرحمن', nameLatin: 'Mona Abdelrahman' }],
    ['eg1', { country: 'EG', roles: ['focal_point'], name: 'كريم الشناوي', nameLatin: 'Karim El-Shenawy' }],
    ['eg2', { country: 'EG', roles: ['focal_point'], name: 'سلمى عبد الله', nameLatin: 'Salma Abdallah' }],
    ['eg3', { country: 'EG', roles: ['focal_point'], name: 'يوسف حسن', nameLatin: 'Youssef Hassan' }],
    ['frAdmin', { country: 'FR', roles: ['national_admin'], name: 'Julien Lefèvre' }],
    ['fr1', { country: 'FR', roles: ['focal_point'], name: 'Amélie Durand' }],
    ['fr2', { country: 'FR', roles: ['focal_point'], name: 'Paul Martin' }],
    ['uaAdmin', { country: 'UA', roles: ['national_admin'], name: 'Оксана Коваленко', nameLatin: 'Oksana Kovalenko' }],
    ['ua1', { country: 'UA', roles: ['focal_point'], name: 'Дмитро Бондаренко', nameLatin: 'Dmytro Bondarenko' }],
    ['ua2', { country: 'UA', roles: ['focal_point'], name: 'Ірина Шевченко', nameLatin: 'Iryna Shevchenko' }],
    ['peAdmin', { country: 'PE', roles: ['national_admin'], name: 'Mariana Quispe' }],
    ['observer', { country: 'AT', roles: ['observer'], name: 'Lena Observer' }],
  ];
  for (const [key, options] of people) users[key] = await buildUser(ctx, options);
});
afterAll(async () => {
  await app?.close();
  await ctx?.cleanup();
});

async function createWorkshop(overrides: Record<string, unknown> = {}): Promise<TWorkshopDetail> {
  const client = await as('secretariat');
  const response = await client.post('/api/training/workshops', {
    title: 'Tracing the proceeds of corruption',
    region: null,
    hostCountry: 'JO',
    mode: 'in_person',
    venue: 'Amman',
    startsOn: day(0),
    endsOn: day(0),
    languages: ['ar', 'en'],
    capacity: 4,
    nominationDeadline: day(0),
    ...overrides,
  });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

const byName = (detail: TWorkshopDetail, key: string): TNomination => {
  const found = detail.nominations.find((n) => n.person.id === users[key]!.id);
  if (!found) throw new Error(`no nomination of ${key}`);
  return found;
};

const auditOf = (action: string) => ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();

describe('the catalogue', () => {
  let moduleId = '';
  it('is curated by the secretariat and read by everyone', async () => {
    const created = await (await as('secretariat')).post('/api/training/modules', { title: 'Asset tracing', objectives: 'Follow mixed funds.', durationHours: 7.5 });
    expect(created.status, created.text).toBe(200);
    expect(created.body).toMatchObject({ title: 'Asset tracing', durationMinutes: 450, archived: false, canEdit: true });
    moduleId = created.body.id;

    const refused = await (await as('eg1')).post('/api/training/modules', { title: 'Open sources', durationHours: 2 });
    expect(refused.status).toBe(404);
    const again = await (await as('secretariat')).post('/api/training/modules', { title: 'asset TRACING', durationHours: 2 });
    expect(again.status).toBe(409);

    const listed = await (await as('observer')).get('/api/training/modules');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((m: { title: string }) => m.title)).toContain('Asset tracing');
    expect(listed.body.items[0].canEdit).toBe(false);
  });

  it('keeps material in the encrypted store; downloads are audited', async () => {
    const content = Buffer.from('# Reading guide\n\nThe lowest intermediate balance rule, step by step.\n', 'utf8');
    const uploaded = await (await as('secretariat')).upload(`/api/training/modules/${moduleId}/materials?name=${encodeURIComponent('guide LIBR.md')}`, content);
    expect(uploaded.status, uploaded.text).toBe(200);
    const material = uploaded.body.materials[0];
    expect(material).toMatchObject({ name: 'guide LIBR.md', size: content.length });
    // Nothing of the file is on disk in clear.
    const blob = await ctx.db.selectFrom('training_materials').select('blob_id').where('id', '=', material.id).executeTakeFirstOrThrow();
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const onDisk = readFileSync(join(ctx.config.dataDir, 'blobs', blob.blob_id.slice(0, 2), blob.blob_id));
    expect(onDisk.includes(Buffer.from('intermediate balance'))).toBe(false);

    const refused = await (await as('fr1')).upload(`/api/training/modules/${moduleId}/materials?name=x.txt`, Buffer.from('x'));
    expect(refused.status).toBe(404);

    const downloaded = await (await as('fr1')).get(`/api/training/modules/${moduleId}/materials/${material.id}`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.raw.equals(content)).toBe(true);
    expect(String(downloaded.headers['content-disposition'])).toMatch(/^attachment/);
    const audited = await auditOf('training.material_downloaded');
    expect(audited.at(-1)).toMatchObject({ actor_id: users.fr1!.id, target_id: moduleId });

    const removed = await (await as('secretariat')).delete(`/api/training/modules/${moduleId}/materials/${material.id}`);
    expect(removed.status).toBe(204);
    expect((await (await as('fr1')).get(`/api/training/modules/${moduleId}/materials/${material.id}`)).status).toBe(404);
  });
});

describe('who sees and organises workshops', () => {
  it('lets the secretariat and trainers organise, and nobody else', async () => {
    const byTrainer = await (await as('trainer')).post('/api/training/workshops', {
      title: 'Crypto-assets for investigators',
      region: 'europe',
      hostCountry: 'AT',
      mode: 'online',
      startsOn: day(30),
      endsOn: day(31),
      languages: ['en'],
      capacity: 10,
      nominationDeadline: day(20),
    });
    expect(byTrainer.status, byTrainer.text).toBe(200);
    expect(byTrainer.body.sessions).toHaveLength(2);
    const byOfficer = await (await as('frAdmin')).post('/api/training/workshops', { title: 'x', region: null, hostCountry: 'FR', mode: 'online', startsOn: day(3), endsOn: day(3), languages: ['fr'], capacity: 3, nominationDeadline: day(1) });
    expect(byOfficer.status).toBe(404);
    const badDeadline = await (await as('secretariat')).post('/api/training/workshops', { title: 'x', region: null, hostCountry: 'FR', mode: 'online', startsOn: day(3), endsOn: day(3), languages: ['fr'], capacity: 3, nominationDeadline: day(4) });
    expect(badDeadline.status).toBe(400);
    expect(badDeadline.body.error.fields).toHaveProperty('nominationDeadline');
  });

  it('shows a regional workshop to officers of that region only', async () => {
    const mena = await createWorkshop({ title: 'Regional workshop for MENA', region: 'mena', startsOn: day(10), endsOn: day(11), nominationDeadline: day(5) });
    const seen = await (await as('eg1')).get('/api/training/workshops');
    expect(seen.body.items.map((w: { id: string }) => w.id)).toContain(mena.id);
    const notSeen = await (await as('fr1')).get('/api/training/workshops');
    expect(notSeen.body.items.map((w: { id: string }) => w.id)).not.toContain(mena.id);
    expect((await (await as('fr1')).get(`/api/training/workshops/${mena.id}`)).status).toBe(404);
    // France's admin cannot nominate to it either: the same 404.
    const nominated = await (await as('frAdmin')).post(`/api/training/workshops/${mena.id}/nominations`, { userIds: [users.fr1!.id] });
    expect(nominated.status).toBe(404);
    // An observer sees only what they take part in.
    expect((await (await as('observer')).get(`/api/training/workshops/${mena.id}`)).status).toBe(404);
    const withObserver = await (await as('secretariat')).patch(`/api/training/workshops/${mena.id}`, { trainerIds: [users.observer!.id] });
    expect(withObserver.status, withObserver.text).toBe(200);
    expect((await (await as('observer')).get(`/api/training/workshops/${mena.id}`)).status).toBe(200);
  });
});

describe('calling a workshop off', () => {
  it('is for whoever manages it, tells the nominees, and freezes the workshop', async () => {
    const workshop = await createWorkshop({ title: 'Called off', startsOn: day(20), endsOn: day(20), nominationDeadline: day(10) });
    await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg2!.id] });
    expect((await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/cancel`, { reason: 'No' })).status).toBe(404);
    expect((await (await as('trainer')).post(`/api/training/workshops/${workshop.id}/cancel`, { reason: 'No' })).status).toBe(404);
    expect((await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/cancel`, { reason: ' ' })).status).toBe(400);
    const cancelled = await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/cancel`, { reason: 'Venue unavailable' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', nominationsOpen: false, abilities: { nominate: false, cancel: false, edit: false } });
    const notice = await (await as('eg2')).get('/api/training/me');
    expect(notice.body.notices[0]).toMatchObject({ kind: 'workshop_cancelled', workshopId: workshop.id });
    const late = await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg3!.id] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('workshop_cancelled');
    expect((await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/allocate`, {})).body.error.code).toBe('workshop_cancelled');
    expect((await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/cancel`, { reason: 'again' })).status).toBe(409);
    expect((await auditOf('training.workshop_cancelled')).at(-1)).toMatchObject({ target_id: workshop.id, details: { reason: 'Venue unavailable', nominees: 1 } });
  });
});

describe('nominations', () => {
  let workshop: TWorkshopDetail;
  beforeAll(async () => {
    workshop = await createWorkshop({ title: 'Mutual legal assistance in practice', startsOn: day(14), endsOn: day(15), nominationDeadline: day(7), capacity: 10 });
  });

  it('are made by national admins, for officers of their own country only', async () => {
    const byFocalPoint = await (await as('eg1')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg1!.id] });
    expect(byFocalPoint.status).toBe(404);
    const foreign = await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg1!.id, users.fr1!.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 'nominee_not_allowed', fields: { userIds: users.fr1!.id } });
    const ok = await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg2!.id, users.eg1!.id] });
    expect(ok.status, ok.text).toBe(200);
    // The admin sees their country's nominations, in their order of priority, pending.
    expect(ok.body.nominations.map((n: TNomination) => [n.person.id, n.rank, n.status])).toEqual([
      [users.eg2!.id, 1, 'pending'],
      [users.eg1!.id, 2, 'pending'],
    ]);
    const twice = await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg1!.id] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_nominated');
    const audited = await auditOf('training.nominated');
    expect(audited.at(-1)).toMatchObject({ actor_id: users.egAdmin!.id, country: 'EG', target_id: workshop.id });
  });

  it('show each admin only their own country, and the nominee only themselves', async () => {
    await (await as('frAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.fr1!.id] });
    const fr = await (await as('frAdmin')).get(`/api/training/workshops/${workshop.id}`);
    expect(fr.body.nominations.map((n: TNomination) => n.person.country)).toEqual(['FR']);
    // Seats per country are shown to everyone: the split must be seen to be fair.
    expect(fr.body.seatsByCountry.map((s: { country: string }) => s.country)).toEqual(['EG', 'FR']);
    const me = await (await as('eg1')).get(`/api/training/workshops/${workshop.id}`);
    expect(me.body.nominations.map((n: TNomination) => n.person.id)).toEqual([users.eg1!.id]);
    expect(me.body.myStatus).toBe('pending');
    const organiser = await (await as('secretariat')).get(`/api/training/workshops/${workshop.id}`);
    expect(organiser.body.nominations).toHaveLength(3);
  });

  it('close at the end of the deadline day', async () => {
    const closed = await createWorkshop({ title: 'Closed for nominations', startsOn: day(0), endsOn: day(0), nominationDeadline: day(-2) });
    expect(closed.nominationsOpen).toBe(false);
    const late = await (await as('egAdmin')).post(`/api/training/workshops/${closed.id}/nominations`, { userIds: [users.eg3!.id] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('nomination_closed');
  });
});

describe('seats: quota per country, then the waiting list', () => {
  let workshop: TWorkshopDetail;
  let eg1Nomination = '';

  beforeAll(async () => {
    workshop = await createWorkshop({ title: 'Financial investigation', capacity: 4 });
    // Egypt nominates first (three officers), then France (two), then Ukraine (one).
    await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg1!.id, users.eg2!.id, users.eg3!.id] });
    await (await as('frAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.fr1!.id, users.fr2!.id] });
    await (await as('uaAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.ua1!.id] });
  });

  it('are confirmed by the organiser only', async () => {
    expect((await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/allocate`, {})).status).toBe(404);
    expect((await (await as('eg1')).post(`/api/training/workshops/${workshop.id}/allocate`, {})).status).toBe(404);
  });

  it('give each country up to ceil(capacity / countries), the rest waits in a fair order', async () => {
    const allocated = await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/allocate`, {});
    expect(allocated.status, allocated.text).toBe(200);
    const detail: TWorkshopDetail = allocated.body;
    expect(detail.quota).toBe(2);
    expect(detail.quotaSet).toBeNull();
    const status = (key: string) => [byName(detail, key).status, byName(detail, key).waitlistPosition];
    expect(status('eg1')).toEqual(['confirmed', null]);
    expect(status('eg2')).toEqual(['confirmed', null]);
    expect(status('fr1')).toEqual(['confirmed', null]);
    expect(status('ua1')).toEqual(['confirmed', null]);
    // France is below its quota, Egypt is not: France's second officer is first in line.
    expect(status('fr2')).toEqual(['waitlisted', 1]);
    expect(status('eg3')).toEqual(['waitlisted', 2]);
    eg1Nomination = byName(detail, 'eg1').id;
    const notices = await ctx.db.selectFrom('training_notices').select(['user_id', 'kind']).where('workshop_id', '=', workshop.id).execute();
    expect(notices.filter((n) => n.kind === 'seat_confirmed')).toHaveLength(4);
    expect(notices.filter((n) => n.kind === 'waitlisted').map((n) => n.user_id).sort()).toEqual([users.fr2!.id, users.eg3!.id].sort());
  });

  it('never lets the capacity fall below the seats confirmed', async () => {
    const smaller = await (await as('secretariat')).patch(`/api/training/workshops/${workshop.id}`, { capacity: 3 });
    expect(smaller.status).toBe(400);
    expect(smaller.body.error.code).toBe('capacity_below_seats');
  });

  it('move the waiting list up in the cancelling transaction, and tell the promoted person', async () => {
    // Ukraine withdraws its only officer: the seat goes to France, still below its quota.
    const ua1 = byName((await (await as('uaAdmin')).get(`/api/training/workshops/${workshop.id}`)).body, 'ua1');
    const cancelled = await (await as('uaAdmin')).post(`/api/training/workshops/${workshop.id}/nominations/${ua1.id}/cancel`, { reason: 'Operational duties' });
    expect(cancelled.status, cancelled.text).toBe(200);
    let detail: TWorkshopDetail = (await (await as('secretariat')).get(`/api/training/workshops/${workshop.id}`)).body;
    expect(byName(detail, 'ua1').status).toBe('cancelled');
    expect(byName(detail, 'fr2').status).toBe('confirmed');
    expect(byName(detail, 'eg3')).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const promoted = await ctx.db.selectFrom('training_notices').select('kind').where('workshop_id', '=', workshop.id).where('user_id', '=', users.fr2!.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(promoted.kind).toBe('promoted');
    // Also by email, which says only that there is news about their training.
    const mail = await ctx.db.selectFrom('notification_outbox').select('kind').where('user_id', '=', users.fr2!.id).execute();
    expect(mail.map((m) => m.kind)).toContain('training_update');
    const email = composeNotice('http://focal.test', 'fr', new Set(['training_update']));
    expect(email.subject).toBe('Focal : du nouveau sur votre formation');
    expect(email.text).toContain('http://focal.test/training/mine');
    expect(email.text).not.toContain(workshop.title);
    const mine = await (await as('fr2')).get('/api/training/me');
    expect(mine.body.notices[0]).toMatchObject({ kind: 'promoted', workshopId: workshop.id, read: false });
    expect((await (await as('fr2')).get('/api/training/notices/unread')).body.count).toBeGreaterThan(0);
    const audit = (await auditOf('training.nomination_cancelled')).at(-1)!;
    expect(audit.details).toMatchObject({ userId: users.ua1!.id, promoted: [byName(detail, 'fr2').id] });

    // A participant gives up their own seat: Egypt's third officer moves up.
    const own = await (await as('eg1')).post(`/api/training/workshops/${workshop.id}/nominations/${eg1Nomination}/cancel`, {});
    expect(own.status).toBe(200);
    detail = (await (await as('secretariat')).get(`/api/training/workshops/${workshop.id}`)).body;
    expect(byName(detail, 'eg3').status).toBe('confirmed');
    expect(detail.confirmed).toBe(4);
    expect(detail.waitlisted).toBe(0);
  });

  it('lets nobody else cancel, and places a late nomination at once', async () => {
    const fr1 = byName((await (await as('secretariat')).get(`/api/training/workshops/${workshop.id}`)).body, 'fr1');
    expect((await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations/${fr1.id}/cancel`, {})).status).toBe(404);
    expect((await (await as('eg2')).post(`/api/training/workshops/${workshop.id}/nominations/${fr1.id}/cancel`, {})).status).toBe(404);
    // Ukraine nominates again after the seats were confirmed: the workshop is full, so Ukraine waits, first in line.
    const late = await (await as('uaAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.ua2!.id] });
    expect(late.status, late.text).toBe(200);
    expect(byName(late.body, 'ua2')).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // A larger capacity seats them at once.
    const larger = await (await as('secretariat')).patch(`/api/training/workshops/${workshop.id}`, { capacity: 5 });
    expect(larger.status, larger.text).toBe(200);
    expect(byName(larger.body, 'ua2').status).toBe('confirmed');
  });
});

describe('attendance, evaluation and certificates', () => {
  let workshop: TWorkshopDetail;
  const nomination: Record<string, string> = {};
  let certificateId = '';
  let code = '';

  beforeAll(async () => {
    workshop = await createWorkshop({ title: 'Evidence for foreign courts', capacity: 3, moduleIds: [], trainerIds: [users.trainer!.id] });
    await (await as('egAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.eg1!.id, users.eg2!.id] });
    await (await as('uaAdmin')).post(`/api/training/workshops/${workshop.id}/nominations`, { userIds: [users.ua1!.id, users.ua2!.id] });
    const allocated = await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/allocate`, { quota: 1 });
    expect(allocated.status, allocated.text).toBe(200);
    workshop = allocated.body;
    for (const key of ['eg1', 'eg2', 'ua1', 'ua2']) nomination[key] = byName(workshop, key).id;
    // Quota 1, then the free third seat goes round again: Egypt nominated first.
    expect(workshop.nominations.filter((n) => n.status === 'confirmed').map((n) => n.person.id).sort()).toEqual([users.eg1!.id, users.eg2!.id, users.ua1!.id].sort());
    // A second session the same day: two sessions, both needed for the certificate.
    const added = await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/sessions`, { date: day(0), title: 'Afternoon: moot court' });
    expect(added.status, added.text).toBe(200);
    workshop = added.body;
    expect(workshop.sessions).toHaveLength(2);
    expect(workshop.attendanceRequired).toBe(2);
  });

  it('is recorded by the organiser and trainers, for confirmed participants, once a session has begun', async () => {
    const [morning, afternoon] = workshop.sessions;
    const byOfficer = await (await as('egAdmin')).put(`/api/training/workshops/${workshop.id}/sessions/${morning!.id}/attendance`, { entries: [{ nominationId: nomination.eg1, present: true }] });
    expect(byOfficer.status).toBe(404);
    const waiting = await (await as('secretariat')).put(`/api/training/workshops/${workshop.id}/sessions/${morning!.id}/attendance`, { entries: [{ nominationId: nomination.ua2, present: true }] });
    expect(waiting.status).toBe(400);
    const morningMarked = await (await as('trainer')).put(`/api/training/workshops/${workshop.id}/sessions/${morning!.id}/attendance`, {
      entries: [
        { nominationId: nomination.eg1, present: true },
        { nominationId: nomination.eg2, present: true },
        { nominationId: nomination.ua1, present: true },
      ],
    });
    expect(morningMarked.status, morningMarked.text).toBe(200);
    const afternoonMarked = await (await as('secretariat')).put(`/api/training/workshops/${workshop.id}/sessions/${afternoon!.id}/attendance`, {
      entries: [
        { nominationId: nomination.eg1, present: true },
        { nominationId: nomination.eg2, present: false },
        { nominationId: nomination.ua1, present: true },
      ],
    });
    expect(afternoonMarked.status).toBe(200);
    const detail: TWorkshopDetail = afternoonMarked.body;
    expect(byName(detail, 'eg1')).toMatchObject({ attended: 2, eligible: true });
    expect(byName(detail, 'eg2')).toMatchObject({ attended: 1, eligible: false });
    expect(detail.attendance).toHaveLength(6);

    const future = await createWorkshop({ title: 'Next month', startsOn: day(30), endsOn: day(30), nominationDeadline: day(20) });
    const early = await (await as('secretariat')).put(`/api/training/workshops/${future.id}/sessions/${future.sessions[0]!.id}/attendance`, { entries: [{ nominationId: nomination.eg1, present: true }] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('training_not_started');
    // Dates no longer move once attendance is recorded.
    const moved = await (await as('secretariat')).patch(`/api/training/workshops/${workshop.id}`, { endsOn: day(1) });
    expect(moved.status).toBe(400);
  });

  it('takes one questionnaire per participant, and shows the results to the organiser and trainers', async () => {
    const answer = (overall: number) => ({ ratings: { overall, relevance: 5, trainers: 4, materials: 3, organisation: overall }, useful: 'The moot court', improve: '' });
    expect((await (await as('eg1')).post(`/api/training/workshops/${workshop.id}/evaluation`, answer(5))).status).toBe(204);
    const again = await (await as('eg1')).post(`/api/training/workshops/${workshop.id}/evaluation`, answer(1));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('evaluation_already_submitted');
    expect((await (await as('ua1')).post(`/api/training/workshops/${workshop.id}/evaluation`, { ...answer(3), useful: '', improve: 'More time for questions' })).status).toBe(204);
    // Someone waiting for a seat has no questionnaire.
    expect((await (await as('ua2')).post(`/api/training/workshops/${workshop.id}/evaluation`, answer(4))).status).toBe(404);
    const invalid = await (await as('eg2')).post(`/api/training/workshops/${workshop.id}/evaluation`, { ratings: { overall: 6, relevance: 5, trainers: 4, materials: 3, organisation: 2 } });
    expect(invalid.status).toBe(400);

    expect((await (await as('eg1')).get(`/api/training/workshops/${workshop.id}/evaluation`)).status).toBe(404);
    const results = await (await as('trainer')).get(`/api/training/workshops/${workshop.id}/evaluation`);
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ responses: 2, participants: 3 });
    const overall = results.body.questions.find((q: { question: string }) => q.question === 'overall');
    expect(overall).toEqual({ question: 'overall', average: 4, counts: [0, 0, 1, 0, 1] });
    expect(results.body.comments).toEqual(
      expect.arrayContaining([
        { useful: 'The moot court', improve: '' },
        { useful: '', improve: 'More time for questions' },
      ]),
    );
    // Without names.
    expect(JSON.stringify(results.body)).not.toContain(users.eg1!.id);
  });

  it('issues certificates to those who attended enough, as PDFs with the name in its own script', async () => {
    expect((await (await as('trainer')).post(`/api/training/workshops/${workshop.id}/certificates`, {})).status).toBe(404);
    const issued = await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/certificates`, {});
    expect(issued.status, issued.text).toBe(200);
    expect(issued.body.issued).toBe(2);
    expect(issued.body.skipped).toEqual([{ nominationId: nomination.eg2, reason: 'not_eligible' }]);
    const again = await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/certificates`, { nominationIds: [nomination.eg1] });
    expect(again.body).toEqual({ issued: 0, skipped: [{ nominationId: nomination.eg1, reason: 'already_issued' }] });

    const mine = await (await as('eg1')).get('/api/training/me');
    const entry = mine.body.nominations.find((n: { workshop: { id: string } }) => n.workshop.id === workshop.id);
    expect(entry.certificate).toMatchObject({ revokedAt: null });
    certificateId = entry.certificate.id;
    code = entry.certificate.code;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(entry.certificate.verifyUrl).toBe(`http://focal.test/verify/${code}`);
    // Stored as a hash and sealed: the code itself is nowhere in the table.
    const row = await ctx.db.selectFrom('training_certificates').selectAll().where('id', '=', certificateId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code);

    const pdf = await (await as('eg1')).get(`/api/training/certificates/${certificateId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.raw);
    expect(text).toContain('كريم الشناوي');
    expect(text).toContain('Karim El-Shenawy');
    expect(text).toContain('Evidence for foreign courts');
    expect(text).toContain(formatCertificateCode(code));

    const uaMine = await (await as('ua1')).get('/api/training/me');
    const uaCertificate = uaMine.body.nominations.find((n: { workshop: { id: string } }) => n.workshop.id === workshop.id).certificate;
    const uaPdf = await (await as('ua1')).get(`/api/training/certificates/${uaCertificate.id}/pdf`);
    expect(await pdfText(uaPdf.raw)).toContain('Дмитро Бондаренко');

    // Another participant cannot read it; the organiser can; every download is audited.
    expect((await (await as('ua1')).get(`/api/training/certificates/${certificateId}/pdf`)).status).toBe(404);
    expect((await (await as('secretariat')).get(`/api/training/certificates/${certificateId}/pdf`)).status).toBe(200);
    const downloads = (await auditOf('training.certificate_downloaded')).filter((e) => e.target_id === certificateId);
    expect(downloads.map((e) => e.actor_id)).toEqual([users.eg1!.id, users.secretariat!.id]);
  });

  it('is verified on the public route with the name, workshop and dates, and nothing more', async () => {
    const anonymous = new TestClient(app);
    anonymous.ip = '198.51.100.20';
    const checked = await anonymous.get(`/api/public/certificates/${formatCertificateCode(code).toLowerCase()}`);
    expect(checked.status, checked.text).toBe(200);
    expect(checked.body).toEqual({
      status: 'valid',
      holderName: 'كريم الشناوي',
      holderNameLatin: 'Karim El-Shenawy',
      workshopTitle: 'Evidence for foreign courts',
      startsOn: day(0),
      endsOn: day(0),
      issuedOn: day(0),
      revokedOn: null,
    });
    const unknown = await anonymous.get('/api/public/certificates/7QKM-2X9D-H4TB-WN3C');
    expect(unknown.status).toBe(404);
    expect((await anonymous.get('/api/public/certificates/not-a-code')).status).toBe(404);
    const verified = (await auditOf('training.certificate_verified')).at(-1)!;
    expect(verified).toMatchObject({ actor_id: null, ip: '198.51.100.20', target_id: certificateId });
    // Request logs never carry a code.
    expect(redactUrl(`/api/public/certificates/${code}`)).toBe('/api/public/certificates/[redacted]');
    expect(redactUrl(`/verify/${code}?lang=fr`)).toBe('/verify/[redacted]?lang=fr');
  });

  it('says a revoked certificate was revoked', async () => {
    expect((await (await as('trainer')).post(`/api/training/certificates/${certificateId}/revoke`, { reason: 'Issued in error' })).status).toBe(404);
    expect((await (await as('eg1')).post(`/api/training/certificates/${certificateId}/revoke`, { reason: 'Issued in error' })).status).toBe(404);
    expect((await (await as('secretariat')).post(`/api/training/certificates/${certificateId}/revoke`, { reason: '' })).status).toBe(400);
    const revoked = await (await as('secretariat')).post(`/api/training/certificates/${certificateId}/revoke`, { reason: 'Attendance recorded in error' });
    expect(revoked.status).toBe(204);
    const twice = await (await as('secretariat')).post(`/api/training/certificates/${certificateId}/revoke`, { reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('certificate_revoked');

    const anonymous = new TestClient(app);
    anonymous.ip = '198.51.100.21';
    const checked = await anonymous.get(`/api/public/certificates/${code}`);
    expect(checked.body).toMatchObject({ status: 'revoked', revokedOn: day(0), holderName: 'كريم الشناوي' });
    expect(JSON.stringify(checked.body)).not.toContain('Attendance recorded in error');
    const audit = (await auditOf('training.certificate_revoked')).at(-1)!;
    expect(audit).toMatchObject({ actor_id: users.secretariat!.id, country: 'EG', details: { workshopId: workshop.id, reason: 'Attendance recorded in error' } });
    const notice = await (await as('eg1')).get('/api/training/me');
    expect(notice.body.notices[0]).toMatchObject({ kind: 'certificate_revoked' });
    // A new certificate can be issued after a revocation, with a new code.
    const reissued = await (await as('secretariat')).post(`/api/training/workshops/${workshop.id}/certificates`, { nominationIds: [nomination.eg1] });
    expect(reissued.body.issued).toBe(1);
  });

  it('limits verification per address', async () => {
    const client = new TestClient(app);
    client.ip = '198.51.100.99';
    const statuses: number[] = [];
    for (let i = 0; i < VERIFY_PER_MINUTE + 5; i++) statuses.push((await client.get('/api/public/certificates/0000-0000-0000-0000')).status);
    expect(statuses.slice(0, VERIFY_PER_MINUTE).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(VERIFY_PER_MINUTE)).toContain(429);
    // Another address is not affected.
    const other = new TestClient(app);
    other.ip = '198.51.100.100';
    expect((await other.get('/api/public/certificates/0000-0000-0000-0000')).status).toBe(404);
  });
});
